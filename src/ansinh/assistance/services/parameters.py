"""Dated policy parameters: a change of law is a new row, added by whoever may (NĐ 20/2021 Điều 4 k.3)."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record, snapshot
from ansinh.core.access import require_capability
from ansinh.core.exceptions import DomainError, PermissionDeniedError
from ansinh.core.templatetags.ansinh import vnd

from .. import policy
from ..access import POLICY_MANAGE
from ..models import PolicyParameter
from ..selectors import parameters_at


@transaction.atomic
def parameter_add(
    *, user, key: str, value: Decimal, valid_from: datetime.date, legal_basis: str, province_code: str = "",
    verified: bool = True, note: str = "",
) -> PolicyParameter:
    """A new dated value. A national row needs a national administrator; a province administrator
    adds its own province's top-ups, which may not be lower than the national value (NĐ 20/2021 Điều 4 k.3)."""
    require_capability(user, POLICY_MANAGE, "Bạn không có quyền sửa tham số chính sách.")
    unit = user.jurisdiction
    if key not in policy.LABELS:
        raise DomainError(f"Không có tham số “{key}”.", field="key")
    if province_code:
        if unit is not None and unit.province_code != province_code:
            raise PermissionDeniedError("Chỉ được đặt mức riêng cho tỉnh của mình.")
        if unit is not None and unit.level != "province":
            raise PermissionDeniedError("Mức riêng của tỉnh do quản trị cấp tỉnh đặt.")
        if key not in policy.PROVINCIAL_KEYS:
            raise DomainError("Tỉnh chỉ đặt mức riêng cho mức chuẩn và trợ cấp hưu trí xã hội.", field="key")
        national = parameters_at(valid_from)[0].get(key)
        if national is not None and value < national:
            raise DomainError(
                f"Mức của tỉnh không được thấp hơn mức toàn quốc ({vnd(national)}) — NĐ 20/2021 Điều 4 khoản 3.",
                field="value",
            )
    elif unit is not None:
        raise PermissionDeniedError("Tham số toàn quốc do quản trị cấp trung ương đặt.")
    if value < 0:
        raise DomainError("Giá trị không được âm.", field="value")
    if key.startswith("active.") and value not in (0, 1):
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
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=row, changes={"after": snapshot(row)},
                 commune=None, province_code=province_code)
    return row
