"""What the network adds to the platform: its dated parameters and its indicators, by code."""

from ansinh.core import parameters

from . import indicators, policy  # noqa: F401 - indicators registers them

parameters.register(policy.KEYS, policy.DEFAULTS)
