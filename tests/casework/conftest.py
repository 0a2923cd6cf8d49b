"""A commune's case team: the People's Committee of c1 as the unit, a social worker and a supervisor there, the
commune chairman; a provincial social-work centre with its own team; children and an adult of c1."""

import datetime

import pytest
from django.utils import timezone

from ansinh.casework import services
from ansinh.facilities import services as facilities
from ansinh.facilities.models import Kind
from tests.factories import PersonFactory, make_user

D = datetime.date


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture
def team(users, communes, ca_mau, policy):
    c1, c2 = communes["c1"], communes["c2"]
    tinh = users["tinh"]
    committee = facilities.organisation_create(user=tinh, valid_from=D(2020, 1, 1), name="UBND xã Một",
                                               kind=Kind.COMMUNE_COMMITTEE, commune=c1)
    centre = facilities.organisation_create(user=tinh, valid_from=D(2020, 1, 1), name="Trung tâm CTXH tỉnh",
                                            kind=Kind.SOCIAL_WORK_CENTRE, commune=c2, provides_social_work=True)
    people = {
        "worker": make_user("ctxh1", "social_worker", c1),
        "supervisor": make_user("giamsat1", "social_worker", c1),
        "chairman": make_user("chutich1", "commune_leader", c1),
        "colleague": make_user("ctxh1b", "social_worker", c1),  # same commune, no relation to the case
        "centre_worker": make_user("trungtam1", "social_worker", ca_mau),
        "centre_head": make_user("trungtam_gs", "social_worker", ca_mau),
        "far": make_user("ctxh2", "social_worker", c2),  # another commune
    }
    services.worker_add(user=tinh, organisation=committee, worker=people["worker"])
    services.worker_add(user=tinh, organisation=committee, worker=people["colleague"])
    services.worker_add(user=tinh, organisation=committee, worker=people["supervisor"], supervisor=True)
    services.worker_add(user=tinh, organisation=centre, worker=people["centre_worker"])
    services.worker_add(user=tinh, organisation=centre, worker=people["centre_head"], supervisor=True)
    today = timezone.localdate()
    child = PersonFactory(full_name="Lê Thị Bé", sex="F", birth_year=today.year - 9, birth_month=3, birth_day=2,
                          commune=c1, citizen_id=None)
    adult = PersonFactory(full_name="Trần Văn Lớn", sex="M", birth_year=1950, commune=c1, citizen_id=None)
    return {"committee": committee, "centre": centre, "child": child, "adult": adult, **people}


@pytest.fixture
def open_case(team):
    def make(*, person=None, risk="high", received_at=None, case_type="child_protection", **kw):
        return services.case_open(
            user=team["worker"], organisation=team["committee"], source="hotline",
            received_at=received_at or timezone.now() - datetime.timedelta(hours=1), case_type=case_type, risk=risk,
            summary="Trẻ bị bạo hành, hàng xóm báo qua tổng đài 111.", worker=team["worker"],
            supervisor=team["supervisor"], subjects=[person or team["child"]], **kw)
    return make
