"""Reads of plans, each through `visible_to(user)` where a user reads them."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.utils import timezone

from ansinh.core import indicators
from ansinh.core.access import access, can
from ansinh.core.dates import ReportingPeriod

from . import rules
from .models import Plan, Report


def plans(*, user):
    """The plans of the user's province, each with its number of targets (counted in the same query)."""
    return Plan.objects.visible_to(user).annotate(target_count=Count("targets")).order_by("province_code",
                                                                                         "-issued_on")


def access_plan(user, plan, action: str = "view") -> Plan:
    return access(Plan.objects.all(), user, plan, action)


def _number(value) -> int | float:
    value = Decimal(str(value))
    return int(value) if value == value.to_integral_value() else float(value)


def plan_document(plan: Plan, *, complete: bool = False) -> dict[str, Any]:
    """A plan as `ansinh plans show --json` prints it (`complete`: with what the printed form leaves out — whether a
    target is a ceiling)."""
    document: dict[str, Any] = {
        "number": plan.number, "issuer": plan.issuer, "date": plan.issued_on.isoformat(), "title": plan.title,
        "parent": plan.parent, "province_code": plan.province_code,
        "targets": [{"indicator": t.indicator or None, "period_start": t.period_start, "period_end": t.period_end,
                     "value": _number(t.value), "unit": t.unit, "baseline_year": t.baseline_year, "text": t.text}
                    for t in plan.targets.all()],  # in order (Meta), prefetched where a list is read
        "tasks": [{"title": t.title, "lead": t.lead, "coordinating": t.coordinating, "product": t.product,
                   "timeline": t.timeline} for t in plan.tasks.all()],
        "reports": [{"kind": s.kind, "level": s.level,
                     "due": f"{s.due_month:02d}-{s.due_day:02d}" if s.due_month and s.due_day else None,
                     "text": s.text} for s in plan.schedules.all()],
    }
    if complete:
        for row, target in zip(document["targets"], plan.targets.all(), strict=True):
            row["at_most"] = target.at_most
    return document


def normalised(data: dict) -> dict[str, Any]:
    """A plan's data as it would be stored (spaces collapsed, numbers as numbers): to tell whether it changed."""
    def text(value) -> str:
        return " ".join(str(value or "").split())

    return {
        "number": "".join(str(data.get("number")).split()), "issuer": text(data.get("issuer")),
        "date": str(data.get("date")), "title": text(data.get("title")), "parent": text(data.get("parent")),
        "province_code": str(data.get("province_code")),
        "targets": [{"indicator": t.get("indicator") or None, "period_start": t.get("period_start"),
                     "period_end": t.get("period_end"), "value": _number(t.get("value")), "unit": text(t.get("unit")),
                     "baseline_year": t.get("baseline_year"), "text": text(t.get("text")),
                     "at_most": bool(t.get("at_most"))}
                    for t in data.get("targets") or []],
        "tasks": [{"title": text(t.get("title")), "lead": text(t.get("lead")),
                   "coordinating": [text(c) for c in t.get("coordinating") or [] if text(c)],
                   "product": text(t.get("product")), "timeline": text(t.get("timeline"))}
                  for t in data.get("tasks") or []],
        "reports": [{"kind": r.get("kind"), "level": r.get("level") or "commune", "due": r.get("due") or None,
                     "text": text(r.get("text"))} for r in data.get("reports") or []],
    }


def plan_by_number(number: str, province_code: str = "") -> list[Plan]:
    """The plans with this number (several provinces may use one), of one province when given."""
    found = Plan.objects.filter(number="".join(number.split()))
    if province_code:
        found = found.filter(province_code=province_code)
    return list(found.order_by("province_code", "-issued_on"))


def _figure(result) -> Decimal | None:
    """An indicator's figure: its share (%), or its count."""
    if result.indicator.denominator_label is None:
        return Decimal(result.numerator)
    return None if result.share is None else Decimal(str(result.share))


def progress(*, user, plan: Plan, day: datetime.date) -> list[dict[str, Any]]:
    """Each target of the plan with, where a computed indicator measures it and the user may read it, its figure on
    `day` in the user's jurisdiction (this year's, for an indicator that counts a period) and, while the day is in
    the target's period, whether it meets it; a rise over a baseline year is told against that year's figure."""
    rows = []
    for target in plan.targets.order_by("position"):
        row: dict[str, Any] = {"target": target, "indicator": None, "value": None, "met": None}
        indicator = indicators.get(target.indicator) if target.indicator else None
        if indicator is not None and can(user, indicator.capability):
            value = _figure(indicators.compute(indicator, user=user, day=day))
            baseline = None
            if target.baseline_year:
                year = target.baseline_year
                baseline = _figure(indicators.compute(indicator, user=user, day=datetime.date(year, 12, 31),
                                                      start=datetime.date(year, 1, 1)))
            rule = rules.Target(value=target.value, unit=target.unit, period_start=target.period_start,
                                period_end=target.period_end, baseline_year=target.baseline_year,
                                at_most=target.at_most)
            current = target.period_start <= day.year <= target.period_end
            row.update(indicator=indicator, value=value,
                       met=rules.met(rule, value, baseline) if current and value is not None else None)
        rows.append(row)
    return rows


# --- periodic reports ------------------------------------------------------------------------------------------


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

    from .services import due_on
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


def commune_reports(report: Report) -> list[tuple[str, str]] | None:
    """For a province's report: its communes' reports of the same period, (name, state); None for a commune's."""
    if report.unit.level != "province":
        return None
    return [(r.unit.name, r.get_status_display()) for r in Report.objects.filter(
        plan=report.plan, period=report.period, province_code=report.province_code, unit__level="commune"
    ).select_related("unit").order_by("unit__name")]
