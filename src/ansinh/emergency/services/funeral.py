"""Funeral support (hỗ trợ chi phí mai táng), decided and paid once per death (NĐ 20/2021 Điều 11, 14, 25): a
claim on a second ground raises a support not yet decided to the higher rate; once decided, any other claim is
refused with the first decision's number. The support's row is locked while it is decided, so two officers
deciding at once make one decision."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from ansinh.assistance.access import ENROLMENT_MANAGE
from ansinh.assistance.models import Enrolment, FuneralSupport
from ansinh.assistance.services import person_death_record
from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record, snapshot
from ansinh.core.access import covers, require_capability
from ansinh.core.documents import document_code, next_document_number
from ansinh.core.exceptions import ConflictError, DomainError
from ansinh.core.templatetags.ansinh import vnd
from ansinh.registry.models import Person

from .. import rules, selectors
from ..models import Affected, Damage

Ground = FuneralSupport.Ground
BASIS = {Ground.REGULAR: "Điều 11", Ground.DISASTER: "Điều 14", Ground.FACILITY: "Điều 25 khoản 3"}
_RULE_GROUND = {Ground.REGULAR: rules.REGULAR, Ground.DISASTER: rules.DISASTER_DEATH, Ground.FACILITY: rules.IN_FACILITY}


def already_decided(support: FuneralSupport) -> str:
    return (f"{support.person.full_name} đã được hỗ trợ mai táng theo quyết định số {support.decision_number} ngày "
            f"{support.decided_on:%d/%m/%Y}; mỗi người mất chỉ được hỗ trợ một lần, ở mức cao nhất (NĐ 20/2021 "
            "Điều 11 khoản 3).")


def _was_beneficiary(person: Person, day: datetime.date) -> bool:
    month = day.replace(day=1)
    return Enrolment.objects.filter(person=person, start_month__lte=month, status__in=("active", "ended")).exclude(
        end_month__lt=month).exists()


@transaction.atomic
def funeral_claim(*, user, person: Person, ground: str, date_of_death: datetime.date,
                  recipient: str = "") -> FuneralSupport:
    """Propose the funeral support for a death on `ground` (with the regular one too when the person was paid the
    monthly allowance that month): created at the highest rate that applies, or a proposal raised to it."""
    if ground not in Ground.values:
        raise DomainError("Hãy chọn căn cứ hỗ trợ mai táng.", field="ground")
    require_capability(user, ENROLMENT_MANAGE)
    if not covers(user, person.commune):
        raise DomainError("Người này nằm ngoài địa bàn bạn quản lý.", field="person")
    if date_of_death > timezone.localdate():
        raise DomainError("Ngày mất không được sau hôm nay.", field="date_of_death")
    grounds = {_RULE_GROUND[Ground(ground)]}
    if _was_beneficiary(person, date_of_death):
        grounds.add(rules.REGULAR)
    terms = selectors.terms(date_of_death, person.province_code)
    best = rules.funeral_amount(grounds, terms)
    assert best is not None  # every ground has a rate
    rule_ground, amount = best
    chosen = next(g for g, r in _RULE_GROUND.items() if r == rule_ground)
    multiple = {Ground.REGULAR: terms.funeral_regular}.get(chosen, terms.funeral_disaster)
    existing = FuneralSupport.objects.select_for_update().filter(person=person).first()
    if existing is not None:
        if existing.status != FuneralSupport.Status.PROPOSED:
            raise DomainError(already_decided(existing), field="person")
        if existing.amount >= amount:
            return existing
        before = snapshot(existing, ["ground", "multiple", "amount"])
        existing.ground, existing.multiple, existing.amount = chosen, multiple, int(amount)
        existing.standard_level = int(terms.standard_level)
        existing.legal_basis = f"NĐ 20/2021/NĐ-CP {BASIS[chosen]}"
        existing.version += 1
        existing.save()
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=existing,
                     changes={"before": before, "after": snapshot(existing, ["ground", "multiple", "amount"])})
        return existing
    try:
        with transaction.atomic():  # one per person (its key): a claim made at the same moment loses here
            support = FuneralSupport.objects.create(
                person=person, date_of_death=date_of_death, legal_basis=f"NĐ 20/2021/NĐ-CP {BASIS[chosen]}",
                multiple=multiple, standard_level=int(terms.standard_level), amount=int(amount),
                recipient=recipient.strip()[:120], ground=chosen, commune=person.commune,
                province_code=person.province_code)
    except IntegrityError:
        raise DomainError(f"Hỗ trợ mai táng cho {person.full_name} vừa được người khác đề xuất; hãy tải lại trang.",
                          field="person") from None
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=support, changes={"after": snapshot(support)})
    return support


@transaction.atomic
def funeral_decide(*, user, support: FuneralSupport, expected_version: int, decided_on: datetime.date,
                   recipient: str, amount: int | None = None,
                   date_of_death: datetime.date | None = None) -> FuneralSupport:
    """The decision, numbered in the commune's sequence: to whoever arranged the burial, at least the amount the
    law gives on the support's ground (a province may give more). `date_of_death`, from the death certificate,
    corrects the day the death was first noted (on an emergency list, the day it was found) and is recorded in the
    registry, which ends the person's allowances; a person missing, with no certificate, is left as they are."""
    selectors.access_funeral(user, support, "manage")
    current = FuneralSupport.objects.select_for_update(of=("self",)).select_related("person", "commune").get(
        pk=support.pk)
    if current.status != FuneralSupport.Status.PROPOSED:  # whoever comes second learns the first decision
        raise DomainError(already_decided(current), field="person")
    if current.version != expected_version:
        raise ConflictError("Hồ sơ hỗ trợ mai táng đã được người khác sửa sau khi bạn mở. Hãy tải lại trang.")
    if not recipient.strip():
        raise DomainError("Hãy ghi người, tổ chức đứng ra lo mai táng (người nhận).", field="recipient")
    if date_of_death is not None:
        if date_of_death > decided_on:
            raise DomainError("Ngày mất không được sau ngày quyết định.", field="date_of_death")
        current.date_of_death = date_of_death
        if current.person.date_of_death is None:
            person_death_record(user=user, person=current.person, date_of_death=date_of_death)
    if decided_on < current.date_of_death:
        raise DomainError(f"Ngày quyết định trước ngày mất ({current.date_of_death:%d/%m/%Y}).", field="decided_on")
    if decided_on > timezone.localdate():
        raise DomainError("Ngày quyết định không được sau hôm nay.", field="decided_on")
    amount = current.amount if amount is None else int(amount)
    if rules.below_minimum(amount, current.amount):
        raise DomainError(f"Thấp hơn mức tối thiểu {vnd(current.amount)} ({current.legal_basis}).", field="amount")
    number = next_document_number(issuer=current.commune.code, year=decided_on.year)
    current.decision_number = document_code(number, kind="QUYẾT ĐỊNH")
    current.decided_on, current.recipient, current.amount = decided_on, " ".join(recipient.split())[:120], amount
    current.status = FuneralSupport.Status.DECIDED
    current.version += 1
    current.save()
    # a death on an emergency list is helped by this decision: its timeliness counts from here
    Affected.objects.filter(person=current.person, damage=Damage.DEATH, decided_on__isnull=True).update(
        decided_on=decided_on)
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                 changes={"decision_number": current.decision_number, "decided_on": f"{decided_on:%d/%m/%Y}",
                          "date_of_death": f"{current.date_of_death:%d/%m/%Y}",
                          "amount": amount, "recipient": current.recipient})
    return current


