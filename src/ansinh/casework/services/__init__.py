"""Every write of case management, one transaction each with its audit event: the units' teams (`teams`), cases
and their steps (`cases`), the children's register (`children`)."""

from .cases import (
    case_approve,
    case_assess,
    case_assign,
    case_close,
    case_emergency,
    case_form_printed,
    case_initial,
    case_open,
    case_plan,
    case_refer,
    case_reopen,
    case_return_plan,
    case_returned,
    case_review,
    case_separation_end,
    case_service,
    case_share,
    case_unshare,
    case_update,
    case_view,
    referral_respond,
)
from .children import (
    child_record_view,
    circumstance_add,
    circumstance_end,
    merge_people,
    support_add,
)
from .teams import worker_add, worker_remove

__all__ = [
    "case_approve", "case_assess", "case_assign", "case_close", "case_emergency", "case_form_printed", "case_initial",
    "case_open", "child_record_view",
    "case_plan", "case_refer", "case_reopen", "case_return_plan", "case_returned", "case_review",
    "case_separation_end", "case_service", "case_share", "case_unshare", "case_update", "case_view",
    "circumstance_add", "circumstance_end", "merge_people", "referral_respond", "support_add", "worker_add",
    "worker_remove",
]
