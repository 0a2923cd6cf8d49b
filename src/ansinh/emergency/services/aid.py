"""Aid: proposed per affected line (at least the law's minimum), decided by the commune chairman in one numbered
decision for the lines of a commune, handed out within what was decided; and the communes' requests to the
province when their own resources are short (NĐ 20/2021 Điều 12 k.3)."""

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.access import covers
from ansinh.core.documents import document_code, next_document_number
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError
from ansinh.core.templatetags.ansinh import number as thousands
from ansinh.core.templatetags.ansinh import vnd
from ansinh.fund.models import Form, Fund, Use
from ansinh.fund.services import use_record
from ansinh.geo.models import AdministrativeUnit

from .. import rules, selectors
from ..models import Affected, Aid, AidKind, Damage, Decision, Delivery, Event, SupportRequest

_CASH_BASIS = {Damage.HOUSE_LOST: "Điều 15 khoản 1", Damage.BADLY_DAMAGED: "Điều 15 khoản 3",
               Damage.RELOCATED: "Điều 15 khoản 2", Damage.INJURY: "Điều 13"}


def _commune_of_event(user, event: Event, commune: AdministrativeUnit) -> None:
    if not event.communes.filter(pk=commune.pk).exists():
        raise DomainError(f"{commune.name} không thuộc các xã/phường bị ảnh hưởng của sự kiện.", field="commune")
    if not covers(user, commune):
        raise DomainError("Xã/phường này nằm ngoài địa bàn bạn quản lý.", field="commune")


def _aid_for(line: Affected, kind: str, quantity: int | None, months: int | None, goods: str,
             terms: rules.Terms | None = None) -> Aid:
    """The aid checked against the law for the line's damage, on the day it was detected (not saved)."""
    terms = terms or selectors.terms(line.detected_on, line.province_code)
    if kind not in AidKind.values:
        raise DomainError("Hãy chọn hình thức trợ giúp.", field="kind")
    if kind == AidKind.RICE:
        months = months or 1
        try:
            kg = rules.rice_kg(line.people, months, line.event.rice_reason, terms)
        except ValueError as exc:
            raise DomainError(str(exc), field="months") from None
        if quantity is not None and quantity < kg:
            raise DomainError(f"Thấp hơn mức tối thiểu {thousands(kg)} kg ({line.people} người × {months} tháng × "
                              f"{terms.rice_kg} kg).", field="quantity")
        return Aid(affected=line, kind=kind, quantity=quantity or kg, months=months, minimum=kg,
                   basis="NĐ 20/2021/NĐ-CP Điều 12 khoản 1")
    if kind == AidKind.CASH:
        if line.damage == Damage.DEATH:
            raise DomainError("Người chết, mất tích được hỗ trợ mai táng (Điều 14): hãy quyết định ở mục hỗ trợ mai "
                              "táng.", field="kind")
        least = rules.cash_minimum(line.damage, terms, vulnerable=line.vulnerable, days_treated=line.days_treated)
        if quantity is None:
            if least is None:
                raise DomainError("Hãy ghi số tiền.", field="quantity")
            quantity = int(least)
        if quantity <= 0:
            raise DomainError("Số tiền phải lớn hơn 0.", field="quantity")
        if rules.below_minimum(quantity, least):
            raise DomainError(f"Thấp hơn mức tối thiểu {vnd(least)} cho “{line.get_damage_display()}” (NĐ 20/2021 "
                              f"{_CASH_BASIS.get(Damage(line.damage), '')}).", field="quantity")
        basis = f"NĐ 20/2021/NĐ-CP {_CASH_BASIS[Damage(line.damage)]}" if least is not None else ""
        return Aid(affected=line, kind=kind, quantity=quantity, minimum=int(least) if least else None, basis=basis)
    if kind == AidKind.GOODS:
        if not goods.strip():
            raise DomainError("Hãy ghi hiện vật (ví dụ: 1 thùng mì, 20 lít nước, 1 mùng).", field="goods")
        if not quantity or quantity <= 0:
            raise DomainError("Hãy ghi giá trị hiện vật (đồng).", field="quantity")
        return Aid(affected=line, kind=kind, quantity=quantity, goods=goods.strip()[:255],
                   basis="NĐ 20/2021/NĐ-CP Điều 12 khoản 2")
    return Aid(affected=line, kind=kind, quantity=1, goods=goods.strip()[:255], basis="NĐ 20/2021/NĐ-CP Điều 16")


