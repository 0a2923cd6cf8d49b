"""The organisations' pages and API: list, search, create, a back-dated change through the form that touches
only what the officer changed, closing, the export, and the API's writes with their errors."""

import datetime

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from ansinh.facilities import services
from ansinh.facilities.models import Kind, Organisation

pytestmark = pytest.mark.django_db

D = datetime.date


def api(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def school(users, communes):
    organisation = services.organisation_create(user=users["xa1"], valid_from=D(2020, 9, 1), name="Trường THCS Tân Thành",
                                                kind=Kind.SCHOOL, commune=communes["c1"])
    return services.organisation_change(user=users["xa1"], organisation=organisation, expected_version=1,
                                        valid_from=D(2024, 9, 1), provides_social_work=True)


def test_the_list_finds_by_name_without_diacritics_and_exports(client, users, communes, school):
    services.commune_committees_load(province_code="96")
    client.force_login(users["xa1"])
    page = client.get(reverse("facilities:organisation_list"), {"search": "tan thanh"}).content.decode()
    assert "Trường THCS Tân Thành" in page and f"UBND {communes['c2'].name}" not in page
    page = client.get(reverse("facilities:organisation_list"), {"kind": "commune_committee"}).content.decode()
    assert f"UBND {communes['c1'].name}" in page and "Trường THCS" not in page
    export = client.get(reverse("facilities:organisation_export", args=["csv"]))
    assert export.status_code == 200 and "Trường THCS Tân Thành" in export.getvalue().decode("utf-8-sig")


def test_create_and_a_back_dated_change_through_the_form(client, users, communes, school):
    client.force_login(users["xa1"])
    form = {"valid_from": "2021-01-15", "name": "Trạm y tế xã", "kind": "health_centre", "ownership": "public",
            "commune": communes["c1"].pk, "in_plan_scope": "on"}
    response = client.post(reverse("facilities:organisation_create"), form)
    created = Organisation.objects.get(name="Trạm y tế xã")
    assert response.status_code == 302 and created.periods.get().in_plan_scope
    # the form shows the school as it is today; the officer ticks "in the plan's scope" from 2023: the 2024 change
    # (social-work services) stays as recorded
    url = reverse("facilities:organisation_change", args=[school.pk])
    initial = client.get(url).context["form"].initial
    assert initial["provides_social_work"] is True and initial["version"] == school.version
    data = {**{k: v for k, v in initial.items() if v not in (None, False)}, "commune": communes["c1"].pk,
            "valid_from": "2023-01-01", "in_plan_scope": "on"}
    data.pop("parent", None)
    response = client.post(url, data)
    assert response.status_code == 302
    chain = [(p.valid_from, p.in_plan_scope, p.provides_social_work) for p in school.periods.order_by("valid_from")]
    assert chain == [(D(2020, 9, 1), False, False), (D(2023, 1, 1), True, False), (D(2024, 9, 1), True, True)]
    detail = client.get(reverse("facilities:organisation_detail", args=[school.pk])).content.decode()
    assert "01/01/2023" in detail and "01/09/2024" in detail
    # the same page submitted again (its version is stale now): refused, nothing written
    response = client.post(url, {**data, "valid_from": "2022-01-01", "name": "Tên khác"})
    assert response.status_code == 200 and "người khác sửa" in response.content.decode()
    assert school.periods.count() == 3


def test_form_errors_name_the_field(client, users, communes):
    client.force_login(users["xa1"])
    response = client.post(reverse("facilities:organisation_create"),
                           {"valid_from": "2021-01-15", "name": "  ", "kind": "school", "ownership": "public",
                            "commune": communes["c1"].pk})
    assert response.status_code == 200 and "name" in response.context["form"].errors
    assert not Organisation.objects.exists()


def test_closing_from_the_page(client, users, school):
    client.force_login(users["xa1"])
    response = client.post(reverse("facilities:organisation_close", args=[school.pk]),
                           {"on": "2026-06-01", "version": school.version, "basis": "Sáp nhập"})
    assert response.status_code == 302
    page = client.get(reverse("facilities:organisation_detail", args=[school.pk])).content.decode()
    assert "đã giải thể" in page and "01/06/2026" in page


def test_the_api_lists_creates_changes_and_closes(users, communes, school):
    client = api(users["xa1"])
    listed = client.get("/api/v1/organisations/", {"search": "tan thanh"}).json()
    assert [o["code"] for o in listed["results"]] == [school.code]
    assert [p["provides_social_work"] for p in listed["results"][0]["periods"]] == [False, True]
    created = client.post("/api/v1/organisations/", {"valid_from": "2025-07-01", "name": "Điểm trường Ấp 3",
                                                     "kind": "school", "commune": communes["c1"].code,
                                                     "parent": school.pk}, format="json")
    assert created.status_code == 201 and created.json()["periods"][0]["parent"] == school.pk
    changed = client.post(f"/api/v1/organisations/{school.pk}/change/",
                          {"valid_from": "2023-01-01", "in_plan_scope": True, "version": school.version}, format="json")
    assert changed.status_code == 200
    assert [p["in_plan_scope"] for p in changed.json()["periods"]] == [False, True, True]
    stale = client.post(f"/api/v1/organisations/{school.pk}/change/",
                        {"valid_from": "2023-01-01", "name": "X", "version": school.version}, format="json")
    assert stale.status_code == 409
    bad = client.post("/api/v1/organisations/", {"valid_from": "2025-07-01", "name": "", "kind": "school",
                                                 "commune": communes["c1"].code}, format="json")
    assert bad.status_code == 400 and "name" in bad.json()
    closed = client.post(f"/api/v1/organisations/{school.pk}/close/",
                         {"on": "2026-06-01", "version": school.version + 1}, format="json")
    assert closed.status_code == 200 and closed.json()["periods"][-1]["valid_to"] == "2026-06-01"


def test_the_api_keeps_to_the_jurisdiction(users, communes, school):
    theirs = api(users["xa2"])
    assert theirs.get(f"/api/v1/organisations/{school.pk}/").status_code == 404
    assert theirs.post(f"/api/v1/organisations/{school.pk}/change/",
                       {"valid_from": "2025-01-01", "in_plan_scope": True, "version": school.version},
                       format="json").status_code == 404
    outside = theirs.post("/api/v1/organisations/", {"valid_from": "2025-07-01", "name": "Trường X", "kind": "school",
                                                     "commune": communes["c1"].code}, format="json")
    assert outside.status_code == 400 and "commune" in outside.json()
    parent = theirs.post("/api/v1/organisations/", {"valid_from": "2025-07-01", "name": "Trường Y", "kind": "school",
                                                    "commune": communes["c2"].code, "parent": school.pk}, format="json")
    assert parent.status_code == 400 and "parent" in parent.json()
    assert api(users["kiemtra"]).post("/api/v1/organisations/", {}, format="json").status_code == 403
