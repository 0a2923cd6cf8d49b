"""Applications (hồ sơ đề nghị): received under the procedure in force, moved step by step to a numbered
decision that creates the enrolment, or answered in writing."""

import datetime

from django.db import transaction

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record, snapshot
from ansinh.core.documents import document_code, next_document_number
from ansinh.core.exceptions import ConflictError, DomainError

from .. import rules, workflow
from ..models import Application, ApplicationCategory, ApplicationStep, PaymentMethod
from ..selectors import access_application, require_deciding
from .enrolments import enrolment_create


@transaction.atomic
def application_receive(*, user, person, form_type: str, categories: list[str], received_on: datetime.date,
                        documents: str = "", children_count: int = 0, studying: bool = False) -> Application:
    """Tiếp nhận hồ sơ: recorded with the procedure in force on the day received."""
    require_deciding(user, person)
    if received_on > datetime.date.today():
        raise DomainError("Ngày nhận hồ sơ không được sau hôm nay.", field="received_on")
    unknown = [c for c in categories if c not in rules.CATEGORIES]
    if not categories or unknown:
        raise DomainError("Chọn diện đề nghị theo Điều 5 NĐ 20/2021.", field="categories")
    if Application.objects.filter(person=person, status=Application.Status.OPEN).exists():
        raise DomainError("Người này đang có một hồ sơ chưa giải quyết xong.", field="person")
    application = Application.objects.create(
        person=person, form_type=form_type, received_on=received_on,
        documents=documents.strip(), children_count=children_count, studying=studying,
        procedure=workflow.procedure_for(received_on), commune=person.commune, province_code=person.province_code,
        created_by=user,
    )
    codes = sorted(set(categories))
    ApplicationCategory.objects.bulk_create(ApplicationCategory(application=application, category=c) for c in codes)
    ApplicationStep.objects.create(application=application, code="received", done_on=received_on, actor=user)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=application,
                 changes={"after": {**snapshot(application), "categories": rules.categories_label(codes)}})
    return application


def _locked_application(application: Application, expected_version: int) -> Application:
    current = Application.objects.select_for_update().get(pk=application.pk)
    if current.version != expected_version:
        raise ConflictError("Hồ sơ đã được người khác xử lý sau khi bạn mở. Hãy tải lại trang.")
    if current.status != Application.Status.OPEN:
        raise DomainError("Hồ sơ này đã giải quyết xong.", field="application")
    return current


@transaction.atomic
def application_advance(*, user, application: Application, expected_version: int, done_on: datetime.date,
                        note: str = "", payment_method: str = PaymentMethod.AGENT) -> Application:
    """Record the next step of the procedure. The decision step decides the enrolment by the rules and
    numbers the decision in the issuer's sequence for the year (NĐ 30/2020 Điều 15)."""
    access_application(user, application, "manage")
    current = _locked_application(application, expected_version)
    done = dict(current.steps.values_list("code", "done_on"))
    step = workflow.next_step(current.procedure, done)
    if step is None:
        raise DomainError("Hồ sơ đã qua mọi bước.", field="application")
    previous = max(done.values())
    if done_on < previous:
        raise DomainError(f"Ngày thực hiện không được trước bước trước ({previous:%d/%m/%Y}).", field="done_on")
    if done_on > datetime.date.today():
        raise DomainError("Ngày thực hiện không được sau hôm nay.", field="done_on")
    ApplicationStep.objects.create(application=current, code=step.code, done_on=done_on, note=note.strip(), actor=user)
    if step.code == "decided":
        number = next_document_number(issuer=current.commune.code, year=done_on.year)
        current.decision_number = document_code(number, kind="QUYẾT ĐỊNH")
        current.decision_date = done_on
        current.enrolment = enrolment_create(
            user=user, person=current.person, categories=current.requested_categories,
            decision_number=current.decision_number, decision_date=done_on, payment_method=payment_method,
            studying=current.studying, children_count=current.children_count,
        )
        current.status = Application.Status.DECIDED
    current.version += 1
    current.save()
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                 changes={"step": step.code, "done_on": str(done_on), "note": note.strip(),
                          "decision_number": current.decision_number})
    return current


@transaction.atomic
def application_complaint(*, user, application: Application, expected_version: int, done_on: datetime.date,
                          note: str) -> Application:
    """Khiếu nại về kết quả niêm yết (quy trình ba cấp): recorded with its content; forwarding then waits for
    its settlement, due within 10 working days (NĐ 20/2021 Điều 8 k.1 điểm b)."""
    access_application(user, application, "manage")
    if not note.strip():
        raise DomainError("Cần ghi nội dung khiếu nại.", field="note")
    current = _locked_application(application, expected_version)
    done = dict(current.steps.values_list("code", "done_on"))
    if not workflow.complaint_allowed(current.procedure, done):
        raise DomainError("Chỉ ghi nhận khiếu nại sau khi niêm yết và trước khi gửi hồ sơ lên cấp huyện.",
                          field="application")
    if done_on < done["posted"] or done_on > datetime.date.today():
        raise DomainError(f"Ngày nhận khiếu nại phải từ ngày niêm yết ({done['posted']:%d/%m/%Y}) đến hôm nay.",
                          field="done_on")
    ApplicationStep.objects.create(application=current, code="complaint", done_on=done_on, note=note.strip()[:255],
                                   actor=user)
    current.version += 1
    current.save()
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                 changes={"step": "complaint", "done_on": str(done_on), "note": note.strip()})
    return current


@transaction.atomic
def application_reject(*, user, application: Application, expected_version: int, done_on: datetime.date,
                       reply: str) -> Application:
    """Không đủ điều kiện: answered in writing with the reasons (NĐ 20/2021 Điều 8; NĐ 147/2025 Điều 5)."""
    access_application(user, application, "manage")
    if not reply.strip():
        raise DomainError("Cần nêu rõ lý do trong văn bản trả lời.", field="reply")
    current = _locked_application(application, expected_version)
    ApplicationStep.objects.create(application=current, code="rejected", done_on=done_on, note=reply.strip()[:255],
                                   actor=user)
    current.status, current.reply = Application.Status.REJECTED, reply.strip()
    current.version += 1
    current.save()
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                 changes={"step": "rejected", "reply": current.reply})
    return current