@transaction.atomic
def aid_propose(*, user, affected: Affected, kind: str, quantity: int | None = None, months: int | None = None,
                goods: str = "") -> Aid:
    """Propose one kind of aid for a line, checked against the law's minimum for its damage."""
    line = selectors.access_affected(user, affected, "manage")
    if Aid.objects.filter(affected=line, kind=kind).exists():
        raise DomainError(f"{line.person.full_name} đã có khoản “{AidKind(kind).label}” trong sự kiện này.",
                          field="kind")
    aid = _aid_for(line, kind, quantity, months, goods)
    try:
        with transaction.atomic():  # proposed at the same moment by someone else: the constraint says so
            aid.save()
    except IntegrityError:
        raise DomainError(f"{line.person.full_name} vừa được người khác đề xuất khoản “{AidKind(kind).label}”.",
                          field="kind") from None
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=aid, commune=line.commune,
                 changes={"after": {"person": line.person.full_name, "kind": str(AidKind(kind).label),
                                    "quantity": aid.quantity, "months": aid.months, "goods": aid.goods}})
    return aid


@transaction.atomic
def aids_propose_minimums(*, user, event: Event, commune: AdministrativeUnit) -> int:
    """For each line of the commune with no aid yet, what the law gives at least: rice for hunger (one month), the
    cash of its damage where the law sets one. Returns how many were proposed."""
    selectors.access_event(user, event, "manage")
    _commune_of_event(user, event, commune)
    lines = Affected.objects.filter(event=event, commune=commune, aids__isnull=True, closed_on__isnull=True
                                    ).select_related("event", "person")
    made, in_force = [], {}
    for line in lines:
        if line.detected_on not in in_force:  # the numbers of each day the lines were found, read once
            in_force[line.detected_on] = selectors.terms(line.detected_on, line.province_code)
        terms = in_force[line.detected_on]
        if line.damage == Damage.HUNGER:
            made.append(_aid_for(line, AidKind.RICE, None, 1, "", terms))
            continue
        if line.damage != Damage.DEATH and rules.cash_minimum(line.damage, terms, vulnerable=line.vulnerable,
                                                              days_treated=line.days_treated) is not None:
            made.append(_aid_for(line, AidKind.CASH, None, None, "", terms))
    Aid.objects.bulk_create(made)
    if made:
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=event, commune=commune,
                     changes={"proposed": len(made), "commune": commune.name})
    return len(made)


@transaction.atomic
def aid_withdraw(*, user, aid: Aid) -> None:
    """Take back a proposal not yet decided."""
    aid = selectors.access_aid(user, aid, "manage")
    aid = Aid.objects.select_for_update(of=("self",)).select_related("decision", "affected__person").get(pk=aid.pk)
    if aid.decision is not None:
        raise DomainError(f"Khoản này đã có quyết định số {aid.decision.number}.", field="aid")
    audit_record(actor=user, action=AuditEvent.Action.DELETE, instance=aid, commune=aid.affected.commune,
                 changes={"before": {"person": aid.affected.person.full_name, "kind": aid.get_kind_display(),
                                     "quantity": aid.quantity}})
    aid.delete()


# what an urgent decision may give without the village review (NĐ 20/2021 Điều 17 k.2: the aid of Điều 12–14)
URGENT_AID = Q(kind__in=(AidKind.RICE, AidKind.GOODS)) | Q(kind=AidKind.CASH, affected__damage=Damage.INJURY)


