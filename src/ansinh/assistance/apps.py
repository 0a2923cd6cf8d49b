from django.apps import AppConfig

from ansinh.core.access import declare
from ansinh.core.extensions import Panel
from ansinh.registry.extensions import PERSON_ACTIONS, PERSON_PANELS

from . import access


class AssistanceConfig(AppConfig):
    name = "ansinh.assistance"
    verbose_name = "Trợ giúp xã hội"

    def ready(self):
        declare(self.label, access.GRANTS)
        from . import panels  # its reads need the models loaded

        PERSON_ACTIONS.register(Panel("assistance/_person_actions.html", panels.person_actions))
        PERSON_PANELS.register(Panel("assistance/_person_enrolments.html", panels.person_enrolments))
