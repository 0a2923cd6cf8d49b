"""Positions of the social-work workforce: recorded, changed from a day and ended through the services, with
bad input named by field, nothing half-saved, scope and audit."""

import datetime
from decimal import Decimal

import pytest

from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError
from ansinh.registry.selectors import person_by_citizen_id
from ansinh.workforce import rules, services
from ansinh.workforce.models import Engagement, Position, Title
from ansinh.workforce.selectors import positions

pytestmark = pytest.mark.django_db

D = datetime.date


def post(user, network, person=None, **fields):
    data = {"person": person or network["people"][0], "organisation": network["school"], "title": Title.COLLABORATOR,
            "engagement": Engagement.COLLABORATOR, "monthly_allowance": Decimal(2_400_000),
            "start_date": D(2025, 9, 1), **fields}
    return services.position_create(user=user, **data)


def test_a_collaborator_is_recorded_and_audited(users, network):
    position = post(users["xa1"], network, grade="V.09.04.03", job="Nhân viên CTXH trường học")
    assert position.version == 1 and position.end_date is None
    event = AuditEvent.objects.get(object_type="workforce.position", object_id=str(position.pk))
    assert event.action == "create" and event.commune_id == network["school"].commune_id
    assert event.changes["after"]["person"] == network["people"][0].full_name


@pytest.mark.parametrize("fields, field, message", [
    ({"monthly_allowance": Decimal(-1)}, "monthly_allowance", "không được âm"),
    ({"end_date": D(2025, 8, 31)}, "end_date", "trước ngày bắt đầu"),
    ({"title": "giam_doc"}, "title", "chức danh"),
    ({"grade": "V.09.04.09"}, "grade", "V.09.04.01"),
    ({"engagement": "thoi_vu"}, "engagement", "hình thức"),
    ({"start_date": D(2019, 12, 31)}, "start_date", "chưa thành lập"),
])
def test_bad_input_is_named_and_nothing_is_written(users, network, fields, field, message):
    with pytest.raises(DomainError) as exc:
        post(users["xa1"], network, **fields)
    assert exc.value.field == field and message in exc.value.message
    assert not Position.objects.exists() and not AuditEvent.objects.filter(object_type="workforce.position").exists()


def test_one_person_holds_one_full_time_post_on_any_day(users, network):
    person = network["people"][0]
    full = {"engagement": Engagement.FULL_TIME, "title": Title.PUBLIC_EMPLOYEE}
    post(users["xa1"], network, person, end_date=D(2025, 12, 31), **full)
    with pytest.raises(DomainError) as exc:
        post(users["xa1"], network, person, organisation=network["station"], start_date=D(2025, 12, 31), **full)
    assert exc.value.field == "engagement" and "Trường Tiểu học Tân Thành" in exc.value.message
    # the day after the first ends, and a part-time post beside it, are fine
    post(users["xa1"], network, person, organisation=network["station"], start_date=D(2026, 1, 1), **full)
    post(users["xa1"], network, person, organisation=network["station"], start_date=D(2025, 10, 1),
         engagement=Engagement.PART_TIME)
    assert Position.objects.filter(person=person).count() == 3


def test_overlap_rule_counts_the_last_day():
    assert rules.overlaps(D(2025, 1, 1), D(2025, 1, 31), D(2025, 1, 31), None)
    assert not rules.overlaps(D(2025, 1, 1), D(2025, 1, 31), D(2025, 2, 1), None)
    assert rules.overlaps(D(2025, 2, 1), None, D(2024, 1, 1), D(2025, 2, 1))
    assert not rules.overlaps(D(2025, 2, 2), None, D(2024, 1, 1), D(2025, 2, 1))
    assert rules.overlaps(D(2020, 1, 1), None, D(2030, 1, 1), None)


def test_base_salary_boundary_is_inclusive():
    assert rules.meets_base_salary(Decimal(2_340_000), Decimal(2_340_000))
    assert not rules.meets_base_salary(Decimal(2_339_999), Decimal(2_340_000))
    assert not rules.meets_base_salary(Decimal(9_000_000), None)


