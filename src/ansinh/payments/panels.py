"""Payments on the pages of social assistance: what a person was paid, and who has not collected."""

import datetime

from ansinh.core.dates import add_months, first_of_month

from . import selectors


def enrolment_lines(request, *, enrolment) -> dict:
    """The months paid to the person of an enrolment, newest first (three years at most)."""
    return {"lines": selectors.person_lines(user=request.user, person=enrolment.person)[:36]}


def uncollected(request, *, today: datetime.date) -> dict:
    """Không nhận trợ cấp 3 tháng liên tục, up to last month: this month's files are still with the agents."""
    through = add_months(first_of_month(today), -1)
    return {"uncollected": selectors.uncollected(user=request.user, through=through), "through": through,
            "uncollected_from": add_months(through, -(selectors.UNCOLLECTED_MONTHS - 1))}
