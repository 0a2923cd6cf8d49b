"""Every write of case management: one transaction each, the case row locked, its audit event inside.

Who may act follows the relation to the case (`selectors.relations`): its worker and supervisor run the steps,
the supervisor (or a commune leader the case is shared with) approves a plan, a receiving unit's supervisor
answers a referral. Deadlines are rows (`Deadline`), opened when the step they count from is done and met when
their own step is."""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from django.db import models, transaction
from django.utils import timezone

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record, diff, snapshot
from ansinh.core.access import Role, covers, require_capability
from ansinh.core.documents import next_document_number
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError
from ansinh.core.selectors import holidays
from ansinh.facilities.models import Organisation
from ansinh.registry.models import Person
from ansinh.registry.services import person_create

from .. import rules
from ..access import CASEWORK_WORK
from ..models import (
    Case,
    CaseShare,
    Deadline,
    Entry,
    Need,
    Plan,
    PlanItem,
    Referral,
    Service,
    Stage,
    Subject,
    Worker,
)
from ..selectors import access_case, relations, terms
from .teams import _check_team, _member

STALE = "Ca đã được người khác cập nhật sau khi bạn mở. Chưa có gì được ghi; hãy tải lại trang."
WORKER_OR_SUPERVISOR = "Chỉ người quản lý ca hoặc người giám sát ca được thực hiện bước này."
EDITABLE = ("source", "reporter_name", "reporter_phone", "case_type", "risk", "summary")

# --- opening a case ------------------------------------------------------------------------------------


