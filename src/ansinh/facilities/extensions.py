"""Where the apps built on the network add to its pages: a panel on an organisation's page (its staff…)."""

from ansinh.core.extensions import Panel, Slot

ORGANISATION_PANELS: Slot[Panel] = Slot("facilities.organisation")
