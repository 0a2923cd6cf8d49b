"""Enrolment periods: start month, changes, suspension, moves and death — never a gap, never a double."""

import datetime

import pytest

from ansinh.assistance import services
from ansinh.assistance.models import Enrolment, FuneralSupport
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError
from ansinh.payments.models import PaymentLine
from ansinh.payments.services import payroll_generate
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def months_paid(person):
    return [(m.strftime("%Y-%m"), a) for m, a in
            PaymentLine.objects.filter(person=person).order_by("month").values_list("month", "amount")]


def rows(enrolment):
    return sorted((r.category, str(r.coefficient), r.paid) for r in enrolment.category_rows.all())


def pay(user, *months):
    for month in months:
        payroll_generate(user=user, month=month, province_code="96")


@pytest.fixture
def child(communes):
    # born 20/03/2022: under 4 until February 2026, 4+ from March 2026
    return PersonFactory(full_name="Lê Thị Mai", birth_year=2022, birth_month=3, birth_day=20, commune=communes["c1"])


def test_create_from_the_decision_month_with_the_rules(users, child):
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="01/QĐ-UBND",
                                  decision_date=D(2026, 1, 12))
    assert (e.start_month, e.category_codes, str(e.coefficient)) == (D(2026, 1, 1), "5.1", "2.50")
    assert rows(e) == [("5.1", "2.50", True)]
    assert not e.arrears_pending


def test_refused_when_not_eligible_with_the_reason(users, communes):
    adult = PersonFactory(birth_year=1980, commune=communes["c1"])
    with pytest.raises(DomainError) as exc:
        services.enrolment_create(user=users["xa1"], person=adult, categories=["5.1"], decision_number="1",
                                  decision_date=D(2026, 1, 1))
    assert "16 tuổi" in exc.value.message and not Enrolment.objects.exists()


def test_outside_jurisdiction_refused(users, communes):
    theirs = PersonFactory(birth_year=2023, commune=communes["c2"])
    with pytest.raises(PermissionDeniedError):
        services.enrolment_create(user=users["xa1"], person=theirs, categories=["5.1"], decision_number="1",
                                  decision_date=D(2026, 1, 1))


def test_reassess_at_the_birthday_month_keeps_old_months_at_the_old_rate(users, child):
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    pay(users["tinh"], D(2026, 1, 1), D(2026, 2, 1))
    new = services.enrolment_reassess(user=users["xa1"], enrolment=e, expected_version=e.version, from_month=D(2026, 3, 1))
    assert str(new.coefficient) == "1.50" and new.start_month == D(2026, 3, 1)
    e.refresh_from_db()
    assert (e.end_month, e.status) == (D(2026, 2, 1), "ended")
    pay(users["tinh"], D(2026, 3, 1))
    assert months_paid(child) == [("2026-01", 1_250_000), ("2026-02", 1_250_000), ("2026-03", 750_000)]


def test_stale_version_is_a_conflict(users, child):
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    services.enrolment_suspend(user=users["xa1"], enrolment=e, expected_version=e.version, from_month=D(2026, 2, 1),
                               reason="không nhận 3 tháng")
    with pytest.raises(ConflictError):
        services.enrolment_end(user=users["xa1"], enrolment=e, expected_version=e.version,
                               from_month=D(2026, 3, 1), reason="x")


def test_suspension_pays_nothing_and_resumption_continues(users, child):
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    suspended = services.enrolment_suspend(user=users["xa1"], enrolment=e, expected_version=1, from_month=D(2026, 2, 1),
                                           reason="không nhận trợ cấp 3 tháng liên tục")
    resumed = services.enrolment_resume(user=users["xa1"], enrolment=suspended, expected_version=1,
                                        from_month=D(2026, 4, 1))
    assert resumed.status == "active"
    pay(users["tinh"], D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1), D(2026, 4, 1))
    assert [m for m, _ in months_paid(child)] == ["2026-01", "2026-04"]


def test_move_to_another_commune_no_gap_no_double(users, child, communes):
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    pay(users["tinh"], D(2026, 1, 1))
    moved = services.enrolment_move(user=users["tinh"], enrolment=e, expected_version=1, to_commune=communes["c2"],
                                    from_month=D(2026, 2, 1))
    assert moved.commune == communes["c2"]
    payroll_generate(user=users["xa2"], month=D(2026, 2, 1), province_code="96", commune=communes["c2"])
    payroll_generate(user=users["xa1"], month=D(2026, 2, 1), province_code="96", commune=communes["c1"])
    pay(users["tinh"], D(2026, 2, 1), D(2026, 3, 1))
    assert [m for m, _ in months_paid(child)] == ["2026-01", "2026-02", "2026-03"]
    assert PaymentLine.objects.get(person=child, month=D(2026, 3, 1)).commune == communes["c2"]


def test_disability_starts_from_the_certificate_month_with_arrears(users, communes):
    person = PersonFactory(birth_year=1990, commune=communes["c1"], disability_level="severe",
                           disability_certificate_date=D(2025, 11, 20))
    e = services.enrolment_create(user=users["xa1"], person=person, categories=["5.6"], decision_number="07",
                                  decision_date=D(2026, 2, 3))
    assert e.start_month == D(2025, 11, 1) and e.arrears_pending
    pay(users["tinh"], D(2026, 2, 1))
    assert months_paid(person) == [("2025-11", 750_000), ("2025-12", 750_000), ("2026-01", 750_000),
                                   ("2026-02", 750_000)]
    e.refresh_from_db()
    assert not e.arrears_pending
    pay(users["tinh"], D(2026, 2, 1), D(2026, 3, 1))
    assert len(months_paid(person)) == 5


