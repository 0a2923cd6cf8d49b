"""The audit trail page, for auditors and leaders, scoped to their jurisdiction."""

from django.shortcuts import render

from ansinh.core.web import paginate, require

from .access import AUDIT_VIEW
from .models import AuditEvent
from .selectors import audit_events


@require(AUDIT_VIEW)
def event_list(request):
    events = audit_events(user=request.user)
    action = request.GET.get("action", "")
    username = request.GET.get("user", "").strip()
    if action:
        events = events.filter(action=action)
    if username:
        events = events.filter(actor__username=username)
    return render(request, "audit/event_list.html", {
        "page": paginate(request, events, per_page=50), "actions": AuditEvent.Action.choices,
        "action": action, "username": username,
    })
