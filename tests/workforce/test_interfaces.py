"""The workforce through its pages and its API: the same services, the same messages, the same scope."""

import datetime

import pytest
from django.urls import reverse

from ansinh.audit.models import AuditEvent
from ansinh.workforce.models import Attendance, Course, Position, TrainingTarget
from tests.factories import api_client

pytestmark = pytest.mark.django_db

D = datetime.date


def test_an_officer_records_a_collaborator_on_the_page(client, users, network):
    client.force_login(users["xa1"])
    person = network["people"][0]
    form = {"organisation": network["school"].pk, "citizen_id": person.citizen_id, "title": "cong_tac_vien",
            "engagement": "collaborator", "monthly_allowance": "2000000", "start_date": "2026-09-01"}
    bad = client.post(reverse("workforce:position_create"), {**form, "monthly_allowance": "-5"})
    assert bad.status_code == 200 and "không được âm" in bad.content.decode() and not Position.objects.exists()
    unknown = client.post(reverse("workforce:position_create"), {**form, "citizen_id": "096000000000"})
    assert "Không tìm thấy người có số định danh 096000000000" in unknown.content.decode()
    response = client.post(reverse("workforce:position_create"), form)
    position = Position.objects.get()
    assert response.status_code == 302 and response.url == reverse("workforce:position_detail", args=[position.pk])
    page = client.get(response.url).content.decode()
    assert person.full_name in page and "dưới lương cơ sở" in page  # 2.000.000 đ < 2.530.000 đ today
    school = client.get(reverse("facilities:organisation_detail", args=[network["school"].pk])).content.decode()
    assert person.full_name in school  # the organisation's page lists its staff
    listed = client.get(reverse("workforce:position_list"), {"below_base_salary": "true"})
    assert listed.context["page"].paginator.count == 1
    assert client.get(reverse("workforce:position_list"), {"below_base_salary": "false"}).context[
        "page"].paginator.count == 0
    # a new allowance from a day, then the end
    client.post(reverse("workforce:position_allowance", args=[position.pk]),
                {"monthly_allowance": "2600000", "from_date": "2026-10-01", "version": 1})
    current = Position.objects.get(previous=position)
    assert current.monthly_allowance == 2_600_000 and current.start_date == D(2026, 10, 1)
    stale = client.post(reverse("workforce:position_end", args=[position.pk]),
                        {"end_date": "2026-11-01", "end_reason": "x", "version": 1}, follow=True)
    assert "người khác sửa" in stale.content.decode()


def test_a_course_its_attendance_and_completion_on_the_page(client, users, network):
    client.force_login(users["tinh"])
    form = {"title": "Bồi dưỡng CTXH trường học", "kind": "in_depth", "organiser": "Trường Đại học Cần Thơ",
            "start_date": "2026-05-04", "end_date": "2026-05-01", "funding": "local", "amount": "30000000"}
    bad = client.post(reverse("workforce:course_create"), form)
    assert "không được trước ngày bắt đầu" in bad.content.decode() and not Course.objects.exists()
    response = client.post(reverse("workforce:course_create"), {**form, "end_date": "2026-05-08"})
    course = Course.objects.get()
    assert response.url == reverse("workforce:course_detail", args=[course.pk]) and course.province_code == "96"
    person = network["people"][0]
    client.post(response.url, {"citizen_id": person.citizen_id})
    twice = client.post(response.url, {"citizen_id": person.citizen_id})
    assert "đã có trong danh sách học viên" in twice.content.decode()
    early = client.post(reverse("workforce:attendance_complete", args=[Attendance.objects.get().pk]),
                        {"completed_on": "2026-05-01"}, follow=True)
    assert "trước ngày khai giảng" in early.content.decode()
    client.post(reverse("workforce:attendance_complete", args=[Attendance.objects.get().pk]),
                {"completed_on": "2026-05-08"})
    assert Attendance.objects.get().completed_on == D(2026, 5, 8)
    # the commune officer sees the province's course and the attendance of their own people
    client.force_login(users["xa2"])
    page = client.get(reverse("workforce:course_detail", args=[course.pk])).content.decode()
    assert "Bồi dưỡng CTXH trường học" in page and person.full_name not in page


def test_the_dashboard_shows_the_indicators_and_a_target(client, users, network):
    client.force_login(users["tinh"])
    response = client.post(reverse("workforce:target_set"), {"year": 2026, "places": 140, "basis": "62/KH-UBND"})
    assert response.status_code == 302 and TrainingTarget.objects.get().places == 140
    page = client.get(reverse("workforce:dashboard"), {"day": "2026-07-01"})
    body = page.content.decode()
    assert page.status_code == 200 and "2.530.000" in body and "chỉ tiêu năm" in body
    figures = {r.indicator.code: (r.numerator, r.denominator) for r in page.context["figures"]}
    assert figures["facilities.provides_social_work"] == (1, 3)
    assert figures["workforce.orgs_staffed"] == (0, 3)
    drill = client.get(reverse("core:indicator_detail", args=["workforce.orgs_staffed"]),
                       {"day": "2026-07-01", "part": "missing"})
    assert "Trường THCS Hòa Thành" in drill.content.decode()
    client.force_login(users["xa1"])
    assert client.post(reverse("workforce:target_set"), {"year": 2027, "places": 1, "basis": "x"}).status_code == 302
    assert not TrainingTarget.objects.filter(year=2027).exists()  # a commune does not set the province's target