@transaction.atomic
def decision_make(*, user, event: Event, commune: AdministrativeUnit, decided_on: datetime.date, urgent: bool = False,
                  reviewed_on: datetime.date | None = None, signer: str = "") -> Decision:
    """The chairman's decision on every aid of the commune's lines still proposed, after the village review
    (Điều 12 k.3); or at once without it in an urgent case (Điều 17 k.2), which takes only the aid of Điều 12–14 —
    rice, essentials, a serious injury — and leaves the house supports and the care for the reviewed decision.
    Numbered in the commune's sequence."""
    selectors.access_event(user, event, "manage")
    _commune_of_event(user, event, commune)
    # the proposals are locked before anything is counted: of two officers deciding at once, the second waits,
    # then finds them decided and is refused (none is decided twice, no empty decision is numbered)
    pending = Aid.objects.select_for_update(of=("self",)).filter(
        affected__event=event, affected__commune=commune, decision__isnull=True)
    if urgent:  # without the review, only the aid of Điều 12–14: rice, essentials, a serious injury
        pending = pending.filter(URGENT_AID)
    aids = list(pending.select_related("affected").order_by("pk"))
    if not aids:
        raise DomainError("Không còn khoản trợ giúp nào chờ quyết định ở xã/phường này." if not urgent else
                          "Không còn khoản gạo, nhu yếu phẩm hay hỗ trợ người bị thương nặng nào chờ quyết định: "
                          "hỗ trợ nhà ở, di dời (Điều 15) và chăm sóc tạm thời (Điều 16) cần họp bình xét "
                          "(Nghị định 20/2021 Điều 17 khoản 2).", field="urgent")
    span = {"first": min(a.affected.detected_on for a in aids), "last": max(a.affected.detected_on for a in aids)}
    if decided_on > timezone.localdate():
        raise DomainError("Ngày quyết định không được sau hôm nay.", field="decided_on")
    if decided_on < span["last"]:
        raise DomainError(f"Ngày quyết định trước ngày phát hiện ({span['last']:%d/%m/%Y}).", field="decided_on")
    if not urgent:
        if reviewed_on is None:
            raise DomainError("Hãy ghi ngày họp bình xét ở thôn, hoặc chọn “khẩn cấp” để quyết định ngay không qua "
                              "bình xét (NĐ 20/2021 Điều 17 khoản 2).", field="reviewed_on")
        if not span["first"] <= reviewed_on <= decided_on:
            raise DomainError(f"Ngày bình xét phải từ ngày phát hiện ({span['first']:%d/%m/%Y}) đến ngày quyết định.",
                              field="reviewed_on")
    number = next_document_number(issuer=commune.code, year=decided_on.year)
    decision = Decision.objects.create(event=event, commune=commune, province_code=commune.province_code,
                                       number=document_code(number, kind="QUYẾT ĐỊNH"), decided_on=decided_on,
                                       urgent=urgent, reviewed_on=None if urgent else reviewed_on,
                                       signer=" ".join(signer.split())[:120], created_by=user)
    ids = [a.pk for a in aids]
    Aid.objects.filter(pk__in=ids).update(decision=decision, version=F("version") + 1)
    Affected.objects.filter(aids__in=ids, decided_on__isnull=True).update(decided_on=decided_on)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=decision,
                 changes={"after": {"number": decision.number, "decided_on": f"{decided_on:%d/%m/%Y}",
                                    "urgent": urgent, "aids": len(ids)}})
    return decision


def _deliver(user, aid: Aid, decision: Decision, delivered_on: datetime.date, quantity: int,
             receiver: str) -> Delivery:
    refusal = rules.delivery_refusal(decided_on=decision.decided_on, delivered_on=delivered_on,
                                     decided=aid.quantity, delivered_before=aid.delivered, amount=quantity,
                                     unit="kg" if aid.kind == AidKind.RICE else "lượt" if aid.kind == AidKind.CARE
                                     else "đ")
    if refusal:
        raise DomainError(f"{aid.affected.person.full_name}: {refusal}", field="quantity")
    delivery = Delivery.objects.create(aid=aid, delivered_on=delivered_on, quantity=quantity,
                                       receiver=" ".join(receiver.split())[:120], created_by=user)
    Aid.objects.filter(pk=aid.pk).update(delivered=F("delivered") + quantity, version=F("version") + 1)
    line = aid.affected
    if line.delivered_on is None or delivered_on < line.delivered_on:
        Affected.objects.filter(pk=line.pk).update(delivered_on=delivered_on)
    return delivery


