from django.apps import AppConfig

from ansinh.core import audit as core_audit
from ansinh.core.access import declare

from . import access


class AuditConfig(AppConfig):
    name = "ansinh.audit"
    verbose_name = "Nhật ký"

    def ready(self):
        declare(self.label, access.GRANTS)
        from .services import audit_record  # it writes AuditEvent rows: the models must be loaded

        core_audit.register(audit_record)
