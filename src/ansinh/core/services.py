"""Writes of core's shared data, each in one transaction with its audit event (`core.audit`)."""

import datetime

from django.db import transaction

from . import audit
from .access import require_capability
from .access_grants import CALENDAR_MANAGE
from .exceptions import DomainError, PermissionDeniedError
from .models import Holiday

NATIONAL_ONLY = "Ngày nghỉ lễ do quản trị cấp trung ương nhập."


@transaction.atomic
def holiday_add(*, user, date: datetime.date, name: str) -> Holiday:
    """Ngày nghỉ lễ, Tết of a year, announced by the Government: counted out of working-day deadlines."""
    require_capability(user, CALENDAR_MANAGE, NATIONAL_ONLY)
    if getattr(user, "jurisdiction", None) is not None:
        raise PermissionDeniedError(NATIONAL_ONLY)
    if Holiday.objects.filter(date=date).exists():
        raise DomainError(f"Ngày {date:%d/%m/%Y} đã có trong danh sách.", field="date")
    holiday = Holiday.objects.create(date=date, name=name.strip())
    audit.record(actor=user, action="create", instance=holiday,
                 changes={"after": {"id": holiday.pk, "date": str(holiday.date), "name": holiday.name}})
    return holiday
