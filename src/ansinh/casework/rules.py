"""The statutory case procedures as pure functions: which step may follow which, their deadlines in hours
and in working days, what a plan and a closure need, and when a caseload is over the limit.

Children (under 16, Luật Trẻ em Điều 1) follow NĐ 56/2017/NĐ-CP Điều 25–32; others TT 02/2020/TT-BLĐTBXH
Điều 3–10. The numbers (12 hours, 5 + 2 working days, 15 days, 6 months, 100 cases) are dated parameters
(`policy`), handed in here as `Terms`.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from ansinh.core.dates import add_months, add_working_days

CHILD_AGE = 16  # Luật Trẻ em 2016 Điều 1: trẻ em là người dưới 16 tuổi

# --- stages and steps ----------------------------------------------------------------------------------

RECEIVED = "received"  # tiếp nhận thông tin (NĐ 56 Mẫu 01)
INITIAL = "initial"  # đánh giá ban đầu (NĐ 56 Mẫu 02)
ASSESSED = "assessed"  # đánh giá chi tiết, nhu cầu (NĐ 56 Mẫu 03; TT 02 Mẫu 01–02): the plan is drafted next
PLAN_SUBMITTED = "plan_submitted"  # kế hoạch đã xây dựng, chờ phê duyệt (NĐ 56 Mẫu 04)
IMPLEMENTING = "implementing"  # kế hoạch đã phê duyệt (NĐ 56 Mẫu 05), đang thực hiện, theo dõi, rà soát
CLOSED = "closed"  # đóng ca

STAGE_ORDER = (RECEIVED, INITIAL, ASSESSED, PLAN_SUBMITTED, IMPLEMENTING, CLOSED)

# the steps whose time is counted (a `Deadline` each)
EMERGENCY = "emergency"  # can thiệp khẩn cấp hoặc tạm thời cách ly, trong 12 giờ (NĐ 56 Điều 26, 31, 32)
PLAN_DRAFT = "plan_draft"  # xây dựng kế hoạch trong 5 ngày làm việc (NĐ 56 Điều 28 k.1)
PLAN_APPROVAL = "plan_approval"  # phê duyệt kế hoạch trong 2 ngày làm việc (NĐ 56 Điều 28 k.1)
SEPARATION_END = "separation_end"  # tạm thời cách ly tối đa 15 ngày (NĐ 56 Điều 32)

# what each action needs the case's stage to be
ACTION_STAGES: dict[str, tuple[str, ...]] = {
    "initial": (RECEIVED,),
    "assess": (INITIAL,),
    "plan": (ASSESSED,),
    "approve": (PLAN_SUBMITTED,),
    "return_plan": (PLAN_SUBMITTED,),
    "review": (IMPLEMENTING,),
    "close": (RECEIVED, INITIAL, ASSESSED, PLAN_SUBMITTED, IMPLEMENTING),
    "reopen": (CLOSED,),
}

# the forms (biểu mẫu) of each procedure, by what they record
FORMS = {
    "child": {"report": "Mẫu số 01", "initial": "Mẫu số 02", "assessment": "Mẫu số 03", "plan": "Mẫu số 04",
              "approval": "Mẫu số 05", "review": "Mẫu số 06", "separation": "Mẫu số 07"},
    "adult": {"report": "Mẫu số 01", "assessment": "Mẫu số 02", "plan": "Mẫu số 03", "approval": "Mẫu số 04",
              "review": "Mẫu số 05", "closure": "Mẫu số 06"},
}
LEGAL_BASIS = {"child": "Nghị định 56/2017/NĐ-CP", "adult": "Thông tư 02/2020/TT-BLĐTBXH"}


@dataclass(frozen=True)
class Terms:
    """The numbers of the procedures in force on a day (`policy`, dated parameters)."""

    emergency_hours: int = 12
    plan_draft_days: int = 5
    plan_approve_days: int = 2
    separation_days: int = 15
    follow_up_months: int = 6
    caseload_limit: int = 100


def refusal(action: str, stage: str) -> str | None:
    """Why `action` cannot be taken on a case at `stage` now (None: it can)."""
    allowed = ACTION_STAGES.get(action)
    if allowed is None or stage in allowed:
        return None
    if stage == CLOSED:
        return "Ca đã đóng; hãy mở lại ca trước."
    return {
        "initial": "Đã đánh giá ban đầu.",
        "assess": "Cần đánh giá ban đầu trước khi đánh giá chi tiết." if stage == RECEIVED else "Đã đánh giá chi tiết.",
        "plan": "Cần đánh giá chi tiết, nhu cầu trước khi xây dựng kế hoạch." if stage in (RECEIVED, INITIAL)
        else "Kế hoạch đã được xây dựng; hãy rà soát để điều chỉnh.",
        "approve": "Không có kế hoạch nào đang chờ phê duyệt.",
        "return_plan": "Không có kế hoạch nào đang chờ phê duyệt.",
        "review": "Chỉ rà soát khi kế hoạch đã được phê duyệt và đang thực hiện.",
        "reopen": "Ca đang mở.",
    }.get(action, "Không thực hiện được ở bước này.")


def procedure_for(age: int | None) -> str:
    """"child" for a person under 16 on the day the report was received (NĐ 56/2017), else "adult" (TT 02/2020).
    The age is the registry's (a birth year alone counts from 1 January); unknown: the adults' procedure."""
    return "child" if age is not None and age < CHILD_AGE else "adult"


# --- deadlines -----------------------------------------------------------------------------------------


def emergency_due(received_at: datetime.datetime, terms: Terms) -> datetime.datetime:
    """A child at serious risk: emergency protection or temporary separation within 12 hours of the report
    (NĐ 56/2017 Điều 26 k.2, Điều 31, 32) — hours on the clock, nights and holidays included."""
    return received_at + datetime.timedelta(hours=terms.emergency_hours)


def plan_draft_due(assessed_on: datetime.date, terms: Terms, holidays: Iterable[datetime.date] = ()) -> datetime.date:
    """The plan is drafted within 5 working days of the detailed assessment (NĐ 56/2017 Điều 28 k.1)."""
    return add_working_days(assessed_on, terms.plan_draft_days, holidays)


def plan_approval_due(drafted_on: datetime.date, terms: Terms, holidays: Iterable[datetime.date] = ()
                      ) -> datetime.date:
    """… and approved within 2 working days of being drafted (NĐ 56/2017 Điều 28 k.1)."""
    return add_working_days(drafted_on, terms.plan_approve_days, holidays)


def separation_due(started_on: datetime.date, terms: Terms) -> datetime.date:
    """The last day of a temporary separation: at most 15 days (NĐ 56/2017 Điều 32), the first day counted."""
    return started_on + datetime.timedelta(days=terms.separation_days - 1)


def follow_up_until(returned_on: datetime.date, terms: Terms) -> datetime.date:
    """After a return to the family or community, follow-up for at least 6 months (TT 02/2020 Điều 10): the case
    may close on this day at the earliest."""
    month = add_months(returned_on, terms.follow_up_months)
    last = add_months(month, 1) - datetime.timedelta(days=1)
    return month.replace(day=min(returned_on.day, last.day))


# --- what a step needs ---------------------------------------------------------------------------------

# closure reasons for which the follow-up after a return home is no longer possible
ENDS_FOLLOW_UP = frozenset({"death", "moved", "no_contact"})


def closure_refusal(*, reason: str, note: str, closed_on: datetime.date, returned_on: datetime.date | None,
                    terms: Terms) -> tuple[str, str] | None:
    """(field, message) when a case may not close so (TT 02/2020 Điều 8, 10), else None."""
    if not reason:
        return "reason", "Hãy chọn lý do đóng ca (Thông tư 02/2020 Điều 8)."
    if reason == "other" and not note.strip():
        return "note", "Lý do khác: hãy ghi rõ lý do đóng ca."
    if returned_on is not None and reason not in ENDS_FOLLOW_UP:
        until = follow_up_until(returned_on, terms)
        if closed_on < until:
            return "closed_on", (f"Đối tượng về gia đình, cộng đồng ngày {returned_on:%d/%m/%Y}: cần theo dõi ít nhất "
                                 f"{terms.follow_up_months} tháng, đến ngày {until:%d/%m/%Y} mới được đóng ca "
                                 f"(Thông tư 02/2020 Điều 10).")
    return None


@dataclass(frozen=True)
class PlanLine:
    """One activity of a plan (NĐ 56 Mẫu 04; TT 02 Điều 6)."""

    service: str
    start: datetime.date
    end: datetime.date


def plan_refusal(lines: list[PlanLine], assessed_on: datetime.date | None) -> tuple[str, str] | None:
    """(field, message) when a plan cannot be drafted so: it needs an activity; no activity starts before the
    assessment it answers or ends before it starts."""
    if not lines:
        return "items", "Kế hoạch cần ít nhất một hoạt động, dịch vụ."
    for n, line in enumerate(lines, start=1):
        if assessed_on is not None and line.start < assessed_on:
            return "items", (f"Hoạt động {n} ({line.service}): ngày bắt đầu {line.start:%d/%m/%Y} trước ngày đánh giá "
                             f"{assessed_on:%d/%m/%Y}.")
        if line.end < line.start:
            return "items", f"Hoạt động {n} ({line.service}): ngày kết thúc trước ngày bắt đầu."
    return None


def caseload_state(count: int, terms: Terms) -> str:
    """"over" above the limit of TT 33/2017 Điều 5 (1 social worker manages at most 100 cases), "full" at it,
    "near" from 90% of it, else "ok"."""
    if count > terms.caseload_limit:
        return "over"
    if count == terms.caseload_limit:
        return "full"
    if count * 10 >= terms.caseload_limit * 9:
        return "near"
    return "ok"
