"""The home dashboard: the panels the apps add, for the user's jurisdiction."""

from django.shortcuts import render
from django.utils import timezone

from .dashboard import HOME_PANELS
from .extensions import render_panels
from .web import signed_in


@signed_in
def home(request):
    panels = render_panels(HOME_PANELS, request, today=timezone.localdate())
    return render(request, "core/home.html", {"panels": panels})
