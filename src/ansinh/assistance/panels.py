"""Social assistance on the registry's pages: what a person receives, and what can be decided for them."""

from django.utils import timezone

from ansinh.core.access import can

from . import rules, selectors
from .access import ENROLMENT_MANAGE


def person_actions(request, *, person) -> dict | None:
    """Receive an application or decide an allowance; the social pension from the age it can start."""
    if not can(request.user, ENROLMENT_MANAGE) or person.merged_into_id or person.date_of_death:
        return None
    age = person.age_on(timezone.localdate())
    return {"person": person, "enrolments": selectors.person_enrolments(user=request.user, person=person),
            # NĐ 176/2025 Điều 3: from 70 in a poor or near-poor household, from 75 otherwise
            "pension_age_reached": age is not None and age >= rules.SOCIAL_PENSION_POOR_AGE}


def person_enrolments(request, *, person) -> dict | None:
    enrolments = selectors.person_enrolments(user=request.user, person=person)
    return {"enrolments": enrolments} if enrolments else None