def test_death_ends_payment_after_that_month_and_proposes_funeral_support(users, child):
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    support = services.person_death_record(user=users["xa1"], person=child, date_of_death=D(2026, 2, 14),
                                           recipient="Lê Văn Hùng")
    e.refresh_from_db()
    assert e.end_month == D(2026, 2, 1) and e.status == "ended"
    assert support.amount == 10_000_000 and support.multiple == 20  # 20 × 500.000 đ (Điều 11)
    pay(users["tinh"], D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1))
    assert [m for m, _ in months_paid(child)] == ["2026-01", "2026-02"]
    assert FuneralSupport.objects.count() == 1


def test_funeral_support_status_shows_on_the_page(users, child, client):
    from django.urls import reverse

    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    services.person_death_record(user=users["xa1"], person=child, date_of_death=D(2026, 2, 14))
    client.force_login(users["xa1"])
    page = client.get(reverse("assistance:enrolment_detail", args=[e.pk])).content.decode()
    assert "10.000.000 đ (20 lần mức chuẩn" in page and "— Đề xuất." in page


def test_ending_from_the_first_month_cancels_the_period(users, child):
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    services.enrolment_end(user=users["xa1"], enrolment=e, expected_version=1, from_month=D(2026, 1, 1),
                           reason="quyết định bị thu hồi")
    e.refresh_from_db()
    assert e.status == "cancelled"
    pay(users["tinh"], D(2026, 1, 1))
    assert months_paid(child) == []


def test_the_unpaid_category_is_kept_for_the_next_reassessment(users, communes):
    # under 4 in 5.1 and 5.6 (especially severe): 2,5 either way, 5.1 paid; at 4 the child moves to
    # 5.6 child's 2,5 rather than down to 5.1's 1,5 (Điều 6 k.2: the highest of all categories)
    child = PersonFactory(birth_year=2022, birth_month=3, birth_day=20, commune=communes["c1"],
                          disability_level="especially_severe")
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1", "5.6"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    assert (e.category_codes, e.entitled_categories) == ("5.1", ["5.1", "5.6"])
    assert rows(e) == [("5.1", "2.50", True), ("5.6", "2.50", False)]  # the one not paid keeps its coefficient
    new = services.enrolment_reassess(user=users["xa1"], enrolment=e, expected_version=e.version,
                                      from_month=D(2026, 3, 1))
    assert (new.category_codes, str(new.coefficient), new.entitled_categories) == ("5.6", "2.50", ["5.1", "5.6"])
    assert rows(new) == [("5.1", "1.50", False), ("5.6", "2.50", True)]
    e.refresh_from_db()
    assert rows(e) == [("5.1", "2.50", True), ("5.6", "2.50", False)]  # the closed period keeps its own


def test_a_successor_copies_its_predecessors_rows_and_a_change_in_place_replaces_them(users, communes):
    child = PersonFactory(birth_year=2022, birth_month=3, birth_day=20, commune=communes["c1"],
                          disability_level="especially_severe")
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1", "5.6"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    moved = services.enrolment_move(user=users["xa1"], enrolment=e, expected_version=e.version,
                                    to_commune=communes["c2"], from_month=D(2026, 2, 1))
    assert rows(moved) == rows(e) == [("5.1", "2.50", True), ("5.6", "2.50", False)]
    # reassessed from the moved period's own first month, as if 4 already: its rows are replaced, no new period
    same = services.enrolment_reassess(user=users["tinh"], enrolment=moved, expected_version=moved.version,
                                       from_month=D(2026, 2, 1), categories=["5.6"])
    assert same.pk == moved.pk and rows(same) == [("5.6", "2.50", True)]
    assert Enrolment.objects.filter(person=child).count() == 2


def test_moving_a_suspended_beneficiary_keeps_the_payment_suspended(users, child, communes):
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    suspended = services.enrolment_suspend(user=users["xa1"], enrolment=e, expected_version=1,
                                           from_month=D(2026, 2, 1), reason="tạm giam")
    moved = services.enrolment_move(user=users["tinh"], enrolment=suspended, expected_version=suspended.version,
                                    to_commune=communes["c2"], from_month=D(2026, 3, 1))
    assert (moved.status, moved.commune) == ("suspended", communes["c2"])
    pay(users["tinh"], D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1))
    assert [m for m, _ in months_paid(child)] == ["2026-01"]


def test_a_resumption_recorded_late_pays_the_months_owed_once(users, child):
    e = services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="01",
                                  decision_date=D(2026, 1, 5))
    pay(users["tinh"], D(2026, 1, 1))
    suspended = services.enrolment_suspend(user=users["xa1"], enrolment=e, expected_version=1,
                                           from_month=D(2026, 2, 1), reason="tạm giam")
    pay(users["tinh"], D(2026, 2, 1), D(2026, 3, 1), D(2026, 4, 1))
    # released in March, recorded only after the April payroll: March and April are owed (truy lĩnh)
    resumed = services.enrolment_resume(user=users["xa1"], enrolment=suspended, expected_version=suspended.version,
                                        from_month=D(2026, 3, 1))
    assert resumed.arrears_pending
    pay(users["tinh"], D(2026, 5, 1), D(2026, 5, 1))
    assert months_paid(child) == [("2026-01", 1_250_000), ("2026-03", 1_250_000), ("2026-04", 1_250_000),
                                  ("2026-05", 1_250_000)]
    # the arrears lines freeze the categories too (from the resumed period's rows, copied from the first)
    assert set(PaymentLine.objects.filter(person=child).values_list("categories", flat=True)) == {"5.1"}
