"""What social assistance lets roles do, in their jurisdiction."""

from ansinh.core.access import officers_and_readers

ASSISTANCE_VIEW = "assistance.view"  # enrolments, applications, the allowance calculator
ENROLMENT_MANAGE = "enrolment.manage"  # receive applications; decide, change, suspend, end enrolments

GRANTS = officers_and_readers(work={ASSISTANCE_VIEW, ENROLMENT_MANAGE}, read={ASSISTANCE_VIEW})
