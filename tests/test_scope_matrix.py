"""Nobody sees a record outside their jurisdiction: every URL, page and API, list, detail, count, export.

xa1 (officer of commune c1) must find nothing of commune c2 (xa2's); a missing and a forbidden record
look the same (404). The last test fails when a URL is added without being placed in this matrix.
"""

import io
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from ansinh.registry import services
from ansinh.registry.models import DuplicateCandidate
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

SECRET_NAME = "Bí Mật Xã Hai"
SECRET_ID = "096090777777"


@pytest.fixture
def world(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    mine = PersonFactory(full_name="Công Khai Xã Một", sex="M", birth_year=1990, commune=c1, citizen_id="096090111111")
    theirs = PersonFactory(full_name=SECRET_NAME, sex="M", birth_year=1990, commune=c2, citizen_id=SECRET_ID)
    twin = PersonFactory(full_name=SECRET_NAME, sex="M", birth_year=1990, commune=c2, citizen_id=None)
    services.duplicates_scan()
    household = services.household_create(user=users["xa2"], commune=c2, code="HGD-XA2", head=theirs)
    my_household = services.household_create(user=users["xa1"], commune=c1, code="HGD-XA1", head=mine)
    return {"mine": mine, "theirs": theirs, "twin": twin, "household": household, "my_household": my_household,
            "duplicate": DuplicateCandidate.objects.get(person_a=theirs)}


def login(client, username):
    from ansinh.accounts.models import User

    client.force_login(User.objects.get(username=username))
    return client


def api(username):
    client = APIClient()
    response = client.post("/api/v1/auth/token/", {"username": username, "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    return client


def detail_urls(w):
    theirs, household, dup = w["theirs"].pk, w["household"].pk, w["duplicate"].pk
    return [
        ("get", reverse("registry:person_detail", args=[theirs])),
        ("get", reverse("registry:person_edit", args=[theirs])),
        ("post", reverse("registry:person_edit", args=[theirs])),
        ("get", reverse("registry:household_detail", args=[household])),
        ("get", reverse("registry:household_edit", args=[household])),
        ("post", reverse("registry:household_edit", args=[household])),
        ("post", reverse("registry:household_member_add", args=[household])),
        ("post", reverse("registry:household_member_remove", args=[household, 1])),
        ("post", reverse("registry:household_poverty_set", args=[household])),
        ("post", reverse("registry:duplicate_action", args=[dup, "dismiss"])),
    ]


def test_pages_of_another_commune_are_404(client, world):
    login(client, "xa1")
    for method, url in detail_urls(world):
        response = getattr(client, method)(url, {"action": "dismiss"} if method == "post" else None)
        assert response.status_code == 404, (method, url, response.status_code)
    assert DuplicateCandidate.objects.get(pk=world["duplicate"].pk).status == "pending"


def test_missing_and_forbidden_look_the_same(client, world):
    login(client, "xa1")
    forbidden = client.get(reverse("registry:person_detail", args=[world["theirs"].pk]))
    missing = client.get(reverse("registry:person_detail", args=[999999]))
    assert forbidden.status_code == missing.status_code == 404
    strip = lambda r: re.sub(rb'value="[^"]*"|"X-CSRFToken": "[^"]*"', b"", r.content)  # noqa: E731 - tokens differ per render
    assert strip(forbidden) == strip(missing)


@pytest.mark.parametrize("name", ["registry:person_list", "registry:household_list", "registry:duplicate_list", "core:home"])
def test_lists_and_counts_leave_out_another_commune(client, world, name):
    login(client, "xa1")
    for params in ({}, {"search": "bi mat"}, {"search": SECRET_ID}, {"search": "HGD"}):
        body = client.get(reverse(name), params).content.decode()
        body = body.replace(params.get("search", "") or "\0", "")  # the search box echoes the query itself
        assert SECRET_NAME not in body and SECRET_ID not in body and "HGD-XA2" not in body


def test_person_list_count_is_own_commune_only(client, world):
    login(client, "xa1")
    response = client.get(reverse("registry:person_list"))
    assert response.context["page"].paginator.count == 1
    login(client, "tinh")
    assert client.get(reverse("registry:person_list")).context["page"].paginator.count == 3


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_leave_out_another_commune(client, world, fmt):
    login(client, "xa1")
    response = client.get(reverse("registry:person_export", args=[fmt]))
    assert response.status_code == 200
    if fmt == "csv":
        text = b"".join(response.streaming_content).decode("utf-8-sig")
    else:
        sheet = load_workbook(io.BytesIO(response.getvalue())).active
        text = "\n".join(",".join(str(c or "") for c in row) for row in sheet.iter_rows(values_only=True))
    assert "Công Khai Xã Một" in text
    assert SECRET_NAME not in text and SECRET_ID not in text


def test_api_detail_of_another_commune_is_404(world):
    client = api("xa1")
    urls = [
        ("get", f"/api/v1/persons/{world['theirs'].pk}/"),
        ("patch", f"/api/v1/persons/{world['theirs'].pk}/"),
        ("get", f"/api/v1/persons/{world['theirs'].pk}/history/"),
        ("get", f"/api/v1/households/{world['household'].pk}/"),
        ("patch", f"/api/v1/households/{world['household'].pk}/"),
        ("post", f"/api/v1/households/{world['household'].pk}/members/"),
        ("post", f"/api/v1/households/{world['household'].pk}/poverty/"),
        ("get", f"/api/v1/duplicates/{world['duplicate'].pk}/"),
        ("post", f"/api/v1/duplicates/{world['duplicate'].pk}/merge/"),
        ("post", f"/api/v1/duplicates/{world['duplicate'].pk}/dismiss/"),
    ]
    for method, url in urls:
        response = getattr(client, method)(url, {"version": 1, "keep": "a"}, format="json")
        assert response.status_code == 404, (method, url, response.status_code, response.content)


def test_api_lists_and_counts_leave_out_another_commune(world):
    client = api("xa1")
    for url in ["/api/v1/persons/", "/api/v1/persons/?search=bi%20mat", f"/api/v1/persons/?search={SECRET_ID}",
                "/api/v1/households/", "/api/v1/duplicates/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert SECRET_NAME not in response.content.decode() and "HGD-XA2" not in response.content.decode()
    assert client.get("/api/v1/persons/").json()["count"] == 1
    assert client.get("/api/v1/households/").json()["count"] == 1
    assert api("tinh").get("/api/v1/persons/").json()["count"] == 3


def test_api_cannot_create_in_another_commune(world, communes):
    client = api("xa1")
    response = client.post("/api/v1/persons/", {"full_name": "Người Lạ", "birth_year": 1990, "sex": "M",
                                                 "commune": communes["c2"].code}, format="json")
    assert response.status_code == 400
    assert "địa bàn" in response.json()["commune"][0]


def test_other_province_and_payment_agent_see_nothing(client, world):
    for username in ("hanoi", "chitra"):
        client.logout()
        login(client, username)
        response = client.get(reverse("registry:person_list"))
        if response.status_code == 200:
            assert response.context["page"].paginator.count == 0
        else:
            assert response.status_code == 404
        assert client.get(reverse("registry:person_detail", args=[world["mine"].pk])).status_code == 404
        assert api(username).get("/api/v1/persons/").status_code in (200, 403)
        body = api(username).get("/api/v1/persons/").content.decode()
        assert "Công Khai" not in body and SECRET_NAME not in body


def test_auditor_reads_province_and_audit_but_cannot_write(client, world):
    login(client, "kiemtra")
    assert client.get(reverse("registry:person_detail", args=[world["theirs"].pk])).status_code == 200
    assert client.get(reverse("audit:event_list")).status_code == 200
    assert client.get(reverse("registry:person_edit", args=[world["theirs"].pk])).status_code == 404
    assert client.post(reverse("registry:person_edit", args=[world["theirs"].pk])).status_code == 403
    assert api("kiemtra").patch(f"/api/v1/persons/{world['theirs'].pk}/", {"phone": "1", "version": 1}, format="json").status_code == 403


def test_audit_log_is_scoped(client, world):
    from ansinh.accounts.models import User

    User.objects.filter(username="xa1").update(role="commune_leader")
    login(client, "xa1")
    page = client.get(reverse("audit:event_list")).content.decode()
    assert "HGD-XA1" in page and "HGD-XA2" not in page


# Every named URL must be in this matrix: either covered above, or public/own-user by nature.
COVERED = {
    "registry:person_list", "registry:person_create", "registry:person_export", "registry:person_detail",
    "registry:person_edit", "registry:household_list", "registry:household_create", "registry:household_detail",
    "registry:household_edit", "registry:household_member_add", "registry:household_member_remove",
    "registry:household_poverty_set", "registry:duplicate_list", "registry:duplicate_action", "audit:event_list",
    "core:home", "person-list", "person-detail", "person-history", "household-list", "household-detail",
    "household-members", "household-poverty", "duplicate-list", "duplicate-detail", "duplicate-merge",
    "duplicate-dismiss",
    # province top-ups: tests/assistance/test_parameters.py (another province's rows are not shown)
    "assistance:parameter_list", "assistance:parameter_add", "policy-parameter-list", "policy-parameter-detail",
    # enrolments and payroll: tests/assistance/test_enrolment_views.py (xa2 gets 404 and an empty list)
    "assistance:enrolment_list", "assistance:enrolment_changes", "assistance:enrolment_create",
    "assistance:pension_create",
    "assistance:enrolment_detail", "assistance:enrolment_action",
    "payments:run_list", "payments:run_detail", "payments:run_export",
    "assistance:application_list", "assistance:posting_list", "assistance:application_create",
    "assistance:application_detail", "assistance:application_decision", "assistance:application_action",
    "application-list", "application-detail", "application-advance", "application-reject", "application-complaint",
    "assistance:health_insurance", "health-insurance",  # tests/assistance/test_health_insurance.py
    # tests/payments/test_files.py (an agent sees its own files only)
    "payments:run_issue", "payments:file_list", "payments:file_detail", "payments:file_export",
    # tests/payments/test_payments_api.py
    "enrolment-list", "enrolment-detail", "enrolment-reassess", "enrolment-suspend", "enrolment-resume",
    "enrolment-move", "enrolment-end", "enrolment-death", "payroll-run-list", "payroll-run-detail", "payroll-run-lines",
    # tests/payments/test_files_api.py (another agent's or commune's file is 404, like a missing one)
    "payment-file-list", "payment-file-detail", "payment-file-lines", "payment-file-export", "payment-file-reconcile",
    "payroll-run-issue-files",
}
NOT_SCOPED = {
    # sign-in, language, API schema and docs, reference data (administrative units), users (own tests)
    "accounts:login", "accounts:logout", "accounts:user_list", "accounts:user_create", "set_language", "api-token",
    "api-schema", "api-docs", "api-root", "admin-unit-list", "admin-unit-detail",
    # the allowance calculator computes from what it is given and reads no record
    "assistance:calculator", "allowance-evaluate",
    # public holidays are national reference data (tests/core/test_holidays.py)
    "core:holiday_list",
}


def _names(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _names(p.url_patterns, prefix + (p.namespace + ":" if p.namespace else ""))
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name


def test_every_url_is_in_the_matrix():
    names = set(_names(get_resolver().url_patterns))
    assert names - COVERED - NOT_SCOPED == set()
