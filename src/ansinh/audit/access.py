"""What the audit app lets roles do: read the audit trail of their jurisdiction."""

from ansinh.core.access import Role

AUDIT_VIEW = "audit.view"

# leaders and inspectors read the trail; officers write it by working, and do not read it
GRANTS = {role: {AUDIT_VIEW} for role in (Role.COMMUNE_LEADER, Role.PROVINCE_LEADER, Role.AUDITOR, Role.ADMINISTRATOR)}
