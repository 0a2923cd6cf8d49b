"""Reads for social assistance. Parameters are public law plus the user's province's own top-ups."""

import datetime
from decimal import Decimal

from django.db import DatabaseError

from . import policy
from .models import PolicyParameter


def parameters_at(month: datetime.date, province_code: str = "") -> tuple[dict[str, Decimal], dict[str, str]]:
    """Values in force in `month` (national, raised by the province's own where allowed) and their legal basis."""
    rows = PolicyParameter.objects.filter(province_code__in=["", province_code], valid_from__lte=month)
    return policy.resolve(rows, month, province_code)


def parameters_source(province_code: str = ""):
    """A month → parameters function for the calculator; the legal defaults when the database has no tables yet
    (the `ansinh allowance evaluate` command needs no set-up)."""

    def source(month: datetime.date):
        try:
            return parameters_at(month, province_code)
        except DatabaseError:
            return policy.defaults_at(month)

    return source


def parameter_list(*, user, key: str = ""):
    qs = PolicyParameter.objects.visible_to(user).select_related("created_by")
    if key:
        qs = qs.filter(key=key)
    return qs.order_by("key", "province_code", "-valid_from")
