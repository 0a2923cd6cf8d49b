"""What the network of organisations lets roles do, in their jurisdiction."""

from ansinh.core.access import Role

FACILITIES_VIEW = "facilities.view"
FACILITIES_CHANGE = "facilities.change"

_READ = {FACILITIES_VIEW}
_WORK = {FACILITIES_VIEW, FACILITIES_CHANGE}
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
