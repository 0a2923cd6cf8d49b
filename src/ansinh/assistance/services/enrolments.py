"""Enrolments (đối tượng hưởng trợ cấp): decided by the rules, changed by closing one period and opening the
next, ended by death or loss of eligibility. Each write in one transaction with its audit event."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record, diff, snapshot
from ansinh.core.dates import add_months, first_of_month
from ansinh.core.exceptions import ConflictError, DomainError
from ansinh.core.templatetags.ansinh import vnd
from ansinh.registry.models import Person
from ansinh.registry.rules import effective_birth_date

from .. import rules
from ..models import (
    Application,
    Enrolment,
    EnrolmentCategory,
    FuneralSupport,
    PaymentMethod,
    Programme,
)
from ..selectors import access_enrolment, parameters_at, require_deciding


def assess(*, person, month: datetime.date, categories: list[str], studying: bool = False,
           children_count: int = 0) -> rules.Evaluation:
    """The rules applied to a registered person for a month, with the province's parameters."""
    if person.birth_year is None:
        raise DomainError("Hồ sơ chưa có năm sinh: không xác định được hệ số.", field="categories")
    level = person.disability_level if person.disability_level in rules.DISABILITY_LEVELS else None
    facts = rules.Facts(
        categories=tuple(categories), birth_date=effective_birth_date(person.birth_year, person.birth_month, person.birth_day),
        month=month, disability_level=level, studying=studying, children_count=children_count,
    )
    values, notes = parameters_at(month, person.province_code)
    return rules.evaluate(facts, values, notes)


# (category, coefficient, paid): one `EnrolmentCategory` row to write
CategoryTerms = list[tuple[str, Decimal, bool]]


def category_terms(result: rules.Evaluation) -> CategoryTerms:
    """The rows of an evaluation: every category qualified under, with the coefficient the rules gave it,
    those paid after Điều 6 k.2 marked."""
    paid = {e.category for e in result.payable}
    return [(e.category, e.coefficient, e.category in paid) for e in result.entitled]


def category_rows_write(enrolment: Enrolment, terms: CategoryTerms) -> None:
    EnrolmentCategory.objects.bulk_create(
        EnrolmentCategory(enrolment=enrolment, category=category, coefficient=coefficient, paid=paid)
        for category, coefficient, paid in terms)


def _labels(terms: CategoryTerms) -> dict[str, str]:
    """What the audit trail keeps of a period's categories."""
    return {"categories": rules.categories_label(c for c, _k, paid in terms if paid),
            "entitled_categories": rules.categories_label(c for c, _k, _paid in terms)}


def start_month_for(*, person, categories: list[str], decision_date: datetime.date) -> datetime.date:
    """NĐ 20/2021 Điều 8 k.1: from the month the decision is signed; for a person with a disability, from
    the month the disability certificate was issued."""
    decision_month = first_of_month(decision_date)
    if "5.6" in categories and person.disability_certificate_date:
        return min(decision_month, first_of_month(person.disability_certificate_date))
    return decision_month


@transaction.atomic
def enrolment_create(
    *, user, person, categories: list[str], decision_number: str, decision_date: datetime.date,
    payment_method: str = PaymentMethod.AGENT, studying: bool = False, children_count: int = 0,
) -> Enrolment:
    """A decision to pay the monthly social allowance: categories and coefficient by the rules."""
    require_deciding(user, person)
    if person.date_of_death:
        raise DomainError("Người này đã mất.", field="person")
    if not decision_number.strip():
        raise DomainError("Cần số quyết định.", field="decision_number")
    start = start_month_for(person=person, categories=categories, decision_date=decision_date)
    result = assess(person=person, month=start, categories=categories, studying=studying, children_count=children_count)
    if not result.payable:
        raise DomainError("Không đủ điều kiện hưởng: " + " ".join(result.messages), field="categories")
    if Enrolment.objects.filter(person=person, programme=Programme.MONTHLY_ALLOWANCE, end_month__isnull=True).exists():
        raise DomainError("Người này đang hưởng trợ cấp xã hội hằng tháng; hãy điều chỉnh thay vì tạo mới.",
                          field="person")
    only_the_higher(user=user, person=person, programme=Programme.MONTHLY_ALLOWANCE, month=start,
                     amount=rules.amount_for(result.coefficient, parameters_at(start, person.province_code)[0][
                         "standard_level"]))
    enrolment = Enrolment.objects.create(
        person=person, programme=Programme.MONTHLY_ALLOWANCE, coefficient=result.coefficient, start_month=start,
        children_count=children_count, studying=studying,
        decision_number=decision_number.strip(), decision_date=decision_date, payment_method=payment_method,
        commune=person.commune, province_code=person.province_code,
        arrears_pending=start < first_of_month(decision_date),
    )
    terms = category_terms(result)
    category_rows_write(enrolment, terms)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=enrolment,
                 changes={"after": {**snapshot(enrolment), **_labels(terms)}})
    return enrolment