def _end_of(day: datetime.date) -> datetime.datetime:
    """A deadline in working days falls due at the end of its day (local time)."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59, 59)))


def _deadline(case: Case, step: str, due_at: datetime.datetime, basis: str) -> Deadline:
    return Deadline.objects.create(case=case, step=step, due_at=due_at, basis=basis)


def _meet(case: Case, step: str, at: datetime.datetime) -> None:
    Deadline.objects.filter(case=case, step=step, met_at__isnull=True).update(met_at=at)


def _entry(case: Case, kind: str, *, user, at: datetime.datetime, note: str = "", decision_number: str = "") -> Entry:
    return Entry.objects.create(case=case, kind=kind, at=at, by=user if getattr(user, "pk", None) else None,
                                note=note.strip(), decision_number=decision_number.strip())


def _past(at: datetime.datetime, *, after: datetime.datetime | None = None, field: str = "at") -> datetime.datetime:
    if at > timezone.now() + datetime.timedelta(minutes=5):
        raise DomainError("Thời điểm không được ở tương lai.", field=field)
    if after is not None and at < after:
        raise DomainError(f"Thời điểm không được trước lúc tiếp nhận ({timezone.localtime(after):%H:%M %d/%m/%Y}).",
                          field=field)
    return at


def case_open(
    *, user, organisation: Organisation, source: str, received_at: datetime.datetime, case_type: str, risk: str,
    summary: str, worker, supervisor, subjects: Iterable[Person], reporter_name: str = "", reporter_phone: str = "",
    new_person: dict[str, Any] | None = None,
) -> Case:
    """Receive a report (NĐ 56 Mẫu 01; TT 02 Mẫu 01) and open a case at `organisation`, numbered per unit and year.
    The first subject is the main one; their age on the day decides the procedure (a child: NĐ 56/2017). A
    child at serious risk opens the 12-hour deadline for emergency protection or temporary separation.
    `new_person` (full name, birth parts, sex) is registered on the spot in the unit's commune, as the last
    subject, in the same transaction: a refused case registers no one."""
    require_capability(user, CASEWORK_WORK)
    if not (_member(organisation, user) or (covers(user, organisation.commune)
                                            and user.role in (Role.COMMUNE_OFFICER, Role.PROVINCE_OFFICER))):
        raise PermissionDeniedError(f"Bạn không làm công tác quản lý ca tại {organisation.name}.")
    _check_team(organisation, worker, supervisor)
    people = list(dict.fromkeys(subjects))
    if not people and not new_person:
        raise DomainError("Ca cần ít nhất một đối tượng.", field="subjects")
    if not summary.strip():
        raise DomainError("Hãy ghi nội dung sự việc.", field="summary")
    _past(received_at, field="received_at")
    local_day = timezone.localtime(received_at).date()
    with transaction.atomic():
        if new_person:
            try:
                people.append(person_create(user=user, commune=organisation.commune, **new_person))
            except DomainError as exc:
                raise DomainError(exc.message, field="new_name") from None
        procedure = rules.procedure_for(people[0].age_on(local_day))
        case = Case(organisation=organisation, year=local_day.year, procedure=procedure, source=source,
                    reporter_name=reporter_name.strip(), reporter_phone=reporter_phone.strip(),
                    received_at=received_at, case_type=case_type, risk=risk, summary=summary.strip(), worker=worker,
                    supervisor=supervisor, commune=organisation.commune, province_code=organisation.province_code,
                    created_by=user, updated_by=user)
        case.number = next_document_number(issuer=f"CASE-{organisation.pk}", year=local_day.year)
        case.save()
        Subject.objects.bulk_create([Subject(case=case, person=p, main=n == 0) for n, p in enumerate(people)])
        _entry(case, Entry.Kind.REPORT, user=user, at=received_at, note=f"Nguồn: {case.get_source_display()}")
        _open_emergency(case)
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=case, changes={
            "after": {"number": case.code, "procedure": procedure, "source": source, "case_type": case_type,
                      "risk": risk, "worker_id": worker.pk, "supervisor_id": supervisor.pk,
                      "subjects": [p.pk for p in people]}})
    return case


def _open_emergency(case: Case) -> None:
    """A child at serious risk: the 12 hours count from the report (NĐ 56/2017 Điều 26)."""
    if case.procedure != "child" or case.risk != "serious":
        return
    if Deadline.objects.filter(case=case, step=rules.EMERGENCY).exists():
        return
    t = terms(timezone.localtime(case.received_at).date(), case.province_code)
    _deadline(case, rules.EMERGENCY, rules.emergency_due(case.received_at, t), "NĐ 56/2017/NĐ-CP Điều 26, 31")


# --- the case's own record -----------------------------------------------------------------------------


def _acting(user, case: Case, *, allowed: Iterable[str] = ("worker", "supervisor"),
            message: str = WORKER_OR_SUPERVISOR) -> set[str]:
    access_case(user, case, "work")
    mine = relations(user, case)
    if not mine & set(allowed):
        raise PermissionDeniedError(message)
    return mine


def _locked(case: Case, expected_version: int | None, submitted: dict[str, Any] | None = None) -> Case:
    """The case row locked; a version other than the one the user read is refused with what differs."""
    current = Case.objects.select_for_update().select_related("organisation").get(pk=case.pk)
    if expected_version is not None and current.version != expected_version:
        differences = []
        for name, value in (submitted or {}).items():
            field = cast(models.Field, Case._meta.get_field(name))
            saved = getattr(current, name)
            if saved != value:
                show = dict(field.choices or ())
                differences.append((str(field.verbose_name), str(show.get(saved, saved)), str(show.get(value, value))))
        by = current.updated_by.username if current.updated_by is not None else ""
        message = STALE if not by else f"{STALE[:-len('; hãy tải lại trang.')]} (người lưu: {by}); hãy tải lại trang."
        raise ConflictError(message, differences=differences)
    return current


def _saved(user, case: Case, before: dict, fields: list[str]) -> Case:
    case.version += 1
    case.updated_by = user
    case.save()
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=case,
                 changes=diff(before, snapshot(case, fields)))
    return case


@transaction.atomic
def case_update(*, user, case: Case, expected_version: int, **changes: Any) -> Case:
    """Change what was reported (source, reporter, type, risk, summary); a stale form is refused with the
    differences between what is saved and what was sent."""
    _acting(user, case)
    unknown = set(changes) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "summary" in changes and not str(changes["summary"]).strip():
        raise DomainError("Hãy ghi nội dung sự việc.", field="summary")
    current = _locked(case, expected_version, changes)
    fields = list(EDITABLE)
    before = snapshot(current, fields)
    for name, value in changes.items():
        setattr(current, name, value.strip() if isinstance(value, str) else value)
    _saved(user, current, before, fields)
    _open_emergency(current)
    return current


@transaction.atomic
def case_view(*, user, case: Case) -> None:
    """Every reading of a case file is recorded (NĐ 56/2017 Điều 24; NĐ 356/2025 Điều 4)."""
    audit_record(actor=user, action=AuditEvent.Action.VIEW, instance=case)


@transaction.atomic
def case_form_printed(*, user, case: Case, form: str) -> None:
    """A form of the case file leaving the system as DOCX is recorded too."""
    audit_record(actor=user, action=AuditEvent.Action.EXPORT, instance=case, changes={"form": form})


def _step(user, case: Case, action: str, expected_version: int | None, **kw) -> tuple[Case, dict]:
    """Lock the case and check its stage allows `action`."""
    current = _locked(case, expected_version)
    reason = rules.refusal(action, current.stage)
    if reason:
        raise DomainError(reason)
    return current, snapshot(current, ["stage", "risk", "closed_on", "close_reason", "returned_on", "separated_on",
                                       "separation_ended_on", "worker_id", "supervisor_id"])


_STEP_FIELDS = ["stage", "risk", "closed_on", "close_reason", "returned_on", "separated_on", "separation_ended_on",
                "worker_id", "supervisor_id"]


@transaction.atomic
def case_initial(*, user, case: Case, at: datetime.datetime, risk: str, note: str,
                 expected_version: int | None = None) -> Case:
    """Initial assessment of risk and harm (NĐ 56/2017 Điều 26, Mẫu 02). Serious risk for a child opens the
    12 hours of emergency protection, counted from the report."""
    _acting(user, case)
    current, before = _step(user, case, "initial", expected_version)
    _past(at, after=current.received_at)
    if not note.strip():
        raise DomainError("Hãy ghi kết quả đánh giá ban đầu.", field="note")
    current.stage, current.risk = Stage.INITIAL, risk
    _entry(current, Entry.Kind.INITIAL, user=user, at=at, note=note)
    _saved(user, current, before, _STEP_FIELDS)
    _open_emergency(current)
    return current


@transaction.atomic
def case_emergency(*, user, case: Case, at: datetime.datetime, separation: bool, note: str,
                   decision_number: str = "", expected_version: int | None = None) -> Case:
    """Emergency protection, or temporary separation decided by the commune chairman (Mẫu 07), which lasts at
    most 15 days (NĐ 56/2017 Điều 31, 32): meets the 12-hour deadline; a separation opens its own."""
    _acting(user, case)
    current = _locked(case, expected_version)
    if not current.is_open:
        raise DomainError("Ca đã đóng; hãy mở lại ca trước.")
    _past(at, after=current.received_at)
    if not note.strip():
        raise DomainError("Hãy ghi biện pháp đã áp dụng.", field="note")
    before = snapshot(current, _STEP_FIELDS)
    _entry(current, Entry.Kind.SEPARATION if separation else Entry.Kind.EMERGENCY, user=user, at=at, note=note,
           decision_number=decision_number)
    _meet(current, rules.EMERGENCY, at)
    if separation:
        if current.separated_on and not current.separation_ended_on:
            raise DomainError("Trẻ đang được tạm thời cách ly.", field="separation")
        if not decision_number.strip():
            raise DomainError("Tạm thời cách ly cần số quyết định của Chủ tịch UBND xã (Mẫu 07).",
                              field="decision_number")
        day = timezone.localtime(at).date()
        current.separated_on, current.separation_ended_on = day, None
        _deadline(current, rules.SEPARATION_END, _end_of(rules.separation_due(day, terms(day, current.province_code))),
                  "NĐ 56/2017/NĐ-CP Điều 32")
    _saved(user, current, before, _STEP_FIELDS)
    return current


@transaction.atomic
def case_separation_end(*, user, case: Case, on: datetime.date, note: str,
                        expected_version: int | None = None) -> Case:
    _acting(user, case)
    current = _locked(case, expected_version)
    if not current.separated_on or current.separation_ended_on:
        raise DomainError("Trẻ không đang được tạm thời cách ly.")
    if on < current.separated_on:
        raise DomainError("Ngày kết thúc cách ly trước ngày bắt đầu.", field="on")
    before = snapshot(current, _STEP_FIELDS)
    current.separation_ended_on = on
    at = _end_of(on) if on < timezone.localdate() else timezone.now()
    _entry(current, Entry.Kind.SEPARATION_END, user=user, at=at, note=note)
    _meet(current, rules.SEPARATION_END, at)
    _saved(user, current, before, _STEP_FIELDS)
    return current


@transaction.atomic
def case_assess(*, user, case: Case, at: datetime.datetime, needs: dict[str, tuple[int, str]], note: str,
                expected_version: int | None = None) -> Case:
    """Detailed assessment and needs (NĐ 56/2017 Điều 27, Mẫu 03; TT 02/2020 Điều 4–5): the plan is then due in
    5 working days."""
    _acting(user, case)
    current, before = _step(user, case, "assess", expected_version)
    _past(at, after=current.received_at)
    if not any(level for level, _n in needs.values()):
        raise DomainError("Hãy đánh giá ít nhất một nhu cầu.", field="needs")
    entry = _entry(current, Entry.Kind.ASSESSMENT, user=user, at=at, note=note)
    Need.objects.bulk_create([Need(entry=entry, area=area, level=level, note=text.strip())
                              for area, (level, text) in needs.items()])
    current.stage = Stage.ASSESSED
    _plan_due(current, timezone.localtime(at).date())
    _saved(user, current, before, _STEP_FIELDS)
    return current


def _plan_due(case: Case, day: datetime.date) -> None:
    if case.procedure == "child":
        due = rules.plan_draft_due(day, terms(day, case.province_code), holidays())
        _deadline(case, rules.PLAN_DRAFT, _end_of(due), "NĐ 56/2017/NĐ-CP Điều 28 khoản 1")


def _assessed_on(case: Case) -> datetime.date | None:
    last = case.entries.filter(kind__in=[Entry.Kind.ASSESSMENT, Entry.Kind.REVIEW, Entry.Kind.REOPEN,
                                         Entry.Kind.RETURN]).order_by("-at").first()
    return timezone.localtime(last.at).date() if last else None


@transaction.atomic
def case_plan(*, user, case: Case, at: datetime.datetime, goals: str, items: list[dict],
              expected_version: int | None = None) -> Plan:
    """The support or intervention plan (NĐ 56/2017 Điều 28, Mẫu 04; TT 02/2020 Điều 6, Mẫu 03): each activity
    with its dates, who is responsible, the provider and the budget; sent for approval within 2 working days."""
    _acting(user, case)
    current, before = _step(user, case, "plan", expected_version)
    _past(at, after=current.received_at)
    if not goals.strip():
        raise DomainError("Hãy ghi mục tiêu của kế hoạch.", field="goals")
    lines = [rules.PlanLine(i["service"], i["start_date"], i["end_date"]) for i in items]
    refused = rules.plan_refusal(lines, _assessed_on(current))
    if refused:
        raise DomainError(refused[1], field=refused[0])
    for n, item in enumerate(items, start=1):
        if not str(item.get("responsible", "")).strip():
            raise DomainError(f"Hoạt động {n}: hãy ghi người chịu trách nhiệm.", field="items")
        if Decimal(item.get("budget") or 0) < 0:
            raise DomainError(f"Hoạt động {n}: kinh phí không được âm.", field="items")
    current.plans.filter(status__in=[Plan.Status.APPROVED, Plan.Status.RETURNED]).update(
        status=Plan.Status.SUPERSEDED)
    plan = Plan.objects.create(case=current, number=current.plans.count() + 1, goals=goals.strip(), drafted_at=at,
                               drafted_by=user)
    PlanItem.objects.bulk_create([PlanItem(plan=plan, service=i["service"].strip(), start_date=i["start_date"],
                                           end_date=i["end_date"], responsible=i["responsible"].strip(),
                                           provider=str(i.get("provider") or "").strip(),
                                           budget=Decimal(i.get("budget") or 0)) for i in items])
    _entry(current, Entry.Kind.PLAN, user=user, at=at, note=goals)
    _meet(current, rules.PLAN_DRAFT, at)
    if current.procedure == "child":
        day = timezone.localtime(at).date()
        due = rules.plan_approval_due(day, terms(day, current.province_code), holidays())
        _deadline(current, rules.PLAN_APPROVAL, _end_of(due), "NĐ 56/2017/NĐ-CP Điều 28 khoản 1")
    current.stage = Stage.PLAN_SUBMITTED
    _saved(user, current, before, _STEP_FIELDS)
    return plan


def _approver(user, case: Case) -> None:
    """The case's supervisor, or a commune leader the case is shared with (the chairman approves by decision)."""
    mine = relations(user, case)
    if "supervisor" in mine or ("shared" in mine and user.role == Role.COMMUNE_LEADER):
        return
    raise PermissionDeniedError("Chỉ người giám sát ca hoặc Chủ tịch UBND xã (được chia sẻ ca) phê duyệt kế hoạch.")


