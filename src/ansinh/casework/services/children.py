"""The register of children in special circumstances, and case management's part in merging two records of one
person."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.access import covers, require_capability
from ansinh.core.exceptions import DomainError, PermissionDeniedError
from ansinh.registry.models import Person

from .. import rules
from ..access import CHILDREN_CHANGE
from ..models import Circumstance, Subject, Support

# --- children in special circumstances ----------------------------------------------------------------


@transaction.atomic
def child_record_view(*, user, person: Person) -> None:
    """Reading a child's record in the register (its sensitive groups among it) is recorded."""
    audit_record(actor=user, action=AuditEvent.Action.VIEW, instance=person, changes={"register": "children"})


@transaction.atomic
def circumstance_add(*, user, person: Person, group: str, since: datetime.date, note: str = "") -> Circumstance:
    """A child (under 16 on `since`, Luật Trẻ em Điều 1) in a group of special circumstances (Điều 10)."""
    require_capability(user, CHILDREN_CHANGE)
    if not covers(user, person.commune):
        raise PermissionDeniedError("Trẻ em này nằm ngoài địa bàn bạn quản lý.")
    age = person.age_on(since)
    if age is None:
        raise DomainError("Sổ đối tượng chưa có năm sinh của trẻ.", field="person")
    if age >= rules.CHILD_AGE or age < 0:
        raise DomainError(f"Ngày {since:%d/%m/%Y} người này {age} tuổi: trẻ em là người dưới 16 tuổi "
                          "(Luật Trẻ em Điều 1).", field="since")
    if since > timezone.localdate():
        raise DomainError("Ngày không được ở tương lai.", field="since")
    if Circumstance.objects.filter(person=person, group=group, until__isnull=True).exists():
        raise DomainError("Trẻ đã có trong nhóm này.", field="group")
    row = Circumstance.objects.create(person=person, group=group, since=since, note=note.strip(), created_by=user)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=row, commune=person.commune,
                 changes={"after": {"person_id": person.pk, "group": group, "since": str(since)}})
    return row


@transaction.atomic
def circumstance_end(*, user, circumstance: Circumstance, until: datetime.date, note: str = "") -> Circumstance:
    require_capability(user, CHILDREN_CHANGE)
    current = Circumstance.objects.select_for_update().select_related("person").get(pk=circumstance.pk)
    if not covers(user, current.person.commune):
        raise PermissionDeniedError("Trẻ em này nằm ngoài địa bàn bạn quản lý.")
    if current.until is not None:
        raise DomainError("Hoàn cảnh này đã kết thúc.")
    if until < current.since:
        raise DomainError("Ngày kết thúc trước ngày bắt đầu.", field="until")
    current.until = until
    current.note = (f"{current.note} {note}".strip())[:255]
    current.save(update_fields=["until", "note"])
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current, commune=current.person.commune,
                 changes={"until": [None, str(until)]})
    return current


@transaction.atomic
def support_add(*, user, person: Person, kind: str, given_on: datetime.date, provider: str,
                amount: Decimal = Decimal(0), note: str = "") -> Support:
    require_capability(user, CHILDREN_CHANGE)
    if not covers(user, person.commune):
        raise PermissionDeniedError("Trẻ em này nằm ngoài địa bàn bạn quản lý.")
    if not provider.strip():
        raise DomainError("Hãy ghi đơn vị hỗ trợ.", field="provider")
    if amount < 0:
        raise DomainError("Giá trị không được âm.", field="amount")
    if given_on > timezone.localdate():
        raise DomainError("Ngày không được ở tương lai.", field="given_on")
    row = Support.objects.create(person=person, kind=kind, given_on=given_on, provider=provider.strip(), amount=amount,
                                 note=note.strip(), created_by=user)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=row, commune=person.commune,
                 changes={"after": {"person_id": person.pk, "kind": kind, "given_on": str(given_on),
                                    "amount": str(amount)}})
    return row


# --- a merge of two records of one person ------------------------------------------------------------


def merge_people(*, user, survivor: Person, duplicate: Person) -> dict[str, Any]:
    """The registry merges two records of one person (`registry.extensions.MERGE_PARTS`): a case where both are
    subjects keeps one subject (the main one if either was); a group of special circumstances open on both keeps
    one row from the earlier day. Everything else moves as it is."""
    both = Subject.objects.filter(person=duplicate, case__in=Subject.objects.filter(person=survivor).values("case"))
    cases = list(both.values_list("case_id", "main"))
    for case_id, main in cases:
        Subject.objects.filter(case_id=case_id, person=duplicate).delete()
        if main:
            Subject.objects.filter(case_id=case_id, person=survivor).update(main=True)
    Subject.objects.filter(person=duplicate).update(person=survivor)
    joined = []
    for row in Circumstance.objects.filter(person=duplicate, until__isnull=True):
        kept = Circumstance.objects.filter(person=survivor, group=row.group, until__isnull=True).first()
        if kept is None:
            continue
        if row.since < kept.since:
            Circumstance.objects.filter(pk=kept.pk).update(since=row.since)
        joined.append(row.group)
        row.delete()
    Circumstance.objects.filter(person=duplicate).update(person=survivor)
    Support.objects.filter(person=duplicate).update(person=survivor)
    if not cases and not joined:
        return {}
    return {"cases_joined": [c for c, _m in cases], "groups_joined": joined}