def _locked_open(enrolment: Enrolment, expected_version: int) -> Enrolment:
    current = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if current.version != expected_version:
        raise ConflictError("Hồ sơ hưởng đã được người khác thay đổi sau khi bạn mở. Hãy tải lại trang.")
    if current.end_month is not None:
        raise DomainError("Giai đoạn hưởng này đã kết thúc.", field="enrolment")
    return current


def _close_and_open(*, user, enrolment: Enrolment, expected_version: int, from_month: datetime.date, reason: str,
                    categories: CategoryTerms | None = None, **next_period) -> Enrolment | None:
    """End the open period with the month before `from_month` and, given `next_period` fields, open the next,
    with `categories` as its rows or, without them, its predecessor's.

    A change from the period's own first month replaces its terms (and rows) in place instead: no empty period."""
    access_enrolment(user, enrolment, "manage")
    from_month = first_of_month(from_month)
    current = _locked_open(enrolment, expected_version)
    if from_month < current.start_month:
        raise DomainError(f"Tháng áp dụng phải từ tháng bắt đầu của giai đoạn ({current.start_month:%m/%Y}).",
                          field="from_month")
    before = snapshot(current)
    carried_status = current.status  # a move or reassessment of a suspended period stays suspended
    if from_month == current.start_month:
        # nothing of this period is owed yet: change its terms in place, or cancel it
        changed = {}
        if next_period:
            for name, value in next_period.items():
                setattr(current, name, value)
            if categories is not None:
                old = _labels(list(current.category_rows.values_list("category", "coefficient", "paid")))
                current.category_rows.all().delete()
                category_rows_write(current, categories)
                new = _labels(categories)
                changed = {k: [old[k], new[k]] for k in new if old[k] != new[k]}
        else:
            current.end_month, current.status = from_month, Enrolment.Status.CANCELLED
            current.end_reason = reason
        current.version += 1
        current.save()
        audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                     changes={**diff(before, snapshot(current)), **changed, "reason": reason})
        return current if next_period else None
    current.end_month = add_months(from_month, -1)
    if current.status == Enrolment.Status.ACTIVE:  # a closed suspension stays unpaid
        current.status = Enrolment.Status.ENDED
    current.end_reason = reason
    current.version += 1
    current.save()
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=current,
                 changes={**diff(before, snapshot(current)), "reason": reason})
    if not next_period:
        return None
    fields = {name: getattr(current, name) for name in (
        "person_id", "programme", "coefficient", "children_count", "studying",
        "decision_number", "decision_date", "payment_method", "commune_id", "province_code")}
    fields.update(next_period)
    # a change recorded late (resumed from an earlier month…): the next payroll pays the months still owed;
    # months already paid are unique per person and month, so nothing is paid twice
    backdated = from_month < first_of_month(timezone.localdate())
    successor = Enrolment.objects.create(start_month=from_month, status=next_period.get("status", carried_status),
                                         arrears_pending=backdated,
                                         **{k: v for k, v in fields.items() if k != "status"})
    if categories is None:  # a move, suspension, resumption: the same categories go on
        categories = list(current.category_rows.values_list("category", "coefficient", "paid"))
    category_rows_write(successor, categories)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=successor,
                 changes={"after": {**snapshot(successor), **_labels(categories)}, "reason": reason,
                          "follows": current.pk})
    return successor


