"""The API and the pages over the same services: a case opened and taken a step through the API, a stale edit
answered 409 with the differences, bad input named by field; the children's register with its sensitive groups
kept out of lists and exports; both indicators by commune."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ansinh.casework import services
from ansinh.casework.indicators import CHILDREN, PEOPLE
from ansinh.casework.models import Case, Circumstance
from ansinh.core import indicators
from ansinh.core.exceptions import DomainError
from tests.casework.conftest import at
from tests.factories import PersonFactory, api_client, enrolment_make

pytestmark = pytest.mark.django_db

D = datetime.date


def test_a_case_through_the_api(team):
    api = api_client(team["worker"])
    child = PersonFactory(full_name="Đỗ Văn Tí", sex="M", birth_year=timezone.localdate().year - 7,
                          commune=team["child"].commune, citizen_id="096207000123")
    body = {"organisation": team["committee"].pk, "source": "school", "received_at": timezone.now().isoformat(),
            "case_type": "child_protection", "risk": "high", "summary": "Nhà trường báo trẻ nghỉ học, bị đánh.",
            "worker": team["worker"].pk, "supervisor": team["supervisor"].pk, "citizen_ids": [child.citizen_id]}
    created = api.post("/api/v1/cases/", body, format="json")
    assert created.status_code == 201, created.json()
    case = created.json()
    assert case["procedure"] == "child" and case["subjects"][0]["full_name"] == "Đỗ Văn Tí"
    listed = api.get("/api/v1/cases/").json()
    assert listed["count"] == 1 and "summary" not in listed["results"][0]
    step = api.post(f"/api/v1/cases/{case['id']}/initial_assessment/",
                    {"at": timezone.now().isoformat(), "risk": "serious", "note": "Có thương tích", "version": 1},
                    format="json")
    assert step.status_code == 200 and step.json()["stage"] == "initial"
    assert [d["step"] for d in step.json()["deadlines"]] == ["emergency"]
    stale = api.patch(f"/api/v1/cases/{case['id']}/", {"version": 1, "risk": "low"}, format="json")
    assert stale.status_code == 409
    assert stale.json()["differences"][0]["yours"] == "Thấp"
    fresh = api.patch(f"/api/v1/cases/{case['id']}/", {"version": 2, "case_type": "domestic_violence"}, format="json")
    assert fresh.status_code == 200 and fresh.json()["version"] == 3


def test_api_names_the_field_of_bad_input(team, open_case):
    case = open_case(received_at=at(D(2026, 4, 20)))
    services.case_initial(user=team["worker"], case=case, at=at(D(2026, 4, 21)), risk="high", note="x")
    api = api_client(team["worker"])
    response = api.post(f"/api/v1/cases/{case.pk}/assess/", {"at": at(D(2026, 4, 22)).isoformat(), "needs": [
        {"area": "health", "level": 0}]}, format="json")
    assert response.status_code == 400 and "needs" in response.json()
    api.post(f"/api/v1/cases/{case.pk}/assess/", {"at": at(D(2026, 4, 22)).isoformat(), "needs": [
        {"area": "health", "level": 2}]}, format="json")
    plan = api.post(f"/api/v1/cases/{case.pk}/plan/", {"at": at(D(2026, 4, 22), 10).isoformat(), "goals": "An toàn",
                    "items": [{"service": "Khám", "start_date": "2026-04-21", "end_date": "2026-04-30",
                               "responsible": "ctxh1"}]}, format="json")
    assert plan.status_code == 400 and "trước ngày đánh giá" in plan.json()["items"][0]
    closing = api.post(f"/api/v1/cases/{case.pk}/close/", {"closed_on": "2026-04-23"}, format="json")
    assert closing.status_code == 400 and "lý do" in closing.json()["reason"][0]
    refer = api.post(f"/api/v1/cases/{case.pk}/refer/", {"to": team["centre"].pk, "reason": "Khám"}, format="json")
    assert refer.status_code == 400 and "consent_name" in refer.json()
    assert Case.objects.get(pk=case.pk).stage == "assessed"


def test_a_stale_edit_on_the_page_shows_the_differences(team, open_case):
    case = open_case()
    services.case_update(user=team["supervisor"], case=case, expected_version=1, risk="serious")
    client = Client()
    client.force_login(team["worker"])
    response = client.post(reverse("casework:case_edit", args=[case.pk]), {
        "version": 1, "source": "hotline", "case_type": "child_protection", "risk": "low",
        "summary": "Trẻ bị bạo hành, hàng xóm báo qua tổng đài 111."})
    body = response.content.decode()
    assert response.status_code == 200 and 'data-testid="conflict"' in body
    assert "giamsat1" in body and "Thấp" in body and "Nghiêm trọng" in body
    assert Case.objects.get(pk=case.pk).risk == "serious"


def test_the_register_keeps_sensitive_groups_out_of_lists_and_exports(team, users):
    child = team["child"]
    services.circumstance_add(user=users["xa1"], person=child, group="a", since=D(2025, 1, 1))
    services.circumstance_add(user=users["xa1"], person=child, group="dd", since=D(2025, 1, 1))
    other = PersonFactory(full_name="Phan Văn Kín", sex="M", birth_year=timezone.localdate().year - 5,
                          commune=child.commune, citizen_id=None)
    services.circumstance_add(user=users["xa1"], person=other, group="dd", since=D(2025, 1, 1))
    client = Client()
    client.force_login(users["xa1"])
    page = client.get(reverse("casework:child_list")).content.decode()
    listed = page[page.index('data-testid="child-table"'):page.index("</table>")]
    assert "Lê Thị Bé" in listed and "HIV" not in listed and "Phan Văn Kín" not in page
    export = client.get(reverse("casework:child_export", args=["csv"]))
    content = b"".join(export.streaming_content).decode("utf-8-sig") if export.streaming else export.content.decode()
    assert "Lê Thị Bé" in content and "HIV" not in content and "Phan Văn Kín" not in content
    assert "HIV" in client.get(reverse("casework:child_detail", args=[child.pk])).content.decode()  # the keeper
    worker = Client()
    worker.force_login(team["worker"])
    page = worker.get(reverse("casework:child_detail", args=[child.pk])).content.decode()
    groups = page[page.index('data-testid="groups"'):]
    assert "HIV" not in groups[:groups.index("</ul>")] and "1 nhóm nhạy cảm không hiển thị" in page
    assert "HIV" not in api_client(users["xa1"]).get("/api/v1/children/").content.decode()


@pytest.mark.parametrize("age, since, field", [(16, None, "since"), (None, None, "person")])
def test_the_register_is_for_children_under_sixteen(team, users, age, since, field):
    today = timezone.localdate()
    person = PersonFactory(sex="F", birth_year=None if age is None else today.year - age, birth_month=1, birth_day=1,
                           commune=team["child"].commune, citizen_id=None)
    with pytest.raises(DomainError) as refused:
        services.circumstance_add(user=users["xa1"], person=person, group="c", since=today)
    assert refused.value.field == field
    assert not Circumstance.objects.exists()


def test_the_childrens_indicator_counts_who_received_help_by_commune(team, users, policy):
    today = timezone.localdate()
    start = D(today.year, 1, 1)
    xa1, c1 = users["xa1"], team["child"].commune
    kids = [PersonFactory(sex="F", birth_year=today.year - 8, commune=c1, citizen_id=None) for _ in range(4)]
    for kid, group in zip(kids, ["a", "b", "dd", "x2"], strict=True):
        services.circumstance_add(user=xa1, person=kid, group=group, since=D(today.year - 1, 6, 1))
    services.circumstance_add(user=xa1, person=team["child"], group="h", since=D(today.year - 1, 6, 1))  # not a priority
    services.support_add(user=xa1, person=kids[0], kind="in_kind", given_on=today, provider="Hội Chữ thập đỏ",
                         amount=Decimal(1_000_000))
    enrolment_make(kids[3], categories="5.1")
    result = indicators.compute(indicators.get(CHILDREN), user=users["tinh"], day=today, start=start)
    assert result.by_commune == {c1.pk: (2, 4)} and result.share == 50.0
    rows = list(indicators.get(CHILDREN).drill(user=users["tinh"], day=today, start=start, commune=None,
                                               part="missing"))
    assert [r.values[0] for r in rows] == [kids[1].full_name]  # the HIV child is not listed by name
    assert indicators.compute(indicators.get(CHILDREN), user=users["xa2"], day=today, start=start).by_commune == {}
    by_group = indicators.breakdown(indicators.get(CHILDREN), user=users["tinh"], day=today, start=start)
    assert by_group == {("F", "0-15"): (2, 4)}  # four girls of 8, two helped


def test_people_supported_counts_each_person_once_per_commune(team, open_case, users):
    open_case()
    open_case()  # the same child again
    open_case(person=team["adult"], case_type="elderly")
    result = indicators.compute(indicators.get(PEOPLE), user=users["tinh"], day=timezone.localdate(),
                                start=D(timezone.localdate().year, 1, 1))
    assert result.by_commune == {team["committee"].commune_id: (2, None)}
    child, adult = team["child"], team["adult"]
    groups = indicators.breakdown(indicators.get(PEOPLE), user=users["tinh"], day=timezone.localdate(),
                                  start=D(timezone.localdate().year, 1, 1))
    assert sum(n for n, _d in groups.values()) == 2
    assert groups[(child.sex, indicators.AGE_BANDS[0][0])] == (1, None)
    assert (adult.sex, "16-59" if timezone.localdate().year - adult.birth_year < 60 else "60+") in groups
    assert indicators.compute(indicators.get(PEOPLE), user=team["worker"], day=timezone.localdate()).numerator == 0


def test_an_officer_opening_a_case_for_the_unit_goes_back_to_the_workbench(team, users):
    client = Client()
    client.force_login(users["xa1"])
    response = client.post(reverse("casework:case_open"), {
        "organisation": team["committee"].pk, "source": "community", "received_at": "2026-11-30T08:00",
        "case_type": "elderly", "risk": "low", "summary": "Cụ sống một mình", "citizen_ids": "",
        "new_name": "Cụ Mới Vào Sổ", "new_birth": "1940", "new_sex": "F", "worker": team["worker"].pk,
        "supervisor": team["supervisor"].pk})
    assert response.status_code == 302 and response.url == reverse("casework:workbench")
    case = Case.objects.get()
    assert case.subjects.get().person.full_name == "Cụ Mới Vào Sổ"
    assert client.get(reverse("casework:case_detail", args=[case.pk])).status_code == 404
