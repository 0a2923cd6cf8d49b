"""The indicators of the registry, assistance and payments, by code: what each counts, by commune, in whose
jurisdiction; and the records behind each figure."""

import datetime

import pytest

from ansinh.core import indicators
from ansinh.payments.models import PaymentLine
from ansinh.registry.models import HouseholdPoverty
from tests.factories import HouseholdFactory, PersonFactory, enrolment_make

D = datetime.date
pytestmark = pytest.mark.django_db


def computed(code, user, day, start=None):
    return indicators.compute(indicators.get(code), user=user, day=day, start=start).by_commune


def test_the_share_of_poor_households_uses_the_previous_years_review(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    households = [HouseholdFactory(commune=c) for c in (c1, c1, c1, c2)]
    for household, year, status in ((households[0], 2025, "poor"), (households[1], 2025, "near_poor"),
                                    (households[2], 2026, "poor"), (households[3], 2025, "poor")):
        HouseholdPoverty.objects.create(household=household, year=year, status=status)
    assert computed("registry.poor_households", users["tinh"], D(2026, 7, 1)) == {c1.pk: (1, 3), c2.pk: (1, 1)}
    assert computed("registry.poor_households", users["tinh"], D(2027, 1, 1))[c1.pk] == (1, 3)  # 2026's review
    assert computed("registry.poor_households", users["xa1"], D(2026, 7, 1)) == {c1.pk: (1, 3)}
    assert computed("registry.poor_households", users["chitra"], D(2026, 7, 1)) == {}
    rows = list(indicators.get("registry.poor_households").drill(user=users["xa1"], day=D(2026, 7, 1),
                                                                 start=D(2026, 1, 1), commune=None, part="missing"))
    assert sorted(r.values[0] for r in rows) == sorted([households[1].code, households[2].code])


def test_allowance_recipients_in_the_days_month(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    enrolment_make(PersonFactory(commune=c1), start_month=D(2026, 1, 1))
    enrolment_make(PersonFactory(commune=c1), start_month=D(2026, 1, 1), end_month=D(2026, 3, 1), status="ended")
    enrolment_make(PersonFactory(commune=c2), start_month=D(2026, 5, 1))
    enrolment_make(PersonFactory(commune=c2), start_month=D(2026, 1, 1), status="cancelled", end_month=D(2026, 1, 1))
    assert computed("assistance.allowance_recipients", users["tinh"], D(2026, 3, 31)) == {c1.pk: (2, None)}
    assert computed("assistance.allowance_recipients", users["tinh"], D(2026, 4, 1)) == {c1.pk: (1, None)}
    assert computed("assistance.allowance_recipients", users["tinh"], D(2026, 5, 1)) == {c1.pk: (1, None),
                                                                                         c2.pk: (1, None)}
    assert computed("assistance.allowance_recipients", users["xa2"], D(2026, 5, 1)) == {c2.pk: (1, None)}


def test_the_share_paid_into_accounts(setup, users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    PaymentLine.objects.update(status="paid", paid_on=D(2026, 3, 10))
    PaymentLine.objects.filter(commune=c1, method="cash").update(status="failed", paid_on=None)
    # c1: two lines through the post office paid, the cash one failed; c2: one by bank, one through the agent
    assert computed("payments.paid_cashless", users["tinh"], D(2026, 3, 31), D(2026, 1, 1)) == {
        c1.pk: (0, 2), c2.pk: (1, 2)}
    assert computed("payments.paid_cashless", users["tinh"], D(2026, 3, 9), D(2026, 1, 1)) == {}  # not paid yet
    assert computed("payments.paid_cashless", users["tinh"], D(2026, 6, 30), D(2026, 4, 1)) == {}  # other months
    assert computed("payments.paid_cashless", users["xa2"], D(2026, 3, 31), D(2026, 1, 1)) == {c2.pk: (1, 2)}
    rows = list(indicators.get("payments.paid_cashless").drill(user=users["tinh"], day=D(2026, 3, 31),
                                                               start=D(2026, 1, 1), commune=c2.pk, part="numerator"))
    assert [r.values[3] for r in rows] == ["Tài khoản ngân hàng"]


def test_allowance_recipients_by_sex_and_age_band(users, communes):
    c1 = communes["c1"]
    for sex, year in (("F", 2015), ("F", 1950), ("M", 1950), ("M", 1966), ("F", None)):
        enrolment_make(PersonFactory(commune=c1, sex=sex, birth_year=year, citizen_id=None), start_month=D(2025, 1, 1))
    indicator = indicators.get("assistance.allowance_recipients")
    groups = indicators.breakdown(indicator, user=users["tinh"], day=D(2026, 6, 1))
    # 1966 is 60 in 2026 (Luật Người cao tuổi: từ đủ 60 tuổi); 2015 is 11; an unknown birth year is told apart
    assert groups == {("F", "0-15"): (1, None), ("F", "60+"): (1, None), ("M", "60+"): (2, None),
                      ("F", "?"): (1, None)}
    assert indicators.breakdown(indicator, user=users["tinh"], day=D(2025, 6, 1))[("M", "16-59")] == (1, None)
    assert indicators.breakdown(indicator, user=users["xa2"], day=D(2026, 6, 1)) == {}
    assert indicators.breakdown(indicators.get("payments.paid_cashless"), user=users["tinh"], day=D(2026, 6, 1)) == {}
