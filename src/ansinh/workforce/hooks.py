"""What the workforce adds to the apps below it: the base salary among the dated parameters, its indicators,
an organisation's staff on the network's page, a person's posts and training on the registry's."""

from ansinh.core import parameters
from ansinh.core.extensions import Panel
from ansinh.facilities.extensions import ORGANISATION_PANELS
from ansinh.registry.extensions import PERSON_PANELS

from . import indicators, panels, policy  # noqa: F401 - indicators registers them

parameters.register(policy.KEYS, policy.DEFAULTS)
ORGANISATION_PANELS.register(Panel("workforce/_organisation_staff.html", panels.organisation_staff))
PERSON_PANELS.register(Panel("workforce/_person_positions.html", panels.person_positions), order=200)
