"""A person's emergency lists and funeral support on the registry's page, as the reader may see them."""

from ansinh.core.access import can

from .access import EMERGENCY_VIEW
from .models import Affected
from .selectors import funeral_supports


def person_emergencies(request, *, person) -> dict | None:
    user = request.user
    if not can(user, EMERGENCY_VIEW):
        return None
    lines = list(Affected.objects.visible_to(user).filter(person=person).select_related("event", "commune")
                 .prefetch_related("aids").order_by("-detected_on")[:10])
    funeral = funeral_supports(user=user).filter(person=person).first()
    if not lines and funeral is None:
        return None
    return {"lines": lines, "funeral": funeral}
