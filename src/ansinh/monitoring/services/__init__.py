"""Every write of monitoring: plans, the indicator catalogue, the periodic reports."""

from .catalogue import catalogue_sync, computed_definition, definition_record, known_code
from .plans import SEEDS, plan_from_text, plan_record, plans_load_seeds
from .reports import (
    period_of,
    report_approve,
    report_prepare,
    report_reopen,
    report_return,
    report_save,
    report_submit,
)
from .rollups import rollups_execute, rollups_refresh, rollups_request, rollups_stale
from .tasks import task_update_record

__all__ = ["catalogue_sync", "computed_definition", "definition_record", "known_code", "SEEDS", "plan_from_text", "plan_record",
           "plans_load_seeds", "period_of", "report_approve", "report_prepare", "report_reopen",
           "report_return", "report_save", "report_submit", "rollups_execute", "rollups_refresh",
           "rollups_request", "rollups_stale", "task_update_record"]
