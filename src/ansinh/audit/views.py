"""The audit trail page, for auditors and leaders, scoped to their jurisdiction."""

from ansinh.core.generic import ScopedListView

from .access import AUDIT_VIEW
from .filters import AuditEventFilterSet
from .selectors import audit_events


class EventList(ScopedListView):
    access = AUDIT_VIEW
    filterset_class = AuditEventFilterSet
    template_name = "audit/event_list.html"
    paginate_by = 50
    source = audit_events
