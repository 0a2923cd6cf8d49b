"""Public holidays: national reference data in core, read by every signed-in user, added by a national
administrator, audited through the recorder the audit app registers."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from ansinh.audit.models import AuditEvent
from ansinh.core import audit, services
from ansinh.core.exceptions import DomainError, PermissionDeniedError
from ansinh.core.models import Holiday
from ansinh.core.selectors import holidays
from tests.factories import make_user

pytestmark = pytest.mark.django_db
D = datetime.date


def test_fixed_dates_are_loaded_by_the_migration():
    assert {D(y, m, d) for y in (2025, 2026, 2027) for m, d in ((1, 1), (4, 30), (5, 1), (9, 2))} <= set(holidays())


def test_added_by_the_national_admin_and_read_by_everyone(users, client):
    client.force_login(users["admin"])
    assert "<form" in client.get(reverse("core:holiday_list")).content.decode().split('data-testid="holidays"')[1]
    response = client.post(reverse("core:holiday_list"), {"date": "2026-02-17", "name": "Tết Nguyên đán"})
    assert response.status_code == 302 and response.url == "/ngay-nghi-le/"
    holiday = Holiday.objects.get(date=D(2026, 2, 17))
    event = AuditEvent.objects.get(object_type="core.holiday", object_id=str(holiday.pk))
    assert event.action == "create" and event.actor == users["admin"]
    assert event.changes == {"after": {"id": holiday.pk, "date": "2026-02-17", "name": "Tết Nguyên đán"}}
    for reader in ("tinh", "xa1", "chitra"):
        client.force_login(users[reader])
        page = client.get(reverse("core:holiday_list")).content.decode()
        assert "Tết Nguyên đán" in page and "<form" not in page.split('data-testid="holidays"')[1]
    assert client.post(reverse("core:holiday_list"), {"date": "2026-02-18", "name": "x"}).status_code == 403
    assert not Holiday.objects.filter(date=D(2026, 2, 18)).exists()
    client.logout()
    assert client.get(reverse("core:holiday_list")).status_code == 302  # to the sign-in page


def test_only_a_national_administrator_adds_and_never_twice(users, ca_mau):
    province_admin = make_user("admin_tinh", "administrator", ca_mau)
    for user in (province_admin, users["tinh"]):
        with pytest.raises(PermissionDeniedError):
            services.holiday_add(user=user, date=D(2026, 4, 27), name="Giỗ Tổ Hùng Vương")
    with pytest.raises(DomainError) as refused:
        services.holiday_add(user=users["admin"], date=D(2026, 9, 2), name="Quốc khánh")
    assert refused.value.field == "date" and "02/09/2026" in refused.value.message


def test_a_core_write_is_never_silently_unaudited(users, monkeypatch):
    monkeypatch.setattr(audit, "_recorders", [])
    with pytest.raises(ImproperlyConfigured):
        services.holiday_add(user=users["admin"], date=D(2026, 4, 27), name="Giỗ Tổ Hùng Vương")
    assert not Holiday.objects.filter(date=D(2026, 4, 27)).exists()

