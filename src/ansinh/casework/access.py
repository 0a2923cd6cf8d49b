"""What case management lets roles do. A case file is read by its relations, not by jurisdiction: its assigned
worker, their supervisor, a referral's receiving worker and those it is shared with (`models.CaseQuerySet`);
`casework.view` only opens the pages where a user finds the cases related to them."""

from ansinh.core.access import Role

CASEWORK_VIEW = "casework.view"  # the workbench and the list of one's own cases (each still needs a relation)
CASEWORK_WORK = "casework.work"  # open a case; act on a case one is related to (as the relation allows)
CASEWORK_OVERSEE = "casework.oversee"  # caseloads per worker and unit, the case indicators: counts, never names
CASEWORK_MANAGE = "casework.manage"  # who works on cases at a unit, and who supervises them
CHILDREN_VIEW = "children.view"  # the register of children in special circumstances, in the jurisdiction
CHILDREN_CHANGE = "children.change"  # record a child's circumstances and the support given

_WORKERS = {CASEWORK_VIEW, CASEWORK_WORK}
GRANTS = {
    Role.SOCIAL_WORKER: _WORKERS | {CHILDREN_VIEW},
    Role.FACILITY_STAFF: _WORKERS | {CHILDREN_VIEW},
    Role.COMMUNE_OFFICER: _WORKERS | {CASEWORK_OVERSEE, CASEWORK_MANAGE, CHILDREN_VIEW, CHILDREN_CHANGE},
    Role.COMMUNE_LEADER: _WORKERS | {CASEWORK_OVERSEE, CHILDREN_VIEW},
    Role.PROVINCE_OFFICER: _WORKERS | {CASEWORK_OVERSEE, CASEWORK_MANAGE, CHILDREN_VIEW, CHILDREN_CHANGE},
    Role.PROVINCE_LEADER: _WORKERS | {CASEWORK_OVERSEE, CHILDREN_VIEW},
    Role.AUDITOR: {CASEWORK_VIEW, CASEWORK_OVERSEE, CHILDREN_VIEW},  # reads a case only when it is shared with them
    Role.ADMINISTRATOR: {CASEWORK_VIEW, CASEWORK_OVERSEE, CASEWORK_MANAGE, CHILDREN_VIEW},
}
