"""Jurisdiction scoping, one way: every queryset that reaches a user goes through `visible_to(user)`.

A record carries its commune and its province code; a user's jurisdiction is a commune, a province
or (NULL) the whole country. Out-of-scope and missing records look the same: a 404.
"""

from django.db import models
from django.db.models import Q
from django.http import Http404


def jurisdiction_q(user, *, commune_field: str = "commune", province_field: str = "province_code") -> Q | None:
    """The filter for what `user`'s jurisdiction covers, or None for the whole country."""
    unit = getattr(user, "jurisdiction", None)
    if unit is None:
        return None
    if unit.level == "commune":
        return Q(**{f"{commune_field}_id": unit.pk})
    return Q(**{province_field: unit.province_code})


def covers(user, commune) -> bool:
    """Does the user's jurisdiction include this commune (an AdministrativeUnit)?"""
    unit = getattr(user, "jurisdiction", None)
    if unit is None:
        return True
    if commune is None:
        return False
    if unit.level == "commune":
        return unit.pk == commune.pk
    return unit.province_code == commune.province_code


class ScopedQuerySet(models.QuerySet):
    """`Model.objects.visible_to(user)`; models say which capability and fields decide it."""

    scope_capability = "registry.view"
    scope_commune_field = "commune"
    scope_province_field = "province_code"

    def visible_to(self, user):
        from ansinh.accounts.permissions import can

        if not can(user, self.scope_capability):
            return self.none()
        q = jurisdiction_q(user, commune_field=self.scope_commune_field, province_field=self.scope_province_field)
        return self if q is None else self.filter(q)


def get_visible_or_404(queryset, **lookup):
    """Missing and out-of-scope give the same answer."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy.") from None
