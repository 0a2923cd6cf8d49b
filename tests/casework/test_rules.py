"""The procedures' numbers and boundaries, pure: 12 hours on the clock, 5 + 2 working days, 15 days, 6 months,
100 cases, under 16."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ansinh.casework import rules

D = datetime.date
T = rules.Terms()
TZ = datetime.timezone(datetime.timedelta(hours=7))


def test_twelve_hours_run_across_midnight():
    received = datetime.datetime(2026, 4, 20, 18, 30, tzinfo=TZ)
    assert rules.emergency_due(received, T) == datetime.datetime(2026, 4, 21, 6, 30, tzinfo=TZ)
    assert rules.emergency_due(received, rules.Terms(emergency_hours=24)).day == 21


def test_five_and_two_working_days_skip_the_weekend_and_public_holidays():
    holidays = [D(2026, 4, 30), D(2026, 5, 1)]
    # assessed on Thursday 23/4: Fri 24, Mon 27, Tue 28, Wed 29 (1–4), 30/4 and 1/5 are holidays, Mon 4/5 (5)
    assert rules.plan_draft_due(D(2026, 4, 23), T, holidays) == D(2026, 5, 4)
    assert rules.plan_draft_due(D(2026, 4, 23), T) == D(2026, 4, 30)  # without the holidays
    # drafted on Friday 8/5: Mon 11, Tue 12
    assert rules.plan_approval_due(D(2026, 5, 8), T, holidays) == D(2026, 5, 12)
    assert rules.plan_approval_due(D(2026, 4, 29), T, holidays) == D(2026, 5, 5)


def test_a_temporary_separation_lasts_fifteen_days_counting_the_first():
    assert rules.separation_due(D(2026, 4, 1), T) == D(2026, 4, 15)
    assert rules.separation_due(D(2026, 4, 1), rules.Terms(separation_days=1)) == D(2026, 4, 1)


def test_follow_up_after_return_is_six_months_to_the_day_or_the_month_end():
    assert rules.follow_up_until(D(2026, 1, 15), T) == D(2026, 7, 15)
    assert rules.follow_up_until(D(2025, 8, 31), T) == D(2026, 2, 28)
    assert rules.follow_up_until(D(2026, 1, 15), rules.Terms(follow_up_months=3)) == D(2026, 4, 15)


def test_closure_needs_a_reason_and_the_follow_up():
    base = {"note": "", "closed_on": D(2026, 7, 14), "returned_on": D(2026, 1, 15), "terms": T}
    assert rules.closure_refusal(reason="", **base)[0] == "reason"
    assert rules.closure_refusal(reason="other", **base)[0] == "note"
    field, message = rules.closure_refusal(reason="goals_met", **base)
    assert field == "closed_on" and "15/07/2026" in message and "Điều 10" in message
    assert rules.closure_refusal(reason="goals_met", **{**base, "closed_on": D(2026, 7, 15)}) is None
    assert rules.closure_refusal(reason="death", **base) is None  # follow-up no longer possible
    assert rules.closure_refusal(reason="moved", **base) is None
    assert rules.closure_refusal(reason="no_contact", **base) is None
    assert rules.closure_refusal(reason="goals_met", **{**base, "returned_on": None}) is None
    assert rules.closure_refusal(reason="other", **{**base, "note": "Chuyển tỉnh", "returned_on": None}) is None


def test_a_plan_starts_on_or_after_its_assessment_and_ends_after_it_starts():
    day = D(2026, 4, 23)
    assert rules.plan_refusal([], day)[0] == "items"
    ok = rules.PlanLine("Tư vấn tâm lý", day, day)
    assert rules.plan_refusal([ok], day) is None
    field, message = rules.plan_refusal([ok, rules.PlanLine("Khám sức khỏe", D(2026, 4, 22), day)], day)
    assert field == "items" and "Hoạt động 2" in message and "22/04/2026" in message
    assert "kết thúc" in rules.plan_refusal([rules.PlanLine("Học", day, D(2026, 4, 22))], day)[1]
    assert rules.plan_refusal([rules.PlanLine("Học", D(2026, 4, 22), D(2026, 4, 22))], None) is None


def test_caseload_against_the_limit_of_one_hundred():
    assert rules.caseload_state(101, T) == "over"
    assert rules.caseload_state(100, T) == "full"
    assert rules.caseload_state(99, T) == "near"
    assert rules.caseload_state(90, T) == "near"
    assert rules.caseload_state(89, T) == "ok"
    assert rules.caseload_state(0, T) == "ok"
    assert rules.caseload_state(51, rules.Terms(caseload_limit=50)) == "over"


def test_a_child_is_under_sixteen():
    assert rules.procedure_for(15) == "child"
    assert rules.procedure_for(16) == "adult"
    assert rules.procedure_for(0) == "child"
    assert rules.procedure_for(None) == "adult"
    assert rules.CHILD_AGE == 16


@pytest.mark.parametrize("action, stage, allowed", [
    ("initial", rules.RECEIVED, True), ("initial", rules.INITIAL, False),
    ("assess", rules.INITIAL, True), ("assess", rules.RECEIVED, False),
    ("plan", rules.ASSESSED, True), ("plan", rules.INITIAL, False), ("plan", rules.IMPLEMENTING, False),
    ("approve", rules.PLAN_SUBMITTED, True), ("approve", rules.ASSESSED, False),
    ("review", rules.IMPLEMENTING, True), ("review", rules.PLAN_SUBMITTED, False),
    ("close", rules.IMPLEMENTING, True), ("close", rules.RECEIVED, True), ("close", rules.CLOSED, False),
    ("reopen", rules.CLOSED, True), ("reopen", rules.IMPLEMENTING, False),
])
def test_which_step_follows_which(action, stage, allowed):
    assert (rules.refusal(action, stage) is None) is allowed


@given(st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)), st.integers(min_value=1, max_value=10))
def test_a_working_day_deadline_is_a_weekday_after_the_start(start, days):
    due = rules.plan_draft_due(start, rules.Terms(plan_draft_days=days))
    assert due > start and due.weekday() < 5
    assert (due - start).days <= days + 2 * (days // 5 + 1)


@pytest.mark.parametrize("action, stage, says", [
    ("initial", rules.CLOSED, "Ca đã đóng"), ("review", rules.CLOSED, "Ca đã đóng"),
    ("initial", rules.INITIAL, "Đã đánh giá ban đầu"),
    ("assess", rules.RECEIVED, "Cần đánh giá ban đầu"), ("assess", rules.ASSESSED, "Đã đánh giá chi tiết"),
    ("plan", rules.RECEIVED, "Cần đánh giá chi tiết"), ("plan", rules.INITIAL, "Cần đánh giá chi tiết"),
    ("plan", rules.PLAN_SUBMITTED, "đã được xây dựng"), ("approve", rules.IMPLEMENTING, "chờ phê duyệt"),
    ("review", rules.ASSESSED, "đã được phê duyệt"), ("reopen", rules.RECEIVED, "Ca đang mở"),
])
def test_a_refusal_says_why(action, stage, says):
    assert says in rules.refusal(action, stage)
