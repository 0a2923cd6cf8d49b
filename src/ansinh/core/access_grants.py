"""What core lets roles do: keep the national calendar (the public holidays working days leave out) and the
dated policy parameters every app reads."""

from .access import Role

CALENDAR_MANAGE = "calendar.manage"  # add the year's lunar and moved holidays, for the whole country
POLICY_VIEW = "policy.view"  # read the dated policy parameters: public law, and the province's own top-ups
POLICY_MANAGE = "policy.manage"  # add dated policy parameters (national, or the province's own top-ups)

GRANTS = {
    **{role: {POLICY_VIEW} for role in Role.values if role != Role.PAYMENT_AGENT},
    Role.ADMINISTRATOR: {POLICY_VIEW, CALENDAR_MANAGE, POLICY_MANAGE},
}
