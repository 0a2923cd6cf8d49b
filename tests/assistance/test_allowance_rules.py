"""NĐ 20/2021 Điều 5–6: every coefficient band and every age boundary, from the month it is reached."""

import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.assistance import policy, rules

D = datetime.date


def params(month: D, level: int | None = None):
    values, notes = policy.defaults_at(month)
    if level:
        values["standard_level"] = Decimal(level)
    return values, notes


def run(categories, birth: D, month: D, level=360_000, **facts):
    values, notes = params(month, level)
    return rules.evaluate(rules.Facts(tuple(categories), birth, month, **facts), values, notes)


def paid(result) -> list[tuple[str, str, int]]:
    return [(e.category, rules.format_coefficient(e.coefficient), e.amount) for e in result.payable]


# (category, birth date, month, facts, expected coefficient or None) — amounts at 360.000 đ.
CASES = [
    # k.1 child without support: 2,5 under 4, 1,5 from the month of the 4th birthday; the month of the
    # 16th birthday is still paid, nothing from the month after (Điều 8 k.2)
    ("5.1", D(2022, 3, 20), D(2026, 2, 1), {}, "2.5"),
    ("5.1", D(2022, 3, 20), D(2026, 3, 1), {}, "1.5"),
    ("5.1", D(2010, 7, 1), D(2026, 6, 1), {}, "1.5"),
    ("5.1", D(2010, 7, 1), D(2026, 7, 1), {}, "1.5"),
    ("5.1", D(2010, 7, 1), D(2026, 8, 1), {}, None),
    ("5.1", D(2010, 7, 31), D(2026, 8, 1), {}, None),
    # k.2 16–22 and studying
    ("5.2", D(2010, 7, 1), D(2026, 6, 1), {"studying": True}, None),
    ("5.2", D(2010, 7, 1), D(2026, 7, 1), {"studying": True}, "1.5"),
    ("5.2", D(2010, 7, 1), D(2026, 7, 1), {"studying": False}, None),
    ("5.2", D(2004, 9, 1), D(2026, 8, 1), {"studying": True}, "1.5"),
    ("5.2", D(2004, 9, 1), D(2026, 9, 1), {"studying": True}, "1.5"),
    ("5.2", D(2004, 9, 1), D(2026, 10, 1), {"studying": True}, None),
    # k.3 child with HIV: 2,5 / 2,0 / paid in the month of the 16th birthday, nothing after
    ("5.3", D(2022, 3, 1), D(2026, 2, 1), {}, "2.5"),
    ("5.3", D(2022, 3, 1), D(2026, 3, 1), {}, "2.0"),
    ("5.3", D(2010, 5, 5), D(2026, 4, 1), {}, "2.0"),
    ("5.3", D(2010, 5, 5), D(2026, 5, 1), {}, "2.0"),
    ("5.3", D(2010, 5, 5), D(2026, 6, 1), {}, None),
    # k.4 single poor parent: 1,0 per child
    ("5.4", D(1990, 1, 1), D(2023, 1, 1), {"children_count": 1}, "1.0"),
    ("5.4", D(1990, 1, 1), D(2023, 1, 1), {"children_count": 3}, "3.0"),
    ("5.4", D(1990, 1, 1), D(2023, 1, 1), {"children_count": 0}, None),
    # k.5a poor elderly with no supporter: from 60, 2,0 from the month of the 80th birthday
    ("5.5a", D(1963, 6, 15), D(2023, 5, 1), {}, None),
    ("5.5a", D(1963, 6, 15), D(2023, 6, 1), {}, "1.5"),
    ("5.5a", D(1943, 6, 15), D(2023, 5, 1), {}, "1.5"),
    ("5.5a", D(1943, 6, 15), D(2023, 6, 1), {}, "2.0"),
    # k.5b 75 to under 80, k.5c from 80: 1,0 (before 07/2025)
    ("5.5b", D(1948, 4, 1), D(2023, 3, 1), {}, None),
    ("5.5b", D(1948, 4, 1), D(2023, 4, 1), {}, "1.0"),
    ("5.5b", D(1943, 4, 1), D(2023, 4, 1), {}, "1.0"),
    ("5.5b", D(1943, 4, 1), D(2023, 5, 1), {}, None),
    ("5.5c", D(1943, 4, 1), D(2023, 3, 1), {}, None),
    ("5.5c", D(1943, 4, 1), D(2023, 4, 1), {}, "1.0"),
    # k.5d cared for in the community: 3,0
    ("5.5d", D(1950, 1, 1), D(2023, 1, 1), {}, "3.0"),
    ("5.5d", D(1963, 6, 15), D(2023, 5, 1), {}, None),
    ("5.5d", D(1963, 6, 15), D(2023, 6, 1), {}, "3.0"),  # from the month of the 60th birthday
    ("5.5d", D(1970, 1, 1), D(2023, 1, 1), {}, None),
    # k.6 disability: adults 2,0 / 1,5; children (under 16) and elderly (60+) 2,5 / 2,0
    ("5.6", D(1990, 1, 1), D(2023, 1, 1), {"disability_level": "especially_severe"}, "2.0"),
    ("5.6", D(1990, 1, 1), D(2023, 1, 1), {"disability_level": "severe"}, "1.5"),
    ("5.6", D(2010, 8, 1), D(2026, 7, 1), {"disability_level": "especially_severe"}, "2.5"),
    ("5.6", D(2010, 8, 1), D(2026, 8, 1), {"disability_level": "especially_severe"}, "2.0"),
    ("5.6", D(2010, 8, 1), D(2026, 7, 1), {"disability_level": "severe"}, "2.0"),
    ("5.6", D(2010, 8, 1), D(2026, 8, 1), {"disability_level": "severe"}, "1.5"),
    ("5.6", D(1963, 2, 1), D(2023, 1, 1), {"disability_level": "especially_severe"}, "2.0"),
    ("5.6", D(1963, 2, 1), D(2023, 2, 1), {"disability_level": "especially_severe"}, "2.5"),
    ("5.6", D(1963, 2, 1), D(2023, 1, 1), {"disability_level": "severe"}, "1.5"),
    ("5.6", D(1963, 2, 1), D(2023, 2, 1), {"disability_level": "severe"}, "2.0"),
    ("5.6", D(1990, 1, 1), D(2023, 1, 1), {}, None),
    # k.7 child under 3, k.8 HIV in a poor household: 1,5
    ("5.7", D(2023, 10, 1), D(2026, 9, 1), {}, "1.5"),
    ("5.7", D(2023, 10, 1), D(2026, 10, 1), {}, "1.5"),
    ("5.7", D(2023, 10, 1), D(2026, 11, 1), {}, None),
    ("5.8", D(1980, 1, 1), D(2023, 1, 1), {}, "1.5"),
]


