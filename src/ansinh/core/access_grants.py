"""What core lets roles do: keep the national calendar (the public holidays working days leave out)."""

from .access import Role

CALENDAR_MANAGE = "calendar.manage"  # add the year's lunar and moved holidays, for the whole country

GRANTS = {Role.ADMINISTRATOR: {CALENDAR_MANAGE}}
