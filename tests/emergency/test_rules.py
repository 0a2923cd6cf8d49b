"""Emergency assistance's legal numbers and boundaries, pure (NĐ 20/2021 Điều 11–15): the minimums of each cash
support, rice by people and months, funeral support once at the highest rate, the decision's 2 days."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.emergency import rules

D = datetime.date
T = rules.Terms()  # standard level 500.000 đ (NĐ 76/2024)


@pytest.mark.parametrize("damage, vulnerable, days, minimum", [
    (rules.HOUSE_LOST, True, None, 40_000_000),
    (rules.HOUSE_LOST, False, None, None),  # Điều 15 k.1: poor, near-poor or disadvantaged households
    (rules.BADLY_DAMAGED, True, None, 20_000_000),
    (rules.BADLY_DAMAGED, False, None, None),
    (rules.RELOCATED, False, None, 30_000_000),  # k.2: any household ordered to move
    (rules.RELOCATED, True, None, 30_000_000),
    (rules.INJURY, True, 3, 5_000_000),  # 10 × 500.000, treated 3 days or more (Điều 2 k.2)
    (rules.INJURY, True, 2, None),
    (rules.INJURY, True, None, None),
    (rules.DEATH, False, None, 25_000_000),  # 50 ×
    (rules.HUNGER, True, None, None),
    (rules.LIVELIHOOD, True, None, None),
])
def test_the_least_cash_for_each_damage(damage, vulnerable, days, minimum):
    got = rules.cash_minimum(damage, T, vulnerable=vulnerable, days_treated=days)
    assert got == (None if minimum is None else Decimal(minimum))


def test_the_minimums_follow_the_standard_level_and_a_provinces_raise():
    old = rules.Terms(standard_level=Decimal(360_000))
    assert rules.cash_minimum(rules.INJURY, old, days_treated=5) == Decimal(3_600_000)
    assert rules.cash_minimum(rules.DEATH, old) == Decimal(18_000_000)
    raised = rules.Terms(house_lost=Decimal(50_000_000), injury_days=5)
    assert rules.cash_minimum(rules.HOUSE_LOST, raised) == Decimal(50_000_000)
    assert rules.cash_minimum(rules.INJURY, raised, days_treated=4) is None


def test_an_amount_below_the_minimum_is_refused_at_or_above_is_not():
    assert rules.below_minimum(Decimal(39_999_999), Decimal(40_000_000))
    assert not rules.below_minimum(Decimal(40_000_000), Decimal(40_000_000))
    assert not rules.below_minimum(Decimal(1), None)


def test_rice_fifteen_kilos_a_person_a_month_one_month_at_tet_three_after_a_disaster():
    assert rules.rice_kg(4, 1, rules.TET, T) == 60
    assert rules.rice_kg(4, 3, rules.DISASTER, T) == 180
    assert rules.rice_months_allowed(rules.TET, T) == 1
    assert rules.rice_months_allowed(rules.DISASTER, T) == 3
    with pytest.raises(ValueError, match="từ 1 đến 1 tháng"):
        rules.rice_kg(4, 2, rules.TET, T)
    with pytest.raises(ValueError, match="từ 1 đến 3 tháng"):
        rules.rice_kg(4, 4, rules.DISASTER, T)
    with pytest.raises(ValueError):
        rules.rice_kg(4, 0, rules.DISASTER, T)
    with pytest.raises(ValueError):
        rules.rice_kg(0, 1, rules.DISASTER, T)
    assert rules.rice_kg(1, 1, rules.TET, rules.Terms(rice_kg=20)) == 20


def test_funeral_support_once_at_the_highest_rate():
    assert rules.funeral_amount({rules.REGULAR}, T) == (rules.REGULAR, Decimal(10_000_000))
    assert rules.funeral_amount({rules.DISASTER_DEATH}, T) == (rules.DISASTER_DEATH, Decimal(25_000_000))
    assert rules.funeral_amount({rules.REGULAR, rules.DISASTER_DEATH}, T) == (rules.DISASTER_DEATH,
                                                                               Decimal(25_000_000))
    assert rules.funeral_amount({rules.IN_FACILITY}, T)[1] == Decimal(25_000_000)
    assert rules.funeral_amount(set(), T) is None
    assert rules.funeral_amount({"other"}, T) is None
    raised = rules.Terms(funeral_regular=Decimal(60))  # a province above the disaster rate
    assert rules.funeral_amount({rules.REGULAR, rules.DISASTER_DEATH}, raised) == (rules.REGULAR,
                                                                                    Decimal(30_000_000))


def test_the_decision_is_due_two_days_after_detection():
    assert rules.decision_due(D(2026, 10, 30), T) == D(2026, 11, 1)  # calendar days, a Sunday included
    base = {"detected_on": D(2026, 10, 30), "terms": T}
    assert rules.timeliness(**base, decided_on=D(2026, 11, 1), delivered_on=D(2026, 11, 2),
                            today=D(2026, 11, 5)) == "prompt"
    assert rules.timeliness(**base, decided_on=D(2026, 11, 2), delivered_on=D(2026, 11, 2),
                            today=D(2026, 11, 5)) == "late"
    assert rules.timeliness(**base, decided_on=None, delivered_on=None, today=D(2026, 11, 1)) == "waiting"
    assert rules.timeliness(**base, decided_on=None, delivered_on=None, today=D(2026, 11, 2)) == "late"
    assert rules.timeliness(**base, decided_on=D(2026, 10, 31), delivered_on=None,
                            today=D(2026, 11, 9)) == "waiting"


def test_a_delivery_is_after_its_decision_and_within_its_amount():
    ok = {"decided_on": D(2026, 11, 1), "delivered_on": D(2026, 11, 1), "decided": Decimal(40_000_000),
          "delivered_before": Decimal(30_000_000), "amount": Decimal(10_000_000)}
    assert rules.delivery_refusal(**ok) is None
    assert "trước ngày quyết định" in rules.delivery_refusal(**{**ok, "delivered_on": D(2026, 10, 31)})
    assert "còn được chi, phát 10.000.000" in rules.delivery_refusal(**{**ok, "amount": Decimal(10_000_001)})
    assert "lớn hơn 0" in rules.delivery_refusal(**{**ok, "amount": Decimal(0)})


@given(st.integers(min_value=1, max_value=40), st.integers(min_value=1, max_value=3))
def test_rice_grows_with_people_and_months(people, months):
    assert rules.rice_kg(people, months, rules.DISASTER, T) == 15 * people * months


def test_the_refusals_name_the_round_and_equal_rates_name_the_disaster():
    with pytest.raises(ValueError, match="dịp Tết"):
        rules.rice_kg(1, 2, rules.TET, T)
    with pytest.raises(ValueError, match="sau thiên tai"):
        rules.rice_kg(1, 4, rules.DISASTER, T)
    equal = rules.Terms(funeral_regular=Decimal(50))
    assert rules.funeral_amount({rules.REGULAR, rules.DISASTER_DEATH}, equal)[0] == rules.DISASTER_DEATH
