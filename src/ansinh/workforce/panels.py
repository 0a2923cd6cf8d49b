"""The workforce on the network's and the registry's pages: an organisation's staff, a person's posts and
training."""

import datetime

from ansinh.core.access import can

from . import selectors
from .access import WORKFORCE_CHANGE, WORKFORCE_VIEW
from .indicators import active_positions, base_salary_on


def organisation_staff(request, *, organisation) -> dict | None:
    if not can(request.user, WORKFORCE_VIEW):
        return None
    today = datetime.date.today()
    positions = active_positions(user=request.user, day=today).filter(organisation=organisation).select_related(
        "person").order_by("person__sort_name")
    return {"organisation": organisation, "positions": positions, "base_salary": base_salary_on(today),
            "can_add": can(request.user, WORKFORCE_CHANGE)}


def person_positions(request, *, person) -> dict | None:
    if not can(request.user, WORKFORCE_VIEW):
        return None
    positions = list(selectors.positions(user=request.user).filter(person=person, end_date__isnull=True))
    trainings = list(selectors.person_trainings(user=request.user, person=person))
    qualifications, certificates = selectors.person_qualifications(user=request.user, person=person)
    if not (positions or trainings or qualifications or certificates):
        return None
    return {"positions": positions, "trainings": trainings, "qualifications": qualifications,
            "certificates": certificates}
