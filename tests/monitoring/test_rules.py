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


def test_a_rise_over_nothing_cannot_be_told():
    rise = target(value=D(35), period_start=2026, period_end=2030, baseline_year=2025)
    assert rules.required(rise, D(0)) is None and rules.met(rise, D(10), D(0)) is None
    assert rules.required(rise, D("0.01")) == D("0.0135")


def test_a_figure_from_its_parts():
    assert rules.figure(D(3), D(5), share=True) == D("60.0")
    assert rules.figure(D(2), D(3), share=True) == D("66.7")  # one decimal, rounded
    assert rules.figure(D(3), None, share=False) == D(3)
    assert rules.figure(D(3), D(0), share=True) is None and rules.figure(D(3), None, share=True) is None
    assert rules.figure(None, D(5), share=True) is None


def day(y, m, d):
    import datetime
    return datetime.date(y, m, d)


def test_the_share_of_a_period_behind_a_day():
    assert rules.elapsed(2026, 2030, day(2026, 1, 1)) == 0 and rules.elapsed(2026, 2030, day(2025, 6, 1)) == 0
    assert rules.elapsed(2026, 2030, day(2030, 12, 31)) == 1 and rules.elapsed(2026, 2030, day(2031, 1, 1)) == 1
    assert rules.elapsed(2026, 2026, day(2026, 7, 2)) == D(182) / D(364)
    assert rules.elapsed(2026, 2030, day(2026, 1, 2)) == D(1) / D(1825)


def test_progress_against_the_straight_path():
    """A 90% target over 2026–2030 from 50% at the end of 2025: halfway (2028-07-02, 913 of 1825 days) the path
    stands at 70.01%; at risk within a tenth of the way (4 points) below it, off track beyond."""
    aim = target(value=D(90), period_start=2026, period_end=2030)
    mid = day(2028, 7, 2)
    path = D(50) + D(40) * D(913) / D(1825)
    assert rules.progress(aim, path, day=mid, start=D(50)) == rules.ON_TRACK
    assert rules.progress(aim, path - D("0.001"), day=mid, start=D(50)) == rules.AT_RISK
    assert rules.progress(aim, path - D(4), day=mid, start=D(50)) == rules.AT_RISK
    assert rules.progress(aim, path - D("4.001"), day=mid, start=D(50)) == rules.OFF_TRACK
    # from 0 when the start is unknown: the path at 45.02, a tenth of the way 9 points
    assert rules.progress(aim, D(46), day=mid) == rules.ON_TRACK
    assert rules.progress(aim, D(37), day=mid) == rules.AT_RISK and rules.progress(aim, D(36), day=mid) == rules.OFF_TRACK
    assert rules.progress(aim, D(90), day=day(2031, 1, 1)) == rules.MET
    assert rules.progress(aim, D("89.9"), day=day(2031, 1, 1)) == rules.NOT_MET
    assert rules.progress(aim, D(99), day=day(2025, 12, 31)) is None  # before the period
    assert rules.progress(aim, D(50), day=day(2026, 1, 1), start=D(50)) == rules.ON_TRACK  # its first day
    assert rules.progress(aim, D(49), day=day(2026, 3, 1), start=D(50)) == rules.AT_RISK


def test_progress_of_a_ceiling_and_of_a_rise():
    ceiling = target(value=D(3), period_start=2026, period_end=2030, at_most=True)  # from 5% to under 3%
    mid = day(2028, 7, 2)
    path = D(5) - D(2) * D(913) / D(1825)
    assert rules.progress(ceiling, path, day=mid, start=D(5)) == rules.ON_TRACK
    assert rules.progress(ceiling, path + D("0.2"), day=mid, start=D(5)) == rules.AT_RISK
    assert rules.progress(ceiling, path + D("0.201"), day=mid, start=D(5)) == rules.OFF_TRACK
    rise = target(value=D(35), period_start=2026, period_end=2030, baseline_year=2025)  # 100 → 135
    assert rules.progress(rise, D(118), day=mid, baseline=D(100), start=D(0)) == rules.ON_TRACK  # path 117.51
    assert rules.progress(rise, D(117), day=mid, baseline=D(100)) == rules.AT_RISK
    assert rules.progress(rise, D(118), day=mid, baseline=D(100)) == rules.ON_TRACK
    assert rules.progress(rise, D(200), day=mid) is None  # the baseline unknown


def test_when_a_task_is_due_from_its_timeline():
    def dues(text, first=2024, last=2026):
        return [d.isoformat() for d in rules.task_dues(text, first_year=first, last_year=last)]
    assert dues("Hàng năm") == ["2024-12-31", "2025-12-31", "2026-12-31"]
    assert dues("Hằng năm") == dues("Hàng năm hoặc theo yêu cầu chính sách xã hội") == dues("Hàng năm")
    assert dues("Quý I hàng năm") == ["2024-03-31", "2025-03-31", "2026-03-31"]
    assert dues("Quý II hàng năm", first=2025) == ["2025-06-30", "2026-06-30"]
    assert dues("Quý III hàng năm", last=2024) == ["2024-09-30"] and dues("Quý IV hàng năm", last=2024) == [
        "2024-12-31"]
    assert dues("Năm 2024 và các năm tiếp theo", first=2021) == ["2024-12-31", "2025-12-31", "2026-12-31"]
    assert dues("Năm 2024") == ["2024-12-31"] and dues("Năm 2025", last=2024) == []
    assert dues("2024 - 2030", last=2030) == ["2030-12-31"] and dues("2024 - 2030") == []
    assert dues("2024 - 2025") == ["2025-12-31"]
    assert dues("Quý II/2025") == ["2025-06-30"]
    assert dues("Thường xuyên") == [] and dues("") == []
    assert dues("Năm 2023") == []  # before the years asked
