"""The social pension (trợ cấp hưu trí xã hội, NĐ 176/2025): eligibility by age, pension and household
poverty, and only the higher of it and the monthly allowance."""

import datetime
from decimal import Decimal

from django.db import transaction

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record, snapshot
from ansinh.core.dates import first_of_month
from ansinh.core.exceptions import DomainError
from ansinh.registry.models import HouseholdMember, HouseholdPoverty, PensionStatus, PovertyStatus
from ansinh.registry.rules import effective_birth_date

from .. import rules
from ..models import Enrolment, PaymentMethod, Programme
from ..selectors import parameters_at, require_deciding
from .enrolments import category_rows_write, only_the_higher


def _poor_or_near_poor(person, year: int) -> bool:
    household = HouseholdMember.objects.filter(person=person, left_on__isnull=True).values("household_id")
    return HouseholdPoverty.objects.filter(household_id__in=household, year=year,
                                           status__in=[PovertyStatus.POOR, PovertyStatus.NEAR_POOR]).exists()


@transaction.atomic
def pension_enrol(*, user, person, decision_number: str, decision_date: datetime.date,
                  payment_method: str = PaymentMethod.AGENT, pension_below_level: bool = False) -> Enrolment:
    """Trợ cấp hưu trí xã hội from the month of the decision (NĐ 176/2025 Điều 4), at the social pension level."""
    require_deciding(user, person)
    if person.date_of_death:
        raise DomainError("Người này đã mất.", field="person")
    if person.birth_year is None:
        raise DomainError("Hồ sơ chưa có năm sinh.", field="person")
    if not decision_number.strip():
        raise DomainError("Cần số quyết định.", field="decision_number")
    month = first_of_month(decision_date)
    reason = rules.social_pension_eligibility(
        birth_date=effective_birth_date(person.birth_year, person.birth_month, person.birth_day), month=month,
        has_pension=person.pension_status in (PensionStatus.PENSION, PensionStatus.SOCIAL_INSURANCE),
        pension_below_level=pension_below_level, poor_or_near_poor=_poor_or_near_poor(person, month.year))
    if reason:
        raise DomainError("Không đủ điều kiện hưởng trợ cấp hưu trí xã hội: " + reason, field="person")
    level = parameters_at(month, person.province_code)[0].get("social_pension")
    if not level:
        raise DomainError(f"Chưa có mức trợ cấp hưu trí xã hội cho tháng {month:%m/%Y}.", field="decision_date")
    if Enrolment.objects.filter(person=person, programme=Programme.SOCIAL_PENSION, end_month__isnull=True).exists():
        raise DomainError("Người này đang hưởng trợ cấp hưu trí xã hội.", field="person")
    only_the_higher(user=user, person=person, programme=Programme.SOCIAL_PENSION, month=month, amount=int(level))
    enrolment = Enrolment.objects.create(
        person=person, programme=Programme.SOCIAL_PENSION, coefficient=1, start_month=month,
        decision_number=decision_number.strip(), decision_date=decision_date, payment_method=payment_method,
        commune=person.commune, province_code=person.province_code,
    )
    category_rows_write(enrolment, [(rules.SOCIAL_PENSION_CATEGORY, Decimal(1), True)])
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=enrolment,
                 changes={"after": {**snapshot(enrolment), "categories": rules.SOCIAL_PENSION_CATEGORY}})
    return enrolment
