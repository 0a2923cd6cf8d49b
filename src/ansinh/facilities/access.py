"""What the network of organisations lets roles do, in their jurisdiction."""

from ansinh.core.access import officers_and_readers

FACILITIES_VIEW = "facilities.view"
FACILITIES_CHANGE = "facilities.change"

GRANTS = officers_and_readers(work={FACILITIES_VIEW, FACILITIES_CHANGE}, read={FACILITIES_VIEW})
