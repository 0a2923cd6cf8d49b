"""Reads of the audit trail, always scoped to the reader's jurisdiction."""

from django.db.models import QuerySet

from .models import AuditEvent


def audit_events(*, user) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.visible_to(user).select_related("actor")


def history_of(*, user, instance) -> QuerySet[AuditEvent]:
    """The history panel of one record. Anyone who can see the record sees its history."""
    return AuditEvent.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    ).select_related("actor")
