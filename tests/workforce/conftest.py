import datetime

import pytest

from ansinh.facilities import services as facilities
from ansinh.facilities.models import Kind
from tests.factories import PersonFactory

D = datetime.date


@pytest.fixture
def network(users, communes, policy):
    """In commune c1: a school and a health station in the plans' scope, a private clinic outside it; in c2 a
    school in scope. People of c1 and c2."""
    xa1, xa2 = users["xa1"], users["xa2"]

    def org(user, commune, name, kind, in_scope=True, provides=False):
        return facilities.organisation_create(user=user, valid_from=D(2020, 1, 1), name=name, kind=kind,
                                              commune=commune, in_plan_scope=in_scope, provides_social_work=provides)

    return {
        "school": org(xa1, communes["c1"], "Trường Tiểu học Tân Thành", Kind.SCHOOL, provides=True),
        "station": org(xa1, communes["c1"], "Trạm Y tế Tân Thành", Kind.HEALTH_CENTRE),
        "clinic": org(xa1, communes["c1"], "Phòng khám tư An Bình", Kind.OTHER, in_scope=False),
        "school2": org(xa2, communes["c2"], "Trường THCS Hòa Thành", Kind.SCHOOL),
        "people": [PersonFactory(commune=communes["c1"]) for _ in range(4)],
        "people2": [PersonFactory(commune=communes["c2"]) for _ in range(2)],
    }
