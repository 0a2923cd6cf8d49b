"""Reads of users: an administrator sees the users of their own jurisdiction."""

from django.db.models import QuerySet

from ansinh.core.access import can, jurisdiction_q

from .access import USERS_MANAGE
from .models import User


def user_list(*, user) -> QuerySet[User]:
    if not can(user, USERS_MANAGE):
        return User.objects.none()
    qs = User.objects.select_related("jurisdiction")
    q = jurisdiction_q(user, commune_field="jurisdiction", province_field="jurisdiction__province_code")
    return qs if q is None else qs.filter(q)
