"""What social assistance adds to the registry: what a person receives and what can be decided for them on
the person page, and its part in merging two records of one person."""

from ansinh.core import parameters
from ansinh.core.extensions import Panel
from ansinh.registry.extensions import MERGE_PARTS, PERSON_ACTIONS, PERSON_PANELS, MergePart

from . import indicators, panels, policy  # noqa: F401 - indicators registers its own
from .models import Application, Enrolment, FuneralSupport
from .services.enrolments import merge_enrolments

parameters.register(policy.KEYS, policy.DEFAULTS)
PERSON_ACTIONS.register(Panel("assistance/_person_actions.html", panels.person_actions))
PERSON_PANELS.register(Panel("assistance/_person_enrolments.html", panels.person_enrolments))
MERGE_PARTS.register(MergePart(models=(Enrolment, Application, FuneralSupport), move=merge_enrolments))
