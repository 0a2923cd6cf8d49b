"""The home dashboard: the panels the apps add, for the user's jurisdiction; and the public holidays."""

import datetime
from itertools import islice

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import indicators, selectors, services
from .access import can
from .access_grants import CALENDAR_MANAGE
from .dashboard import HOME_PANELS
from .exceptions import DomainError
from .extensions import render_panels
from .forms import HolidayForm
from .web import day_param, form_error, paginate, signed_in


@signed_in
def home(request):
    panels = render_panels(HOME_PANELS, request, today=timezone.localdate())
    return render(request, "core/home.html", {"panels": panels})


@signed_in
def holiday_list(request):
    """National reference data: every signed-in user reads it; a national administrator adds the year's
    lunar and moved holidays."""
    can_add = can(request.user, CALENDAR_MANAGE) and request.user.jurisdiction is None
    form = HolidayForm(request.POST or None)
    if request.method == "POST":
        if not can_add:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.holiday_add(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã thêm ngày nghỉ."))
                return redirect("core:holiday_list")
    return render(request, "core/holiday_list.html", {
        "holidays": selectors.holiday_list(from_year=timezone.localdate().year - 1), "form": form,
        "can_add": can_add})


def indicator_query(request) -> tuple[datetime.date, datetime.date, int | None, str]:
    """`day`, `start` (YYYY-MM-DD), `commune` (its code) and `part` of an indicator's URL; today, 1 January of
    the day's year, the whole jurisdiction and the numerator when absent or unreadable."""
    day = day_param(request.GET.get("day")) or timezone.localdate()
    start = min(day_param(request.GET.get("start")) or datetime.date(day.year, 1, 1), day)
    part = request.GET.get("part") if request.GET.get("part") in indicators.PARTS else "numerator"
    return day, start, indicators.commune_id(request.GET.get("commune", "")), part


DRILL_LIMIT = 5000  # rows a drill-down page shows; the export of the list behind it has them all


@signed_in
def indicator_detail(request, code: str):
    """The records behind an indicator's figure: for a day (and period), a commune or the whole jurisdiction,
    and a part of the fraction. Read only through the indicator's own scoped queries."""
    indicator = indicators.get(code)
    if indicator is None or not can(request.user, indicator.capability):
        raise Http404(_("Không tìm thấy."))
    day, start, commune, part = indicator_query(request)
    if indicator.denominator_label is None:
        part = "numerator"
    result = indicators.compute(indicator, user=request.user, day=day, start=start, commune_id=commune)
    rows = list(islice(indicator.drill(user=request.user, day=day, start=start, commune=commune, part=part),
                       DRILL_LIMIT + 1))
    names = indicators.commune_names([commune]) if commune else {}
    return render(request, "core/indicator_detail.html", {
        "indicator": indicator, "result": result, "day": day, "start": start, "part": part,
        "commune": names.get(commune), "commune_code": request.GET.get("commune", ""),
        "page": paginate(request, rows[:DRILL_LIMIT], per_page=50), "more": len(rows) > DRILL_LIMIT,
        "parts": [(p, label) for p, label in (("numerator", indicator.numerator_label),
                                              ("denominator", indicator.denominator_label),
                                              ("missing", _("Chưa đạt"))) if label]})