@transaction.atomic
def case_approve(*, user, case: Case, at: datetime.datetime, decision_number: str = "",
                 expected_version: int | None = None) -> Plan:
    """Approve the plan (NĐ 56/2017 Điều 28, Mẫu 05): the case moves to carrying it out."""
    access_case(user, case, "work")
    _approver(user, case)
    current, before = _step(user, case, "approve", expected_version)
    plan = current.plans.get(status=Plan.Status.SUBMITTED)
    if at < plan.drafted_at:
        raise DomainError("Ngày phê duyệt trước ngày xây dựng kế hoạch.", field="at")
    _past(at)
    plan.status, plan.decided_at, plan.decided_by = Plan.Status.APPROVED, at, user
    plan.decision_number = decision_number.strip()
    plan.save(update_fields=["status", "decided_at", "decided_by", "decision_number"])
    _entry(current, Entry.Kind.APPROVAL, user=user, at=at, decision_number=decision_number)
    _meet(current, rules.PLAN_APPROVAL, at)
    current.stage = Stage.IMPLEMENTING
    _saved(user, current, before, _STEP_FIELDS)
    return plan


@transaction.atomic
def case_return_plan(*, user, case: Case, at: datetime.datetime, note: str,
                     expected_version: int | None = None) -> Plan:
    """The approver sends the plan back with what to change: a new plan is due in 5 working days."""
    access_case(user, case, "work")
    _approver(user, case)
    current, before = _step(user, case, "return_plan", expected_version)
    if not note.strip():
        raise DomainError("Hãy ghi điều cần sửa trong kế hoạch.", field="note")
    _past(at)
    plan = current.plans.get(status=Plan.Status.SUBMITTED)
    plan.status, plan.decided_at, plan.decided_by = Plan.Status.RETURNED, at, user
    plan.save(update_fields=["status", "decided_at", "decided_by"])
    _entry(current, Entry.Kind.RETURN, user=user, at=at, note=note)
    _meet(current, rules.PLAN_APPROVAL, at)
    current.stage = Stage.ASSESSED
    _plan_due(current, timezone.localtime(at).date())
    _saved(user, current, before, _STEP_FIELDS)
    return plan


