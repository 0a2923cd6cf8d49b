"""Months, working days and reporting periods: pure, no database."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.core.dates import KINDS, ReportingPeriod, add_months, add_working_days, first_of_month

D = datetime.date
days = st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31))
kinds = st.sampled_from(KINDS)


def test_months():
    assert first_of_month(D(2026, 3, 31)) == D(2026, 3, 1)
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 1)
    assert add_months(D(2026, 1, 15), -1) == D(2025, 12, 1)
    assert add_months(D(2026, 12, 1), 13) == D(2028, 1, 1)


@given(days, st.integers(-1200, 1200))
def test_add_months_lands_on_a_first_and_goes_back(day, n):
    moved = add_months(day, n)
    assert moved.day == 1
    assert (moved.year - day.year) * 12 + moved.month - day.month == n
    assert add_months(moved, -n) == first_of_month(day)


def test_working_days_skip_weekends_and_holidays():
    # Friday 28/08/2026 + 3 working days: Mon 31/08, Tue 01/09, (02/09 holiday) Thu 03/09
    assert add_working_days(D(2026, 8, 28), 3, [D(2026, 9, 2)]) == D(2026, 9, 3)
    assert add_working_days(D(2026, 8, 28), 1) == D(2026, 8, 31)
    assert add_working_days(D(2026, 8, 28), 0) == D(2026, 8, 28)


@given(days.filter(lambda d: d.year < 2200), st.integers(1, 60))
def test_working_days_end_on_a_working_day_with_exactly_that_many_after_start(start, n):
    end = add_working_days(start, n)
    assert end.weekday() < 5
    between = [start + datetime.timedelta(days=i) for i in range(1, (end - start).days + 1)]
    assert sum(d.weekday() < 5 for d in between) == n


@pytest.mark.parametrize("code, label, start, end", [
    ("2026-03", "Tháng 03/2026", D(2026, 3, 1), D(2026, 3, 31)),
    ("2024-02", "Tháng 02/2024", D(2024, 2, 1), D(2024, 2, 29)),
    ("2026-Q1", "Quý I/2026", D(2026, 1, 1), D(2026, 3, 31)),
    ("2026-Q4", "Quý IV/2026", D(2026, 10, 1), D(2026, 12, 31)),
    ("2026-H1", "6 tháng đầu năm 2026", D(2026, 1, 1), D(2026, 6, 30)),
    ("2026-H2", "6 tháng cuối năm 2026", D(2026, 7, 1), D(2026, 12, 31)),
    ("2026", "Năm 2026", D(2026, 1, 1), D(2026, 12, 31)),
])
def test_periods_by_code(code, label, start, end):
    period = ReportingPeriod.parse(code)
    assert (period.label, period.start, period.end, period.code) == (label, start, end, code)
    assert str(period) == label


def test_parse_refuses_what_is_no_period():
    for text in ("2026-13", "2026-00", "2026-Q5", "2026-H3", "26-03", "2026/03", "", "Q1-2026"):
        with pytest.raises(ValueError):
            ReportingPeriod.parse(text)
    assert ReportingPeriod.parse(" 2026-q2 ") == ReportingPeriod("quarter", 2026, 2)
    with pytest.raises(ValueError):
        ReportingPeriod("week", 2026, 1)
    with pytest.raises(ValueError):
        ReportingPeriod("half", 2026, 3)


def test_due_dates_of_the_provincial_plans():
    # a 6-month report by 10 June, the year's by 10 December
    assert ReportingPeriod.containing("half", D(2026, 3, 5)).due(10) == D(2026, 6, 10)
    assert ReportingPeriod.containing("year", D(2026, 3, 5)).due(10) == D(2026, 12, 10)
    # TT 02/2021 forms by 15 June and 15 December
    assert ReportingPeriod.parse("2026-H1").due(15) == D(2026, 6, 15)
    assert ReportingPeriod.parse("2026-H2").due(15) == D(2026, 12, 15)
    # a monthly report by the 5th of the next month, December's in January
    assert ReportingPeriod.parse("2026-03").due(5, month_offset=1) == D(2026, 4, 5)
    assert ReportingPeriod.parse("2026-12").due(5, month_offset=1) == D(2027, 1, 5)
    # a day the month does not have is its last day
    assert ReportingPeriod.parse("2026-Q1").due(31, month_offset=-1) == D(2026, 2, 28)
    with pytest.raises(ValueError):
        ReportingPeriod.parse("2026").due(0)


def test_previous_next_and_months():
    q1 = ReportingPeriod.parse("2026-Q1")
    assert q1.previous() == ReportingPeriod.parse("2025-Q4") and q1.next() == ReportingPeriod.parse("2026-Q2")
    assert list(q1) == [D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]
    assert ReportingPeriod.parse("2026-12").next() == ReportingPeriod.parse("2027-01")
    assert D(2026, 3, 31) in q1 and D(2026, 4, 1) not in q1


@given(kinds, days)
def test_a_date_lies_in_exactly_one_period_of_each_kind(kind, day):
    period = ReportingPeriod.containing(kind, day)
    assert period.start <= day <= period.end
    assert day not in period.previous() and day not in period.next()
    assert ReportingPeriod.parse(period.code) == period


@given(kinds, st.integers(1900, 2200))
def test_consecutive_periods_tile_the_year(kind, year):
    period = ReportingPeriod.containing(kind, D(year, 1, 1))
    assert period.start == D(year, 1, 1)
    covered = []
    while period.year == year:
        nxt = period.next()
        assert nxt.start == period.end + datetime.timedelta(days=1)  # no gap, no overlap
        assert nxt.previous() == period
        covered += list(period)
        period = nxt
    assert covered == [D(year, m, 1) for m in range(1, 13)]
    assert period.previous().end == D(year, 12, 31)


@given(kinds, days, st.integers(1, 31), st.integers(-3, 3))
def test_due_is_that_day_of_the_last_month_moved_or_the_months_end(kind, day, due_day, offset):
    period = ReportingPeriod.containing(kind, day)
    due = period.due(due_day, month_offset=offset)
    assert first_of_month(due) == add_months(period.end, offset)
    assert due.day == due_day or (due.day < due_day and (due + datetime.timedelta(days=1)).day == 1)
