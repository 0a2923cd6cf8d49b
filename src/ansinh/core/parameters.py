"""Dated policy parameters (tham số chính sách) shared by every app: the standard level of social assistance,
its coefficients, the base salary (lương cơ sở)… Each app registers the keys it owns and the values the legal
texts set (`register`); a change of law is a new row from a date (`PolicyParameter`), never an edit."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Key:
    """A parameter an app reads. `provincial`: a province may set its own value, never lower than the national
    one (NĐ 20/2021 Điều 4 k.3); `switch`: 1 or 0, whether a rule applies."""

    key: str
    label: str
    provincial: bool = False
    switch: bool = False


@dataclass(frozen=True)
class Default:
    """A value as a legal text sets it, which a new database starts with. `verified` is False where it was not
    read in the full official text (LEGAL_FACTS labels V2, S, UNVERIFIED)."""

    key: str
    value: Decimal
    valid_from: datetime.date
    legal_basis: str
    verified: bool = True
    note: str = ""
    province_code: str = ""


_KEYS: dict[str, Key] = {}
_DEFAULTS: list[Default] = []


def register(keys: Iterable[Key], defaults: Iterable[Default] = ()) -> None:
    """An app's keys (in the order its legal text gives them) and their legal values; from `AppConfig.ready()`."""
    for key in keys:
        _KEYS.setdefault(key.key, key)
    _DEFAULTS.extend(d for d in defaults if d not in _DEFAULTS)


def key(name: str) -> Key | None:
    return _KEYS.get(name)


def provincial() -> list[str]:
    """The keys a province may raise for itself."""
    return [k.key for k in _KEYS.values() if k.provincial]


def labels() -> dict[str, str]:
    """Every registered key and its label, in registration order."""
    return {k.key: k.label for k in _KEYS.values()}


def resolve(rows, day: datetime.date, province_code: str = "") -> tuple[dict[str, Decimal], dict[str, str]]:
    """Values in force on `day` from dated rows (objects with key, province_code, value, valid_from,
    legal_basis): the latest national row of each key, raised by the province's own where it may."""
    national: dict[str, tuple] = {}
    provincial: dict[str, tuple] = {}
    for row in rows:
        if row.valid_from > day:
            continue
        target = national if not row.province_code else provincial if row.province_code == province_code else None
        if target is None:
            continue
        if row.key not in target or target[row.key][0] < row.valid_from:
            target[row.key] = (row.valid_from, row.value, row.legal_basis)
    values = {name: value for name, (_, value, _) in national.items()}
    notes = {name: basis for name, (_, _, basis) in national.items()}
    for name, (_, value, basis) in provincial.items():
        declared = _KEYS.get(name)
        if declared is not None and declared.provincial and value > values.get(name, Decimal(0)):
            values[name], notes[name] = value, basis
    return values, notes


def in_force(day: datetime.date, province_code: str = "") -> tuple[dict[str, Decimal], dict[str, str]]:
    """Values in force on `day` (national, raised by the province's own where allowed) and their legal basis."""
    from .models import PolicyParameter

    rows = PolicyParameter.objects.filter(province_code__in=["", province_code], valid_from__lte=day)
    return resolve(rows, day, province_code)


def steps(name: str, province_code: str = "") -> list[tuple[datetime.date, Decimal]]:
    """The national value of `name` from each date it changed, oldest first: for SQL that compares a dated
    amount with the value in force on its own date (a CASE over these few rows)."""
    from .models import PolicyParameter

    return list(PolicyParameter.objects.filter(key=name, province_code=province_code).order_by("valid_from")
                .values_list("valid_from", "value"))


def load_defaults(model, defaults: Iterable[Default] | None = None) -> int:
    """Write the legal values (the registered ones, or `defaults`) into the parameter table (`model`: the real
    class, or a migration's historical one) where no row of that key, province and date exists. Returns how
    many were added."""
    added = 0
    for row in _DEFAULTS if defaults is None else defaults:
        _obj, created = model.objects.get_or_create(
            key=row.key, province_code=row.province_code, valid_from=row.valid_from,
            defaults={"value": row.value, "legal_basis": row.legal_basis, "verified": row.verified, "note": row.note},
        )
        added += created
    return added