@transaction.atomic
def delivery_record(*, user, aid: Aid, delivered_on: datetime.date, quantity: int, receiver: str = "",
                    expected_version: int | None = None, fund: Fund | None = None) -> Delivery:
    """One handing out of a decided aid: not before its decision, never beyond what it decided. Cash or goods may
    come from a social assistance fund (`fund`): its use is recorded with it, never beyond what the fund holds."""
    aid = selectors.access_aid(user, aid, "manage")
    current = Aid.objects.select_for_update(of=("self",)).select_related("decision", "affected__person").get(
        pk=aid.pk)
    if expected_version is not None and current.version != expected_version:
        raise ConflictError("Khoản trợ giúp đã được người khác cập nhật sau khi bạn mở. Hãy tải lại trang.")
    decision = current.decision
    if decision is None:
        raise DomainError(f"{current.affected.person.full_name}: khoản này chưa có quyết định của Chủ tịch UBND xã.",
                          field="aid")
    if current.payment_line_id is not None:
        raise DomainError(f"{current.affected.person.full_name}: khoản này đã giao tổ chức chi trả (dòng chi trả "
                          f"{current.payment_line_id}); kết quả chi lấy từ tệp kết quả của tổ chức chi trả.",
                          field="aid")
    if delivered_on > timezone.localdate():
        raise DomainError("Ngày chi, phát không được sau hôm nay.", field="delivered_on")
    delivery = _deliver(user, current, decision, delivered_on, quantity, receiver or current.affected.person.full_name)
    if fund is not None:
        if current.kind not in FUNDED:
            raise DomainError("Chỉ tiền mặt và hiện vật (theo giá trị) chi từ quỹ; gạo ghi theo kg.", field="fund")
        delivery.fund_use = use_record(
            user=user, fund=fund, used_on=delivered_on, form=FUNDED[AidKind(current.kind)], value=Decimal(quantity),
            decision=decision.number, person=current.affected.person, goods=current.goods,
            programme=current.affected.event.name)
        delivery.save(update_fields=["fund_use"])
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=delivery, commune=current.affected.commune,
                 changes={"after": {"person": current.affected.person.full_name, "kind": current.get_kind_display(),
                                    "quantity": quantity, "delivered_on": f"{delivered_on:%d/%m/%Y}",
                                    "decision": decision.number}})
    return delivery


@transaction.atomic
def deliver_decision(*, user, decision: Decision, delivered_on: datetime.date, fund: Fund | None = None) -> int:
    """Hand out everything a decision still owes, on one day (the commune's distribution): all or nothing, in a
    few statements whatever the number of lines — the aids locked, their deliveries inserted at once, the aids and
    the lines' first delivery updated by one UPDATE each."""
    decision = selectors.access_decision(user, decision, "manage")
    if delivered_on > timezone.localdate():
        raise DomainError("Ngày chi, phát không được sau hôm nay.", field="delivered_on")
    if delivered_on < decision.decided_on:
        raise DomainError(f"Ngày chi, phát {delivered_on:%d/%m/%Y} trước ngày quyết định {decision.number} "
                          f"({decision.decided_on:%d/%m/%Y}).", field="delivered_on")
    owed = list(Aid.objects.select_for_update(of=("self",)).filter(decision=decision, delivered__lt=F("quantity"),
                                                                   payment_line__isnull=True)
                .select_related("affected__person").order_by("pk"))
    if not owed:
        raise DomainError(f"Quyết định {decision.number} không còn khoản nào chờ chi, phát trực tiếp (các khoản đã "
                          "giao tổ chức chi trả được ghi theo tệp kết quả).", field="delivered_on")
    uses = _fund_uses(user, fund, owed, decision, delivered_on) if fund is not None else {}
    deliveries = Delivery.objects.bulk_create(
        [Delivery(aid=aid, delivered_on=delivered_on, quantity=aid.quantity - aid.delivered, fund_use=uses.get(aid.kind),
                  receiver=aid.affected.person.full_name[:120], created_by=user) for aid in owed], batch_size=1000)
    ids = [aid.pk for aid in owed]
    Aid.objects.filter(pk__in=ids).update(delivered=F("quantity"), version=F("version") + 1)
    Affected.objects.filter(aids__in=ids).filter(Q(delivered_on__isnull=True) | Q(delivered_on__gt=delivered_on)
                                                 ).update(delivered_on=delivered_on)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=decision,  # the distribution, as one act
                 changes={"delivered_on": f"{delivered_on:%d/%m/%Y}", "aids": len(owed),
                          "deliveries": [d.pk for d in deliveries]})
    return len(owed)


