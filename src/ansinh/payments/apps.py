from django.apps import AppConfig

from ansinh.assistance.extensions import CHANGES_PANELS, ENROLMENT_PANELS
from ansinh.core.access import declare
from ansinh.core.extensions import Panel
from ansinh.registry.extensions import MERGE_PARTS, MergePart

from . import access


class PaymentsConfig(AppConfig):
    name = "ansinh.payments"
    verbose_name = "Chi trả"

    def ready(self):
        declare(self.label, access.GRANTS)
        from . import panels  # its reads need the models loaded
        from .models import PaymentLine
        from .services import merge_payment_lines

        ENROLMENT_PANELS.register(Panel("payments/_enrolment_lines.html", panels.enrolment_lines))
        CHANGES_PANELS.register(Panel("payments/_uncollected.html", panels.uncollected))
        MERGE_PARTS.register(MergePart(models=(PaymentLine,), move=merge_payment_lines))
