"""Every boundary of the workforce's checks, on both sides: the day itself is allowed, the day beyond is not."""

import datetime
from decimal import Decimal

import pytest

from ansinh.core.exceptions import DomainError
from ansinh.registry.models import Person
from ansinh.workforce import services
from ansinh.workforce.models import CourseKind, Engagement, Funding, Title

pytestmark = pytest.mark.django_db

D = datetime.date
ONE = datetime.timedelta(days=1)


def position(user, network, **fields):
    data = {"person": network["people"][0], "organisation": network["school"], "title": Title.COLLABORATOR,
            "engagement": Engagement.COLLABORATOR, "monthly_allowance": Decimal(0), "start_date": D(2025, 9, 1),
            **fields}
    return services.position_create(user=user, **data)


def refused(field, call, *args, **kwargs):
    with pytest.raises(DomainError) as exc:
        call(*args, **kwargs)
    assert exc.value.field == field


def test_position_boundaries(users, network):
    xa1 = users["xa1"]
    refused("monthly_allowance", position, xa1, network, monthly_allowance=Decimal(-1))
    refused("end_date", position, xa1, network, end_date=D(2025, 8, 31))
    Person.objects.filter(pk=network["people"][0].pk).update(date_of_death=D(2025, 8, 31))
    network["people"][0].refresh_from_db()
    refused("person", position, xa1, network)
    Person.objects.filter(pk=network["people"][0].pk).update(date_of_death=D(2025, 9, 1))
    network["people"][0].refresh_from_db()
    one_day = position(xa1, network, end_date=D(2025, 9, 1))  # no allowance, one day, died that day: allowed
    assert (one_day.start_date, one_day.end_date, one_day.monthly_allowance) == (D(2025, 9, 1), D(2025, 9, 1), 0)


def test_ending_and_changing_boundaries(users, network):
    xa1 = users["xa1"]
    ending = position(xa1, network, person=network["people"][1], start_date=D(2025, 1, 1), end_date=D(2025, 6, 30))
    refused("end_date", services.position_end, user=xa1, position=ending, end_date=D(2025, 7, 1), reason="x",
            expected_version=1)
    refused("end_date", services.position_end, user=xa1, position=ending, end_date=D(2024, 12, 31), reason="x",
            expected_version=1)
    ending = services.position_end(user=xa1, position=ending, end_date=D(2025, 6, 30), reason="x", expected_version=1)
    ending = services.position_end(user=xa1, position=ending, end_date=D(2025, 1, 1), reason="x", expected_version=2)
    assert ending.end_date == D(2025, 1, 1)

    kept = position(xa1, network, person=network["people"][2], start_date=D(2025, 1, 1), end_date=D(2025, 6, 30))
    change = {"user": xa1, "position": kept, "expected_version": 1, "monthly_allowance": Decimal(0)}
    refused("monthly_allowance", services.position_change_allowance, **{**change, "monthly_allowance": Decimal(-1)},
            from_date=D(2025, 3, 1))
    refused("from_date", services.position_change_allowance, **change, from_date=D(2024, 12, 31))
    refused("from_date", services.position_change_allowance, **change, from_date=D(2025, 7, 1))
    first_day = services.position_change_allowance(**change, from_date=D(2025, 1, 1))  # a correction in place
    assert first_day.pk == kept.pk and first_day.version == 2
    last_day = services.position_change_allowance(**{**change, "expected_version": 2}, from_date=D(2025, 6, 30))
    assert (last_day.start_date, last_day.end_date) == (D(2025, 6, 30), D(2025, 6, 30))


def test_course_attendance_and_target_boundaries(users, network):
    tinh, today = users["tinh"], datetime.date.today()
    course = {"user": tinh, "title": "Khóa", "kind": CourseKind.SHORT, "organiser": "Sở", "funding": Funding.LOCAL}
    refused("end_date", services.course_create, **course, start_date=D(2026, 3, 2), end_date=D(2026, 3, 1))
    refused("amount", services.course_create, **course, start_date=D(2026, 3, 2), end_date=D(2026, 3, 2),
            amount=Decimal(-1))
    one_day = services.course_create(**course, start_date=D(2026, 3, 2), end_date=D(2026, 3, 2), amount=Decimal(0))
    a, b, c, d = network["people"]
    refused("completed_on", services.attendance_record, user=tinh, course=one_day, person=a,
            completed_on=D(2026, 3, 1))
    refused("completed_on", services.attendance_record, user=tinh, course=one_day, person=a,
            completed_on=today + ONE)
    assert services.attendance_record(user=tinh, course=one_day, person=a, completed_on=D(2026, 3, 2)).completed_on
    assert services.attendance_record(user=tinh, course=one_day, person=b, completed_on=today).completed_on == today
    pending = services.attendance_record(user=tinh, course=one_day, person=c)
    refused("completed_on", services.attendance_complete, user=tinh, attendance=pending, completed_on=D(2026, 3, 1))
    refused("completed_on", services.attendance_complete, user=tinh, attendance=pending, completed_on=today + ONE)
    assert services.attendance_complete(user=tinh, attendance=pending, completed_on=D(2026, 3, 2)).completed_on
    other = services.attendance_record(user=tinh, course=one_day, person=d)
    assert services.attendance_complete(user=tinh, attendance=other, completed_on=today).completed_on == today

    for year in (1999, 2101):
        refused("year", services.target_set, user=tinh, year=year, places=1, basis="KH")
    refused("places", services.target_set, user=tinh, year=2026, places=-1, basis="KH")
    assert services.target_set(user=tinh, year=2000, places=0, basis="KH").places == 0
    assert services.target_set(user=tinh, year=2100, places=1, basis="KH").year == 2100
