"""Writes on users: an administrator creates and changes users only inside their own jurisdiction."""

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.access import can, within
from ansinh.core.exceptions import DomainError, PermissionDeniedError
from ansinh.geo.models import AdministrativeUnit

from .access import USERS_MANAGE
from .models import Role, User

# Roles whose work is in one commune need a commune as their jurisdiction.
COMMUNE_ROLES = {Role.COMMUNE_OFFICER, Role.COMMUNE_LEADER}


def user_create(
    *, actor: User | None, username: str, password: str, role: str, jurisdiction: AdministrativeUnit | None,
    first_name: str = "", last_name: str = "", email: str = "", validate: bool = True,
) -> User:
    """Create a user. `actor=None` is the system itself (installation, demo)."""
    if actor is not None:
        if not can(actor, USERS_MANAGE):
            raise PermissionDeniedError("Bạn không có quyền quản lý người dùng.")
        if not within(actor.jurisdiction, jurisdiction):
            raise DomainError("Chỉ được tạo người dùng trong địa bàn bạn quản lý.", field="jurisdiction")
    username = (username or "").strip()
    if not username:
        raise DomainError("Tên đăng nhập không được để trống.", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise DomainError(f"Tên đăng nhập “{username}” đã có người dùng.", field="username")
    if role not in Role.values:
        raise DomainError("Vai trò không hợp lệ.", field="role")
    if role in COMMUNE_ROLES and (jurisdiction is None or jurisdiction.level != AdministrativeUnit.Level.COMMUNE):
        raise DomainError("Người dùng cấp xã phải có địa bàn là một xã/phường.", field="jurisdiction")
    if validate:
        try:
            validate_password(password)
        except ValidationError as exc:
            raise DomainError(" ".join(exc.messages), field="password") from exc
    with transaction.atomic():
        user = User(username=username, role=role, jurisdiction=jurisdiction,
                    first_name=first_name, last_name=last_name, email=email)
        user.set_password(password)
        user.save()
        audit_record(
            actor=actor, action=AuditEvent.Action.CREATE, instance=user,
            changes={"after": {"username": username, "role": role, "jurisdiction": getattr(jurisdiction, "pk", None)}},
            commune=jurisdiction if jurisdiction and jurisdiction.level == "commune" else None,
            province_code=jurisdiction.province_code if jurisdiction else "",
        )
    return user


def user_set_active(*, actor: User, user: User, active: bool) -> User:
    if not can(actor, USERS_MANAGE) or not within(actor.jurisdiction, user.jurisdiction):
        raise PermissionDeniedError("Bạn không có quyền quản lý người dùng này.")
    if actor.pk == user.pk:
        raise DomainError("Không thể tự khóa tài khoản của mình.")
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=active)
        user.is_active = active
        audit_record(actor=actor, action=AuditEvent.Action.UPDATE, instance=user, changes={"is_active": [not active, active]},
                     province_code=user.jurisdiction.province_code if user.jurisdiction else "")
    return user
