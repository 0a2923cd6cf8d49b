"""The home dashboard: the panels the apps add, for the user's jurisdiction; and the public holidays."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from . import selectors, services
from .access import can
from .access_grants import CALENDAR_MANAGE
from .dashboard import HOME_PANELS
from .exceptions import DomainError
from .extensions import render_panels
from .forms import HolidayForm
from .web import form_error, signed_in


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
