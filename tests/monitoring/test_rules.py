"""Target arithmetic: what a target asks for and whether a figure meets it; what a target may not be."""

from decimal import Decimal as D

from ansinh.monitoring import rules


def target(**kw):
    return rules.Target(**{"value": D(90), "unit": "%", "period_start": 2021, "period_end": 2025, **kw})


def test_an_absolute_or_share_target_asks_for_its_value_at_least():
    assert rules.required(target()) == D(90)
    assert rules.met(target(), D(90)) is True and rules.met(target(), D("89.9")) is False


def test_a_relative_target_asks_for_the_baseline_raised_by_its_percentage():
    rise = target(value=D(35), period_start=2026, period_end=2030, baseline_year=2025)
    assert rules.required(rise, D(1000)) == D(1350)
    assert rules.met(rise, D(1350), D(1000)) is True and rules.met(rise, D(1349), D(1000)) is False
    assert rules.required(rise) is None and rules.met(rise, D(5000)) is None  # the baseline year's figure unknown


def test_what_a_target_may_not_be():
    assert rules.problems(target()) == []
    assert rules.problems(target(value=D(100))) == []
    assert ("value", "Tỷ lệ không được quá 100%.") in rules.problems(target(value=D("100.5")))
    assert rules.problems(target(value=D(135), baseline_year=2020)) == []  # a rise may pass 100 %
    assert rules.problems(target(unit="người", value=D(5000))) == []
    assert ("period_start", "Chỉ tiêu phải có giai đoạn (từ năm, đến năm).") in rules.problems(target(period_start=None))
    assert ("period_end", "Năm kết thúc không được trước năm bắt đầu.") in rules.problems(
        target(period_start=2026, period_end=2025))
    assert rules.problems(target(period_start=2025, period_end=2025)) == []
    assert ("value", "Giá trị chỉ tiêu phải là số không âm.") in rules.problems(target(value=D(-1)))
    assert rules.problems(target(value=D(0))) == []
    assert ("unit", "Hãy ghi đơn vị của chỉ tiêu (%, người, cơ sở…).") in rules.problems(target(unit=" "))
    assert ("baseline_year", "Năm gốc phải trước năm kết thúc của giai đoạn.") in rules.problems(
        target(baseline_year=2025))
    assert rules.problems(target(baseline_year=2024)) == []


def test_a_ceiling_is_met_below_it():
    unemployment = target(value=D(3), at_most=True)  # "Tỷ lệ thất nghiệp chung dưới 3%"
    assert rules.met(unemployment, D("2.9")) is True and rules.met(unemployment, D(3)) is False