@transaction.atomic
def funeral_pay(*, user, support: FuneralSupport, expected_version: int, paid_on: datetime.date) -> FuneralSupport:
    """Paid once, on or after the decision."""
    selectors.access_funeral(user, support, "manage")
    current = FuneralSupport.objects.select_for_update(of=("self",)).select_related("person").get(pk=support.pk)
    if current.status == FuneralSupport.Status.PAID:
        raise DomainError(f"Đã chi trả ngày {current.paid_on:%d/%m/%Y} theo quyết định số {current.decision_number}.",
                          field="paid_on")
    if current.version != expected_version:
        raise ConflictError("Hồ sơ hỗ trợ mai táng đã được người khác xử lý sau khi bạn mở. Hãy tải lại trang.")
    if current.status != FuneralSupport.Status.DECIDED or current.decided_on is None:
        raise DomainError("Chưa có quyết định hỗ trợ mai táng.", field="paid_on")
    if paid_on < current.decided_on or paid_on > timezone.localdate():
        raise DomainError(f"Ngày chi trả phải từ ngày quyết định ({current.decided_on:%d/%m/%Y}) đến hôm nay.",
                          field="paid_on")
    current.status, current.paid_on = FuneralSupport.Status.PAID, paid_on
    current.version += 1
    current.save()
    Affected.objects.filter(person=current.person, damage=Damage.DEATH, delivered_on__isnull=True).update(
        delivered_on=paid_on)
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                 changes={"paid_on": f"{paid_on:%d/%m/%Y}", "amount": current.amount, "recipient": current.recipient})
    return current
