"""Residents of facilities: admission and discharge of registry persons, capacity, one facility at a time, the
monthly care allowance of NĐ 20/2021 Điều 25 from the dated parameters, and staffing against TT 33/2017."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from ansinh.audit.models import AuditEvent
from ansinh.core import indicators
from ansinh.core.exceptions import ConflictError, DomainError
from ansinh.core.models import PolicyParameter
from ansinh.facilities import rules, services
from ansinh.facilities.indicators import STAFFING
from ansinh.facilities.models import Kind, Resident
from ansinh.facilities.selectors import staffing_on
from tests.factories import PersonFactory, api_client

pytestmark = pytest.mark.django_db

D = datetime.date
VALUES = {"care.facility.under4": Decimal("5.0"), "care.facility.from4": Decimal("4.0"),
          "standard_level": Decimal(500_000)}
RATIOS = {"staffing.carer.child_u18m": Decimal(1), "staffing.carer.child_6_16": Decimal(10),
          "staffing.carer.dependent": Decimal(4), "staffing.social_worker": Decimal(100),
          "staffing.medical": Decimal(50), "staffing.nutrition": Decimal(20)}


def test_care_allowance_changes_in_the_month_of_the_fourth_birthday():
    birth = D(2022, 3, 17)
    assert rules.care_coefficient(birth, D(2026, 2, 1), VALUES) == Decimal("5.0")
    assert rules.care_coefficient(birth, D(2026, 3, 1), VALUES) == Decimal("4.0")
    assert rules.care_allowance(birth, D(2026, 2, 28), VALUES) == Decimal(2_500_000)
    assert rules.care_allowance(birth, D(2026, 3, 1), VALUES) == Decimal(2_000_000)
    assert rules.care_allowance(birth, D(2026, 3, 1), {**VALUES, "standard_level": Decimal(650_000)}) == 2_600_000
    assert rules.care_allowance(birth, D(2026, 3, 1), {"care.facility.from4": Decimal(4)}) is None


def test_required_staff_by_the_ratios():
    assert rules.required_staff({}, RATIOS) == {}
    needed = rules.required_staff({"child_u18m": 3, "child_6_16": 11, "dependent": 4}, RATIOS)
    # carers 3/1 + 11/10 + 4/4 = 5.1 → 6; 18 residents: 1 social worker, 1 medical, 1 nutrition, 1 psychologist
    assert needed == {"carer": 6, "social_worker": 1, "medical": 1, "nutrition": 1, "psychologist": 1}
    assert rules.required_staff({"dependent": 101}, RATIOS)["social_worker"] == 2
    assert rules.required_staff({"dependent": 100}, RATIOS)["social_worker"] == 1
    assert rules.required_staff({"dependent": 40}, RATIOS)["carer"] == 10
    assert rules.required_staff({"dependent": 4, "homeless": 30}, RATIOS)["carer"] == 1  # no ratio for it here


@pytest.fixture
def centre(users, communes, policy):
    return services.organisation_create(user=users["xa1"], valid_from=D(2020, 1, 1), name="Trung tâm Bảo trợ xã hội",
                                        kind=Kind.SOCIAL_ASSISTANCE, commune=communes["c1"], in_plan_scope=True,
                                        capacity=2)


JANUARY_5 = D(2026, 1, 5)


def admit(user, centre, person, day=JANUARY_5, group="dependent"):
    return services.resident_admit(user=user, organisation=centre, person=person, care_group=group, admitted_on=day)


def test_admission_discharge_capacity_and_one_facility_at_a_time(users, communes, centre):
    xa1 = users["xa1"]
    a, b, c = (PersonFactory(commune=communes["c1"]) for _ in range(3))
    first = admit(xa1, centre, a)
    with pytest.raises(DomainError) as exc:  # admitted twice without discharge
        admit(xa1, centre, a, day=D(2026, 2, 1))
    assert exc.value.field == "person" and "chưa ghi ngày rời cơ sở" in exc.value.message
    admit(xa1, centre, b)
    with pytest.raises(DomainError) as exc:  # two places, both taken
        admit(xa1, centre, c)
    assert exc.value.field == "admitted_on" and "đủ 2 chỗ" in exc.value.message
    with pytest.raises(DomainError) as exc:
        services.resident_discharge(user=xa1, resident=first, discharged_on=D(2026, 1, 4), reason="Về gia đình",
                                    expected_version=1)
    assert exc.value.field == "discharged_on"
    services.resident_discharge(user=xa1, resident=first, discharged_on=D(2026, 3, 1), reason="Về gia đình",
                                expected_version=1)
    with pytest.raises(ConflictError):
        services.resident_discharge(user=xa1, resident=first, discharged_on=D(2026, 3, 2), reason="x",
                                    expected_version=1)
    with pytest.raises(DomainError):  # the day they left the place is still theirs
        admit(xa1, centre, c, day=D(2026, 2, 28))
    admit(xa1, centre, c, day=D(2026, 3, 1))
    with pytest.raises(DomainError):  # full again
        admit(xa1, centre, a, day=D(2026, 3, 2))
    assert Resident.objects.filter(discharged_on__isnull=True).count() == 2
    assert AuditEvent.objects.filter(object_type="facilities.resident").count() == 4


def test_only_a_facility_that_houses_people_admits(users, communes, policy):
    school = services.organisation_create(user=users["xa1"], valid_from=D(2020, 1, 1), name="Trường", kind=Kind.SCHOOL,
                                          commune=communes["c1"])
    with pytest.raises(DomainError) as exc:
        admit(users["xa1"], school, PersonFactory(commune=communes["c1"]))
    assert exc.value.field == "organisation"


def test_staffing_shortfall_and_the_indicator(users, communes, centre):
    xa1 = users["xa1"]
    for person in (PersonFactory(commune=communes["c1"]) for _ in range(2)):
        admit(xa1, centre, person, group="dependent")
    staffing = staffing_on(centre, D(2026, 2, 1))
    assert staffing.required == {"carer": 1, "social_worker": 1, "medical": 1, "nutrition": 1, "psychologist": 1}
    assert staffing.shortfall == staffing.required and not staffing.met
    for function in ("carer", "social_worker", "medical", "nutrition", "psychologist"):
        services.staff_count_set(user=xa1, organisation=centre, function=function, count=1, as_of=D(2026, 1, 15))
    assert staffing_on(centre, D(2026, 1, 14)).shortfall and staffing_on(centre, D(2026, 2, 1)).met

    def figure(day):
        result = indicators.compute(indicators.get(STAFFING), user=users["tinh"], day=day)
        return result.numerator, result.denominator

    assert figure(D(2026, 1, 14)) == (0, 1) and figure(D(2026, 2, 1)) == (1, 1) and figure(D(2025, 1, 1)) == (0, 0)
    # a ratio changed by law is a data edit: 1 medical staff per 1 resident from 01/3/2026
    PolicyParameter.objects.create(key="staffing.medical", value=1, valid_from=D(2026, 3, 1), legal_basis="thử")
    assert staffing_on(centre, D(2026, 3, 1)).shortfall == {"medical": 1}
    assert figure(D(2026, 3, 1)) == (0, 1)


def test_residents_on_the_page_and_the_api(client, users, communes, centre):
    person = PersonFactory(commune=communes["c1"], birth_year=2023, birth_month=6, birth_day=1)
    client.force_login(users["xa1"])
    url = reverse("facilities:resident_admit", args=[centre.pk])
    unknown = client.post(url, {"citizen_id": "096000000001", "care_group": "child_18m_6", "admitted_on": "2026-01-05"})
    assert "Không tìm thấy người có số định danh" in unknown.content.decode() and not Resident.objects.exists()
    client.post(url, {"citizen_id": person.citizen_id, "care_group": "child_18m_6", "admitted_on": "2026-01-05"})
    page = client.get(reverse("facilities:organisation_detail", args=[centre.pk])).content.decode()
    assert person.full_name in page and "2.500.000" in page  # under 4 this month: 5,0 × 500.000 đ
    api = api_client(users["xa1"])
    other = PersonFactory(commune=communes["c1"])
    created = api.post("/api/v1/residents/", {"organisation": centre.pk, "citizen_id": other.citizen_id,
                                              "care_group": "self_care", "admitted_on": "2026-02-01"}, format="json")
    assert created.status_code == 201, created.content
    full = api.post("/api/v1/residents/", {"organisation": centre.pk, "citizen_id": PersonFactory(
        commune=communes["c1"]).citizen_id, "care_group": "self_care", "admitted_on": "2026-02-01"}, format="json")
    assert full.status_code == 400 and "đủ 2 chỗ" in full.json()["admitted_on"][0]
    staffing = api.get(f"/api/v1/organisations/{centre.pk}/staffing/", {"day": "2026-02-01"}).json()
    assert staffing["residents"] == {"child_18m_6": 1, "self_care": 1} and staffing["required"]["carer"] == 1
    left = api.post(f"/api/v1/residents/{created.json()['id']}/discharge/",
                    {"discharged_on": "2026-03-01", "discharge_reason": "Về gia đình", "version": 1}, format="json")
    assert left.status_code == 200 and left.json()["discharged_on"] == "2026-03-01"
    assert api_client(users["xa2"]).get(f"/api/v1/residents/{created.json()['id']}/").status_code == 404


def test_standards_assessed_on_a_day_answer_the_indicator(users, communes, centre, client):
    from ansinh.facilities.indicators import STANDARDS

    xa1 = users["xa1"]
    services.organisation_create(user=xa1, valid_from=D(2020, 1, 1), name="Cơ sở ngoài kế hoạch",
                                 kind=Kind.SOCIAL_ASSISTANCE, commune=communes["c1"])  # not in scope: not counted

    def figure(day):
        result = indicators.compute(indicators.get(STANDARDS), user=users["tinh"], day=day)
        return result.numerator, result.denominator

    assert figure(D(2026, 1, 1)) == (0, 1)
    services.assessment_record(user=xa1, organisation=centre, assessed_on=D(2024, 5, 2), meets=False, basis="BB 1")
    services.assessment_record(user=xa1, organisation=centre, assessed_on=D(2025, 6, 10), meets=True, basis="QĐ 2")
    assert figure(D(2025, 6, 9)) == (0, 1) and figure(D(2025, 6, 10)) == (1, 1)
    with pytest.raises(DomainError) as exc:
        services.assessment_record(user=xa1, organisation=centre, assessed_on=D(2025, 6, 10), meets=True, basis="x")
    assert exc.value.field == "assessed_on"
    with pytest.raises(DomainError) as exc:
        services.assessment_record(user=xa1, organisation=centre, assessed_on=D(2025, 7, 1), meets=True, basis=" ")
    assert exc.value.field == "basis"
    client.force_login(xa1)
    client.post(reverse("facilities:assessment_record", args=[centre.pk]),
                {"assessed_on": "2026-01-10", "basis": "BB 3"})  # unticked: does not meet
    assert figure(D(2026, 2, 1)) == (0, 1)
    drill = list(indicators.get(STANDARDS).drill(user=users["tinh"], day=D(2026, 2, 1), start=D(2026, 1, 1),
                                                 commune=None, part="missing"))
    assert [row.values[3] for row in drill] == ["Chưa đạt"]
    answer = api_client(xa1).post(f"/api/v1/organisations/{centre.pk}/assessments/",
                                  {"assessed_on": "2026-01-10", "meets": True, "basis": "QĐ"}, format="json")
    assert answer.status_code == 400 and "Đã có kết quả" in answer.json()["assessed_on"][0]


def test_services_a_unit_provides_from_a_day(users, centre, client):
    xa1 = users["xa1"]
    row = services.service_start(user=xa1, organisation=centre, service="counselling", started_on=D(2025, 1, 1))
    with pytest.raises(DomainError) as exc:  # already provided
        services.service_start(user=xa1, organisation=centre, service="counselling", started_on=D(2025, 6, 1))
    assert exc.value.field == "service"
    with pytest.raises(DomainError):
        services.service_end(user=xa1, row=row, ended_on=D(2024, 12, 31))
    services.service_end(user=xa1, row=row, ended_on=D(2025, 12, 31))
    with pytest.raises(DomainError):  # overlaps the period it was provided
        services.service_start(user=xa1, organisation=centre, service="counselling", started_on=D(2025, 12, 31))
    services.service_start(user=xa1, organisation=centre, service="counselling", started_on=D(2026, 1, 1))
    client.force_login(xa1)
    client.post(reverse("facilities:service_start", args=[centre.pk]),
                {"service": "case_management", "started_on": "2026-02-01"})
    page = client.get(reverse("facilities:organisation_detail", args=[centre.pk])).content.decode()
    assert "Quản lý trường hợp" in page
    body = api_client(xa1).get(f"/api/v1/organisations/{centre.pk}/").json()
    assert sorted(s["service"] for s in body["services"]) == ["case_management", "counselling", "counselling"]
