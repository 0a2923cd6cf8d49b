"""What case management adds to the apps below it: its procedures' numbers among the dated parameters, its
indicators, and a person's cases and circumstances on the registry's page (only those the reader may see)."""

from ansinh.core import parameters
from ansinh.core.extensions import Panel
from ansinh.registry.extensions import PERSON_PANELS

from . import indicators, panels, policy  # noqa: F401 - indicators registers them

parameters.register(policy.KEYS, policy.DEFAULTS)
PERSON_PANELS.register(Panel("casework/_person_cases.html", panels.person_cases), order=300)
