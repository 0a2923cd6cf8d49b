from django.apps import AppConfig

from ansinh.core.access import declare
from ansinh.core.extensions import Panel
from ansinh.registry.extensions import MERGE_PARTS, PERSON_ACTIONS, PERSON_PANELS, MergePart

from . import access


class AssistanceConfig(AppConfig):
    name = "ansinh.assistance"
    verbose_name = "Trợ giúp xã hội"

    def ready(self):
        declare(self.label, access.GRANTS)
        from . import panels  # its reads need the models loaded
        from .models import Application, Enrolment, FuneralSupport
        from .services.enrolments import merge_enrolments

        PERSON_ACTIONS.register(Panel("assistance/_person_actions.html", panels.person_actions))
        PERSON_PANELS.register(Panel("assistance/_person_enrolments.html", panels.person_enrolments))
        MERGE_PARTS.register(MergePart(models=(Enrolment, Application, FuneralSupport), move=merge_enrolments))
