"""What each role may do. One table, read by views, API and services alike."""

from .models import Role

REGISTRY_VIEW = "registry.view"
REGISTRY_CHANGE = "registry.change"
REGISTRY_MERGE = "registry.merge"
AUDIT_VIEW = "audit.view"
USERS_MANAGE = "users.manage"
ASSISTANCE_VIEW = "assistance.view"  # policy parameters, the allowance calculator
ENROLMENT_MANAGE = "enrolment.manage"  # decide, change, suspend, end enrolments in one's jurisdiction
PAYROLL_RUN = "payroll.run"  # generate a month's payroll in one's jurisdiction, issue payment files
PAYMENT_FILES = "payments.files"  # see payment files and send back results (agents: their own files only)
POLICY_MANAGE = "policy.manage"  # add dated policy parameters (national, or the province's own top-ups)

_OFFICER = {REGISTRY_VIEW, REGISTRY_CHANGE, REGISTRY_MERGE, ASSISTANCE_VIEW, ENROLMENT_MANAGE, PAYROLL_RUN, PAYMENT_FILES}
CAPABILITIES: dict[str, frozenset[str]] = {
    Role.COMMUNE_OFFICER: frozenset(_OFFICER),
    Role.COMMUNE_LEADER: frozenset({REGISTRY_VIEW, AUDIT_VIEW, ASSISTANCE_VIEW}),
    Role.PROVINCE_OFFICER: frozenset(_OFFICER),
    Role.PROVINCE_LEADER: frozenset({REGISTRY_VIEW, AUDIT_VIEW, ASSISTANCE_VIEW}),
    Role.SOCIAL_WORKER: frozenset({REGISTRY_VIEW, ASSISTANCE_VIEW}),
    Role.FACILITY_STAFF: frozenset({REGISTRY_VIEW, ASSISTANCE_VIEW}),
    # A payment agent sees its payment files only, never the registry.
    Role.PAYMENT_AGENT: frozenset({PAYMENT_FILES}),
    # Inspectors read everything in scope, with the audit trail, and change nothing.
    Role.AUDITOR: frozenset({REGISTRY_VIEW, AUDIT_VIEW, ASSISTANCE_VIEW}),
    Role.ADMINISTRATOR: frozenset(
        {REGISTRY_VIEW, REGISTRY_CHANGE, REGISTRY_MERGE, AUDIT_VIEW, USERS_MANAGE, ASSISTANCE_VIEW, POLICY_MANAGE,
         PAYROLL_RUN, ENROLMENT_MANAGE, PAYMENT_FILES}
    ),
}


def can(user, capability: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return capability in CAPABILITIES.get(user.role, frozenset())
