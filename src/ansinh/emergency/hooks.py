"""What emergency assistance adds to the apps below it: its amounts, multiples and deadlines among the dated
parameters."""

from ansinh.core import parameters

from . import policy

parameters.register(policy.KEYS, policy.DEFAULTS)
