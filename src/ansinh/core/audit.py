"""Audit from core: core's own services record their writes through the recorder the audit app registers
from its `AppConfig.ready()` (core imports no app). With no recorder a write fails rather than go
unaudited, and a start-up check (`core.checks`) says so first."""

from django.core.exceptions import ImproperlyConfigured

from .extensions import Slot

# What was done, as the audit trail names it (`AuditEvent.Action`).
CREATE, UPDATE, DELETE = "create", "update", "delete"

# Each recorder takes the keywords of `record` and writes the event inside the caller's transaction.
RECORDERS: Slot = Slot("audit recorders")


def record(*, actor, action: str, instance, changes: dict | None = None, commune=None,
           province_code: str = "") -> None:
    """Write the audit event of a change core made, in the same transaction as the change."""
    recorders = list(RECORDERS)
    if not recorders:
        raise ImproperlyConfigured("No audit recorder is registered: install ansinh.audit.")
    for recorder in recorders:
        recorder(actor=actor, action=action, instance=instance, changes=changes, commune=commune,
                 province_code=province_code)
