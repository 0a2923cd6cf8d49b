"""The audit trail page, for auditors and leaders, scoped to their jurisdiction."""

from ansinh.core.generic import Export, ScopedListView

from .access import AUDIT_VIEW
from .exports import EVENT_COLUMNS
from .filters import AuditEventFilterSet
from .selectors import audit_events


class EventList(ScopedListView):
    access = AUDIT_VIEW
    filterset_class = AuditEventFilterSet
    template_name = "audit/event_list.html"
    paginate_by = 50
    source = audit_events
    export = Export(columns=EVENT_COLUMNS, related=("actor", "commune"), filename="nhat-ky", what="audit.auditevent",
                    url_name="audit:event_export", sheet="Nhật ký")
