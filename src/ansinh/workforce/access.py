"""What the social-work workforce lets roles do, in their jurisdiction."""

from ansinh.core.access import officers_and_readers

WORKFORCE_VIEW = "workforce.view"  # social-work positions, courses and attendance, the workforce indicators
WORKFORCE_CHANGE = "workforce.change"  # record positions, courses, attendance; set the yearly training targets

GRANTS = officers_and_readers(work={WORKFORCE_VIEW, WORKFORCE_CHANGE}, read={WORKFORCE_VIEW})
