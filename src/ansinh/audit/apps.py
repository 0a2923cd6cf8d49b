from django.apps import AppConfig

from ansinh.core.access import declare

from . import access


class AuditConfig(AppConfig):
    name = "ansinh.audit"
    verbose_name = "Nhật ký"

    def ready(self):
        declare(self.label, access.GRANTS)
