"""Reads of core's shared data: public holidays, national reference data that every signed-in user sees."""

import datetime

from .models import Holiday


def holidays() -> list[datetime.date]:
    """The dates working-day deadlines leave out (`core.dates.add_working_days`)."""
    return list(Holiday.objects.values_list("date", flat=True))


def holiday_list(*, from_year: int):
    return Holiday.objects.filter(date__year__gte=from_year)
