"""Demo social assistance for Cà Mau: payment agents, enrolments decided by the rules, and the last
months of payroll with payment files issued and reconciled (the current month is left to the user)."""

import datetime
import random
from decimal import Decimal

from ansinh.accounts.models import User
from ansinh.assistance import rules, services
from ansinh.assistance.models import (
    Enrolment,
    EnrolmentCategory,
    PaymentMethod,
    Programme,
)
from ansinh.core.dates import add_months, first_of_month
from ansinh.core.exceptions import DomainError
from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import resolve
from ansinh.payments.models import PaymentAgent, PaymentLine
from ansinh.payments.services import payment_file_reconcile, payment_files_issue, payroll_generate
from ansinh.registry.models import HouseholdMember, HouseholdPoverty, Person, PovertyStatus
from ansinh.registry.rules import effective_birth_date

HISTORY_MONTHS = 4
FAILED_SHARE = 0.02


def seed(*, rng: random.Random, province_code: str, home1, today: datetime.date) -> dict:
    post = PaymentAgent.objects.create(code=f"BD{province_code}", name="Bưu điện tỉnh Cà Mau",
                                       province_code=province_code)
    post.members.add(*User.objects.filter(username="chitra"))
    bank = PaymentAgent.objects.create(code=f"NHCS-{home1.code}", name=f"Ngân hàng Chính sách xã hội — {home1.name}",
                                       province_code=province_code)
    bank.communes.add(home1)
    decided = _enrolments(rng, province_code, today)
    enrolments = Enrolment.objects.bulk_create([enrolment for enrolment, _result in decided], batch_size=2000)
    EnrolmentCategory.objects.bulk_create(  # the keys came back from the insert (RETURNING)
        [EnrolmentCategory(enrolment=enrolment, category=category, coefficient=coefficient, paid=paid)
         for enrolment, result in decided for category, coefficient, paid in services.category_terms(result)],
        batch_size=2000)
    officer = User.objects.get(username="tinh")
    current = first_of_month(today)
    for back in range(HISTORY_MONTHS, 0, -1):
        month = add_months(current, -back)
        run = payroll_generate(user=officer, month=month, province_code=province_code)
        files = payment_files_issue(user=officer, run=run)
        if back == 1:
            continue  # last month's files are still with the agents
        for file in files:
            rows = []
            for n, (line_id, amount) in enumerate(PaymentLine.objects.filter(file=file).values_list("id", "amount"), 2):
                failed = rng.random() < FAILED_SHARE
                rows.append({"row": n, "line": line_id, "amount": amount,
                             "result": "Không thành công" if failed else "Đã chi",
                             "reason": "Người hưởng đi vắng" if failed else "",
                             "paid_on": None if failed else datetime.date(month.year, month.month, rng.randint(5, 15))})
            payment_file_reconcile(user=officer, file=file, rows=rows)
    applications = _applications(rng, today)
    return {"enrolments": len(enrolments), "payment_lines": PaymentLine.objects.count(), "applications": applications}


def _applications(rng: random.Random, today: datetime.date) -> int:
    """Pending applications at every step in xa1's and xa2's communes (some overdue), a few decided or
    refused, and two received before 01/7/2025 under the three-tier procedure."""
    count = 0
    for username in ("xa1", "xa2"):
        officer = User.objects.get(username=username)
        enrolled = Enrolment.objects.values("person_id")
        candidates = list(
            Person.objects.filter(commune=officer.jurisdiction, birth_year__lte=today.year - 62,
                                  date_of_death__isnull=True, merged_into__isnull=True)
            .exclude(pk__in=enrolled).order_by("id")[:9])
        plans = ["received", "received", "verified", "verified", "overdue", "decided", "decided", "rejected",
                 "three_tier"]
        for person, plan in zip(candidates, plans, strict=False):
            if plan == "three_tier":
                received = datetime.date(2025, 3, rng.randint(2, 20))
            elif plan == "overdue":
                received = today - datetime.timedelta(days=25)
            else:
                received = today - datetime.timedelta(days=rng.randint(1, 8))
            application = services.application_receive(
                user=officer, person=person, form_type="1c", categories=["5.5a"], received_on=received,
                documents="Tờ khai Mẫu 1c\nBản sao giấy xác nhận hộ nghèo")
            count += 1
            steps = {"received": 0, "overdue": 0, "verified": 1, "decided": 2, "rejected": 1, "three_tier": 5}[plan]
            day = received
            for _ in range(steps):
                day = min(day + datetime.timedelta(days=rng.randint(1, 3)), today)
                try:
                    application = services.application_advance(user=officer, application=application,
                                                               expected_version=application.version, done_on=day)
                except DomainError:
                    break  # not eligible after all: stays open for the officer to answer
            if plan == "rejected":
                services.application_reject(user=officer, application=application,
                                            expected_version=application.version, done_on=min(day, today),
                                            reply="Người có nghĩa vụ và quyền phụng dưỡng có khả năng phụng dưỡng.")
    return count


def _enrolments(rng: random.Random, province_code: str, today: datetime.date) -> list[tuple[Enrolment, rules.Evaluation]]:
    """People of the demo registry who qualify, decided at a month of the last four years, with the rules'
    evaluation their categories are written from."""
    poor = set(HouseholdPoverty.objects.filter(year=today.year, status=PovertyStatus.POOR)
               .values_list("household_id", flat=True))
    poor_people = set(HouseholdMember.objects.filter(household_id__in=poor, left_on__isnull=True)
                      .values_list("person_id", flat=True))
    people = Person.objects.filter(province_code=province_code, merged_into__isnull=True, date_of_death__isnull=True,
                                   birth_year__isnull=False).only(
        "id", "birth_year", "birth_month", "birth_day", "disability_level", "disability_certificate_date",
        "commune_id", "province_code", "pension_status")
    rows = list(PolicyParameter.objects.filter(province_code__in=["", province_code]))
    enrolments = []
    for person in people.iterator(chunk_size=5000):
        birth = effective_birth_date(person.birth_year, person.birth_month, person.birth_day)
        age = rules.age_in_month(birth, today)
        if person.disability_level in rules.DISABILITY_LEVELS:
            categories = ["5.6"]
        elif person.pk in poor_people and age >= 60 and rng.random() < 0.6:
            categories = ["5.5a"]
        elif age < 16 and rng.random() < 0.004:
            categories = ["5.1"]
        else:
            continue
        decision = datetime.date(today.year - rng.randint(0, 3), rng.randint(1, 12), rng.randint(1, 28))
        decision = min(decision, today - datetime.timedelta(days=40))
        start = first_of_month(decision)
        if start < first_of_month(birth):
            continue
        values, _notes = resolve(rows, start, province_code)
        result = rules.evaluate(rules.Facts(tuple(categories), birth, start, disability_level=(
            person.disability_level if person.disability_level in rules.DISABILITY_LEVELS else None)), values)
        if not result.payable:
            continue
        method = rng.choices([PaymentMethod.AGENT, PaymentMethod.BANK, PaymentMethod.CASH], weights=[70, 20, 10])[0]
        enrolments.append((Enrolment(
            person_id=person.pk, programme=Programme.MONTHLY_ALLOWANCE, coefficient=Decimal(result.coefficient),
            start_month=start, decision_number=f"{rng.randint(10, 900)}/QĐ-UBND", decision_date=decision,
            payment_method=method, commune_id=person.commune_id, province_code=person.province_code,
        ), result))
    return enrolments
