"""The health-insurance list: new, moved and ended beneficiaries of a month, in scope only."""

import datetime

import pytest
from django.urls import reverse

from ansinh.assistance import services
from ansinh.assistance.selectors import health_insurance_changes
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def names(changes):
    return {kind: sorted(e.person.full_name for e in rows) for kind, rows in changes.items()}


def test_new_changed_ended(users, communes):
    a = PersonFactory(full_name="An Mới", birth_year=1950, commune=communes["c1"])
    b = PersonFactory(full_name="Bình Chuyển", birth_year=1950, commune=communes["c1"])
    c = PersonFactory(full_name="Cúc Thôi", birth_year=1950, commune=communes["c1"])
    ea = services.enrolment_create(user=users["xa1"], person=a, categories=["5.5a"], decision_number="1",
                                   decision_date=D(2026, 3, 2))
    eb = services.enrolment_create(user=users["xa1"], person=b, categories=["5.5a"], decision_number="2",
                                   decision_date=D(2026, 1, 2))
    ec = services.enrolment_create(user=users["xa1"], person=c, categories=["5.5a"], decision_number="3",
                                   decision_date=D(2026, 1, 2))
    services.enrolment_move(user=users["tinh"], enrolment=eb, expected_version=1, to_commune=communes["c2"],
                            from_month=D(2026, 3, 1))
    services.enrolment_end(user=users["xa1"], enrolment=ec, expected_version=1, from_month=D(2026, 3, 1),
                           reason="không còn đủ điều kiện")
    march = health_insurance_changes(user=users["tinh"], month=D(2026, 3, 1))
    assert names(march) == {"new": ["An Mới"], "changed": ["Bình Chuyển"], "ended": ["Cúc Thôi"]}
    assert names(health_insurance_changes(user=users["tinh"], month=D(2026, 4, 1))) == {
        "new": [], "changed": [], "ended": []}
    # xa2 sees the person who moved in, nothing of xa1's
    assert names(health_insurance_changes(user=users["xa2"], month=D(2026, 3, 1))) == {
        "new": [], "changed": ["Bình Chuyển"], "ended": []}
    assert ea.pk


def test_page_and_export(users, communes, client):
    person = PersonFactory(full_name="Đào Văn Tư", birth_year=1950, commune=communes["c1"])
    services.enrolment_create(user=users["xa1"], person=person, categories=["5.5a"], decision_number="1",
                              decision_date=D(2026, 3, 2))
    client.force_login(users["xa1"])
    page = client.get(reverse("assistance:health_insurance"), {"month": "2026-03"}).content.decode()
    assert "Đào Văn Tư" in page
    csv = client.get(reverse("assistance:health_insurance"), {"month": "2026-03", "format": "csv"}).getvalue()
    assert "Đào Văn Tư" in csv.decode("utf-8-sig") and ",BT," in csv.decode("utf-8-sig")
    client.force_login(users["xa2"])
    assert "Đào Văn Tư" not in client.get(reverse("assistance:health_insurance"), {"month": "2026-03"}).content.decode()


def test_api(users, communes):
    from rest_framework.test import APIClient

    person = PersonFactory(full_name="Đào Văn Tư", birth_year=1950, commune=communes["c1"])
    services.enrolment_create(user=users["xa1"], person=person, categories=["5.5a"], decision_number="1",
                              decision_date=D(2026, 3, 2))
    client = APIClient()
    client.force_authenticate(users["xa1"])
    body = client.get("/api/v1/health-insurance/", {"month": "2026-03"}).json()
    assert [r["full_name"] for r in body["new"]] == ["Đào Văn Tư"] and body["ended"] == []
    assert client.get("/api/v1/health-insurance/", {"month": "03/2026"}).status_code == 400
