"""What social assistance lets roles do, in their jurisdiction."""

from ansinh.core.access import Role

ASSISTANCE_VIEW = "assistance.view"  # enrolments, applications, the allowance calculator
ENROLMENT_MANAGE = "enrolment.manage"  # receive applications; decide, change, suspend, end enrolments

_READ = {ASSISTANCE_VIEW}
_WORK = {ASSISTANCE_VIEW, ENROLMENT_MANAGE}
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
