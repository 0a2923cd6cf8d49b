"""What the audit app adds below it: the recorder of core's own writes (downloads, holidays, numbers)."""

from ansinh.core import audit

from .services import audit_record

audit.register(audit_record)