@transaction.atomic
def enrolment_reassess(*, user, enrolment: Enrolment, expected_version: int, from_month: datetime.date,
                       categories: list[str] | None = None, studying: bool | None = None,
                       children_count: int | None = None, decision_number: str = "",
                       decision_date: datetime.date | None = None) -> Enrolment | None:
    """Điều chỉnh: the rules applied again from a month (a birthday band, a new category, more children).
    What is not given is taken from the current decision, starting from every category it qualified under."""
    categories = categories or list(enrolment.category_rows.order_by("category").values_list("category", flat=True))
    studying = enrolment.studying if studying is None else studying
    children_count = enrolment.children_count if children_count is None else children_count
    result = assess(person=enrolment.person, month=first_of_month(from_month), categories=categories,
                    studying=studying, children_count=children_count)
    if not result.payable:
        return enrolment_end(user=user, enrolment=enrolment, expected_version=expected_version, from_month=from_month,
                             reason="Không còn đủ điều kiện: " + " ".join(result.messages))
    terms = {"coefficient": result.coefficient, "children_count": children_count, "studying": studying}
    if decision_number:
        terms |= {"decision_number": decision_number, "decision_date": decision_date or from_month}
    return _close_and_open(user=user, enrolment=enrolment, expected_version=expected_version, from_month=from_month,
                           reason="Điều chỉnh hệ số/diện", categories=category_terms(result), **terms)


@transaction.atomic
def enrolment_suspend(*, user, enrolment: Enrolment, expected_version: int, from_month: datetime.date,
                      reason: str) -> Enrolment | None:
    """Tạm dừng (TT 02/2021 Điều 2): e.g. not collected 3 months running, custody of a month or more."""
    if enrolment.status == Enrolment.Status.SUSPENDED:
        raise DomainError("Đang tạm dừng rồi.", field="enrolment")
    return _close_and_open(user=user, enrolment=enrolment, expected_version=expected_version, from_month=from_month,
                           reason=f"Tạm dừng: {reason}", status=Enrolment.Status.SUSPENDED)


@transaction.atomic
def enrolment_resume(*, user, enrolment: Enrolment, expected_version: int, from_month: datetime.date) -> Enrolment | None:
    if enrolment.status != Enrolment.Status.SUSPENDED:
        raise DomainError("Chỉ tiếp tục được giai đoạn đang tạm dừng.", field="enrolment")
    return _close_and_open(user=user, enrolment=enrolment, expected_version=expected_version, from_month=from_month,
                           reason="Tiếp tục chi trả", status=Enrolment.Status.ACTIVE)


@transaction.atomic
def enrolment_move(*, user, enrolment: Enrolment, expected_version: int, to_commune, from_month: datetime.date
                   ) -> Enrolment | None:
    """Chuyển nơi ở (NĐ 20/2021 Điều 8 k.3–4): the old place pays up to the month of the stop, the new one
    from the month after, so there is neither a gap nor a month paid twice."""
    if to_commune.level != "commune":
        raise DomainError("Hãy chọn xã/phường nơi chuyển đến.", field="to_commune")
    if to_commune.pk == enrolment.commune_id:
        raise DomainError("Xã chuyển đến trùng với xã hiện tại.", field="to_commune")
    return _close_and_open(user=user, enrolment=enrolment, expected_version=expected_version, from_month=from_month,
                           reason=f"Chuyển đến {to_commune.name}", commune_id=to_commune.pk,
                           province_code=to_commune.province_code)


@transaction.atomic
def enrolment_end(*, user, enrolment: Enrolment, expected_version: int, from_month: datetime.date, reason: str) -> None:
    """Thôi hưởng from `from_month` (the month after death or loss of eligibility: Điều 8 k.2)."""
    if not reason.strip():
        raise DomainError("Cần ghi lý do thôi hưởng.", field="reason")
    _close_and_open(user=user, enrolment=enrolment, expected_version=expected_version, from_month=from_month,
                    reason=reason.strip())


