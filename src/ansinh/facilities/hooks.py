"""What the network adds to the platform: its indicators, by code."""

from . import indicators  # noqa: F401 - registers them
