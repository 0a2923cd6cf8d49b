"""Payroll: set-based, frozen, and never twice — also when two runs race on PostgreSQL."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ansinh.assistance.models import Enrolment, EnrolmentCategory
from ansinh.core.exceptions import PermissionDeniedError
from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import load_defaults
from ansinh.payments.models import PaymentLine
from ansinh.payments.selectors import monthly_by_category, run_summary
from ansinh.payments.services import payroll_generate
from tests.factories import PersonFactory, enrolment_make, race

D = datetime.date
JANUARY = D(2026, 1, 1)


def enrol(person, *, coefficient="1.5", categories="5.6", start=JANUARY, end=None, status="active", unpaid=None):
    return enrolment_make(person, categories=categories, coefficient=coefficient, unpaid=unpaid, start_month=start,
                          end_month=end, status=status, decision_number="12/QĐ-UBND")


@pytest.fixture
def enrolled(communes):
    # a transactional test (browser, race) flushes what the data migration loaded: load it again
    load_defaults(PolicyParameter)
    c1, c2 = communes["c1"], communes["c2"]
    people = [PersonFactory(commune=c1) for _ in range(4)] + [PersonFactory(commune=c2) for _ in range(2)]
    enrol(people[0], coefficient="2.5", categories="5.1")
    enrol(people[1], categories={"5.6": "2.5", "5.4": "1"}, unpaid={"5.8": "1.5"})
    enrol(people[2], start=D(2026, 4, 1))  # not yet
    enrol(people[3], end=D(2026, 2, 1))  # ended before March
    enrol(people[4])
    enrol(people[5], status="suspended")
    return people


@pytest.mark.django_db
def test_payroll_freezes_amounts_and_is_idempotent(enrolled, users, communes):
    run = payroll_generate(user=users["tinh"], month=D(2026, 3, 15), province_code="96")
    lines = {line.person_id: line for line in PaymentLine.objects.all()}
    assert run.lines_created == 3 and set(lines) == {enrolled[0].pk, enrolled[1].pk, enrolled[4].pk}
    assert lines[enrolled[0].pk].amount == 1_250_000 and lines[enrolled[0].pk].standard_level == 500_000
    assert lines[enrolled[1].pk].amount == 1_750_000 and lines[enrolled[1].pk].categories == "5.4+5.6"
    assert lines[enrolled[0].pk].month == D(2026, 3, 1)
    # a later change of the enrolment does not touch the frozen line
    Enrolment.objects.filter(person=enrolled[0]).update(coefficient=Decimal("1.5"))
    again = payroll_generate(user=users["tinh"], month=D(2026, 3, 1), province_code="96")
    assert again.lines_created == 0 and PaymentLine.objects.count() == 3
    assert PaymentLine.objects.get(person=enrolled[0]).amount == 1_250_000


@pytest.mark.django_db
def test_spending_by_category_splits_each_line_by_its_paid_categories(enrolled, users):
    run = payroll_generate(user=users["tinh"], month=D(2026, 3, 1), province_code="96")
    summary = run_summary(user=users["tinh"], run=run)
    # the 5.4+5.6 line counts in both: 500.000 đ (1,0) for 5.4 and 1.250.000 đ (2,5) for 5.6; not 5.8 (unpaid)
    assert summary["by_category"] == [{"category": "5.6", "n": 2, "amount": 2_000_000},
                                      {"category": "5.1", "n": 1, "amount": 1_250_000},
                                      {"category": "5.4", "n": 1, "amount": 500_000}]
    assert sum(r["amount"] for r in summary["by_category"]) == summary["total"]["amount"] == 3_750_000
    # rows changed after the line was frozen: the first category takes what is left, the total still adds up
    EnrolmentCategory.objects.filter(enrolment__person=enrolled[1], category="5.6").update(coefficient=Decimal(2))
    by_category = {r["category"]: r["amount"] for r in run_summary(user=users["tinh"], run=run)["by_category"]}
    assert by_category == {"5.6": 1_750_000, "5.1": 1_250_000, "5.4": 750_000}
    # a commune officer: only the lines of the commune
    assert run_summary(user=users["xa2"], run=run)["by_category"] == [{"category": "5.6", "n": 1, "amount": 750_000}]
    labels, series = monthly_by_category(user=users["tinh"])
    assert labels == ["03/2026"] and series == {"5.1": [1], "5.4": [0], "5.6": [1]}  # millions


@pytest.mark.django_db
def test_payroll_pages_read_no_query_per_line(enrolled, users, communes, client):
    client.force_login(users["tinh"])
    run = payroll_generate(user=users["tinh"], month=D(2026, 3, 1), province_code="96")
    for _ in range(6):
        enrol(PersonFactory(commune=communes["c1"]), categories={"5.4": "2", "5.6": "1.5"})
    more = payroll_generate(user=users["tinh"], month=D(2026, 3, 1), province_code="96")
    assert (run.lines_created, more.lines_created) == (3, 6)
    with CaptureQueriesContext(connection) as few:
        assert "5.4+5.6" in client.get(reverse("payments:run_detail", args=[run.pk])).content.decode()
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("payments:run_detail", args=[more.pk]))
    assert len(many) == len(few)
    runs = client.get(reverse("payments:run_list")).content.decode()
    assert 'data-testid="chart-spending"' in runs and "5.4" in runs


@pytest.mark.django_db
def test_commune_payroll_and_scope(enrolled, users, communes):
    run = payroll_generate(user=users["xa1"], month=D(2026, 3, 1), province_code="96", commune=communes["c1"])
    assert run.lines_created == 2
    with pytest.raises(PermissionDeniedError):
        payroll_generate(user=users["xa1"], month=D(2026, 3, 1), province_code="96", commune=communes["c2"])
    with pytest.raises(PermissionDeniedError):
        payroll_generate(user=users["xa1"], month=D(2026, 3, 1), province_code="96")
    with pytest.raises(PermissionDeniedError):
        payroll_generate(user=users["kiemtra"], month=D(2026, 3, 1), province_code="96")
    # the province run afterwards only adds the other commune
    assert payroll_generate(user=users["tinh"], month=D(2026, 3, 1), province_code="96").lines_created == 1


@pytest.mark.django_db
def test_no_payment_after_the_month_of_death(enrolled, users):
    enrolled[0].date_of_death = D(2026, 2, 10)
    enrolled[0].save()
    payroll_generate(user=users["tinh"], month=D(2026, 2, 1), province_code="96")
    payroll_generate(user=users["tinh"], month=D(2026, 3, 1), province_code="96")
    months = sorted(PaymentLine.objects.filter(person=enrolled[0]).values_list("month", flat=True))
    assert months == [D(2026, 2, 1)]


@pytest.mark.django_db(transaction=True)
def test_two_runs_racing_never_pay_twice(enrolled, users):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite serialises writers by design)")

    def run():
        return payroll_generate(user=users["tinh"], month=D(2026, 3, 1), province_code="96").lines_created

    results, errors = race(run, run)
    assert not errors
    assert sorted(results) == [0, 3] or sum(results) == 3
    assert PaymentLine.objects.count() == 3
