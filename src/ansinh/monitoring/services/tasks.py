"""Writes of the plans' tasks: where a task stands for one of its deadlines, with a note and the evidence."""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.access import access
from ansinh.core.exceptions import DomainError

from ..models import Task, TaskUpdate
from ..selectors.tasks import task_dues

EVIDENCE_MAX = 20 * 2**20
EVIDENCE_TYPES = (".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".jpg", ".jpeg", ".png")


@transaction.atomic
def task_update_record(*, user, task: Task, due_on: datetime.date | None, status: str, note: str = "",
                       evidence=None, today: datetime.date | None = None) -> TaskUpdate:
    """Record where the task stands for one of its deadlines (for a task without one, for this year). Done needs
    what was done (a note or a file); held up needs why."""
    task = access(Task.objects.select_related("plan"), user, task, "manage")
    today = today or timezone.localdate()
    dues = task_dues(task, today)
    errors: dict[str, list[str]] = {}
    if dues and due_on not in dues:
        shown = ", ".join(f"{d:%d/%m/%Y}" for d in dues[-4:])
        errors["due_on"] = [f"Nhiệm vụ này không có hạn ngày {due_on:%d/%m/%Y} (các hạn gần đây: {shown})."
                            if due_on else "Hãy chọn hạn của nhiệm vụ."]
    if not dues or due_on is None:
        due_on = datetime.date(today.year, 12, 31)  # a task without deadline: this year's (with one: refused above)
    if status not in TaskUpdate.Status.values:
        errors["status"] = ["Tình trạng không hợp lệ."]
    note = note.strip()
    if status == TaskUpdate.Status.BLOCKED and not note:
        errors["note"] = ["Hãy ghi vướng mắc là gì."]
    if status == TaskUpdate.Status.DONE and not note and evidence is None:
        errors["note"] = ["Hãy ghi kết quả hoặc gửi tệp minh chứng."]
    if evidence is not None:
        if Path(evidence.name).suffix.lower() not in EVIDENCE_TYPES:
            errors["evidence"] = [f"Tệp “{evidence.name}”: chỉ nhận PDF, Word, Excel, OpenDocument hoặc ảnh JPG/PNG."]
        elif evidence.size > EVIDENCE_MAX:
            errors["evidence"] = [f"Tệp “{evidence.name}” lớn quá 20 MB."]
    if errors:
        raise DomainError(" ".join(m for ms in errors.values() for m in ms), errors=errors)
    update = TaskUpdate(task=task, due_on=due_on, status=status, note=note, created_by=user)
    if evidence is not None:
        update.evidence_name = Path(evidence.name).name[:255]
        update.evidence.save(f"{task.plan_id}-{task.position}{Path(evidence.name).suffix.lower()}", evidence,
                             save=False)
    update.save()
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=update, commune=None,
                 province_code=task.plan.province_code,
                 changes={"task": task.position, "due_on": str(due_on), "status": status,
                          "evidence": update.evidence_name})
    return update
