"""The workforce and network indicators against hand-computed fixtures: per commune, on a day, with the base
salary that day (2.340.000 đ until 30/6/2026, 2.530.000 đ from 01/7/2026), scoped, with their drill-down."""

import datetime
from decimal import Decimal

import pytest

from ansinh.core import indicators
from ansinh.core.models import PolicyParameter
from ansinh.facilities import services as facilities
from ansinh.facilities.indicators import PROVIDING
from ansinh.workforce import services
from ansinh.workforce.indicators import (
    STAFFED,
    STAFFED_TWO,
    TRAINED_COUNT,
    TRAINED_SHARE,
    base_salary_on,
)
from ansinh.workforce.models import CourseKind, Engagement, Funding, Title

pytestmark = pytest.mark.django_db

D = datetime.date


def figure(code, user, day, start=None, commune=None):
    result = indicators.compute(indicators.get(code), user=user, day=day, start=start,
                                commune_id=commune.pk if commune else None)
    return result.numerator, result.denominator


def drill(code, user, day, part, start=None, commune=None):
    rows = indicators.get(code).drill(user=user, day=day, start=start or D(day.year, 1, 1),
                                      commune=commune.pk if commune else None, part=part)
    return sorted(row.values[0] for row in rows)


def staff(user, network, person, organisation, amount, start=None, **fields):
    return services.position_create(user=user, person=person, organisation=organisation, title=Title.COLLABORATOR,
                                    engagement=Engagement.COLLABORATOR, monthly_allowance=Decimal(amount),
                                    start_date=start or D(2025, 1, 1), **fields)


@pytest.fixture
def staffed(users, network):
    """School: 2.400.000 đ and 2.600.000 đ; station: 2.000.000 đ; clinic (out of scope): 3.000.000 đ;
    school2 in c2: 2.530.000 đ from 01/7/2026 only."""
    xa1, xa2 = users["xa1"], users["xa2"]
    a, b, c, d = network["people"]
    staff(xa1, network, a, network["school"], 2_400_000)
    staff(xa1, network, b, network["school"], 2_600_000)
    staff(xa1, network, c, network["station"], 2_000_000)
    staff(xa1, network, d, network["clinic"], 3_000_000)
    staff(xa2, network, network["people2"][0], network["school2"], 2_530_000, start=D(2026, 7, 1))
    return network


def test_base_salary_is_the_dated_parameter():
    assert base_salary_on(D(2024, 6, 30)) == Decimal(1_800_000)
    assert base_salary_on(D(2024, 7, 1)) == base_salary_on(D(2026, 6, 30)) == Decimal(2_340_000)
    assert base_salary_on(D(2026, 7, 1)) == Decimal(2_530_000)
    assert base_salary_on(D(2023, 6, 30)) is None


def test_staffed_organisations_change_with_the_base_salary_on_1_july_2026(users, staffed, communes):
    tinh, c1 = users["tinh"], communes["c1"]
    # 30/6/2026: base 2.340.000 — the school has two counted (2.4m, 2.6m), the station none; school2 not yet
    assert figure(STAFFED, tinh, D(2026, 6, 30), commune=c1) == (1, 2)
    assert figure(STAFFED_TWO, tinh, D(2026, 6, 30), commune=c1) == (1, 2)
    # 01/7/2026: base 2.530.000 — the person at 2.400.000 no longer counts; school2's 2.530.000 does (equal)
    assert figure(STAFFED, tinh, D(2026, 7, 1), commune=c1) == (1, 2)
    assert figure(STAFFED_TWO, tinh, D(2026, 7, 1), commune=c1) == (0, 2)
    assert figure(STAFFED, tinh, D(2026, 6, 30)) == (1, 3)  # the whole province: school2 has nobody yet
    assert figure(STAFFED, tinh, D(2026, 7, 1)) == (2, 3)
    assert drill(STAFFED_TWO, tinh, D(2026, 6, 30), "numerator") == ["Trường Tiểu học Tân Thành"]
    # before any base salary is recorded (01/7/2023), nobody counts but every organisation in scope does
    assert figure(STAFFED, tinh, D(2023, 6, 30)) == (0, 3)
    assert set(drill(STAFFED_TWO, tinh, D(2026, 7, 1), "missing")) == {
        "Trạm Y tế Tân Thành", "Trường THCS Hòa Thành", "Trường Tiểu học Tân Thành"}