@transaction.atomic
def case_service(*, user, case: Case, kind: str, given_on: datetime.date, provider: str = "",
                 cost: Decimal = Decimal(0), note: str = "") -> Service:
    """A service given (NĐ 56/2017 Điều 29): by the case's worker or supervisor, or the worker of a unit it was
    referred to."""
    _acting(user, case, allowed=("worker", "supervisor", "receiver"),
            message="Chỉ người quản lý, giám sát ca hoặc người tiếp nhận chuyển gửi ghi dịch vụ.")
    current = _locked(case, None)
    if not current.is_open:
        raise DomainError("Ca đã đóng; hãy mở lại ca trước.")
    if given_on < timezone.localtime(current.received_at).date():
        raise DomainError("Ngày cung cấp dịch vụ trước ngày tiếp nhận ca.", field="given_on")
    if given_on > timezone.localdate():
        raise DomainError("Ngày cung cấp dịch vụ không được ở tương lai.", field="given_on")
    if cost < 0:
        raise DomainError("Chi phí không được âm.", field="cost")
    service = Service.objects.create(case=current, kind=kind, given_on=given_on, provider=provider.strip(), cost=cost,
                                     note=note.strip(), created_by=user)
    _entry(current, Entry.Kind.SERVICE, user=user, at=_end_of(given_on) if given_on < timezone.localdate()
           else timezone.now(), note=f"{service.get_kind_display()}. {note}".strip())
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=current, changes={"service": {
        "id": service.pk, "kind": kind, "given_on": str(given_on), "cost": str(cost)}})
    return service


