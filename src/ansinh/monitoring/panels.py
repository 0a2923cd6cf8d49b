"""Monitoring's part of the home page: the periodic reports past their deadline (a province officer: its communes'
late or missing ones; a commune: its own) and the overdue tasks of the province's plans."""

import datetime

from ansinh.core.access import can

from . import selectors
from .access import REPORTS_VIEW


def home(request, *, today: datetime.date) -> dict | None:
    user = request.user
    if not can(user, REPORTS_VIEW) or getattr(user, "jurisdiction", None) is None:
        return None
    late = [(plan, period, [s for s in rows if s.missing], [s for s in rows if not s.missing])
            for plan, period, rows in selectors.late_reports(user=user, today=today)]
    overdue = sum(len(states) for _agency, states in selectors.overdue_by_agency(user=user, today=today)) \
        if user.jurisdiction.level == "province" else 0
    if not late and not overdue:
        return None
    return {"late": late, "overdue": overdue}
