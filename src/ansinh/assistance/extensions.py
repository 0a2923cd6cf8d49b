"""Where the apps built on social assistance add their part to its pages."""

from ansinh.core.extensions import Panel, Slot

# under an enrolment's periods (context gets `enrolment`), and on the "changes next month" page (`today`)
ENROLMENT_PANELS: Slot[Panel] = Slot("assistance.enrolment")
CHANGES_PANELS: Slot[Panel] = Slot("assistance.changes")
