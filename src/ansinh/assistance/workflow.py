"""The procedure an application follows, as data and pure functions: steps, their deadlines in working
days, and which procedure applies on the date it was received.

Before 01/7/2025: NĐ 20/2021 Điều 8 k.1 (commune review and public posting, district appraisal, district
chairman's decision). From 01/7/2025: NĐ 147/2025 Điều 5 (the commune chairman verifies against the
national population database, decides and pays within 10 working days).
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, replace

from ansinh.core.dates import add_working_days

COMMUNE_PROCEDURE_FROM = datetime.date(2025, 7, 1)


@dataclass(frozen=True)
class Step:
    code: str
    label: str
    days: int  # working days allowed, counted from `after`
    after: str  # the step the time is counted from
    citation: str


PROCEDURES: dict[str, list[Step]] = {
    "three_tier": [
        Step("reviewed", "Xã xét duyệt hồ sơ", 7, "received", "NĐ 20/2021 Điều 8 k.1 điểm b"),
        Step("posted", "Niêm yết công khai kết quả xét duyệt (2 ngày làm việc, không công khai thông tin HIV)", 2,
             "reviewed", "NĐ 20/2021 Điều 8 k.1 điểm b"),
        Step("forwarded", "Xã gửi hồ sơ lên Phòng LĐTBXH cấp huyện", 3, "posted", "NĐ 20/2021 Điều 8 k.1 điểm c"),
        Step("appraised", "Phòng LĐTBXH thẩm định", 7, "forwarded", "NĐ 20/2021 Điều 8 k.1 điểm d"),
        Step("decided", "Chủ tịch UBND cấp huyện quyết định", 3, "appraised", "NĐ 20/2021 Điều 8 k.1 điểm d"),
    ],
    "commune": [
        Step("verified", "Xác thực, chuẩn hóa thông tin với cơ sở dữ liệu quốc gia về dân cư", 10, "received",
             "NĐ 147/2025 Điều 5"),
        Step("decided", "Chủ tịch UBND cấp xã quyết định và chi trả", 10, "received", "NĐ 147/2025 Điều 5"),
    ],
}

# Complaints about the posted result are settled within 10 working days (NĐ 20/2021 Điều 8 k.1 điểm b);
# while one is open, forwarding waits for it (and its 3 days count from the settlement).
COMPLAINT_DAYS = 10
COMPLAINT = Step("complaint", "Có khiếu nại về kết quả niêm yết", 0, "posted", "NĐ 20/2021 Điều 8 k.1 điểm b")
COMPLAINT_SETTLED = Step("complaint_settled", "Giải quyết khiếu nại (10 ngày làm việc)", COMPLAINT_DAYS, "complaint",
                         "NĐ 20/2021 Điều 8 k.1 điểm b")


def steps_of(procedure: str, done: Iterable[str]) -> list[Step]:
    """The steps of an application: the procedure's, with the complaint and its settlement before the
    forwarding once a complaint has been recorded."""
    steps = PROCEDURES[procedure]
    if "complaint" not in set(done):
        return steps
    out: list[Step] = []
    for step in steps:
        if step.code == "forwarded":
            out += [COMPLAINT, COMPLAINT_SETTLED, replace(step, after="complaint_settled")]
        else:
            out.append(step)
    return out


def complaint_allowed(procedure: str, done: Iterable[str]) -> bool:
    """A complaint is taken while the result is posted or just after, before the file is forwarded."""
    done = set(done)
    return procedure == "three_tier" and "posted" in done and not done & {"forwarded", "complaint"}


def procedure_for(received_on: datetime.date) -> str:
    return "commune" if received_on >= COMMUNE_PROCEDURE_FROM else "three_tier"


def next_step(procedure: str, done: Iterable[str]) -> Step | None:
    done = set(done)
    return next((s for s in steps_of(procedure, done) if s.code not in done), None)


def deadlines(procedure: str, done_on: dict[str, datetime.date], holidays: Iterable[datetime.date] = ()
              ) -> list[tuple[Step, datetime.date | None, datetime.date | None]]:
    """Each step with its due date (None until the step it counts from is done) and the date it was done."""
    holidays = list(holidays)
    rows = []
    for step in steps_of(procedure, done_on):
        start = done_on.get(step.after)
        rows.append((step, add_working_days(start, step.days, holidays) if start else None, done_on.get(step.code)))
    return rows


def overdue(procedure: str, done_on: dict[str, datetime.date], today: datetime.date,
            holidays: Iterable[datetime.date] = ()) -> Step | None:
    """The first step past its due date and not done, if any."""
    for step, due, done in deadlines(procedure, done_on, holidays):
        if done is None and due is not None and today > due:
            return step
    return None
