"""Access in one place: roles, the capabilities each app grants them, jurisdiction and scope.

Each app owns one table of its capabilities and the roles that hold them (`<app>/access.py`) and
declares it from its `AppConfig.ready()`. Each model with a commune declares its `Scope`: the
capability that reads it and those its actions need. Every read that reaches a user goes through
`visible_to(user)`; a record outside the user's jurisdiction and a missing one look the same (404).
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from .exceptions import DomainError, PermissionDeniedError

NOT_ALLOWED = "Bạn không có quyền thực hiện thao tác này."


class Role(models.TextChoices):
    COMMUNE_OFFICER = "commune_officer", _("Công chức VH-XH cấp xã")
    COMMUNE_LEADER = "commune_leader", _("Lãnh đạo UBND cấp xã")
    PROVINCE_OFFICER = "province_officer", _("Chuyên viên cấp tỉnh (Sở)")
    PROVINCE_LEADER = "province_leader", _("Lãnh đạo cấp tỉnh")
    SOCIAL_WORKER = "social_worker", _("Nhân viên công tác xã hội")
    FACILITY_STAFF = "facility_staff", _("Nhân viên cơ sở trợ giúp xã hội")
    PAYMENT_AGENT = "payment_agent", _("Tổ chức dịch vụ chi trả")
    AUDITOR = "auditor", _("Thanh tra, kiểm tra")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


# --- capabilities -----------------------------------------------------------------------------------

_GRANTS: dict[str, set[str]] = {role: set() for role in Role.values}
_OWNERS: dict[str, str] = {}  # capability → the app that declared it


def declare(app: str, grants: Mapping[str, Iterable[str]]) -> None:
    """An app's table: role → the capabilities of this app that the role holds. A capability belongs to
    the first app that declares it; another app granting it again is a mistake caught here."""
    for role, capabilities in grants.items():
        if role not in _GRANTS:
            raise ValueError(f"{app}: unknown role {role!r}")
        for capability in capabilities:
            owner = _OWNERS.setdefault(capability, app)
            if owner != app:
                raise ValueError(f"{app}: capability {capability!r} is declared by {owner}")
            _GRANTS[role].add(capability)


OFFICERS = (Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER, Role.ADMINISTRATOR)
READERS = (Role.COMMUNE_LEADER, Role.PROVINCE_LEADER, Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.AUDITOR)


def officers_and_readers(*, work: Iterable[str], read: Iterable[str]) -> dict[str, set[str]]:
    """The usual table of an app: officers (commune, province, administrator) do its work; leaders, social
    workers, facility staff and inspectors read it in their jurisdiction and change nothing; a payment agent
    holds none of it."""
    return {**{role: set(work) for role in OFFICERS}, **{role: set(read) for role in READERS}}


def declared_capabilities() -> dict[str, str]:
    """Every declared capability and the app that owns it."""
    return dict(_OWNERS)


class FigureReader:
    """Not a person: the system computing the figures of one unit (a report's, the stored roll-ups) with the
    capabilities of the indicators (`core.indicators.reader`), inside `jurisdiction` only (None: the country). It
    is made in code for a computation and is never the user of a request."""

    is_authenticated = True
    is_active = True
    role = None
    pk = None

    def __init__(self, jurisdiction, capabilities: frozenset[str]):
        self.jurisdiction = jurisdiction
        self.capabilities = capabilities


def capabilities_of(user) -> frozenset[str]:
    if isinstance(user, FigureReader):
        return user.capabilities
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    return frozenset(_GRANTS.get(getattr(user, "role", None), ()))


def can(user, capability: str) -> bool:
    return capability in capabilities_of(user)


def require_capability(user, capability: str, message: str = NOT_ALLOWED) -> None:
    if not can(user, capability):
        raise PermissionDeniedError(message)


# --- jurisdiction -----------------------------------------------------------------------------------


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
    return within(getattr(user, "jurisdiction", None), commune)


def within(outer, inner) -> bool:
    """Is jurisdiction `inner` (a unit, None for the country) inside jurisdiction `outer`?"""
    if outer is None:
        return True
    if inner is None:
        return False
    if outer.level == "commune":
        return inner.pk == outer.pk
    return inner.province_code == outer.province_code


def place_for(user, commune=None, province_code: str = "", *, what: str) -> tuple[Any, str]:
    """Where a record the user makes belongs, as (commune or None, province code): a commune officer's own
    commune; a commune given, inside the jurisdiction; else the officer's province, or the province a national
    user names. `what` ("quỹ", "khóa") names the record in the message when there is no place."""
    unit = getattr(user, "jurisdiction", None)
    if unit is not None and unit.level == "commune":
        commune = commune or unit
    if commune is not None:
        if not covers(user, commune):
            raise DomainError("Xã/phường này nằm ngoài địa bàn bạn quản lý.", field="commune")
        return commune, commune.province_code
    if unit is not None:
        return None, unit.province_code
    if not province_code:
        raise DomainError(f"Hãy chọn tỉnh hoặc xã của {what}.", field="commune")
    return None, province_code


# --- scope of a model --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What a model's records need: `view` reads them; `actions` name the capability of each change.

    A record lies in the commune of `commune_field` and the province of `province_field`; `outside` is
    what a service says when asked to change a record outside the user's jurisdiction.
    """

    view: str
    actions: Mapping[str, str] = field(default_factory=dict)
    commune_field: str = "commune"
    province_field: str = "province_code"
    outside: str = "Hồ sơ này nằm ngoài địa bàn bạn quản lý."

    def capability(self, action: str) -> str:
        if action == "view":
            return self.view
        try:
            return self.actions[action]
        except KeyError:
            raise ValueError(f"no capability declared for {action!r}") from None


def scope_of(model) -> Scope | None:
    scope = model.__dict__.get("scope")
    return scope if isinstance(scope, Scope) else None


class ScopedQuerySet(models.QuerySet):
    """`Model.objects.visible_to(user)`: the records the user's role may read, in their jurisdiction.

    The model says how with its own `scope = Scope(...)`; a model that does not is refused at start-up
    (`core.checks`)."""

    def visible_to(self, user, action: str = "view"):
        scope = scope_of(self.model)
        if scope is None:
            raise TypeError(f"{self.model._meta.label} declares no scope")
        if not can(user, scope.capability(action)):
            return self.none()
        q = jurisdiction_q(user, commune_field=scope.commune_field, province_field=scope.province_field)
        return self if q is None else self.filter(q)


def get_visible_or_404(queryset, **lookup):
    """Missing and out-of-scope give the same answer."""
    try:
        return queryset.get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy.") from None


def access(queryset, user, target, action: str = "view"):
    """The record `target` (a primary key or an instance) for `action` by `user` (Zulip's `access_*`).

    A key: read through `visible_to(user, action)`, so a missing record, one outside the jurisdiction and
    one the role may not act on are the same 404. An instance (a service called with what a view already
    read): the role's capability and the record's jurisdiction are checked, and a refusal says which.
    """
    scope = scope_of(queryset.model)
    if isinstance(target, models.Model):
        require_capability(user, scope.capability(action))
        if not queryset.visible_to(user, action).filter(pk=target.pk).exists():
            raise PermissionDeniedError(scope.outside)
        return target
    return get_visible_or_404(queryset.visible_to(user, action), pk=target)