def test_the_api_records_and_answers_the_indicators(users, network, communes):
    client = api_client(users["xa1"])
    person = network["people"][1]
    body = {"citizen_id": person.citizen_id, "organisation": network["school"].pk, "title": "vien_chuc",
            "engagement": "full_time", "monthly_allowance": "3000000", "start_date": "2026-01-01"}
    assert client.post("/api/v1/sw-positions/", {**body, "end_date": "2025-01-01"}, format="json").json()[
        "end_date"] == ["Ngày kết thúc không được trước ngày bắt đầu."]
    created = client.post("/api/v1/sw-positions/", body, format="json")
    assert created.status_code == 201, created.content
    second = client.post("/api/v1/sw-positions/", {**body, "organisation": network["station"].pk}, format="json")
    assert second.status_code == 400 and "chuyên trách" in second.json()["engagement"][0]
    other = client.post("/api/v1/sw-positions/", {**body, "organisation": network["school2"].pk}, format="json")
    assert other.status_code == 404  # an organisation outside the jurisdiction is not found
    answer = client.get("/api/v1/indicators/workforce.orgs_staffed/", {"day": "2026-07-01"}).json()
    assert (answer["numerator"], answer["denominator"], answer["share"]) == (1, 2, 50.0)
    assert answer["by_commune"] == [{"commune": communes["c1"].code, "name": communes["c1"].name,
                                     "numerator": 1, "denominator": 2}]
    records = client.get("/api/v1/indicators/workforce.orgs_staffed/records/", {"day": "2026-07-01"}).json()
    assert [row["values"][0] for row in records["rows"]] == ["Trường Tiểu học Tân Thành"]
    codes = {i["code"] for i in client.get("/api/v1/indicators/").json()}
    assert {"workforce.orgs_staffed", "workforce.staff_trained", "facilities.provides_social_work"} <= codes
    assert api_client(users["chitra"]).get("/api/v1/indicators/workforce.orgs_staffed/").status_code == 404
    assert AuditEvent.objects.filter(object_type="workforce.position").count() == 1


def test_qualifications_on_the_page_and_the_api(client, users, network):
    from ansinh.workforce import services

    person = network["people"][0]
    position = services.position_create(user=users["xa1"], person=person, organisation=network["school"],
                                        title="cong_tac_vien", engagement="collaborator", monthly_allowance=0,
                                        start_date=D(2026, 1, 1))
    client.force_login(users["xa1"])
    url = reverse("workforce:qualification_add", args=[position.pk])
    bad = client.post(url, {"q-level": "dai_hoc", "q-year": "1900"}, follow=True)
    assert "Năm phải từ 1950" in bad.content.decode()
    client.post(url, {"q-level": "dai_hoc", "q-social_work": "on", "q-year": "2016"})
    client.post(reverse("workforce:certificate_add", args=[position.pk]),
                {"c-number": "123/CTXH", "c-issued_on": "2026-03-01", "c-issuer": "Sở Y tế Cà Mau"})
    page = client.get(reverse("workforce:position_detail", args=[position.pk])).content.decode()
    assert "Đại học công tác xã hội (2016)" in page and "123/CTXH" in page
    person_page = client.get(reverse("registry:person_detail", args=[person.pk])).content.decode()
    assert "123/CTXH" in person_page
    api = api_client(users["xa1"])
    answer = api.post(f"/api/v1/sw-positions/{position.pk}/certificates/",
                      {"number": "123/ctxh", "issued_on": "2026-03-01", "issuer": "Sở Y tế"}, format="json")
    assert answer.status_code == 400 and "đã có" in answer.json()["number"][0]
    assert api.post(f"/api/v1/sw-positions/{position.pk}/qualifications/",
                    {"level": "thac_si", "year": 2024}, format="json").status_code == 201


def test_the_dashboard_counts_communes_by_band_of_the_share(client, users, network):
    from ansinh.core import indicators
    from ansinh.workforce import services
    from ansinh.workforce.views import _band, band_counts

    assert [_band(s) for s in (0, 0.1, 59.9, 60, 89.9, 90, 100)] == [0, 1, 1, 2, 2, 3, 3]
    services.position_create(user=users["xa1"], person=network["people"][0], organisation=network["school"],
                             title="cong_tac_vien", engagement="collaborator", monthly_allowance=3_000_000,
                             start_date=D(2025, 1, 1))
    client.force_login(users["tinh"])
    page = client.get(reverse("workforce:dashboard"), {"day": "2026-07-01"})
    chart = str(page.context["chart"])
    assert "Xã/phường theo tỷ lệ" in chart and "<svg" in chart
    result = indicators.compute(indicators.get("workforce.orgs_staffed"), user=users["tinh"], day=D(2026, 7, 1))
    assert band_counts(result) == [1, 1, 0, 0]  # c2: 0 of 1; c1: 1 of 2, below 60%
