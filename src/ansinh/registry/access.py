"""What the registry lets roles do, in their jurisdiction."""

from ansinh.core.access import Role

REGISTRY_VIEW = "registry.view"
REGISTRY_CHANGE = "registry.change"
REGISTRY_MERGE = "registry.merge"  # merge or dismiss likely duplicates

_READ = {REGISTRY_VIEW}
_WORK = {REGISTRY_VIEW, REGISTRY_CHANGE, REGISTRY_MERGE}
GRANTS = {
    Role.COMMUNE_OFFICER: _WORK,
    Role.PROVINCE_OFFICER: _WORK,
    Role.ADMINISTRATOR: _WORK,
    Role.COMMUNE_LEADER: _READ,
    Role.PROVINCE_LEADER: _READ,
    Role.SOCIAL_WORKER: _READ,
    Role.FACILITY_STAFF: _READ,
    Role.AUDITOR: _READ,  # inspectors read everything in scope and change nothing
    # a payment agent never sees the registry: only its payment files
}
