"""What emergency assistance adds to the apps below it: its amounts, multiples and deadlines among the dated
parameters, its indicator, and what a payment agent's result file means for its cash."""

from ansinh.core import parameters
from ansinh.payments.extensions import LINES_PAID

from . import indicators, policy  # noqa: F401 - indicators registers it
from .services import cash_paid

parameters.register(policy.KEYS, policy.DEFAULTS)
LINES_PAID.register(cash_paid)
