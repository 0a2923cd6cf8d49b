"""Reads of emergency assistance."""

import datetime
from typing import Any

from ansinh.core import parameters

from . import policy, rules


def terms(day: datetime.date, province_code: str = "") -> rules.Terms:
    """The amounts and deadlines in force on `day`, raised by the province's own where it has (dated parameters;
    the standard level and the funeral multiples are the assistance app's)."""
    values, _notes = parameters.in_force(day, province_code)
    whole = {policy.RICE_KG: "rice_kg", policy.RICE_MONTHS_TET: "rice_months_tet",
             policy.RICE_MONTHS_DISASTER: "rice_months_disaster", policy.INJURY_DAYS: "injury_days",
             policy.DECISION_DAYS: "decision_days"}
    money = {"standard_level": "standard_level", policy.INJURY_MULTIPLE: "injury_multiple",
             policy.HOUSE_LOST: "house_lost", policy.RELOCATION: "relocation", policy.HOUSE_REPAIR: "house_repair",
             "funeral.regular": "funeral_regular", "funeral.disaster": "funeral_disaster"}
    fields: dict[str, Any] = {field: int(values[key]) for key, field in whole.items() if key in values}
    fields.update({field: values[key] for key, field in money.items() if key in values})
    return rules.Terms(**fields)
