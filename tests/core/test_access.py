"""Access in one place: the roles' grants as the apps declare them, scopes, and the start-up checks."""

import pytest
from django.db import models
from django.test.utils import isolate_apps

from ansinh.core import checks
from ansinh.core.access import (
    Role,
    Scope,
    ScopedQuerySet,
    capabilities_of,
    declare,
    declared_capabilities,
)
from ansinh.core.web import PUBLIC, require

# The whole table, role by role: a change of who may do what shows here first.
OFFICER = {"registry.view", "registry.change", "registry.merge", "assistance.view", "enrolment.manage",
           "payroll.run", "payments.files", "exchange.import", "facilities.view", "facilities.change", "policy.view",
           "workforce.view", "workforce.change", "fund.view", "fund.manage",
           "emergency.view", "emergency.manage", "plans.view", "reports.view", "reports.prepare"}
READER = {"registry.view", "assistance.view", "facilities.view", "policy.view", "workforce.view", "fund.view",
          "emergency.view", "plans.view", "reports.view"}
CASES = {"casework.view", "casework.work"}  # a case itself is read by relation, whatever the role
OVERSIGHT = {"casework.oversee", "children.view"}
EXPECTED = {
    Role.COMMUNE_OFFICER: OFFICER | CASES | OVERSIGHT | {"casework.manage", "children.change"},
    Role.PROVINCE_OFFICER: OFFICER | CASES | OVERSIGHT | {"casework.manage", "children.change", "plans.manage",
                                                           "reports.review"},
    Role.COMMUNE_LEADER: READER | {"audit.view"} | CASES | OVERSIGHT,
    Role.PROVINCE_LEADER: READER | {"audit.view", "reports.review"} | CASES | OVERSIGHT,
    Role.SOCIAL_WORKER: READER | CASES | {"children.view"},
    Role.FACILITY_STAFF: READER | CASES | {"children.view"},
    Role.PAYMENT_AGENT: {"payments.files"},
    Role.AUDITOR: READER | {"audit.view", "casework.view"} | OVERSIGHT,
    # the national level reviews the provinces' reports and prepares none
    Role.ADMINISTRATOR: OFFICER - {"reports.prepare"} | {"plans.manage", "reports.review", "audit.view", "users.manage", "policy.manage", "calendar.manage",
                                   "casework.view", "casework.oversee", "casework.manage", "children.view"},
}


class _User:
    is_authenticated = True
    is_active = True

    def __init__(self, role):
        self.role = role


@pytest.mark.parametrize("role", Role.values)
def test_each_role_holds_what_the_apps_grant(role):
    assert capabilities_of(_User(role)) == EXPECTED[role]


def test_capabilities_belong_to_the_app_that_declares_them():
    owners = declared_capabilities()
    assert owners["registry.view"] == "registry" and owners["audit.view"] == "audit"
    assert owners["payroll.run"] == "payments" and owners["users.manage"] == "accounts"
    assert owners["calendar.manage"] == "core"
    with pytest.raises(ValueError, match="declared by registry"):
        declare("payments", {Role.ADMINISTRATOR: {"registry.view"}})
    with pytest.raises(ValueError, match="unknown role"):
        declare("registry", {"mayor": {"registry.view"}})


def test_an_inactive_or_anonymous_user_can_nothing():
    user = _User(Role.ADMINISTRATOR)
    user.is_active = False
    assert capabilities_of(user) == frozenset()
    assert capabilities_of(None) == frozenset()


def test_the_project_passes_its_access_checks():
    assert checks.models_declare_scope() == []
    assert checks.urls_declare_access() == []


def _model(name, **attrs):
    """A throwaway model of the core app with a commune, and `attrs` (a scope, a manager)."""
    commune = models.ForeignKey("geo.AdministrativeUnit", on_delete=models.PROTECT)
    meta = type("Meta", (), {"app_label": "core"})
    return type(name, (models.Model,), {"__module__": __name__, "commune": commune, "Meta": meta, **attrs})


@isolate_apps("ansinh.core", "ansinh.geo")
def test_a_model_with_a_commune_and_no_scope_is_refused():
    unscoped = _model("Unscoped")
    plain_manager = _model("PlainManager", scope=Scope(view="registry.view"))
    typo = _model("Typo", scope=Scope(view="registry.veiw"), objects=ScopedQuerySet.as_manager())
    assert [e.id for e in checks.model_errors(unscoped)] == ["ansinh.E001"]
    assert [e.id for e in checks.model_errors(plain_manager)] == ["ansinh.E002"]
    assert [e.id for e in checks.model_errors(typo)] == ["ansinh.E003"]


def test_a_view_says_who_may_open_it():
    def bare(request):
        return None

    assert checks.url_access(bare) is None
    assert checks.url_access(require("registry.view")(bare)) == "registry.view"

    class Api:
        access = PUBLIC

    bare.cls = Api
    assert checks.url_access(bare) == PUBLIC