@transaction.atomic
def case_refer(*, user, case: Case, to: Organisation, reason: str, consent_by: str, consent_name: str,
               consent_on: datetime.date | None, head_consent: bool) -> Referral:
    """Refer the case to another organisation. Sharing a person's information needs their consent (or their
    family's or guardian's) and that of the head of the unit or the commune chairman (TT 02/2020 Điều 9)."""
    _acting(user, case)
    current = _locked(case, None)
    if not current.is_open:
        raise DomainError("Ca đã đóng; hãy mở lại ca trước.")
    if to.pk == current.organisation_id:
        raise DomainError("Không chuyển gửi đến chính đơn vị đang quản lý ca.", field="to")
    if not reason.strip():
        raise DomainError("Hãy ghi lý do, dịch vụ cần chuyển gửi.", field="reason")
    if not consent_by or not consent_name.strip() or consent_on is None:
        raise DomainError("Chưa có sự đồng ý của đối tượng (hoặc gia đình, người giám hộ): không được chuyển thông "
                          "tin sang đơn vị khác (Thông tư 02/2020 Điều 9).", field="consent_name")
    if not head_consent:
        raise DomainError("Cần sự đồng ý của thủ trưởng đơn vị hoặc Chủ tịch UBND xã trước khi chuyển gửi "
                          "(Thông tư 02/2020 Điều 9).", field="head_consent")
    if consent_on > timezone.localdate():
        raise DomainError("Ngày đồng ý không được ở tương lai.", field="consent_on")
    if not Worker.objects.filter(organisation=to, supervisor=True, active=True).exists():
        raise DomainError(f"{to.name} chưa có người giám sát ca để tiếp nhận chuyển gửi.", field="to")
    referral = Referral.objects.create(case=current, to=to, reason=reason.strip(), consent_by=consent_by,
                                       consent_name=consent_name.strip(), consent_on=consent_on,
                                       head_consent=head_consent, created_by=user)
    _entry(current, Entry.Kind.REFERRAL, user=user, at=timezone.now(), note=f"Chuyển gửi đến {to.name}: {reason}")
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=current, changes={"referral": {
        "id": referral.pk, "to": to.pk, "consent_by": consent_by, "consent_on": str(consent_on)}})
    return referral


