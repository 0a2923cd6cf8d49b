"""The home dashboard: figures and a chart for the user's jurisdiction."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from .dashboard import home_figures


@login_required
def home(request):
    return render(request, "core/home.html", home_figures(user=request.user, today=timezone.localdate()))
