"""A person's cases (only those the reader is related to) and circumstances as a child, on the registry's page."""

from ansinh.core.access import can

from .access import CASEWORK_VIEW, CHILDREN_VIEW
from .models import SENSITIVE_GROUPS, Case, Circumstance


def person_cases(request, *, person) -> dict | None:
    user = request.user
    cases = list(Case.objects.visible_to(user).filter(subjects__person=person).select_related("organisation")
                 .order_by("-received_at")[:20]) if can(user, CASEWORK_VIEW) else []
    groups = list(Circumstance.objects.visible_to(user).filter(person=person).exclude(group__in=SENSITIVE_GROUPS)
                  .order_by("since")) if can(user, CHILDREN_VIEW) else []
    if not cases and not groups:
        return None
    return {"cases": cases, "groups": groups, "person": person}