@pytest.mark.parametrize(("category", "birth", "month", "facts", "coefficient"), CASES)
def test_coefficient_bands_and_age_boundaries(category, birth, month, facts, coefficient):
    result = run([category], birth, month, **facts)
    if coefficient is None:
        assert result.payable == [] and result.messages, result
    else:
        expected_amount = int(Decimal(coefficient) * 360_000)
        assert paid(result) == [(category, coefficient, expected_amount)]


def test_year_only_birth_counts_from_1_january():
    # Born "2022": 4 years old from January 2026, so the 4+ coefficient for all of 2026.
    assert paid(run(["5.1"], D(2022, 1, 1), D(2025, 12, 1))) == [("5.1", "2.5", 900_000)]
    assert paid(run(["5.1"], D(2022, 1, 1), D(2026, 1, 1))) == [("5.1", "1.5", 540_000)]


@pytest.mark.parametrize(("month", "level"), [
    (D(2021, 7, 1), 360_000), (D(2024, 6, 1), 360_000), (D(2024, 7, 1), 500_000), (D(2026, 11, 1), 500_000),
])
def test_standard_level_in_force(month, level):
    result = run(["5.8"], D(1980, 1, 1), month, level=None)
    assert paid(result) == [("5.8", "1.5", int(level * 1.5))]


def test_no_standard_level_before_decree_20():
    result = run(["5.8"], D(1980, 1, 1), D(2021, 6, 1), level=None)
    assert result.payable == [] and "mức chuẩn" in result.messages[0]


def test_elderly_points_b_and_c_end_with_the_social_pension():
    assert paid(run(["5.5c"], D(1940, 1, 1), D(2025, 6, 1))) == [("5.5c", "1.0", 360_000)]
    ended = run(["5.5c"], D(1940, 1, 1), D(2025, 7, 1))
    assert ended.payable == [] and "NĐ 176/2025" in ended.messages[0]


def test_only_the_highest_allowance():
    result = run(["5.8", "5.6"], D(1990, 1, 1), D(2023, 1, 1), disability_level="especially_severe")
    assert paid(result) == [("5.6", "2.0", 720_000)]
    assert any("5.8" in m and "Điều 6 k.2" in m for m in result.messages)


