"""Reads of the periodic reports: a unit's own, or all its province's units' for the level above; who owes which
report, by when, and how late."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from ansinh.core.access import access
from ansinh.core.dates import ReportingPeriod

from ..models import Plan, Report
from .plans import plans


def due_on(plan: Plan, kind: str, level: str, year: int) -> datetime.date | None:
    """The deadline the plan sets for a level's report of a kind in a year; None where it sets none."""
    schedule = next((s for s in plan.schedules.all() if s.kind == kind and s.level == level), None)
    if schedule is None or schedule.due_month is None or schedule.due_day is None:
        return None
    import calendar
    return datetime.date(year, schedule.due_month,
                         min(schedule.due_day, calendar.monthrange(year, schedule.due_month)[1]))


def reports(*, user):
    """The reports the user may read: their unit's, or all of their province's units'."""
    return Report.objects.visible_to(user).select_related("plan", "unit").order_by("-period", "unit__name")


def access_report(user, report, action: str = "view") -> Report:
    return access(Report.objects.select_related("plan", "unit", "submitted_by", "reviewed_by"), user, report, action)


def periods(plan: Plan, today: datetime.date) -> list[ReportingPeriod]:
    """The periods the plan asks reports for, latest first, from its year to today's."""
    kinds = {s.kind for s in plan.schedules.all()}
    found = []
    for year in range(today.year, plan.issued_on.year - 1, -1):
        if "year" in kinds:
            found.append(ReportingPeriod("year", year))
        if "half" in kinds and datetime.date(year, 1, 1) <= today:
            found.append(ReportingPeriod("half", year, 1))
    return found


@dataclass(frozen=True)
class Submission:
    """A unit's report for a period as the level above follows it: its state, its deadline, how late."""

    unit: Any
    report: Report | None
    due_on: datetime.date | None
    days_late: int | None  # submitted after the deadline, or still missing past it; None when not late

    @property
    def missing(self) -> bool:
        return self.report is None or self.report.submitted_at is None


def submissions(*, user, plan: Plan, period: ReportingPeriod, today: datetime.date) -> list[Submission]:
    """Each unit that owes the user (its level above) a report on the plan for the period — the province's
    communes — and the user's own unit; with each one's report, deadline and lateness (one query for the reports).
    A commune reads its own line only."""
    from ansinh.geo.selectors import communes_for, province_by_code

    unit = getattr(user, "jurisdiction", None)
    if unit is None:
        units = [province_by_code(plan.province_code)]
    else:
        units = list(communes_for(user).filter(province_code=plan.province_code))
        if unit.level == "province" and unit.province_code == plan.province_code:
            units.insert(0, unit)
    found = {r.unit_id: r for r in reports(user=user).filter(plan=plan, period=period.code)}
    rows = []
    for each in units:
        report = found.get(each.pk)
        due = report.due_on if report is not None else due_on(plan, period.kind, each.level, period.year)
        late = None
        if due is not None:
            handed = timezone.localtime(report.submitted_at).date() if report and report.submitted_at else None
            late = (handed - due).days if handed else (today - due).days
            late = late if late > 0 else None
        rows.append(Submission(each, report, due, late))
    return rows


def late_reports(*, user, today: datetime.date) -> list[tuple[Plan, ReportingPeriod, list[Submission]]]:
    """For each plan of the user's province and each of its periods whose deadline has passed this year or last,
    the units whose report is late or missing."""
    found = []
    for plan in plans(user=user).prefetch_related("schedules"):
        for period in periods(plan, today)[:4]:
            late = [s for s in submissions(user=user, plan=plan, period=period, today=today) if s.days_late]
            if late:
                found.append((plan, period, late))
    return found


def report_lines(report: Report) -> list:
    return list(report.lines.select_related("definition", "target").order_by("position"))


def commune_reports(report: Report, *, user) -> list[tuple[str, str]] | None:
    """For a province's report: its communes' reports of the same period that the reader sees, (name, state); None
    for a commune's."""
    if report.unit.level != "province":
        return None
    return [(r.unit.name, r.get_status_display()) for r in reports(user=user).filter(
        plan=report.plan, period=report.period, province_code=report.province_code, unit__level="commune")]


def submission_counts(rows: list[Submission]) -> dict[str, int]:
    """Of the communes owing a report: how many submitted, approved, and are past the deadline without one."""
    owed = [r for r in rows if r.unit.level == "commune"]
    return {"units": len(owed), "submitted": sum(1 for r in owed if not r.missing),
            "approved": sum(1 for r in owed if r.report and r.report.status == Report.Status.APPROVED),
            "late": sum(1 for r in owed if r.days_late and r.missing)}