# cash and goods a social assistance fund can give (goods by their value); rice is counted in kg, care in turns
FUNDED = {AidKind.CASH: Form.CASH, AidKind.GOODS: Form.IN_KIND}


def _fund_uses(user, fund: Fund, owed: list[Aid], decision: Decision, day: datetime.date) -> dict[str, Use]:
    """A whole distribution from a fund: one use for its cash and one for its goods, to the event's programme
    under the decision (the fund refuses what it does not hold, that day or any day after)."""
    uses = {}
    for kind, form in FUNDED.items():
        value = sum(aid.quantity - aid.delivered for aid in owed if aid.kind == kind)
        if value:
            goods = "; ".join(sorted({aid.goods for aid in owed if aid.kind == kind and aid.goods}))[:255]
            uses[kind.value] = use_record(user=user, fund=fund, used_on=day, form=form, value=Decimal(value),
                                          decision=decision.number, goods=goods,
                                          programme=f"{decision.event.name} — {decision.commune.name}")
    if not uses:
        raise DomainError("Quyết định này không còn tiền mặt hay hiện vật nào để chi từ quỹ.", field="fund")
    return uses


# --- requests to the province ---------------------------------------------------------------------------------


@transaction.atomic
def request_send(*, user, event: Event, commune: AdministrativeUnit, reason: str, sent_on: datetime.date,
                 rice_kg: int = 0, amount: int = 0) -> SupportRequest:
    """The commune asks the province for rice or money it lacks for this event."""
    selectors.access_event(user, event, "manage")
    _commune_of_event(user, event, commune)
    if rice_kg < 0 or amount < 0 or (rice_kg == 0 and amount == 0):
        raise DomainError("Hãy ghi số gạo (kg) hoặc số tiền đề nghị.", field="rice_kg")
    if not reason.strip():
        raise DomainError("Hãy ghi lý do (nguồn lực tại chỗ còn thiếu bao nhiêu).", field="reason")
    if not event.started_on <= sent_on <= timezone.localdate():
        raise DomainError(f"Ngày gửi phải từ ngày bắt đầu sự kiện ({event.started_on:%d/%m/%Y}) đến hôm nay.",
                          field="sent_on")
    request = SupportRequest.objects.create(event=event, commune=commune, province_code=commune.province_code,
                                            rice_kg=rice_kg, amount=amount, reason=reason.strip()[:255],
                                            sent_on=sent_on, created_by=user)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=request,
                 changes={"after": {"rice_kg": rice_kg, "amount": amount, "reason": request.reason}})
    return request


@transaction.atomic
def request_answer(*, user, request: SupportRequest, answered_on: datetime.date, answer: str,
                   granted_rice_kg: int = 0, granted_amount: int = 0) -> SupportRequest:
    """The province's answer: what it grants (nothing, with the reason, is an answer too)."""
    request = selectors.access_request(user, request, "manage")
    unit = getattr(user, "jurisdiction", None)
    if unit is not None and unit.level == "commune":
        raise PermissionDeniedError("Đề nghị của xã do cấp tỉnh trả lời.")
    current = SupportRequest.objects.select_for_update().get(pk=request.pk)
    if current.status == SupportRequest.Status.ANSWERED:
        raise DomainError(f"Đề nghị này đã được trả lời ngày {current.answered_on:%d/%m/%Y}.", field="answer")
    if granted_rice_kg < 0 or granted_amount < 0:
        raise DomainError("Số được cấp không được âm.", field="granted_rice_kg")
    if not answer.strip():
        raise DomainError("Hãy ghi nội dung trả lời (quyết định cấp, hoặc lý do không cấp).", field="answer")
    if not current.sent_on <= answered_on <= timezone.localdate():
        raise DomainError(f"Ngày trả lời phải từ ngày gửi ({current.sent_on:%d/%m/%Y}) đến hôm nay.",
                          field="answered_on")
    current.status, current.answered_on, current.answer = SupportRequest.Status.ANSWERED, answered_on, answer.strip()
    current.granted_rice_kg, current.granted_amount = granted_rice_kg, granted_amount
    current.save()
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                 changes={"granted_rice_kg": granted_rice_kg, "granted_amount": granted_amount,
                          "answer": current.answer})
    return current
