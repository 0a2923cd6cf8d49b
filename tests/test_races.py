"""Two officers at the same moment never both get what only one may have: the fund's last money, a person's one
full-time post, a person's one place in a facility. PostgreSQL only (SQLite serialises writers by design)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection

from ansinh.core.exceptions import DomainError
from ansinh.facilities import services as facilities
from ansinh.facilities.models import Resident
from ansinh.fund import services as fund_services
from ansinh.fund.models import Use
from ansinh.workforce import services as workforce
from ansinh.workforce.models import Position
from tests.factories import PersonFactory, race

pytestmark = pytest.mark.django_db(transaction=True)
D = datetime.date


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite serialises writers by design)")


def _one_wins(results, errors, message: str):
    assert len(results) == 1 and len(errors) == 1, errors
    assert isinstance(errors[0], DomainError) and message in errors[0].message


def test_two_uses_of_the_last_money(users, communes):
    fund = fund_services.fund_create(user=users["xa1"], name="Quỹ", established_on=D(2026, 1, 1), basis="QĐ")
    fund_services.donation_record(user=users["xa1"], fund=fund, donor="Bà Năm", donor_kind="individual",
                                  received_on=D(2026, 2, 1), form="cash", value=Decimal(10_000_000))

    def spend():
        return fund_services.use_record(user=users["xa1"], fund=fund, used_on=D(2026, 2, 2), form="cash",
                                        value=Decimal(6_000_000), programme="Tết", decision="QĐ")
    _one_wins(*race(spend, spend), "Quỹ chỉ còn 4.000.000 đ")
    assert Use.objects.count() == 1


def test_two_full_time_posts_for_one_person(users, communes):
    xa1, person = users["xa1"], PersonFactory(commune=communes["c1"])
    places = [facilities.organisation_create(user=xa1, valid_from=D(2020, 1, 1), name=f"Trường {n}", kind="school",
                                             commune=communes["c1"]) for n in (1, 2)]

    def post(organisation):
        return lambda: workforce.position_create(user=xa1, person=person, organisation=organisation,
                                                 title="vien_chuc", engagement="full_time",
                                                 monthly_allowance=Decimal(3_000_000), start_date=D(2026, 1, 1))
    _one_wins(*race(post(places[0]), post(places[1])), "một người chỉ giữ một vị trí chuyên trách")
    assert Position.objects.filter(person=person).count() == 1


def test_one_person_admitted_to_two_facilities(users, communes, policy):
    xa1, person = users["xa1"], PersonFactory(commune=communes["c1"])
    homes = [facilities.organisation_create(user=xa1, valid_from=D(2020, 1, 1), name=f"Cơ sở {n}",
                                            kind="social_assistance", commune=communes["c1"]) for n in (1, 2)]

    def admit(home):
        return lambda: facilities.resident_admit(user=xa1, organisation=home, person=person, care_group="dependent",
                                                 admitted_on=D(2026, 1, 5))
    _one_wins(*race(admit(homes[0]), admit(homes[1])), "chưa ghi ngày rời cơ sở")
    assert Resident.objects.filter(person=person).count() == 1
