"""The officer's lists of what to act on: changes next month and payments uncollected for 3 months."""

import datetime
from decimal import Decimal

import pytest

from ansinh.assistance import selectors
from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import load_defaults
from ansinh.payments import selectors as payment_selectors
from ansinh.payments.models import PaymentLine, PayrollRun
from tests.factories import PersonFactory, enrolment_make

pytestmark = pytest.mark.django_db
D = datetime.date


def enrol(person, categories="5.1", coefficient="1.5", programme="tcxh", status="active"):
    return enrolment_make(person, categories=categories, coefficient=coefficient, programme=programme, status=status)


@pytest.fixture(autouse=True)
def policy():
    load_defaults(PolicyParameter)


def test_turning_16_is_listed_the_month_after_the_birthday(users, communes):
    # born July 2010: July 2026 is still paid (Điều 8 k.2), payment ends from August
    teen = PersonFactory(full_name="Tròn Mười Sáu", birth_year=2010, birth_month=7, birth_day=10, commune=communes["c1"])
    four = PersonFactory(full_name="Tròn Bốn Tuổi", birth_year=2022, birth_month=8, birth_day=1, commune=communes["c1"])
    enrol(teen)
    enrol(four, coefficient="2.5")
    elder = PersonFactory(full_name="Hưu Trí", birth_year=1951, birth_month=8, birth_day=1, commune=communes["c1"])
    enrol(elder, categories="HTXH", coefficient="1", programme="htxh")
    in_june = {c["enrolment"].person.full_name for c in selectors.changes_next_month(user=users["xa1"], month=D(2026, 6, 1))}
    assert "Tròn Mười Sáu" not in in_june
    in_july = {c["enrolment"].person.full_name: c for c in
               selectors.changes_next_month(user=users["xa1"], month=D(2026, 7, 1))}
    assert set(in_july) == {"Tròn Mười Sáu", "Tròn Bốn Tuổi"}  # the social pension is not the NĐ 20 rules
    assert in_july["Tròn Mười Sáu"]["new_coefficient"] is None
    assert in_july["Tròn Bốn Tuổi"]["new_coefficient"] == Decimal("1.5")
    assert selectors.changes_next_month(user=users["xa2"], month=D(2026, 7, 1)) == []


def failed_lines(person, enrolment, *months):
    run = PayrollRun.objects.create(month=months[0], programme="tcxh", province_code="96", standard_level=500_000,
                                    status="done")
    PaymentLine.objects.bulk_create(PaymentLine(
        run=run, enrolment=enrolment, person=person, programme="tcxh", month=month, categories="5.1",
        coefficient=Decimal("1.5"), standard_level=500_000, amount=750_000, decision_number="1", method="agent",
        commune=person.commune, province_code="96", status="failed", failure_reason="Không có mặt tại địa phương",
        created_at=datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)) for month in months)


def test_three_months_uncollected_are_listed_for_suspension(users, communes):
    away = PersonFactory(full_name="Đi Làm Xa", birth_year=2015, commune=communes["c1"])
    twice = PersonFactory(full_name="Hai Tháng", birth_year=2015, commune=communes["c1"])
    failed_lines(away, enrol(away), D(2026, 3, 1), D(2026, 4, 1), D(2026, 5, 1))
    failed_lines(twice, enrol(twice), D(2026, 4, 1), D(2026, 5, 1))
    rows = payment_selectors.uncollected(user=users["xa1"], through=D(2026, 5, 1))
    assert [(e.person.full_name, e.last_failure) for e in rows] == [("Đi Làm Xa", "Không có mặt tại địa phương")]
    assert payment_selectors.uncollected(user=users["xa2"], through=D(2026, 5, 1)) == []
    assert payment_selectors.uncollected(user=users["xa1"], through=D(2026, 6, 1)) == []  # June not failed (yet)


def test_the_page_shows_both_lists(users, communes, client):
    """The changes come from assistance, the uncollected list from payments through the page's extension point."""
    from django.urls import reverse
    from django.utils import timezone

    today = timezone.localdate().replace(day=1)
    months = [datetime.date(today.year - (today.month - k <= 0), (today.month - k - 1) % 12 + 1, 1) for k in (3, 2, 1)]
    away = PersonFactory(full_name="Đi Làm Xa", birth_year=2015, commune=communes["c1"])
    failed_lines(away, enrol(away), *months)
    client.force_login(users["xa1"])
    page = client.get(reverse("assistance:enrolment_changes")).content.decode()
    assert 'data-testid="changes"' in page and 'data-testid="uncollected"' in page
    assert "Đi Làm Xa" in page and "Không có mặt tại địa phương" in page