@transaction.atomic
def person_death_record(*, user, person, date_of_death: datetime.date, recipient: str = "") -> FuneralSupport | None:
    """A beneficiary died: the date is recorded, every open period ends with the month of death, and the
    funeral support for the family is proposed (NĐ 20/2021 Điều 11: at least 20 × the standard level)."""
    require_deciding(user, person)
    if date_of_death > timezone.localdate():
        raise DomainError("Ngày mất không được sau hôm nay.", field="date_of_death")
    locked = Person.objects.select_for_update().get(pk=person.pk)
    before = snapshot(locked, ["date_of_death"])
    locked.date_of_death = date_of_death
    locked.version += 1
    locked.save(update_fields=["date_of_death", "version", "updated_at"])
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=locked,
                 changes=diff(before, snapshot(locked, ["date_of_death"])))
    next_month = add_months(first_of_month(date_of_death), 1)
    was_beneficiary = False
    for open_period in Enrolment.objects.filter(person=locked, end_month__isnull=True):
        was_beneficiary = True
        if open_period.start_month >= next_month:
            raise DomainError("Có giai đoạn hưởng bắt đầu sau ngày mất; hãy kiểm tra lại.", field="date_of_death")
        _close_and_open(user=user, enrolment=open_period, expected_version=open_period.version, from_month=next_month,
                        reason=f"Mất ngày {date_of_death:%d/%m/%Y}")
    if not was_beneficiary or FuneralSupport.objects.filter(person=locked).exists():
        return None
    values, notes = parameters_at(first_of_month(date_of_death), locked.province_code)
    multiple, level = values["funeral.regular"], values["standard_level"]
    support = FuneralSupport.objects.create(
        person=locked, date_of_death=date_of_death, legal_basis=notes.get("funeral.regular", "NĐ 20/2021 Điều 11"),
        multiple=multiple, standard_level=int(level), amount=rules.amount_for(multiple, level), recipient=recipient,
        commune=locked.commune, province_code=locked.province_code,
    )
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=support, changes={"after": snapshot(support)})
    return support


def _monthly_amount(enrolment: Enrolment, month: datetime.date) -> int:
    key = "social_pension" if enrolment.programme == Programme.SOCIAL_PENSION else "standard_level"
    return rules.amount_for(enrolment.coefficient, parameters_at(month, enrolment.province_code)[0][key])


def only_the_higher(*, user, person, programme: str, month: datetime.date, amount: int) -> None:
    """Eligible for both the social pension and the monthly social allowance: only the higher is paid
    (NĐ 176/2025 Điều 3 k.1). The other open programme ends from `month`, or the new one is refused."""
    other = Programme.SOCIAL_PENSION if programme == Programme.MONTHLY_ALLOWANCE else Programme.MONTHLY_ALLOWANCE
    current = Enrolment.objects.filter(person=person, programme=other, end_month__isnull=True).first()
    if current is None:
        return
    theirs = _monthly_amount(current, month)
    if theirs >= amount:
        raise DomainError(
            f"Người này đang hưởng {current.get_programme_display()} {vnd(theirs)}/tháng, không thấp hơn mức mới "
            f"({vnd(amount)}); chỉ hưởng một mức cao nhất (NĐ 176/2025 Điều 3 khoản 1).", field="person")
    _close_and_open(user=user, enrolment=current, expected_version=current.version, from_month=month,
                    reason="Chuyển sang chế độ có mức cao hơn (NĐ 176/2025 Điều 3 khoản 1)")


def merge_enrolments(*, user, survivor: Person, duplicate: Person) -> dict:
    """The registry merges two records of one person (`registry.extensions.MERGE_PARTS`): enrolments,
    applications and funeral support go to the survivor. Two open periods of one programme would be two
    decisions paying one person: refused, so that an officer first ends the wrong one."""
    both_open = (Enrolment.objects.filter(person=duplicate, end_month__isnull=True)
                 .filter(programme__in=Enrolment.objects.filter(person=survivor, end_month__isnull=True)
                         .values("programme")))
    if both_open.exists():
        names = ", ".join(sorted({str(e.get_programme_display()) for e in both_open}))
        raise DomainError(f"Cả hai hồ sơ đang hưởng {names}: hãy thôi hưởng ở hồ sơ sai trước khi gộp.")
    if FuneralSupport.objects.filter(person=survivor).exists() and FuneralSupport.objects.filter(person=duplicate).exists():
        raise DomainError("Cả hai hồ sơ đều có hỗ trợ mai táng: hãy kiểm tra lại trước khi gộp.")
    return {
        "enrolments_moved": Enrolment.objects.filter(person=duplicate).update(person=survivor),
        "applications_moved": Application.objects.filter(person=duplicate).update(person=survivor),
        "funeral_moved": FuneralSupport.objects.filter(person=duplicate).update(person=survivor),
    }
