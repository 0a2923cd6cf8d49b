"""Enrolments and payroll through the API: same rules, same scope, 409 on a stale version."""

import datetime

import pytest

from ansinh.payments.models import PaymentLine
from tests.factories import PersonFactory
from tests.factories import api_client as api

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def elderly(communes):
    return PersonFactory(full_name="Phan Văn Lộc", birth_year=1950, birth_month=3, commune=communes["c1"])


def test_enrol_change_and_pay_through_the_api(users, elderly, communes):
    xa1 = api(users["xa1"])
    created = xa1.post("/api/v1/enrolments/", {"person": elderly.pk, "categories": ["5.5a"], "decision_number": "3/QĐ",
                                               "decision_date": "2026-01-15"}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["categories"], body["coefficient"], body["start_month"]) == (["5.5a"], "1.50", "2026-01-01")
    assert body["entitled_categories"] == ["5.5a"]
    stale = xa1.post(f"/api/v1/enrolments/{body['id']}/suspend/",
                     {"version": body["version"] + 1, "from_month": "2026-03-01", "reason": "x"}, format="json")
    assert stale.status_code == 409
    moved = xa1.post(f"/api/v1/enrolments/{body['id']}/move/",
                     {"version": body["version"], "from_month": "2026-03-01", "to_commune": communes["c2"].code},
                     format="json")
    assert moved.status_code == 200 and moved.json()["commune_code"] == communes["c2"].code
    run = api(users["tinh"]).post("/api/v1/payroll-runs/", {"month": "2026-03-10"}, format="json")
    assert run.status_code == 201 and run.json()["lines_created"] == 1
    lines = api(users["tinh"]).get(f"/api/v1/payroll-runs/{run.json()['id']}/lines/").json()
    assert lines["count"] == 1 and lines["results"][0]["amount"] == 750_000
    assert api(users["tinh"]).post("/api/v1/payroll-runs/", {"month": "2026-03-01"}, format="json").json()[
        "lines_created"] == 0
    assert PaymentLine.objects.count() == 1


def test_scope_and_rights(users, elderly):
    created = api(users["xa1"]).post("/api/v1/enrolments/", {"person": elderly.pk, "categories": ["5.5a"],
                                                             "decision_number": "3", "decision_date": "2026-01-15"},
                                     format="json").json()
    xa2 = api(users["xa2"])
    assert xa2.get(f"/api/v1/enrolments/{created['id']}/").status_code == 404
    assert xa2.get("/api/v1/enrolments/").json()["count"] == 0
    assert xa2.post("/api/v1/enrolments/", {"person": elderly.pk, "categories": ["5.5a"], "decision_number": "3",
                                            "decision_date": "2026-01-15"}, format="json").status_code == 404
    assert api(users["kiemtra"]).post("/api/v1/payroll-runs/", {"month": "2026-03-01"}, format="json").status_code == 403
    assert api(users["chitra"]).get("/api/v1/enrolments/").status_code == 403


def test_ineligible_gets_a_vietnamese_400_naming_the_field(users, elderly):
    response = api(users["xa1"]).post("/api/v1/enrolments/", {"person": elderly.pk, "categories": ["5.7"],
                                                              "decision_number": "3", "decision_date": "2026-01-15"},
                                      format="json")
    assert response.status_code == 400 and "3 tuổi" in response.json()["categories"][0]