@transaction.atomic
def referral_respond(*, user, referral: Referral, accept: bool, receiving_worker=None, note: str = "") -> Referral:
    """The receiving unit's supervisor accepts — naming its worker, who sees this case from then on — or refuses
    with a reason."""
    require_capability(user, CASEWORK_WORK)
    current = Referral.objects.select_for_update().select_related("case", "to").get(pk=referral.pk)
    if not _member(current.to, user, supervisor=True):
        raise PermissionDeniedError(f"Chỉ người giám sát ca của {current.to.name} trả lời chuyển gửi này.")
    if current.status != Referral.Status.PENDING:
        raise DomainError("Chuyển gửi này đã được trả lời.")
    if accept:
        if receiving_worker is None or not _member(current.to, receiving_worker):
            raise DomainError(f"Người tiếp nhận phải là người quản lý ca của {current.to.name}.",
                              field="receiving_worker")
        current.receiving_worker = receiving_worker
    elif not note.strip():
        raise DomainError("Hãy ghi lý do từ chối.", field="note")
    current.status = Referral.Status.ACCEPTED if accept else Referral.Status.REFUSED
    current.responded_at, current.response_note = timezone.now(), note.strip()
    current.save(update_fields=["status", "receiving_worker", "responded_at", "response_note"])
    _entry(current.case, Entry.Kind.REFERRAL, user=user, at=current.responded_at,
           note=f"{current.to.name} {'tiếp nhận' if accept else 'từ chối'}. {note}".strip())
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current.case, changes={"referral": {
        "id": current.pk, "status": current.status, "receiving_worker": getattr(receiving_worker, "pk", None)}})
    return current


