"""The calendar procedures and reports count in: months, working days, and reporting periods (tháng,
quý, 6 tháng, năm) with their due dates. Pure functions, no database; the public holidays to leave out of
working days are read by `core.selectors.holidays()`."""

import calendar
import datetime
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

# --- months ----------------------------------------------------------------------------------------


def first_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def add_months(month: datetime.date, n: int) -> datetime.date:
    """The first day of the month `n` months after the month of `month` (before it when `n` < 0)."""
    index = month.year * 12 + month.month - 1 + n
    return datetime.date(index // 12, index % 12 + 1, 1)


def last_of_month(day: datetime.date) -> datetime.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


# --- working days ----------------------------------------------------------------------------------


def add_working_days(start: datetime.date, days: int, holidays: Iterable[datetime.date] = ()) -> datetime.date:
    """The date `days` working days after `start` (Monday to Friday, public holidays excluded)."""
    off = set(holidays)
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5 and day not in off:
            days -= 1
    return day


# --- reporting periods -----------------------------------------------------------------------------

MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}  # kind → how many months a period covers
KINDS = tuple(MONTHS_IN)
_ROMAN = ("I", "II", "III", "IV")
_CODE = re.compile(r"^(\d{4})(?:-(?:(\d{1,2})|Q([1-4])|H([12])))?$", re.IGNORECASE)


@dataclass(frozen=True)
class ReportingPeriod:
    """Kỳ báo cáo: a month, a quarter, a half-year or a year. `index` counts from 1 within the year (the
    month 1–12, the quarter 1–4, the half 1–2; always 1 for a year)."""

    kind: str
    year: int
    index: int = 1

    def __post_init__(self):
        if self.kind not in MONTHS_IN:
            raise ValueError(f"unknown kind of reporting period: {self.kind!r}")
        if not 1 <= self.index <= 12 // MONTHS_IN[self.kind]:
            raise ValueError(f"no {self.kind} {self.index} in a year")
        if not datetime.MINYEAR <= self.year <= datetime.MAXYEAR:
            raise ValueError(f"year out of range: {self.year}")

    @classmethod
    def containing(cls, kind: str, day: datetime.date) -> "ReportingPeriod":
        """The period of this kind that `day` lies in."""
        if kind not in MONTHS_IN:
            raise ValueError(f"unknown kind of reporting period: {kind!r}")
        return cls(kind, day.year, (day.month - 1) // MONTHS_IN[kind] + 1)

    @classmethod
    def parse(cls, text: str) -> "ReportingPeriod":
        """From its code: "2026-03" (a month), "2026-Q1", "2026-H1", "2026" (a year)."""
        match = _CODE.match(text.strip())
        if not match:
            raise ValueError(f"Kỳ báo cáo không hợp lệ: {text!r} (cần dạng 2026-03, 2026-Q1, 2026-H1 hoặc 2026).")
        year, month, quarter, half = match.groups()
        if month is not None:
            return cls("month", int(year), int(month))
        if quarter is not None:
            return cls("quarter", int(year), int(quarter))
        if half is not None:
            return cls("half", int(year), int(half))
        return cls("year", int(year))

    @property
    def code(self) -> str:
        """The text `parse` reads back."""
        return {"month": f"{self.year}-{self.index:02d}", "quarter": f"{self.year}-Q{self.index}",
                "half": f"{self.year}-H{self.index}", "year": f"{self.year}"}[self.kind]

    @property
    def start(self) -> datetime.date:
        return datetime.date(self.year, (self.index - 1) * MONTHS_IN[self.kind] + 1, 1)

    @property
    def end(self) -> datetime.date:
        """The last day of the period."""
        return last_of_month(self._last_month)

    @property
    def _last_month(self) -> datetime.date:
        return add_months(self.start, MONTHS_IN[self.kind] - 1)

    @property
    def label(self) -> str:
        """As a Vietnamese report names it: "Tháng 03/2026", "Quý I/2026", "6 tháng đầu năm 2026", "Năm 2026"."""
        if self.kind == "month":
            return f"Tháng {self.index:02d}/{self.year}"
        if self.kind == "quarter":
            return f"Quý {_ROMAN[self.index - 1]}/{self.year}"
        if self.kind == "half":
            return f"6 tháng {'đầu' if self.index == 1 else 'cuối'} năm {self.year}"
        return f"Năm {self.year}"

    def previous(self) -> "ReportingPeriod":
        return ReportingPeriod.containing(self.kind, add_months(self.start, -MONTHS_IN[self.kind]))

    def next(self) -> "ReportingPeriod":
        return ReportingPeriod.containing(self.kind, add_months(self.start, MONTHS_IN[self.kind]))

    def __iter__(self) -> Iterator[datetime.date]:
        """The first day of each month the period covers."""
        for n in range(MONTHS_IN[self.kind]):
            yield add_months(self.start, n)

    def __contains__(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def due(self, day: int, month_offset: int = 0) -> datetime.date:
        """Hạn nộp báo cáo: day `day` of the period's last month moved by `month_offset` months, or that
        month's last day when it is shorter. A half-year report due by 10 June is `due(10)`; a monthly
        report due by the 5th of the next month is `due(5, month_offset=1)`."""
        if not 1 <= day <= 31:
            raise ValueError(f"no day {day} in a month")
        month = add_months(self._last_month, month_offset)
        return month.replace(day=min(day, calendar.monthrange(month.year, month.month)[1]))

    def __str__(self) -> str:
        return self.label
