"""Policy parameters: dated rows, national by the national administrator, top-ups by the province."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ansinh.assistance import selectors
from ansinh.audit.models import AuditEvent
from ansinh.core import services
from ansinh.core.exceptions import DomainError, PermissionDeniedError
from ansinh.core.models import PolicyParameter
from tests.factories import make_user

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def province_admin(ca_mau):
    return make_user("qt_tinh", "administrator", ca_mau)


def test_the_legal_defaults_are_loaded():
    assert selectors.parameters_at(D(2022, 1, 1))[0]["standard_level"] == 360_000
    assert selectors.parameters_at(D(2025, 1, 1))[0]["standard_level"] == 500_000
    assert selectors.parameters_at(D(2025, 1, 1))[0]["coef.5.5d"] == Decimal("3.0")
    assert PolicyParameter.objects.filter(verified=False).exists()


def test_a_new_national_level_applies_from_its_date_and_is_audited(users):
    row = services.parameter_add(user=users["admin"], key="standard_level", value=Decimal(540_000),
                                 valid_from=D(2026, 7, 1), legal_basis="NĐ 335/2026/NĐ-CP Điều 4")
    assert selectors.parameters_at(D(2026, 6, 1))[0]["standard_level"] == 500_000
    assert selectors.parameters_at(D(2026, 7, 1))[0]["standard_level"] == 540_000
    assert AuditEvent.objects.filter(object_type="core.policyparameter", object_id=str(row.pk),
                                     action="create").exists()


def test_province_top_up_applies_in_that_province_only(users, province_admin):
    services.parameter_add(user=province_admin, key="standard_level", value=Decimal(650_000), valid_from=D(2026, 1, 1),
                           legal_basis="NQ HĐND tỉnh", province_code="96")
    assert selectors.parameters_at(D(2026, 2, 1), "96")[0]["standard_level"] == 650_000
    assert selectors.parameters_at(D(2026, 2, 1), "01")[0]["standard_level"] == 500_000
    # a national level above the top-up wins: the local level may never be lower (Điều 4 k.3)
    services.parameter_add(user=users["admin"], key="standard_level", value=Decimal(700_000), valid_from=D(2026, 7, 1),
                           legal_basis="x")
    assert selectors.parameters_at(D(2026, 7, 1), "96")[0]["standard_level"] == 700_000


@pytest.mark.parametrize(("kwargs", "error", "field"), [
    ({"province_code": "96", "value": Decimal(400_000)}, DomainError, "value"),
    ({"province_code": "01", "value": Decimal(900_000)}, PermissionDeniedError, None),
    ({"province_code": "", "value": Decimal(900_000)}, PermissionDeniedError, None),
    ({"province_code": "96", "value": Decimal(2), "key": "coef.5.6.severe"}, DomainError, "key"),
])
def test_province_admin_limits(province_admin, kwargs, error, field):
    data = {"key": "standard_level", "valid_from": D(2026, 1, 1), "legal_basis": "NQ", **kwargs}
    with pytest.raises(error) as exc:
        services.parameter_add(user=province_admin, **data)
    if field:
        assert field in exc.value.errors
    assert not PolicyParameter.objects.filter(legal_basis="NQ").exists()


def test_same_date_twice_is_refused_with_a_field_error(users):
    with pytest.raises(DomainError) as exc:
        services.parameter_add(user=users["admin"], key="standard_level", value=Decimal(360_000),
                               valid_from=D(2021, 7, 1), legal_basis="x")
    assert "valid_from" in exc.value.errors


def test_officers_read_but_cannot_add(users, client):
    with pytest.raises(PermissionDeniedError):
        services.parameter_add(user=users["tinh"], key="standard_level", value=Decimal(1), valid_from=D(2026, 1, 1),
                               legal_basis="x")
    client.force_login(users["xa1"])
    page = client.get(reverse("assistance:parameter_list")).content.decode()
    assert "Mức chuẩn trợ giúp xã hội" in page and "chưa đối chiếu" in page
    assert client.get(reverse("assistance:parameter_add")).status_code == 404
    api = APIClient()
    api.force_authenticate(users["xa1"])
    assert api.get(reverse("policy-parameter-list")).json()["count"] > 20
    assert api.post(reverse("policy-parameter-list"), {}, format="json").status_code == 403


def test_top_up_of_another_province_is_not_shown(users, province_admin):
    services.parameter_add(user=province_admin, key="standard_level", value=Decimal(650_000), valid_from=D(2026, 1, 1),
                           legal_basis="NQ Cà Mau", province_code="96")
    api = APIClient()
    api.force_authenticate(users["hanoi"])
    keys = [(r["province_code"], r["legal_basis"]) for r in api.get(reverse("policy-parameter-list"),
                                                                     {"key": "standard_level"}).json()["results"]]
    assert ("96", "NQ Cà Mau") not in keys
    api.force_authenticate(users["xa1"])
    rows = api.get(reverse("policy-parameter-list"), {"key": "standard_level"}).json()["results"]
    assert any(r["province_code"] == "96" for r in rows)


def test_admin_adds_through_the_page(users, client):
    client.force_login(users["admin"])
    response = client.post(reverse("assistance:parameter_add"), {
        "key": "social_pension", "value": "540000", "valid_from": "2026-07-01", "legal_basis": "NĐ 335/2026",
        "verified": "", "note": "",
    })
    assert response.status_code == 302
    assert selectors.parameters_at(D(2026, 8, 1))[0]["social_pension"] == 540_000
    bad = client.post(reverse("assistance:parameter_add"), {
        "key": "social_pension", "value": "540000", "valid_from": "2026-07-01", "legal_basis": "lặp",
    })
    assert "Đã có giá trị" in bad.content.decode()
