"""Writes of core's shared data, each in one transaction with its audit event (`core.audit`)."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction

from . import audit, parameters
from .access import require_capability
from .access_grants import CALENDAR_MANAGE, POLICY_MANAGE
from .exceptions import DomainError, PermissionDeniedError
from .models import Holiday, PolicyParameter
from .templatetags.ansinh import vnd

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


@transaction.atomic
def parameter_add(
    *, user, key: str, value: Decimal, valid_from: datetime.date, legal_basis: str, province_code: str = "",
    verified: bool = True, note: str = "",
) -> PolicyParameter:
    """A new dated value. A national row needs a national administrator; a province administrator
    adds its own province's top-ups, which may not be lower than the national value (NĐ 20/2021 Điều 4 k.3)."""
    require_capability(user, POLICY_MANAGE, "Bạn không có quyền sửa tham số chính sách.")
    unit = user.jurisdiction
    declared = parameters.key(key)
    if declared is None:
        raise DomainError(f"Không có tham số “{key}”.", field="key")
    if province_code:
        if unit is not None and unit.province_code != province_code:
            raise PermissionDeniedError("Chỉ được đặt mức riêng cho tỉnh của mình.")
        if unit is not None and unit.level != "province":
            raise PermissionDeniedError("Mức riêng của tỉnh do quản trị cấp tỉnh đặt.")
        if not declared.provincial:
            raise DomainError(f"Tỉnh chỉ đặt mức riêng cho: {', '.join(parameters.provincial())}.", field="key")
        national = parameters.in_force(valid_from)[0].get(key)
        if national is not None and value < national:
            raise DomainError(
                f"Mức của tỉnh không được thấp hơn mức toàn quốc ({vnd(national)}) — NĐ 20/2021 Điều 4 khoản 3.",
                field="value",
            )
    elif unit is not None:
        raise PermissionDeniedError("Tham số toàn quốc do quản trị cấp trung ương đặt.")
    if value < 0:
        raise DomainError("Giá trị không được âm.", field="value")
    if declared.switch and value not in (0, 1):
        raise DomainError("Công tắc áp dụng chỉ nhận 0 hoặc 1.", field="value")
    try:
        with transaction.atomic():
            row = PolicyParameter.objects.create(
                key=key, province_code=province_code, value=value, valid_from=valid_from, legal_basis=legal_basis.strip(),
                verified=verified, note=note.strip(), created_by=user,
            )
    except IntegrityError:
        raise DomainError(
            f"Đã có giá trị của “{key}” áp dụng từ {valid_from:%d/%m/%Y}; hãy chọn ngày khác.", field="valid_from"
        ) from None
    audit.record(actor=user, action="create", instance=row, province_code=province_code, changes={"after": {
        "id": row.pk, "key": key, "province_code": province_code, "value": str(value), "valid_from": str(valid_from),
        "legal_basis": row.legal_basis, "verified": verified, "note": row.note}})
    return row
