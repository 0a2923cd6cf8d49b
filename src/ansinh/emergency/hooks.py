"""What emergency assistance adds to the apps below it: its amounts, multiples and deadlines among the dated
parameters, its indicator, what a payment agent's result file means for its cash, and a person's lists and funeral
support on the registry's page."""

from ansinh.core import parameters
from ansinh.core.extensions import Panel
from ansinh.payments.extensions import LINES_PAID
from ansinh.registry.extensions import PERSON_PANELS

from . import indicators, panels, policy  # noqa: F401 - indicators registers it
from .services import cash_paid

parameters.register(policy.KEYS, policy.DEFAULTS)
LINES_PAID.register(cash_paid)
PERSON_PANELS.register(Panel("emergency/_person_emergencies.html", panels.person_emergencies), order=250)
