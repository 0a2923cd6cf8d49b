"""What the registry adds below it: its figures and charts on the home page."""

from ansinh.core.dashboard import HOME_PANELS
from ansinh.core.extensions import Panel

from . import indicators, panels  # noqa: F401 - indicators registers its own

HOME_PANELS.register(Panel("registry/_home.html", panels.home), order=10)
