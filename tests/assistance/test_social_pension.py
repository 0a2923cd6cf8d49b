"""The social pension (NĐ 176/2025) as its own programme, and only the higher of it and the allowance."""

import datetime

import pytest

from ansinh.assistance import services
from ansinh.assistance.models import Enrolment
from ansinh.core.exceptions import DomainError
from ansinh.payments.models import PaymentLine
from ansinh.payments.services import payroll_generate
from ansinh.registry.models import Household, HouseholdMember, HouseholdPoverty
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def test_pension_from_75_paid_at_its_own_level(users, communes):
    person = PersonFactory(full_name="Lâm Văn Bảy", birth_year=1950, commune=communes["c1"])
    e = services.pension_enrol(user=users["xa1"], person=person, decision_number="9/QĐ", decision_date=D(2026, 3, 9))
    assert (e.programme, e.start_month) == ("htxh", D(2026, 3, 1))
    payroll_generate(user=users["tinh"], month=D(2026, 3, 1), province_code="96", programme="htxh")
    assert PaymentLine.objects.get(person=person).amount == 500_000


def test_70_to_75_needs_a_poor_or_near_poor_household(users, communes):
    person = PersonFactory(birth_year=1955, commune=communes["c1"])
    with pytest.raises(DomainError) as exc:
        services.pension_enrol(user=users["xa1"], person=person, decision_number="1", decision_date=D(2026, 3, 9))
    assert "hộ nghèo" in exc.value.message
    household = Household.objects.create(code="HGD-1", commune=communes["c1"], province_code="96", head=person)
    HouseholdMember.objects.create(household=household, person=person, relationship="head")
    HouseholdPoverty.objects.create(household=household, year=2026, status="near_poor", decision_number="1")
    assert services.pension_enrol(user=users["xa1"], person=person, decision_number="1",
                                  decision_date=D(2026, 3, 9)).programme == "htxh"


def test_only_the_higher_of_pension_and_allowance(users, communes):
    # 5.5a at 80+ is 2,0 × 500.000 = 1.000.000 > 500.000: the pension is refused
    old = PersonFactory(birth_year=1940, commune=communes["c1"])
    services.enrolment_create(user=users["xa1"], person=old, categories=["5.5a"], decision_number="1",
                              decision_date=D(2026, 1, 5))
    with pytest.raises(DomainError) as exc:
        services.pension_enrol(user=users["xa1"], person=old, decision_number="2", decision_date=D(2026, 3, 5))
    assert "một mức cao nhất" in exc.value.message
    # 5.5c-era 1,0 is gone; a 78-year-old on 5.5a (1,5 = 750.000) keeps the allowance too
    # the other way: on the pension (500.000), a severe disability decision (2,0 for the elderly) replaces it
    person = PersonFactory(birth_year=1948, commune=communes["c1"], disability_level="severe")
    services.pension_enrol(user=users["xa1"], person=person, decision_number="3", decision_date=D(2026, 2, 2))
    services.enrolment_create(user=users["xa1"], person=person, categories=["5.6"], decision_number="4",
                              decision_date=D(2026, 4, 2))
    pension = Enrolment.objects.get(person=person, programme="htxh")
    assert pension.end_month == D(2026, 3, 1) and "cao hơn" in pension.end_reason


def test_pension_page_and_health_insurance_list(users, communes, client):
    from django.urls import reverse

    person = PersonFactory(full_name="Lâm Văn Bảy", birth_year=1950, commune=communes["c1"])
    client.force_login(users["xa1"])
    assert reverse("assistance:pension_create", args=[person.pk]) in client.get(
        reverse("registry:person_detail", args=[person.pk])).content.decode()
    response = client.post(reverse("assistance:pension_create", args=[person.pk]), {
        "decision_number": "5/QĐ-UBND", "decision_date": "2026-03-03", "payment_method": "agent"})
    assert response.status_code == 302
    page = client.get(reverse("assistance:health_insurance"), {"month": "2026-03"}).content.decode()
    assert "Lâm Văn Bảy" in page
    young = PersonFactory(birth_year=1980, commune=communes["c1"])
    page = client.post(reverse("assistance:pension_create", args=[young.pk]), {
        "decision_number": "6", "decision_date": "2026-03-03", "payment_method": "agent"}).content.decode()
    assert "Chưa đủ 75 tuổi" in page
