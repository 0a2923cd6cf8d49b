"""Reads of plans, each through `visible_to(user)` where a user reads them."""

from decimal import Decimal
from typing import Any

from django.db.models import Count

from ansinh.core.access import access

from ..models import Plan


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



def plan_text(plan: Plan) -> dict[str, Any]:
    """A plan as its edit page shows it: the header's fields and one tab-separated line per target, task and
    reporting period (the columns of `services.plans.TARGET_COLUMNS`…)."""
    def number(value) -> str:
        return f"{Decimal(value).normalize():f}".replace(".", ",")

    return {
        "number": plan.number, "issuer": plan.issuer, "date": plan.issued_on, "title": plan.title,
        "parent": plan.parent, "version": plan.version,
        "targets": "\n".join("\t".join([str(t.period_start), str(t.period_end), number(t.value), t.unit,
                                        str(t.baseline_year or ""), "x" if t.at_most else "", t.indicator, t.text])
                             for t in plan.targets.order_by("position")),
        "tasks": "\n".join("\t".join([t.title, t.lead, "; ".join(t.coordinating), t.product, t.timeline])
                           for t in plan.tasks.order_by("position")),
        "reports": "\n".join("\t".join(["6 tháng" if s.kind == "half" else "năm",
                                        "xã" if s.level == "commune" else "tỉnh",
                                        f"{s.due_day}/{s.due_month}" if s.due_day else "", s.text])
                             for s in plan.schedules.all()),
    }


def catalogue(*, user) -> list[tuple[Any, list]]:
    """The catalogue as its page lists it: each indicator's current definition with its older versions."""
    grouped: dict[tuple[str, str], list] = {}
    for definition in definitions(user=user):
        grouped.setdefault((definition.province_code, definition.code), []).append(definition)
    return [(versions[0], versions[1:]) for versions in grouped.values()]


def definitions(*, user):
    """The indicator catalogue the user reads: every version of the computed indicators' definitions and of their
    province's reported ones, newest version first."""
    from ..models import Definition

    return Definition.objects.visible_to(user).order_by("kind", "code", "-version")
