"""Writing audit events. Called inside the service's own transaction, so both commit or neither does."""

import datetime
import decimal
from collections.abc import Sequence
from typing import Any

from django.db import models

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



def audit_records(*, actor, action: str, instances: Sequence[models.Model], changes: Sequence[dict]
                  ) -> list[AuditEvent]:
    """One event per record, written at once (a list of many rows saved together): the same as `audit_record` for
    each, in one INSERT. The records are saved already (they have their keys)."""
    return AuditEvent.objects.bulk_create(
        [AuditEvent(actor=actor if getattr(actor, "pk", None) else None, action=action,
                    object_type=instance._meta.label_lower, object_id=str(instance.pk),
                    object_repr=str(instance)[:200], changes=change, commune=getattr(instance, "commune", None),
                    province_code=getattr(instance, "province_code", "")) for instance, change in
         zip(instances, changes, strict=True)], batch_size=1000)
