"""Four boundaries of the allowance rules that no test held (each survived flipping its comparison): each pinned on
both sides, the article in the test's name."""

import datetime
from decimal import Decimal

from ansinh.assistance import rules

D = datetime.date


def facts(**kw):
    return rules.Facts(**{"categories": ("5.5d",), "birth_date": D(1966, 3, 1), "month": D(2026, 3, 1), **kw})


def test_dieu_5_k5_d_an_older_person_cared_for_qualifies_from_exactly_60():
    assert rules.category_band("5.5d", facts(), age=60) == ("5.5d", None)
    assert rules.category_band("5.5d", facts(), age=59)[0] is None


def test_dieu_20_k1_a_person_taken_in_for_care_qualifies_from_exactly_60():
    born = D(1966, 3, 31)  # 60 in March 2026, on its last day
    taken_in = rules.CareFacts(case="take_in_elderly", month=D(2026, 3, 1), cared_birth_date=born)
    assert rules.care_band(taken_in) == ("care.take_in_child_from4_or_elderly", None)
    assert rules.care_band(rules.CareFacts(case="take_in_elderly", month=D(2026, 2, 1), cared_birth_date=born))[0] \
        is None


def test_dieu_8_k1_a_birthday_on_the_last_day_of_the_month_counts_for_the_whole_month():
    assert rules.age_in_month(D(2010, 3, 31), D(2026, 3, 1)) == 16
    assert rules.age_in_month(D(2010, 4, 1), D(2026, 3, 31)) == 15
    assert rules.age_in_month(D(2010, 3, 1), D(2026, 2, 28)) == 15


def test_dieu_6_k2_a_single_poor_parent_equal_to_the_best_single_amount_keeps_both():
    """k.4 with its partner adding up to exactly the best single amount: the parent keeps both (the law's
    combination for a single poor parent), not the other category alone."""
    k4 = rules.Entitlement("5.4", "5.4.per_child", Decimal("1"), 360_000)
    partner = rules.Entitlement("5.5a", "5.5a.60to80", Decimal("1.5"), 540_000)
    best = rules.Entitlement("5.6", "5.6.severe", Decimal("2.5"), 900_000)
    assert rules.highest([k4, partner, best]) == [k4, best]  # 5.6 is a partner too, and the better one
    lone_best = rules.Entitlement("5.1", "5.1.from4", Decimal("2.5"), 900_000)  # not payable with k.4
    assert rules.highest([k4, partner, lone_best]) == [k4, partner]  # 360 + 540 = 900: equal, both kept
    assert rules.highest([k4, partner, rules.Entitlement("5.1", "5.1.from4", Decimal("2.5"), 900_001)]) == [
        rules.Entitlement("5.1", "5.1.from4", Decimal("2.5"), 900_001)]
