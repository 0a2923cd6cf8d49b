"""What the social-work workforce lets roles do, in their jurisdiction."""

from ansinh.core.access import Role

WORKFORCE_VIEW = "workforce.view"  # social-work positions, courses and attendance, the workforce indicators
WORKFORCE_CHANGE = "workforce.change"  # record positions, courses, attendance; set the yearly training targets

_READ = {WORKFORCE_VIEW}
_WORK = {WORKFORCE_VIEW, WORKFORCE_CHANGE}
GRANTS = {
    Role.COMMUNE_OFFICER: _WORK,
    Role.PROVINCE_OFFICER: _WORK,
    Role.ADMINISTRATOR: _WORK,
    Role.COMMUNE_LEADER: _READ,
    Role.PROVINCE_LEADER: _READ,
    Role.SOCIAL_WORKER: _READ,
    Role.FACILITY_STAFF: _READ,
    Role.AUDITOR: _READ,
}
