"""What case management adds to the apps below it: its procedures' numbers among the dated parameters, its
indicators, and a person's cases and circumstances on the registry's page (only those the reader may see), and its part
in merging two records of one person."""

from ansinh.core import parameters
from ansinh.core.extensions import Panel
from ansinh.registry.extensions import MERGE_PARTS, PERSON_PANELS, MergePart

from . import indicators, panels, policy  # noqa: F401 - indicators registers them
from .models import Circumstance, Subject, Support
from .services import merge_people

parameters.register(policy.KEYS, policy.DEFAULTS)
PERSON_PANELS.register(Panel("casework/_person_cases.html", panels.person_cases), order=300)
MERGE_PARTS.register(MergePart(models=(Subject, Circumstance, Support), move=merge_people))
