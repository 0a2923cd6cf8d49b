"""Reads of the stored roll-ups (the dashboards): each target's figure in the reader's jurisdiction, its progress
(`rules.progress`), its trend over the years, the communes ranked by it — all read from `Rollup` (one grouped query
per page), with the time the figures were computed."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Max, Sum

from ansinh.core import indicators
from ansinh.core.access import can

from .. import rules
from ..models import Plan, Rollup, RollupPart, RollupRun, Target


@dataclass(frozen=True)
class Figure:
    numerator: int
    denominator: int | None
    day: datetime.date
    computed_at: Any

    def value(self, share: bool) -> Decimal | None:
        return rules.figure(Decimal(self.numerator), None if self.denominator is None else Decimal(self.denominator),
                            share=share)


def readable_codes(user) -> set[str]:
    return {i.code for i in indicators.all_indicators() if can(user, i.capability)}


def stored(*, user, province_code: str, codes: set[str] | None = None, commune_id: int | None = None
           ) -> dict[tuple[str, int], Figure]:
    """{(code, year): the figure summed over the communes of the user's jurisdiction in the province} for the
    indicators the user may read (or those of `codes`), one commune's when given."""
    allowed = readable_codes(user) if codes is None else codes & readable_codes(user)
    rows = Rollup.objects.visible_to(user).filter(province_code=province_code, code__in=allowed)
    if commune_id is not None:
        rows = rows.filter(commune_id=commune_id)
    rows = rows.values("code", "year").annotate(n=Sum("numerator"), d=Sum("denominator"), day=Max("day"),
                                                at=Max("computed_at"))
    return {(r["code"], r["year"]): Figure(r["n"] or 0, r["d"], r["day"], r["at"]) for r in rows}


def run_of(province_code: str) -> RollupRun | None:
    return RollupRun.objects.filter(province_code=province_code).first()


def _rule(target: Target) -> rules.Target:
    return rules.Target(value=target.value, unit=target.unit, period_start=target.period_start,
                        period_end=target.period_end, baseline_year=target.baseline_year, at_most=target.at_most)


@dataclass
class TargetRow:
    """A target as a dashboard shows it."""

    target: Target
    indicator: Any = None  # the computed indicator measuring it, when the reader may read it
    year: int | None = None  # the year its current figure is for
    value: Decimal | None = None
    origin: Decimal | None = None
    baseline: Decimal | None = None
    required: Decimal | None = None
    status: str | None = None
    figure: Figure | None = None
    trend: list[tuple[int, Decimal | None]] = field(default_factory=list)

    @property
    def share(self) -> bool:
        return bool(self.indicator and self.indicator.denominator_label)


def target_row(target: Target, figures: dict[tuple[str, int], Figure], *, today: datetime.date,
               readable: set[str]) -> TargetRow:
    row = TargetRow(target)
    indicator = indicators.get(target.indicator) if target.indicator in readable else None
    if indicator is None:
        return row
    row.indicator = indicator
    share = bool(indicator.denominator_label)

    def value(year: int | None) -> Decimal | None:
        figure = figures.get((indicator.code, year)) if year else None
        return figure.value(share) if figure else None
    row.year = min(today.year, target.period_end)
    row.figure = figures.get((indicator.code, row.year))
    row.value, row.origin = value(row.year), value(target.period_start - 1)
    row.baseline = value(target.baseline_year)
    rule = _rule(target)
    required = rules.required(rule, row.baseline)
    row.required = None if required is None else required.quantize(Decimal("0.1")).normalize()
    if row.value is not None:
        day = row.figure.day if row.figure else today
        row.status = rules.progress(rule, row.value, day=day, start=row.origin, baseline=row.baseline)
    row.trend = [(year, value(year)) for year in range(target.period_start - 1, row.year + 1)]
    return row


def target_rows(*, user, plan: Plan, today: datetime.date) -> list[TargetRow]:
    """Each target of the plan with its stored figure, progress and trend in the user's jurisdiction."""
    figures = stored(user=user, province_code=plan.province_code)
    readable = readable_codes(user)
    return [target_row(t, figures, today=today, readable=readable) for t in plan.targets.order_by("position")]


def plan_statuses(*, user, plans, today: datetime.date) -> dict[int, Counter]:
    """For a list of plans: {plan id: how many of its current targets are on track, at risk, off track, …}."""
    readable = readable_codes(user)
    counts: dict[int, Counter] = {}
    by_province: dict[str, dict] = {}
    targets = Target.objects.filter(plan__in=[p.pk for p in plans], period_end__gte=today.year,
                                     period_start__lte=today.year).exclude(indicator="")
    for target in targets.select_related("plan"):
        code = target.plan.province_code
        if code not in by_province:
            by_province[code] = stored(user=user, province_code=code)
        row = target_row(target, by_province[code], today=today, readable=readable)
        if row.status:
            counts.setdefault(target.plan_id, Counter())[row.status] += 1
    return counts


@dataclass(frozen=True)
class CommuneRow:
    commune: Any
    numerator: int
    denominator: int | None
    value: Decimal | None
    meets: bool | None  # for a share or ceiling target read commune by commune


def communes_ranked(*, user, target: Target, year: int) -> list[CommuneRow]:
    """The communes of the user's jurisdiction by the target's figure in `year`, best first (a ceiling: lowest
    first); a share target is also told commune by commune (met or not); a count target is the province's whole,
    so a commune's count is ranked, not judged."""
    from ansinh.geo.models import AdministrativeUnit

    indicator = indicators.get(target.indicator) if target.indicator in readable_codes(user) else None
    if indicator is None:
        return []
    share = bool(indicator.denominator_label)
    rows = Rollup.objects.visible_to(user).filter(province_code=target.plan.province_code, code=indicator.code,
                                                  year=year).values_list("commune_id", "numerator", "denominator")
    names = AdministrativeUnit.objects.in_bulk([r[0] for r in rows])
    judged = share and target.baseline_year is None
    found = []
    for commune, numerator, denominator in rows:
        value = rules.figure(Decimal(numerator), None if denominator is None else Decimal(denominator), share=share)
        meets = rules.met(_rule(target), value) if judged and value is not None else None
        found.append(CommuneRow(names[commune], numerator, denominator, value, meets))
    worst = Decimal("-1") if not target.at_most else Decimal("1e12")
    found.sort(key=lambda r: (r.value if r.value is not None else worst, r.numerator), reverse=not target.at_most)
    return found


def groups(*, user, code: str, province_code: str, year: int) -> dict[str, Any] | None:
    """An indicator that counts people, by sex and age band in the user's jurisdiction for `year`: {"rows": [(band
    label, [figure per sex…, all]) …], "sexes": [labels…]}; None for an indicator that does not count people."""
    indicator = indicators.get(code)
    if indicator is None or indicator.breakdown is None or code not in readable_codes(user):
        return None
    share = bool(indicator.denominator_label)
    sums: dict[tuple[str, str], list[int]] = {}
    for sex, band, n, d in RollupPart.objects.visible_to(user).filter(
            province_code=province_code, code=code, year=year).values_list("sex", "band").annotate(
            n=Sum("numerator"), d=Sum("denominator")).values_list("sex", "band", "n", "d"):
        sums[(sex, band)] = [n or 0, d or 0]

    def cell(keys) -> Decimal | None:
        n = sum(sums.get(k, [0, 0])[0] for k in keys)
        d = sum(sums.get(k, [0, 0])[1] for k in keys)
        if not any(k in sums for k in keys):
            return None
        return rules.figure(Decimal(n), Decimal(d) if share else None, share=share)
    sexes = [code for code, _label in indicators.SEXES]
    bands = [(b[0], b[1]) for b in indicators.AGE_BANDS] + [(indicators.UNKNOWN_AGE, "Chưa rõ năm sinh")]
    rows = []
    for band, label in bands:
        values = [cell([(sex, band)]) for sex in sexes] + [cell([(sex, band) for sex in [*sexes, ""]])]
        if any(v is not None for v in values):
            rows.append((label, values))
    rows.append(("Tổng", [cell([(sex, b) for b, _l in bands]) for sex in sexes]
                 + [cell([(sex, b) for b, _l in bands for sex in [*sexes, ""]])]))
    return {"rows": rows, "sexes": [label for _code, label in indicators.SEXES], "share": share}