def test_a_change_of_the_base_salary_is_a_data_edit(users, staffed, communes):
    """A back-dated raise (a new parameter row) moves the indicator for the days it covers."""
    assert figure(STAFFED_TWO, users["tinh"], D(2026, 3, 1), commune=communes["c1"]) == (1, 2)
    PolicyParameter.objects.create(key="base_salary", value=Decimal(2_500_000), valid_from=D(2026, 1, 1),
                                   legal_basis="thử: nghị định giả định")
    assert figure(STAFFED_TWO, users["tinh"], D(2026, 3, 1), commune=communes["c1"]) == (0, 2)  # 2.4m below
    assert figure(STAFFED_TWO, users["tinh"], D(2025, 12, 31), commune=communes["c1"]) == (1, 2)  # before it
    assert figure(STAFFED, users["tinh"], D(2026, 3, 1), commune=communes["c1"]) == (1, 2)
    PolicyParameter.objects.filter(valid_from=D(2026, 1, 1)).update(value=Decimal(2_600_001))
    assert figure(STAFFED, users["tinh"], D(2026, 3, 1), commune=communes["c1"]) == (0, 2)


def test_the_indicator_follows_the_scope_of_the_plan_on_the_day(users, staffed, communes):
    """The station leaves the plan's scope from 2026: the denominator drops for days after, not before."""
    facilities.organisation_change(user=users["xa1"], organisation=staffed["station"], expected_version=1,
                                   valid_from=D(2026, 1, 1), in_plan_scope=False)
    assert figure(STAFFED, users["tinh"], D(2025, 12, 31), commune=communes["c1"]) == (1, 2)
    assert figure(STAFFED, users["tinh"], D(2026, 1, 1), commune=communes["c1"]) == (1, 1)


def test_an_ended_position_counts_to_its_last_day(users, staffed, communes):
    school = staffed["school"]
    for position in school.sw_positions.all():
        services.position_end(user=users["xa1"], position=position, end_date=D(2026, 3, 31), reason="Nghỉ",
                              expected_version=1)
    assert figure(STAFFED, users["tinh"], D(2026, 3, 31), commune=communes["c1"]) == (1, 2)
    assert figure(STAFFED, users["tinh"], D(2026, 4, 1), commune=communes["c1"]) == (0, 2)


def test_indicators_are_scoped(users, staffed, communes):
    assert figure(STAFFED, users["xa1"], D(2026, 7, 1)) == (1, 2)
    assert figure(STAFFED, users["xa2"], D(2026, 7, 1)) == (1, 1)
    assert figure(STAFFED, users["hanoi"], D(2026, 7, 1)) == (0, 0)
    assert drill(STAFFED, users["xa2"], D(2026, 7, 1), "denominator") == ["Trường THCS Hòa Thành"]
    assert figure(STAFFED, users["chitra"], D(2026, 7, 1)) == (0, 0)


def test_providing_social_work_services(users, staffed, communes):
    assert figure(PROVIDING, users["tinh"], D(2026, 1, 1)) == (1, 3)
    facilities.organisation_change(user=users["xa2"], organisation=staffed["school2"], expected_version=1,
                                   valid_from=D(2026, 9, 1), provides_social_work=True)
    assert figure(PROVIDING, users["tinh"], D(2026, 8, 31)) == (1, 3)
    assert figure(PROVIDING, users["tinh"], D(2026, 9, 1)) == (2, 3)
    assert drill(PROVIDING, users["tinh"], D(2026, 9, 1), "missing") == ["Trạm Y tế Tân Thành"]


def test_staff_trained_in_the_period_and_people_trained_against_the_year(users, staffed, communes):
    tinh = users["tinh"]
    a, b, c, d = staffed["people"]
    course = services.course_create(user=tinh, title="Tập huấn kỹ năng CTXH trường học", kind=CourseKind.SHORT,
                                    organiser="Sở Y tế Cà Mau", start_date=D(2026, 3, 2), end_date=D(2026, 3, 6),
                                    funding=Funding.LOCAL, amount=Decimal(45_000_000))
    services.attendance_record(user=tinh, course=course, person=a, completed_on=D(2026, 3, 6))
    services.attendance_record(user=tinh, course=course, person=d, completed_on=D(2026, 3, 6))  # clinic: staff too
    attending = services.attendance_record(user=tinh, course=course, person=b)  # not completed yet
    services.attendance_record(user=tinh, course=course, person=staffed["people2"][1], completed_on=D(2026, 3, 6))
    day = D(2026, 6, 30)
    # 4 people hold posts in c1 on 30/6 (any allowance), 2 of them completed a course in 2026
    assert figure(TRAINED_SHARE, tinh, day, commune=communes["c1"]) == (2, 4)
    assert figure(TRAINED_SHARE, tinh, day, start=D(2026, 3, 7), commune=communes["c1"]) == (0, 4)
    assert figure(TRAINED_COUNT, tinh, day) == (3, None)
    assert figure(TRAINED_COUNT, tinh, D(2026, 3, 5)) == (0, None)
    assert figure(TRAINED_COUNT, users["xa2"], day) == (1, None)  # by where the person is registered
    services.attendance_complete(user=tinh, attendance=attending, completed_on=D(2026, 3, 6))
    assert figure(TRAINED_SHARE, tinh, day, commune=communes["c1"]) == (3, 4)
    assert drill(TRAINED_SHARE, tinh, day, "missing", commune=communes["c1"]) == [c.full_name]
