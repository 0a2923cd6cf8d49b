"""What the registry lets roles do, in their jurisdiction."""

from ansinh.core.access import officers_and_readers

REGISTRY_VIEW = "registry.view"
REGISTRY_CHANGE = "registry.change"
REGISTRY_MERGE = "registry.merge"  # merge or dismiss likely duplicates

GRANTS = officers_and_readers(work={REGISTRY_VIEW, REGISTRY_CHANGE, REGISTRY_MERGE}, read={REGISTRY_VIEW})