@transaction.atomic
def case_review(*, user, case: Case, at: datetime.datetime, replan: bool, note: str,
                expected_version: int | None = None) -> Case:
    """Monitoring and review (NĐ 56/2017 Điều 30, Mẫu 06; TT 02/2020 Điều 3 k.4): go on with the plan, or plan
    again (a new plan due in 5 working days)."""
    _acting(user, case)
    current, before = _step(user, case, "review", expected_version)
    _past(at, after=current.received_at)
    if not note.strip():
        raise DomainError("Hãy ghi kết quả rà soát.", field="note")
    _entry(current, Entry.Kind.REVIEW, user=user, at=at, note=note)
    if replan:
        current.stage = Stage.ASSESSED
        _plan_due(current, timezone.localtime(at).date())
    _saved(user, current, before, _STEP_FIELDS)
    return current


@transaction.atomic
def case_returned(*, user, case: Case, on: datetime.date, note: str = "", expected_version: int | None = None) -> Case:
    """The person returned to their family or community: follow-up for at least 6 months from `on` (TT 02/2020
    Điều 10) before the case may close."""
    _acting(user, case)
    current = _locked(case, expected_version)
    if not current.is_open:
        raise DomainError("Ca đã đóng; hãy mở lại ca trước.")
    if on < timezone.localtime(current.received_at).date() or on > timezone.localdate():
        raise DomainError("Ngày về gia đình, cộng đồng phải từ ngày tiếp nhận đến hôm nay.", field="on")
    before = snapshot(current, _STEP_FIELDS)
    current.returned_on = on
    _entry(current, Entry.Kind.RETURNED, user=user, at=_end_of(on) if on < timezone.localdate() else timezone.now(),
           note=note)
    _saved(user, current, before, _STEP_FIELDS)
    return current


@transaction.atomic
def case_close(*, user, case: Case, on: datetime.date, reason: str, note: str = "",
               expected_version: int | None = None) -> Case:
    """Close the case (TT 02/2020 Điều 8, Mẫu 06; NĐ 56/2017 Điều 30) with a reason; outstanding deadlines end."""
    _acting(user, case)
    current, before = _step(user, case, "close", expected_version)
    refused = rules.closure_refusal(reason=reason, note=note, closed_on=on, returned_on=current.returned_on,
                                    terms=terms(on, current.province_code))
    if refused:
        raise DomainError(refused[1], field=refused[0])
    if on < timezone.localtime(current.received_at).date() or on > timezone.localdate():
        raise DomainError("Ngày đóng ca phải từ ngày tiếp nhận đến hôm nay.", field="closed_on")
    at = _end_of(on) if on < timezone.localdate() else timezone.now()  # a closure recorded later keeps its day
    current.stage, current.closed_on, current.close_reason, current.close_note = Stage.CLOSED, on, reason, note.strip()
    Deadline.objects.filter(case=current, met_at__isnull=True).update(met_at=at)
    _entry(current, Entry.Kind.CLOSURE, user=user, at=at, note=f"{current.get_close_reason_display()}. {note}".strip())
    _saved(user, current, before, _STEP_FIELDS)
    return current


