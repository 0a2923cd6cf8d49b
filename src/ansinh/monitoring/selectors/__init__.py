"""Every read of monitoring, scoped: plans, the periodic reports, the stored figures of the dashboards."""

from .figures import (
    CommuneRow,
    Figure,
    TargetRow,
    communes_ranked,
    groups,
    plan_statuses,
    readable_codes,
    run_of,
    stored,
    target_row,
    target_rows,
)
from .plans import (
    access_plan,
    catalogue,
    definitions,
    normalised,
    plan_by_number,
    plan_document,
    plan_text,
    plans,
)
from .reports import (
    Submission,
    access_report,
    commune_reports,
    due_on,
    late_reports,
    periods,
    report_lines,
    reports,
    submission_counts,
    submissions,
)
from .tasks import (
    TaskState,
    access_task,
    evidence_of,
    overdue_by_agency,
    states_of,
    task_dues,
    task_state,
    task_states,
)

__all__ = ["CommuneRow", "Figure", "TargetRow", "communes_ranked", "groups", "plan_statuses", "readable_codes", "run_of",
           "stored", "target_row", "target_rows", "access_plan", "catalogue", "submission_counts", "definitions", "normalised", "plan_by_number", "plan_document", "plan_text",
           "plans", "Submission", "access_report", "commune_reports", "due_on", "task_dues", "late_reports", "periods", "report_lines",
           "reports", "submissions", "TaskState", "access_task", "evidence_of", "overdue_by_agency", "states_of", "task_state", "task_states"]
