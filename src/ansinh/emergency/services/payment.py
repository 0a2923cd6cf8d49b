"""Emergency cash paid through the payment files the monthly allowance uses: a decision's cash becomes one-off lines
of a run of its own, handed at once to the province's payment agents (or to the commune's cashier), and the
agent's result file delivers the aid. An aid in a file is delivered only by its result."""

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from ansinh.assistance.models import PaymentMethod
from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.dates import first_of_month
from ansinh.core.exceptions import DomainError
from ansinh.payments.models import EMERGENCY, PaymentFile, PaymentLine, PayrollRun
from ansinh.payments.services import payment_files_issue

from .. import selectors
from ..models import Affected, Aid, AidKind, Decision, Delivery


@transaction.atomic
def decision_payment(*, user, decision: Decision, method: str) -> tuple[int, list[PaymentFile]]:
    """The decision's cash not yet delivered, as payment lines (by bank or agent, or in cash at the commune),
    issued in files at once. Returns the lines made and the files."""
    decision = selectors.access_decision(user, decision, "manage")
    if method not in PaymentMethod.values:
        raise DomainError("Hãy chọn hình thức chi trả.", field="method")
    cash = list(Aid.objects.select_for_update(of=("self",)).filter(
        decision=decision, kind=AidKind.CASH, delivered__lt=F("quantity"), payment_line__isnull=True).select_related(
        "affected__person", "affected__commune").order_by("pk"))
    if not cash:
        raise DomainError(f"Quyết định {decision.number} không còn khoản tiền mặt nào chờ chi.", field="method")
    month = first_of_month(decision.decided_on)
    taken = PaymentLine.objects.filter(programme=EMERGENCY, month=month,
                                       person__in=[a.affected.person_id for a in cash]).select_related("person")
    if taken:  # a person's one-off line is unique in a month (the constraint of every payment line)
        names = ", ".join(line.person.full_name for line in taken[:5])
        raise DomainError(f"Đã có khoản trợ giúp khẩn cấp chi qua tổ chức chi trả trong tháng {month:%m/%Y} cho: "
                          f"{names}. Hãy chi phát trực tiếp các khoản này.", field="method")
    now = timezone.now()
    level = selectors.terms(decision.decided_on, decision.province_code).standard_level
    run = PayrollRun.objects.create(month=month, programme=EMERGENCY, province_code=decision.province_code,
                                    commune=decision.commune, standard_level=int(level),
                                    status=PayrollRun.Status.DONE, started_at=now, finished_at=now,
                                    lines_created=len(cash), created_by=user)
    lines = PaymentLine.objects.bulk_create([PaymentLine(
        run=run, enrolment=None, person=aid.affected.person, programme=EMERGENCY, month=month, categories="",
        coefficient=0, standard_level=int(level), amount=aid.quantity - aid.delivered,
        decision_number=decision.number, method=method, commune=aid.affected.commune,
        province_code=aid.affected.province_code, status=PaymentLine.Status.PENDING, created_at=now)
        for aid in cash])
    for aid, line in zip(cash, lines, strict=True):
        aid.payment_line = line
    Aid.objects.bulk_update(cash, ["payment_line"])
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=run, commune=decision.commune,
                 changes={"decision": decision.number, "lines": len(lines), "method": method,
                          "total": sum(line.amount for line in lines)})
    return len(lines), payment_files_issue(user=user, run=run)


def cash_paid(*, user, paid: dict) -> None:
    """A result file says these lines were paid (`payments.extensions.LINES_PAID`): the emergency cash among them is
    delivered on the day paid, all at once."""
    aids = list(Aid.objects.select_for_update(of=("self",)).filter(
        payment_line_id__in=list(paid), delivered__lt=F("quantity")).select_related("affected__person"))
    if not aids:
        return
    Delivery.objects.bulk_create([Delivery(aid=aid, delivered_on=paid[aid.payment_line_id],
                                           quantity=aid.quantity - aid.delivered,
                                           receiver=aid.affected.person.full_name[:120], created_by=user)
                                  for aid in aids])
    Aid.objects.filter(pk__in=[a.pk for a in aids]).update(delivered=F("quantity"), version=F("version") + 1)
    for day in {paid[a.payment_line_id] for a in aids}:
        lines = [a.affected_id for a in aids if paid[a.payment_line_id] == day]
        Affected.objects.filter(pk__in=lines).filter(Q(delivered_on__isnull=True) | Q(delivered_on__gt=day)).update(
            delivered_on=day)