@transaction.atomic
def case_reopen(*, user, case: Case, note: str, at: datetime.datetime | None = None,
                expected_version: int | None = None) -> Case:
    """Reopen a closed case to plan again (NĐ 56/2017 Điều 30): a new plan is due in 5 working days."""
    _acting(user, case)
    current, before = _step(user, case, "reopen", expected_version)
    if not note.strip():
        raise DomainError("Hãy ghi lý do mở lại ca.", field="note")
    at = _past(at or timezone.now())
    if current.closed_on and timezone.localtime(at).date() < current.closed_on:
        raise DomainError("Không mở lại trước ngày đóng ca.", field="at")
    current.stage, current.closed_on, current.close_reason, current.close_note = Stage.ASSESSED, None, "", ""
    _entry(current, Entry.Kind.REOPEN, user=user, at=at, note=note)
    _plan_due(current, timezone.localtime(at).date())
    _saved(user, current, before, _STEP_FIELDS)
    return current


@transaction.atomic
def case_assign(*, user, case: Case, worker, supervisor, expected_version: int | None = None) -> Case:
    """Hand the case to another worker (and supervisor) of the same unit: by its supervisor."""
    _acting(user, case, allowed=("supervisor",), message="Chỉ người giám sát ca được phân công lại.")
    current = _locked(case, expected_version)
    _check_team(current.organisation, worker, supervisor)
    before = snapshot(current, _STEP_FIELDS)
    current.worker, current.supervisor = worker, supervisor
    _entry(current, Entry.Kind.ASSIGN, user=user, at=timezone.now(),
           note=f"Người quản lý ca: {worker.get_full_name() or worker.username}; giám sát: "
                f"{supervisor.get_full_name() or supervisor.username}")
    _saved(user, current, before, _STEP_FIELDS)
    return current


@transaction.atomic
def case_share(*, user, case: Case, with_user, reason: str) -> CaseShare:
    """Let one more user read the case (and, for a commune leader, approve its plan); their jurisdiction must
    cover the case's unit."""
    _acting(user, case)
    if not reason.strip():
        raise DomainError("Hãy ghi lý do chia sẻ.", field="reason")
    if with_user is None or not with_user.is_active or with_user.role == Role.PAYMENT_AGENT:
        raise DomainError("Không chia sẻ được với người dùng này.", field="with_user")
    if not covers(with_user, case.commune):
        raise DomainError(f"Địa bàn của {with_user.username} không bao gồm đơn vị quản lý ca.", field="with_user")
    if with_user.pk in (case.worker_id, case.supervisor_id) or \
            CaseShare.objects.filter(case=case, user=with_user, revoked_at__isnull=True).exists():
        raise DomainError(f"{with_user.username} đã xem được ca này.", field="with_user")
    share = CaseShare.objects.create(case=case, user=with_user, reason=reason.strip(), shared_by=user)
    _entry(case, Entry.Kind.SHARE, user=user, at=timezone.now(), note=f"Chia sẻ với {with_user.username}: {reason}")
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=case,
                 changes={"shared_with": with_user.pk, "reason": reason.strip()})
    return share


@transaction.atomic
def case_unshare(*, user, share: CaseShare) -> CaseShare:
    _acting(user, share.case)
    share.revoked_at = timezone.now()
    share.save(update_fields=["revoked_at"])
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=share.case,
                 changes={"unshared": share.user_id})
    return share
