"""Writing audit events. Called inside the service's own transaction, so both commit or neither does; and the
audited download, the one way a list leaves the system."""

import datetime
import decimal
from typing import Any

from django.db import models, transaction
from django.http import HttpResponse

from ansinh.core.exceptions import DomainError
from ansinh.core.files import FORMATS, Table, file_response

from .models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime | decimal.Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    return value


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The values of a record's concrete fields, ready to store as JSON."""
    names = fields or [f.attname for f in instance._meta.concrete_fields]
    return {name: _plain(getattr(instance, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {k: [before.get(k), after.get(k)] for k in sorted(set(before) | set(after)) if before.get(k) != after.get(k)}


def audit_record(
    *,
    actor,
    action: str,
    instance: models.Model,
    changes: dict | None = None,
    commune=None,
    province_code: str = "",
) -> AuditEvent:
    commune = commune if commune is not None else getattr(instance, "commune", None)
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        changes=changes or {},
        commune=commune,
        province_code=province_code or getattr(instance, "province_code", "") or getattr(commune, "province_code", ""),
    )


def export_recorded(*, actor, fmt: str, record: models.Model | None = None, changes: dict | None = None) -> AuditEvent:
    """A file of personal data leaves the system: who took which list, in the audit log. `record` is what
    the list belongs to (a payroll run, a payment file); a list of no one record is logged on the user,
    in the user's jurisdiction."""
    changes = {"format": fmt, **(changes or {})}
    if record is not None:
        return audit_record(actor=actor, action=AuditEvent.Action.EXPORT, instance=record, changes=changes)
    unit = actor.jurisdiction
    return audit_record(actor=actor, action=AuditEvent.Action.EXPORT, instance=actor, changes=changes,
                        commune=unit if unit is not None and unit.level == "commune" else None,
                        province_code=unit.province_code if unit is not None else "")


def download(*, user, table: Table, fmt: str, filename: str, record: models.Model | None = None,
             changes: dict | None = None) -> HttpResponse:
    """The one way a list leaves An Sinh: logged (in its own transaction, before the first byte goes), then
    sent as CSV or XLSX with Vietnamese headers."""
    if fmt not in FORMATS:
        raise DomainError("Định dạng tệp phải là xlsx hoặc csv.", field="format")
    with transaction.atomic():
        export_recorded(actor=user, fmt=fmt, record=record, changes=changes)
    return file_response(table, fmt=fmt, filename=filename)
