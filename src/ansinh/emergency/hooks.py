"""What emergency assistance adds to the apps below it: its amounts, multiples and deadlines among the dated
parameters, and its indicator."""

from ansinh.core import parameters

from . import indicators, policy  # noqa: F401 - indicators registers it

parameters.register(policy.KEYS, policy.DEFAULTS)
