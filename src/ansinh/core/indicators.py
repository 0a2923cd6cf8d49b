"""Computed indicators, registered by stable codes: each app declares the figures its data answers, and the
dashboards, the API and later the monitoring of plans read them by code, without importing the app.

An indicator is computed for a user (their jurisdiction), a day and, where it counts events, the period
from `start` to that day. It answers per commune in one set-based query: {commune id: (numerator,
denominator)}; the denominator is None for a count. `drill` gives the records behind a part of the number
("numerator", "denominator" or "missing", those of the denominator not in the numerator)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

PARTS = ("numerator", "denominator", "missing")


@dataclass(frozen=True)
class Row:
    """One line of a drill-down: a link target and the values of the indicator's columns."""

    url: str
    values: tuple[Any, ...]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: str
    capability: str  # who may read it (and its drill-down)
    numerator_label: str
    denominator_label: str | None  # None: a count, not a share
    compute: Callable[..., dict[int, tuple[int, int | None]]]  # (*, user, day, start) → by commune id
    drill: Callable[..., Any]  # (*, user, day, start, commune, part) → iterable of Row
    columns: tuple[str, ...]  # the drill-down's column headers
    legal: str = ""  # the plan or text the indicator answers
    periodic: bool = False  # counts what happened from `start` to `day`
    # of people: (*, user, day, start) → {(commune id, sex, age band): (numerator, denominator)}, see `AGE_BANDS`
    breakdown: Callable[..., dict[tuple[int, str, str], tuple[int, int | None]]] | None = None


_INDICATORS: dict[str, Indicator] = {}


def register(*indicators: Indicator) -> None:
    for indicator in indicators:
        known = _INDICATORS.get(indicator.code)
        if known is not None and known is not indicator and known.label != indicator.label:
            raise ValueError(f"indicator {indicator.code!r} is registered twice")
        _INDICATORS[indicator.code] = indicator


def get(code: str) -> Indicator | None:
    return _INDICATORS.get(code)


def all_indicators() -> list[Indicator]:
    return list(_INDICATORS.values())


@dataclass(frozen=True)
class Result:
    indicator: Indicator
    by_commune: dict[int, tuple[int, int | None]]

    @property
    def numerator(self) -> int:
        return sum(n for n, _d in self.by_commune.values())

    @property
    def denominator(self) -> int | None:
        if self.indicator.denominator_label is None:
            return None
        return sum(d or 0 for _n, d in self.by_commune.values())

    @property
    def share(self) -> float | None:
        """The percentage, or None for a count or an empty denominator."""
        denominator = self.denominator
        return None if not denominator else round(100 * self.numerator / denominator, 1)


def compute(indicator: Indicator, *, user, day: datetime.date, start: datetime.date | None = None,
            commune_id: int | None = None) -> Result:
    """The indicator for the user's jurisdiction (narrowed to one commune when given)."""
    start = start or datetime.date(day.year, 1, 1)
    by_commune = indicator.compute(user=user, day=day, start=start)
    if commune_id is not None:
        by_commune = {k: v for k, v in by_commune.items() if k == commune_id}
    return Result(indicator, by_commune)


def reader(unit):
    """Who computes a unit's figures for its report or the stored roll-ups: every indicator, inside `unit` (an
    administrative unit; None for the country) only. Figures are counts by commune, never the records."""
    from .access import FigureReader
    return FigureReader(unit, frozenset(i.capability for i in _INDICATORS.values()))


# --- by sex and age group --------------------------------------------------------------------------------

# (code, label, first age, last age): children under 16 (Luật Trẻ em 2016 Điều 1), older people from 60 (Luật Người
# cao tuổi 2009 Điều 2), the ages between; a person whose birth year is unknown is told apart
AGE_BANDS = (("0-15", "Dưới 16 tuổi", 0, 15), ("16-59", "Từ 16 đến 59 tuổi", 16, 59), ("60+", "Từ 60 tuổi", 60, None))
UNKNOWN_AGE = "?"
SEXES = (("M", "Nam"), ("F", "Nữ"))


def age_band_sql(birth_year: str, year: int) -> str:
    """SQL for the age band of a column of birth years in `year` (an age counted as year − birth year)."""
    year = int(year)
    parts = " ".join(f"WHEN {year} - {birth_year} <= {last} THEN '{code}'" for code, _label, _first, last in AGE_BANDS
                     if last is not None)
    return f"CASE WHEN {birth_year} IS NULL THEN '{UNKNOWN_AGE}' {parts} ELSE '{AGE_BANDS[-1][0]}' END"


def age_band(birth_year: str, year: int):
    """The same as an ORM expression, for `.values(...)`."""
    from django.db.models import Case, CharField, Q, Value, When

    whens = [When(Q(**{f"{birth_year}__gte": year - last}), then=Value(code))
             for code, _label, _first, last in AGE_BANDS if last is not None]
    return Case(When(Q(**{f"{birth_year}__isnull": True}), then=Value(UNKNOWN_AGE)), *whens,
                default=Value(AGE_BANDS[-1][0]), output_field=CharField())


def breakdown(indicator: Indicator, *, user, day: datetime.date, start: datetime.date | None = None,
              commune_id: int | None = None) -> dict[tuple[str, str], tuple[int, int | None]]:
    """The indicator by sex and age band in the user's jurisdiction (one commune when given): {(sex, band): (n, d)};
    empty for an indicator that does not count people."""
    if indicator.breakdown is None:
        return {}
    start = start or datetime.date(day.year, 1, 1)
    found: dict[tuple[str, str], tuple[int, int | None]] = {}
    for (commune, sex, band), (n, d) in indicator.breakdown(user=user, day=day, start=start).items():
        if commune_id is not None and commune != commune_id:
            continue
        before_n, before_d = found.get((sex, band), (0, None))
        found[(sex, band)] = (before_n + n, None if d is None else (before_d or 0) + d)
    return found


# The communes an indicator is broken down by are geo's; geo tells core how to name them when it starts.
_communes: dict[str, Callable[..., Any]] = {}


def set_commune_lookup(*, names: Callable[[list[int]], dict[int, tuple[str, str]]],
                       by_code: Callable[[str], int | None]) -> None:
    _communes.update(names=names, by_code=by_code)


def commune_names(ids) -> dict[int, tuple[str, str]]:
    """{commune id: (code, name)}."""
    return _communes["names"](list(ids)) if _communes else {}


def commune_id(code: str) -> int | None:
    return _communes["by_code"](code) if _communes and code else None


def grouped(sql: str, **querysets) -> list[tuple]:
    """Rows of `sql`, in which each `{name}` stands for one of `querysets` as a derived table: scoped querysets
    (their `visible_to`, their filters) joined and grouped by the database in one statement, where the ORM alone
    would run a subquery per row. A queryset that can match nothing (`none()`, a role without the capability)
    gives no rows."""
    from django.core.exceptions import EmptyResultSet
    from django.db import connection

    parts, params = {}, []
    names = sorted(querysets, key=sql.index)  # the order the placeholders appear in
    for name in names:
        try:
            part_sql, part_params = querysets[name].query.sql_with_params()
        except EmptyResultSet:
            return []
        parts[name] = f"({part_sql})"
        params.extend(part_params)
    with connection.cursor() as cursor:
        cursor.execute(sql.format(**parts), params)
        return cursor.fetchall()
