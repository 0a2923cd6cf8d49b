from django.apps import AppConfig

from ansinh.assistance.extensions import CHANGES_PANELS, ENROLMENT_PANELS
from ansinh.core.access import declare
from ansinh.core.extensions import Panel

from . import access


class PaymentsConfig(AppConfig):
    name = "ansinh.payments"
    verbose_name = "Chi trả"

    def ready(self):
        declare(self.label, access.GRANTS)
        from . import panels  # its reads need the models loaded

        ENROLMENT_PANELS.register(Panel("payments/_enrolment_lines.html", panels.enrolment_lines))
        CHANGES_PANELS.register(Panel("payments/_uncollected.html", panels.uncollected))