def test_a_new_allowance_ends_the_period_the_day_before(users, network):
    position = post(users["xa1"], network)
    successor = services.position_change_allowance(user=users["xa1"], position=position, expected_version=1,
                                                   monthly_allowance=Decimal(2_600_000), from_date=D(2026, 7, 1))
    position.refresh_from_db()
    assert (position.end_date, position.monthly_allowance) == (D(2026, 6, 30), Decimal(2_400_000))
    assert (successor.start_date, successor.end_date, successor.previous) == (D(2026, 7, 1), None, position)
    with pytest.raises(ConflictError):  # opened before the change: refused, not overwritten
        services.position_end(user=users["xa1"], position=position, end_date=D(2026, 6, 1), reason="x",
                              expected_version=1)
    with pytest.raises(DomainError) as exc:
        services.position_change_allowance(user=users["xa1"], position=successor, expected_version=1,
                                           monthly_allowance=Decimal(1), from_date=D(2026, 6, 1))
    assert exc.value.field == "from_date"


def test_ending_needs_a_reason_and_a_day_not_before_the_start(users, network):
    position = post(users["xa1"], network)
    with pytest.raises(DomainError) as exc:
        services.position_end(user=users["xa1"], position=position, end_date=D(2025, 8, 1), reason="Nghỉ việc",
                              expected_version=1)
    assert exc.value.field == "end_date"
    with pytest.raises(DomainError) as exc:
        services.position_end(user=users["xa1"], position=position, end_date=D(2026, 1, 1), reason=" ",
                              expected_version=1)
    assert exc.value.field == "end_reason"
    ended = services.position_end(user=users["xa1"], position=position, end_date=D(2026, 1, 1), reason="Nghỉ việc",
                                  expected_version=1)
    assert ended.end_date == D(2026, 1, 1) and ended.version == 2


def test_scope_of_positions(users, network, communes):
    mine = post(users["xa1"], network)
    with pytest.raises(DomainError) as exc:  # another commune's organisation
        post(users["xa1"], network, person=network["people"][1], organisation=network["school2"])
    assert exc.value.field == "organisation"
    with pytest.raises(PermissionDeniedError):  # the auditor reads, never writes
        post(users["kiemtra"], network, person=network["people"][1])
    assert list(positions(user=users["xa1"])) == [mine]
    assert not positions(user=users["xa2"]).exists() and not positions(user=users["hanoi"]).exists()
    assert positions(user=users["tinh"]).count() == 1 and positions(user=users["kiemtra"]).count() == 1
    assert not positions(user=users["chitra"]).exists()


def test_a_person_is_found_by_citizen_id_only_inside_the_jurisdiction(users, network):
    person = network["people"][0]
    assert person_by_citizen_id(user=users["xa1"], citizen_id=f" {person.citizen_id} ") == person
    with pytest.raises(DomainError) as exc:
        person_by_citizen_id(user=users["xa2"], citizen_id=person.citizen_id)
    assert exc.value.field == "citizen_id" and person.full_name not in exc.value.message


def test_qualifications_and_the_practice_certificate(users, network):
    xa1, person = users["xa1"], network["people"][0]
    services.qualification_add(user=xa1, person=person, level="dai_hoc", year=2015, institution="ĐH Cần Thơ")
    with pytest.raises(DomainError) as exc:  # another field must be named
        services.qualification_add(user=xa1, person=person, level="chung_chi", year=2020, social_work=False)
    assert exc.value.field == "field"
    with pytest.raises(DomainError) as exc:
        services.qualification_add(user=xa1, person=person, level="thac_si", year=1949)
    assert exc.value.field == "year"
    services.qualification_add(user=xa1, person=person, level="chung_chi", year=2020, social_work=False,
                               field="Sư phạm")
    certificate = services.certificate_add(user=xa1, person=person, number="ctxh 0012/2026", issued_on=D(2026, 2, 1),
                                           issuer="Sở Y tế Cà Mau")
    assert certificate.number == "CTXH0012/2026"
    with pytest.raises(DomainError) as exc:  # the same number again
        services.certificate_add(user=xa1, person=network["people"][1], number="CTXH 0012/2026",
                                 issued_on=D(2026, 2, 1), issuer="Sở Y tế")
    assert exc.value.field == "number" and "đã có" in exc.value.message
    with pytest.raises(DomainError):  # a person of another commune
        services.certificate_add(user=users["xa2"], person=person, number="X1", issued_on=D(2026, 2, 1), issuer="S")
    assert AuditEvent.objects.filter(object_type__in=["workforce.qualification",
                                                      "workforce.practicecertificate"]).count() == 3
