"""The workforce's legal rules, pure: no database."""

import datetime
from decimal import Decimal


def meets_base_salary(allowance: Decimal, base_salary: Decimal | None) -> bool:
    """A social-work staff member counts towards the plans' targets when the monthly allowance is at least the
    base salary in force that day: "với mức phụ cấp hằng tháng tối thiểu bằng mức lương cơ bản do Chính phủ quy
    định" (the target of QĐ 112/QĐ-TTg as the seed plans repeat it, e.g. 154/KH-UBND Tuyên Quang, mục I.2).
    With no base salary known for the day, nobody counts."""
    return base_salary is not None and allowance >= base_salary


def overlaps(start: datetime.date, end: datetime.date | None, other_start: datetime.date,
             other_end: datetime.date | None) -> bool:
    """Two periods, each from its first to its last day (open when the last is None), share a day."""
    return (other_end is None or start <= other_end) and (end is None or other_start <= end)
