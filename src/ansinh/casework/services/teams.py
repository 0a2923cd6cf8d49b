"""Who works on cases at a unit, and who supervises them."""

from django.db import transaction
from django.db.models import Q

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record, diff, snapshot
from ansinh.core.access import Role, covers, require_capability
from ansinh.core.exceptions import DomainError, PermissionDeniedError
from ansinh.facilities.models import Organisation

from ..access import CASEWORK_MANAGE
from ..models import Case, Worker

# --- units and their case workers ----------------------------------------------------------------------


@transaction.atomic
def worker_add(*, user, organisation: Organisation, worker, supervisor: bool = False) -> Worker:
    """`worker` (a user) works on cases at `organisation`; their jurisdiction must cover the unit."""
    require_capability(user, CASEWORK_MANAGE)
    if not covers(user, organisation.commune):
        raise PermissionDeniedError("Đơn vị này nằm ngoài địa bàn bạn quản lý.")
    if not worker.is_active or worker.role == Role.PAYMENT_AGENT:
        raise DomainError("Người dùng này không thể quản lý ca.", field="worker")
    if not covers(worker, organisation.commune):
        raise DomainError(f"Địa bàn của {worker.username} không bao gồm đơn vị {organisation.name}.", field="worker")
    row, created = Worker.objects.select_for_update().get_or_create(
        user=worker, organisation=organisation, defaults={"supervisor": supervisor})
    if not created:
        before = snapshot(row, ["supervisor", "active"])
        row.supervisor, row.active = supervisor, True
        row.save(update_fields=["supervisor", "active"])
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=row, commune=organisation.commune,
                     changes=diff(before, snapshot(row, ["supervisor", "active"])))
    else:
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=row, commune=organisation.commune,
                     changes={"after": snapshot(row, ["user_id", "organisation_id", "supervisor"])})
    return row


@transaction.atomic
def worker_remove(*, user, worker: Worker) -> Worker:
    """The user stops working on cases at the unit; their open cases must be reassigned first."""
    require_capability(user, CASEWORK_MANAGE)
    if not covers(user, worker.organisation.commune):
        raise PermissionDeniedError("Đơn vị này nằm ngoài địa bàn bạn quản lý.")
    held = Case.objects.open().filter(organisation=worker.organisation).filter(
        Q(worker=worker.user) | Q(supervisor=worker.user)).count()
    if held:
        raise DomainError(f"{worker.user.username} còn {held} ca đang mở tại đơn vị; hãy phân công lại trước.")
    worker.active = False
    worker.save(update_fields=["active"])
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=worker, commune=worker.organisation.commune,
                 changes={"active": [True, False]})
    return worker


def _member(organisation: Organisation, user, *, supervisor: bool = False) -> bool:
    rows = Worker.objects.filter(organisation=organisation, user=user, active=True, user__is_active=True)
    return rows.filter(supervisor=True).exists() if supervisor else rows.exists()


def _check_team(organisation: Organisation, worker, supervisor) -> None:
    if worker is None or not _member(organisation, worker):
        raise DomainError(f"Người quản lý ca phải là người làm công tác quản lý ca của {organisation.name}.",
                          field="worker")
    if supervisor is None or not _member(organisation, supervisor, supervisor=True):
        raise DomainError(f"Người giám sát phải là người giám sát ca của {organisation.name}.", field="supervisor")
    if worker.pk == supervisor.pk:
        raise DomainError("Người giám sát phải khác người quản lý ca.", field="supervisor")
