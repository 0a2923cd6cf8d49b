"""Who sees a case file: its worker, its supervisor, the receiving worker of an accepted referral and the users it
is shared with — no one else, not an officer of the same commune, not the province, not an administrator, in no
page, list, count, export or API. Every page and endpoint of a case against every role and relation."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from ansinh.audit.models import AuditEvent
from ansinh.casework import services
from tests.factories import make_user

pytestmark = pytest.mark.django_db

SECRET = "Ca mật: trẻ bị xâm hại, cha dượng là người gây hại"
CHILD = "Lê Thị Bé"


@pytest.fixture
def world(team, open_case, users, communes):
    case = open_case(risk="serious")
    services.case_update(user=team["worker"], case=case, expected_version=case.version, summary=SECRET)
    referral = services.case_refer(user=team["worker"], case=case, to=team["centre"], reason="Tham vấn chuyên sâu",
                                   consent_by="parent", consent_name="Lê Văn Cha", consent_on=timezone.localdate(),
                                   head_consent=True)
    services.referral_respond(user=team["centre_head"], referral=referral, accept=True,
                              receiving_worker=team["centre_worker"])
    shared = make_user("chiase", "social_worker", communes["c1"])
    services.case_share(user=team["worker"], case=case, with_user=shared, reason="Trực thay khi nghỉ phép")
    return {"case": case, "users": {
        "worker": team["worker"], "supervisor": team["supervisor"], "receiver": team["centre_worker"],
        "shared": shared, "same_unit": team["colleague"], "commune_officer": users["xa1"],
        "commune_leader": team["chairman"], "receiving_head": team["centre_head"], "other_commune": team["far"],
        "province_officer": users["tinh"], "auditor": users["kiemtra"], "administrator": users["admin"],
        "other_province": users["hanoi"], "payment_agent": users["chitra"]}}


RELATED = {"worker", "supervisor", "receiver", "shared"}
ROLES = ["worker", "supervisor", "receiver", "shared", "same_unit", "commune_officer", "commune_leader",
         "receiving_head", "other_commune", "province_officer", "auditor", "administrator", "other_province",
         "payment_agent"]


def _pages(case):
    pk = case.pk
    return {"detail": reverse("casework:case_detail", args=[pk]),
            "form": reverse("casework:case_form", args=[pk, "report"]),
            "api": f"/api/v1/cases/{pk}/"}


@pytest.mark.parametrize("who", ROLES)
def test_a_case_file_is_read_by_its_relations_only(world, who):
    case, user = world["case"], world["users"][who]
    web, api = Client(), APIClient()
    web.force_login(user)
    api.force_login(user)
    expected = 200 if who in RELATED else 404
    pages = _pages(case)
    assert web.get(pages["detail"]).status_code == expected
    assert web.get(pages["form"]).status_code == expected
    assert api.get(pages["api"]).status_code in ((200,) if expected == 200 else (403, 404))
    # a list, its count and its export
    listed = web.get(reverse("casework:case_list"))
    if listed.status_code == 200:
        body = listed.content.decode()
        assert (case.code in body) == (who in RELATED)
        assert SECRET not in body  # never in a list, whoever reads it
        assert listed.context["page"].paginator.count == (1 if who in RELATED else 0)
    export = web.get(reverse("casework:case_export", args=["csv"]))
    if export.status_code == 200:
        content = b"".join(export.streaming_content).decode("utf-8-sig") if export.streaming \
            else export.content.decode("utf-8-sig")
        assert (case.code in content) == (who in RELATED)
        assert SECRET not in content and CHILD not in content
    listed = api.get("/api/v1/cases/")
    if listed.status_code == 200:
        assert listed.json()["count"] == (1 if who in RELATED else 0)
        assert SECRET not in listed.content.decode()
    bench = web.get(reverse("casework:workbench"))
    if bench.status_code == 200:
        assert SECRET not in bench.content.decode()
        if who not in RELATED:
            assert case.code not in bench.content.decode()
    # the person's page shows the case only to those related
    person = web.get(reverse("registry:person_detail", args=[case.subjects.get().person_id]))
    if person.status_code == 200:
        assert (case.code in person.content.decode()) == (who in RELATED)


@pytest.mark.parametrize("who", ROLES)
def test_a_step_is_refused_to_anyone_unrelated_and_nothing_is_written(world, who):
    case, user = world["case"], world["users"][who]
    api = APIClient()
    api.force_login(user)
    before = AuditEvent.objects.exclude(action="view").count()
    response = api.post(f"/api/v1/cases/{case.pk}/review/", {"at": timezone.now().isoformat(), "note": "x"},
                        format="json")
    if who in RELATED:
        assert response.status_code in (400, 403)  # the stage (no approved plan yet) or the relation refuses
    else:
        assert response.status_code in (403, 404)
    assert AuditEvent.objects.exclude(action="view").count() == before


def test_every_reading_is_recorded_and_a_refused_one_too_is_not_a_reading(world):
    case = world["case"]
    for who in ("worker", "receiver", "shared", "commune_officer"):
        client = Client()
        client.force_login(world["users"][who])
        client.get(reverse("casework:case_detail", args=[case.pk]))
        api = APIClient()
        api.force_login(world["users"][who])
        api.get(f"/api/v1/cases/{case.pk}/")
    views = AuditEvent.objects.filter(action="view", object_type="casework.case", object_id=str(case.pk))
    assert sorted(views.values_list("actor__username", flat=True)) == sorted(
        ["ctxh1", "ctxh1", "trungtam1", "trungtam1", "chiase", "chiase"])


def test_a_referral_receiver_sees_that_case_and_no_other_of_the_unit(world, open_case, team):
    other = open_case()
    client = Client()
    client.force_login(team["centre_worker"])
    assert client.get(reverse("casework:case_detail", args=[other.pk])).status_code == 404
    assert client.get(reverse("casework:case_detail", args=[world["case"].pk])).status_code == 200


def test_counts_for_oversight_have_no_names(world, users):
    client = Client()
    client.force_login(users["tinh"])
    page = client.get(reverse("casework:worker_list"))
    assert page.status_code == 200 and "ctxh1" in page.content.decode() and CHILD not in page.content.decode()
    from ansinh.casework.indicators import PEOPLE
    from ansinh.core import indicators
    result = indicators.compute(indicators.get(PEOPLE), user=users["tinh"], day=timezone.localdate(),
                                start=datetime.date(timezone.localdate().year, 1, 1))
    assert result.numerator == 1
    drill = client.get(reverse("core:indicator_detail", args=[PEOPLE]), {"part": "numerator"})
    assert drill.status_code == 200 and world["case"].code not in drill.content.decode()
    assert CHILD not in drill.content.decode()