def test_single_parent_exception_pays_both():
    result = run(["5.4", "5.6"], D(1990, 1, 1), D(2023, 1, 1), disability_level="severe", children_count=2)
    assert paid(result) == [("5.4", "2.0", 720_000), ("5.6", "1.5", 540_000)]
    assert result.total == 1_260_000
    both = run(["5.4", "5.5a", "5.8"], D(1960, 1, 1), D(2023, 1, 1), children_count=1)
    assert paid(both) == [("5.4", "1.0", 360_000), ("5.5a", "1.5", 540_000)]


def test_single_parent_exception_kept_when_it_pays_as_much_as_the_highest():
    # k.4 (one child, 1,0) with k.8 (1,5) pays 2,5, as much as k.3 under 4 alone: the two paid together are kept
    result = run(["5.3", "5.4", "5.8"], D(2022, 6, 1), D(2023, 1, 1), children_count=1)
    assert paid(result) == [("5.4", "1.0", 360_000), ("5.8", "1.5", 540_000)]


def test_born_on_the_last_day_of_the_month_is_paid_that_month():
    assert paid(run(["5.7"], D(2023, 1, 31), D(2023, 1, 1))) == [("5.7", "1.5", 540_000)]
    refused = run(["5.7"], D(2023, 2, 1), D(2023, 1, 1))
    assert refused.payable == [] and any("Ngày sinh sau tháng" in m for m in refused.messages)


def test_single_parent_exception_only_with_k5_k6_k8():
    # k.7 and k.1–3 are not in the exception: only the highest.
    result = run(["5.4", "5.7"], D(2025, 1, 1), D(2026, 1, 1), children_count=1)
    assert paid(result) == [("5.7", "1.5", 540_000)]


@given(
    birth=st.dates(min_value=D(1920, 1, 1), max_value=D(2026, 12, 31)),
    month=st.dates(min_value=D(2021, 7, 1), max_value=D(2030, 12, 1)).map(lambda d: d.replace(day=1)),
    categories=st.lists(st.sampled_from(sorted(rules.CATEGORIES)), min_size=1, max_size=4),
    level=st.integers(min_value=1, max_value=5_000_000),
    children=st.integers(min_value=0, max_value=6),
    disability=st.sampled_from([None, "severe", "especially_severe"]),
    studying=st.booleans(),
)
def test_properties(birth, month, categories, level, children, disability, studying):
    result = run(categories, birth, month, level=level, children_count=children, disability_level=disability,
                 studying=studying)
    for e in result.entitled:
        assert e.amount == int((e.coefficient * level).quantize(Decimal(1), rounding="ROUND_HALF_UP"))
    assert len(result.payable) <= 2
    if result.entitled:
        # never less than the best single allowance; two only under the k.4 exception
        assert result.total >= max(e.amount for e in result.entitled)
        if len(result.payable) == 2:
            assert result.payable[0].category == "5.4" and result.payable[1].category in rules.PAYABLE_WITH_K4
    else:
        assert result.messages


def test_age_in_month_counts_the_birthday_month():
    assert rules.age_in_month(D(2022, 3, 31), D(2026, 3, 1)) == 4
    assert rules.age_in_month(D(2022, 3, 1), D(2026, 2, 28)) == 3


@pytest.mark.parametrize(("category", "children", "coefficients"), [
    ("5.6", 0, ["1.5", "2.0", "2.5"]), ("5.5c", 0, ["1.0"]), ("5.1", 0, ["1.5", "2.5"]), ("5.4", 2, ["2.0"]),
    ("5.4", 0, [str(n) for n in range(1, 11)]), ("HTXH", 0, ["1"]),  # a k.4 total read for 1 to 10 children
])
def test_the_coefficients_the_law_gives_a_category(category, children, coefficients):
    values, _notes = policy.defaults_at(datetime.date(2026, 12, 1))
    assert rules.category_coefficients(category, values, children) == [Decimal(c) for c in coefficients]


def test_a_decided_total_is_split_between_the_categories_paid_together():
    values, _notes = policy.defaults_at(datetime.date(2026, 12, 1))
    assert rules.coefficient_split(["5.4", "5.6"], Decimal("3.5"), values, children=2) == [Decimal(2), Decimal("1.5")]
    assert rules.coefficient_split(["5.4", "5.6"], Decimal("3.0"), values, children=2) is None
    assert rules.coefficient_split(["5.6"], Decimal("1.2"), values) is None
