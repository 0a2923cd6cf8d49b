"""NĐ 20/2021 Điều 20: care-giver support, every coefficient and age boundary (LEGAL_FACTS §1.4)."""

import datetime

import pytest

from ansinh.assistance import policy, rules

D = datetime.date
MARCH = D(2026, 3, 1)


def care(case, **facts):
    values, _notes = policy.defaults_at(MARCH)
    values["standard_level"] = 360_000
    coefficient, amount, reason = rules.care_support(rules.CareFacts(case=case, month=MARCH, **facts), values)
    return (rules.format_coefficient(coefficient) if coefficient else None), amount, reason


@pytest.mark.parametrize(("case", "facts", "coefficient"), [
    # k.1: a child taken in — 2,5 under 4 (until the month of the 4th birthday), 1,5 from 4 to under 16
    ("take_in_child", {"cared_birth_date": D(2022, 4, 10)}, "2.5"),
    ("take_in_child", {"cared_birth_date": D(2022, 3, 10)}, "1.5"),
    ("take_in_child", {"cared_birth_date": D(2010, 4, 1)}, "1.5"),
    ("take_in_child", {"cared_birth_date": D(2010, 3, 1)}, None),
    # k.1: an elderly person of 5.5d taken in — 1,5
    ("take_in_elderly", {"cared_birth_date": D(1950, 1, 1)}, "1.5"),
    ("take_in_elderly", {"cared_birth_date": D(1966, 3, 31)}, "1.5"),  # 60 in the month: from that month
    ("take_in_elderly", {"cared_birth_date": D(1966, 4, 1)}, None),
    # k.2: a parent with a severe/especially severe disability
    ("disabled_parent", {"parent_disability": "severe", "pregnant": True}, "1.5"),
    ("disabled_parent", {"parent_disability": "especially_severe", "children_under_36_months": 1}, "1.5"),
    ("disabled_parent", {"parent_disability": "severe", "pregnant": True, "children_under_36_months": 1}, "2.0"),
    ("disabled_parent", {"parent_disability": "severe", "children_under_36_months": 2}, "2.0"),
    ("disabled_parent", {"parent_disability": "severe"}, None),
    ("disabled_parent", {"parent_disability": None, "pregnant": True}, None),
    # k.3: a household caring for a member with an especially severe disability — 1,0
    ("household_care", {"cared_disability": "especially_severe"}, "1.0"),
    ("household_care", {"cared_disability": "severe"}, None),
    # k.4: taking in a person with an especially severe disability — 1,5; a child (under 16) — 2,5
    ("take_in_disabled", {"cared_disability": "especially_severe", "cared_birth_date": D(1980, 1, 1)}, "1.5"),
    ("take_in_disabled", {"cared_disability": "especially_severe", "cared_birth_date": D(2010, 4, 1)}, "2.5"),
    ("take_in_disabled", {"cared_disability": "especially_severe", "cared_birth_date": D(2010, 3, 1)}, "1.5"),
    ("take_in_disabled", {"cared_disability": "severe", "cared_birth_date": D(2010, 4, 1)}, None),
])
def test_care_coefficients_and_boundaries(case, facts, coefficient):
    got, amount, reason = care(case, **facts)
    assert got == coefficient
    if coefficient:
        assert amount == int(float(coefficient) * 360_000) and reason is None
    else:
        assert amount == 0 and reason


def test_children_under_36_months_is_age_under_3_in_the_month():
    # born 15/03/2023: 36 months old in March 2026, so no longer "under 36 months" from March
    born = D(2023, 3, 15)
    assert rules.age_in_month(born, MARCH) == 3 and rules.age_in_month(born, D(2026, 2, 1)) == 2


def test_unknown_case():
    assert care("lodger")[2].startswith("Trường hợp")


@pytest.mark.parametrize(("birth", "facts", "ok"), [
    (D(1951, 3, 5), {}, True),  # 75 in March 2026
    (D(1951, 4, 5), {}, False),  # 74 in March
    (D(1956, 3, 1), {"poor_or_near_poor": True}, True),  # 70, poor
    (D(1956, 3, 1), {}, False),  # 70, not poor
    (D(1956, 4, 1), {"poor_or_near_poor": True}, False),  # 69
    (D(1940, 1, 1), {"has_pension": True}, False),
    (D(1940, 1, 1), {"has_pension": True, "pension_below_level": True}, True),
])
def test_social_pension_ages(birth, facts, ok):
    reason = rules.social_pension_eligibility(birth_date=birth, month=MARCH, **{"has_pension": False, **facts})
    assert (reason is None) == ok
