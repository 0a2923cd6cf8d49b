"""Reads of users: an administrator sees the users of their own jurisdiction."""

from django.db.models import Q, QuerySet

from .models import User
from .permissions import USERS_MANAGE, can


def user_list(*, user) -> QuerySet[User]:
    if not can(user, USERS_MANAGE):
        return User.objects.none()
    qs = User.objects.select_related("jurisdiction")
    unit = user.jurisdiction
    if unit is None:
        return qs
    if unit.level == "commune":
        return qs.filter(jurisdiction=unit)
    return qs.filter(Q(jurisdiction__province_code=unit.province_code))
