"""The home page: figures and charts that each app adds for the user's jurisdiction (`HOME_PANELS`)."""

from .extensions import Panel, Slot

# each panel's context gets `today`; it returns None when the user's role has nothing of that app to see
HOME_PANELS: Slot[Panel] = Slot("core.home")
