"""Nobody sees a record outside their jurisdiction: every URL, page and API, list, detail, count, export.

xa1 (officer of commune c1) must find nothing of commune c2 (xa2's): `MATRIX` holds every URL of the project
with the one status xa1 gets, asked by a real request for a record of c2 (or a list, a form); every 404 is
checked to be a 200 for the record's own officer, so that it is the scope that refuses, not a broken URL.
A URL added without its line in `MATRIX` fails `test_every_url_is_in_the_matrix`.
"""

import datetime
import io
import re
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from rest_framework.test import APIClient

from ansinh.core.checks import url_patterns
from ansinh.exchange.services import import_upload
from ansinh.facilities.services import (
    organisation_create,
    project_create,
    resident_admit,
    service_start,
)
from ansinh.fund.services import fund_create
from ansinh.registry import services
from ansinh.registry.models import DuplicateCandidate, HouseholdMember, Person
from ansinh.workforce import services as workforce
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

SECRET_NAME = "Bí Mật Xã Hai"
SECRET_ID = "096090777777"
SECRET_APPLICANT = "Ứng Viên Xã Hai"
SECRET_SCHOOL = "Trường Bí Mật Xã Hai"
SECRET_CASE = "Ca Bí Mật Xã Hai bị bạo hành"
SECRET_CHILD = "Trẻ Bí Mật Xã Hai"
SECRET_EVENT = "Lũ Bí Mật Xã Hai"
SECRET_VICTIM = "Nạn Nhân Bí Mật"


@pytest.fixture
def world(users, communes):
    c1, c2 = communes["c1"], communes["c2"]
    mine = PersonFactory(full_name="Công Khai Xã Một", sex="M", birth_year=1990, commune=c1, citizen_id="096090111111")
    theirs = PersonFactory(full_name=SECRET_NAME, sex="M", birth_year=1990, commune=c2, citizen_id=SECRET_ID)
    twin = PersonFactory(full_name=SECRET_NAME, sex="M", birth_year=1990, commune=c2, citizen_id=None)
    services.duplicates_scan()
    household = services.household_create(user=users["xa2"], commune=c2, code="HGD-XA2", head=theirs)
    my_household = services.household_create(user=users["xa1"], commune=c1, code="HGD-XA1", head=mine)
    organisation = organisation_create(user=users["xa2"], valid_from=datetime.date(2020, 9, 1), name=SECRET_SCHOOL,
                                       kind="school", commune=c2)
    position = workforce.position_create(user=users["xa2"], person=theirs, organisation=organisation,
                                         title="cong_tac_vien", engagement="collaborator",
                                         monthly_allowance=Decimal(3_000_000), start_date=datetime.date(2025, 1, 1))
    course = workforce.course_create(user=users["xa2"], title="Tập huấn xã hai", kind="short", organiser="UBND xã",
                                     start_date=datetime.date(2026, 1, 5), end_date=datetime.date(2026, 1, 6),
                                     funding="local")
    attendance = workforce.attendance_record(user=users["xa2"], course=course, person=theirs)
    centre = organisation_create(user=users["xa2"], valid_from=datetime.date(2020, 1, 1), name="Trung tâm xã hai",
                                 kind="social_assistance", commune=c2)
    resident = resident_admit(user=users["xa2"], organisation=centre, person=twin, care_group="self_care",
                              admitted_on=datetime.date(2025, 1, 1))
    case_world = _casework(users, c2, theirs)
    return {**case_world, "mine": mine, "theirs": theirs, "twin": twin, "household": household, "my_household": my_household,
            "duplicate": DuplicateCandidate.objects.get(person_a=theirs), "c2": c2, "organisation": organisation,
            "position": position, "course": course, "attendance": attendance, "resident": resident,
            "project": project_create(user=users["xa2"], name="Nâng cấp Trung tâm xã hai", purpose="upgrade",
                                      organisation=centre, total=Decimal(5_000_000_000), start_year=2026,
                                      end_year=2027, basis="QĐ 1"),
            "service": service_start(user=users["xa2"], organisation=centre, service="counselling",
                                     started_on=datetime.date(2025, 1, 1)),
            "fund": fund_create(user=users["xa2"], name="Quỹ xã hai", established_on=datetime.date(2026, 1, 1),
                                basis="QĐ 1")}


def _casework(users, c2, theirs):
    """A case at c2's People's Committee, worked by c2's social workers (xa2 is the commune officer, related to
    nothing), shared and referred; a child of c2 in the register."""
    from ansinh.casework import services as casework
    from tests.factories import make_user

    xa2 = users["xa2"]
    committee = organisation_create(user=xa2, valid_from=datetime.date(2020, 1, 1), name="UBND xã hai",
                                    kind="commune_committee", commune=c2)
    centre = organisation_create(user=xa2, valid_from=datetime.date(2020, 1, 1), name="Điểm CTXH xã hai",
                                 kind="social_work_centre", commune=c2)
    worker, supervisor = make_user("ctxh_xa2", "social_worker", c2), make_user("gs_xa2", "social_worker", c2)
    casework.worker_add(user=xa2, organisation=committee, worker=worker)
    case_worker = casework.worker_add(user=xa2, organisation=committee, worker=supervisor, supervisor=True)
    casework.worker_add(user=xa2, organisation=centre, worker=supervisor, supervisor=True)
    case = casework.case_open(user=xa2, organisation=committee, source="hotline",
                              received_at=timezone.now() - datetime.timedelta(hours=1), case_type="child_protection",
                              risk="high", summary=SECRET_CASE, worker=worker, supervisor=supervisor, subjects=[theirs])
    share = casework.case_share(user=worker, case=case, with_user=make_user("ld_xa2", "commune_leader", c2),
                                reason="Trình phê duyệt")
    referral = casework.case_refer(user=worker, case=case, to=centre, reason="Tham vấn", consent_by="parent",
                                   consent_name="Cha", consent_on=timezone.localdate(), head_consent=True)
    child = PersonFactory(full_name=SECRET_CHILD, sex="F", birth_year=timezone.localdate().year - 8, commune=c2,
                          citizen_id=None)
    circumstance = casework.circumstance_add(user=xa2, person=child, group="a", since=datetime.date(2025, 1, 1))
    return {"case": case, "share": share, "referral": referral, "child": child, "circumstance": circumstance,
            "case_worker": case_worker}


@pytest.fixture
def paid_world(world, users, communes, settings, tmp_path):
    """The world, and c2's social assistance: a decided enrolment, an application decided (with its DOCX), the
    month's payroll of the commune and its payment file; and a top-up of another province (Hà Nội)."""
    from ansinh.assistance import services as assistance
    from ansinh.core.models import PolicyParameter
    from ansinh.core.parameters import load_defaults
    from ansinh.payments.models import PaymentAgent
    from ansinh.payments.services import payment_files_issue, payroll_generate

    load_defaults(PolicyParameter)
    today = timezone.localdate()
    c2 = world["c2"]
    Person.objects.filter(pk=world["theirs"].pk).update(disability_level="severe")
    theirs = Person.objects.get(pk=world["theirs"].pk)
    enrolment = assistance.enrolment_create(user=users["xa2"], person=theirs, categories=["5.6"],
                                            decision_number="9/QĐ-UBND", decision_date=today)
    applicant = PersonFactory(full_name=SECRET_APPLICANT, sex="F", birth_year=1960, commune=c2, citizen_id=None,
                              disability_level="especially_severe")
    application = assistance.application_receive(user=users["xa2"], person=applicant, form_type="1d",
                                                 categories=["5.6"], received_on=today)
    for _step in ("verified", "decided"):
        application = assistance.application_advance(user=users["xa2"], application=application,
                                                     expected_version=application.version, done_on=today)
    PaymentAgent.objects.create(code="BD96", name="Bưu điện tỉnh", province_code="96")
    run = payroll_generate(user=users["xa2"], month=today, province_code="96", commune=c2)
    [payment_file] = payment_files_issue(user=users["xa2"], run=run)
    hanoi_top_up = PolicyParameter.objects.create(key="standard_level", province_code="01", value=Decimal(600_000),
                                                  valid_from=datetime.date(2026, 1, 1), legal_basis="NQ HĐND Hà Nội")
    member = HouseholdMember.objects.get(household=world["household"], person=theirs)
    settings.MEDIA_ROOT = tmp_path / "media"
    job = import_upload(user=users["xa2"], kind="persons", name="ds-xa2.csv",  # one good row, one with an error
                        chunks=iter([f"Họ và tên,Giới tính\n{SECRET_NAME} Hai,Nam\n{SECRET_NAME} Ba,?\n".encode()]))
    from ansinh.monitoring.services import plan_record
    hanoi_plan, _made = plan_record(user=users["hanoi"], data={
        "number": "7/KH-UBND", "issuer": "Ủy ban nhân dân thành phố Hà Nội", "date": "2026-01-05",
        "title": "Kế hoạch của Hà Nội", "parent": "", "province_code": "01",
        "tasks": [{"title": "Rà soát", "lead": "Sở Y tế", "timeline": "Hàng năm"}],
        "targets": [{"period_start": 2026, "period_end": 2030, "value": 90, "unit": "%", "text": "Đạt 90%."}]})
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ansinh.monitoring.services import task_update_record
    hanoi_task = hanoi_plan.tasks.get()
    evidence = task_update_record(user=users["hanoi"], task=hanoi_task, due_on=datetime.date(today.year, 12, 31),
                                  status="done", evidence=SimpleUploadedFile("bc.pdf", b"%PDF"))
    from ansinh.monitoring.services import report_prepare
    ca_mau_plan, _made = plan_record(user=users["tinh"], data={
        "number": "8/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Cà Mau", "date": "2026-01-05",
        "title": "Kế hoạch của Cà Mau", "parent": "", "province_code": "96", "tasks": [],
        "reports": [{"kind": "year", "level": "commune", "due": "12-10"}],
        "targets": [{"period_start": 2026, "period_end": 2030, "value": 90, "unit": "%", "text": "Đạt 90%."}]})
    report = report_prepare(user=users["xa2"], plan=ca_mau_plan, period=str(today.year))
    from ansinh.monitoring.services import definition_record
    definition = definition_record(user=users["hanoi"], code="hn.rieng", label="Chỉ số riêng của Hà Nội",
                                   numerator_label="người")
    return {**world, "plan_report": report, "plan_task": hanoi_task, "evidence": evidence, "definition": definition, "enrolment": enrolment, "application": application, "run": run, "file": payment_file,
            "parameter": hanoi_top_up, "member": member, "job": job, "plan": hanoi_plan,
            **_emergency(users["xa2"], c2, today)}


def _emergency(xa2, c2, today):
    """A flood in c2: its list (a collapsed house, a death), the aid decided at once, a request to the province,
    the funeral support decided."""
    from ansinh.assistance.models import FuneralSupport
    from ansinh.emergency import services as emergency

    event = emergency.event_create(user=xa2, kind="flood", name=SECRET_EVENT, started_on=today, communes=[c2])
    line, dead = emergency.affected_paste(
        user=xa2, event=event, commune=c2, detected_on=today,
        text=f"{SECRET_VICTIM}\t\t1970\tNam\tẤp 1\tsập nhà\t3\tx\n{SECRET_VICTIM} Hai\t\t1950\tNam\tẤp 1\tchết\t1")
    emergency.aids_propose_minimums(user=xa2, event=event, commune=c2)
    decision = emergency.decision_make(user=xa2, event=event, commune=c2, decided_on=today, reviewed_on=today)
    support = FuneralSupport.objects.get(person=dead.person)
    support = emergency.funeral_decide(user=xa2, support=support, expected_version=support.version, decided_on=today,
                                       recipient="Con trai")
    request = emergency.request_send(user=xa2, event=event, commune=c2, reason="Thiếu gạo", sent_on=today,
                                     rice_kg=500)
    return {"event": event, "line": line, "aid": line.aids.get(), "decision": decision, "funeral": support,
            "support_request": request}


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
    assert client.get(reverse("registry:person_list")).context["page"].paginator.count == 4  # mine, theirs, the twin and c2's child in the register


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


def test_api_lists_and_counts_leave_out_another_commune(world):
    client = api("xa1")
    for url in ["/api/v1/persons/", "/api/v1/persons/?search=bi%20mat", f"/api/v1/persons/?search={SECRET_ID}",
                "/api/v1/households/", "/api/v1/duplicates/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert SECRET_NAME not in response.content.decode() and "HGD-XA2" not in response.content.decode()
    assert client.get("/api/v1/persons/").json()["count"] == 1
    assert client.get("/api/v1/households/").json()["count"] == 1
    assert api("tinh").get("/api/v1/persons/").json()["count"] == 4


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




# --- every URL, one exact status --------------------------------------------------------------------------
# name → [(method, the URL's arguments from the world, the status xa1 gets)]. A GET refused with 404 is
# asked again as the record's own officer (OWNER, else xa2), who must get 200.
THEIRS, HH, DUP = "theirs", "household", "duplicate"
ENR, APP, RUN, FILE, PARAM, JOB = "enrolment", "application", "run", "file", "parameter", "job"
ORG = "organisation"
POS, COURSE, ATT, RES, PROJ, FUND, SERVICE = "position", "course", "attendance", "resident", "project", "fund", \
    "service"
STAFFED = "code:workforce.orgs_staffed"
CASE, SHARE, REF, CHILD, CIRC, CW = "case", "share", "referral", "child", "circumstance", "case_worker"
EVENT, LINE, AID, DECISION, REQUEST, FUNERAL = "event", "line", "aid", "decision", "support_request", "funeral"
PLAN, REPORT, TASK, EVIDENCE = "plan", "plan_report", "plan_task", "evidence"
CASE_STEPS = ("initial_assessment", "emergency", "separation_end", "assess", "plan", "approve", "return_plan", "service",
              "refer", "review", "returned", "close", "reopen", "assign", "share")
API = "/api/v1"
MATRIX = {
    "core:home": [("get", [], 200)],
    "core:holiday_list": [("get", [], 200)],
    "accounts:login": [("get", [], 302)],  # signed in already: sent home
    "accounts:logout": [("post", [], 302)],
    "accounts:user_list": [("get", [], 404)],
    "accounts:user_create": [("get", [], 404)],
    "accounts:user_export": [("get", ["csv"], 404)],
    "registry:person_list": [("get", [], 200)],
    "registry:person_create": [("get", [], 200)],
    "registry:person_export": [("get", ["csv"], 200)],
    "registry:person_detail": [("get", [THEIRS], 404)],
    "registry:person_edit": [("get", [THEIRS], 404), ("post", [THEIRS], 404)],
    "registry:household_list": [("get", [], 200)],
    "registry:household_export": [("get", ["csv"], 200)],
    "registry:household_create": [("get", [], 200)],
    "registry:household_detail": [("get", [HH], 404)],
    "registry:household_edit": [("get", [HH], 404), ("post", [HH], 404)],
    "registry:household_member_add": [("post", [HH], 404)],
    "registry:household_member_remove": [("post", [HH, "member"], 404)],
    "registry:household_poverty_set": [("post", [HH], 404)],
    "registry:duplicate_list": [("get", [], 200)],
    "registry:duplicate_export": [("get", ["csv"], 200)],
    "registry:duplicate_action": [("post", [DUP, "dismiss"], 404), ("post", [DUP, "merge"], 404)],
    "audit:event_list": [("get", [], 404)],  # a commune officer does not read the audit trail
    "audit:event_export": [("get", ["csv"], 404)],
    "assistance:calculator": [("get", [], 200)],
    "assistance:parameter_list": [("get", [], 200)],
    "assistance:parameter_export": [("get", ["csv"], 200)],
    "assistance:parameter_add": [("get", [], 404)],
    "assistance:enrolment_list": [("get", [], 200)],
    "assistance:enrolment_export": [("get", ["csv"], 200)],
    "assistance:enrolment_changes": [("get", [], 200)],
    "assistance:enrolment_create": [("get", [THEIRS], 404)],
    "assistance:pension_create": [("get", [THEIRS], 404)],
    "assistance:enrolment_detail": [("get", [ENR], 404)],
    "assistance:enrolment_action": [("post", [ENR, "suspend"], 404), ("post", [ENR, "death"], 404)],
    "assistance:health_insurance": [("get", [], 200)],
    "assistance:application_list": [("get", [], 200)],
    "assistance:application_export": [("get", ["csv"], 200)],
    "assistance:posting_list": [("get", [], 200)],
    "assistance:application_create": [("get", [THEIRS], 404)],
    "assistance:application_detail": [("get", [APP], 404)],
    "assistance:application_decision": [("get", [APP], 404)],
    "assistance:application_action": [("post", [APP, "advance"], 404)],
    "payments:run_list": [("get", [], 200)],
    "payments:run_detail": [("get", [RUN], 404)],
    "payments:run_export": [("get", [RUN, "csv"], 404)],
    "payments:run_issue": [("post", [RUN], 404)],
    "payments:file_list": [("get", [], 200)],
    "payments:file_list_export": [("get", ["csv"], 200)],
    "payments:file_detail": [("get", [FILE], 404)],
    "payments:file_export": [("get", [FILE, "csv"], 404)],
    "exchange:job_list": [("get", [], 200)],
    "exchange:job_export": [("get", ["csv"], 200)],
    "exchange:upload": [("get", [], 200)],
    "exchange:template": [("get", ["persons"], 200)],
    "exchange:job_detail": [("get", [JOB], 404)],
    "exchange:error_report": [("get", [JOB, "csv"], 404)],
    "exchange:job_action": [("post", [JOB, "commit"], 404), ("post", [JOB, "cancel"], 404)],
    "facilities:organisation_list": [("get", [], 200)],
    "facilities:organisation_export": [("get", ["csv"], 200)],
    "facilities:organisation_create": [("get", [], 200)],
    "facilities:organisation_detail": [("get", [ORG], 404)],
    "facilities:organisation_change": [("get", [ORG], 404), ("post", [ORG], 404)],
    "facilities:organisation_close": [("post", [ORG], 404)],
    "set_language": [("post", [], 302)],
    "api-token": [("post", [], 200)],
    "api-root": [("get", [], 200)],
    "api-schema": [("get", [], 200)],
    "api-docs": [("get", [], 200)],
    "allowance-evaluate": [("post", [], 200)],
    "health-insurance": [("get", [], 200)],
    "admin-unit-list": [("get", [], 200)],
    "admin-unit-detail": [("get", ["c2"], 200)],  # reference data, the same for everyone
    "person-list": [("get", [], 200)],
    "person-detail": [("get", [THEIRS], 404), ("patch", [THEIRS], 404)],
    "person-history": [("get", [THEIRS], 404)],
    "household-list": [("get", [], 200)],
    "household-detail": [("get", [HH], 404), ("patch", [HH], 404)],
    "household-members": [("post", [HH], 404)],
    "household-poverty": [("post", [HH], 404)],
    "duplicate-list": [("get", [], 200)],
    "duplicate-detail": [("get", [DUP], 404)],
    "duplicate-merge": [("post", [DUP], 404)],
    "duplicate-dismiss": [("post", [DUP], 404)],
    "policy-parameter-list": [("get", [], 200)],
    "policy-parameter-detail": [("get", [PARAM], 404)],
    "enrolment-list": [("get", [], 200)],
    "enrolment-detail": [("get", [ENR], 404)],
    **{f"enrolment-{name}": [("post", [ENR], 404)] for name in ("reassess", "suspend", "resume", "move", "end",
                                                                 "death")},
    "application-list": [("get", [], 200)],
    "application-detail": [("get", [APP], 404)],
    **{f"application-{name}": [("post", [APP], 404)] for name in ("advance", "complaint", "reject")},
    "payroll-run-list": [("get", [], 200)],
    "payroll-run-detail": [("get", [RUN], 404)],
    "payroll-run-lines": [("get", [RUN], 404)],
    "payroll-run-issue-files": [("post", [RUN], 404)],
    "payment-file-list": [("get", [], 200)],
    "payment-file-detail": [("get", [FILE], 404)],
    "payment-file-lines": [("get", [FILE], 404)],
    "payment-file-export": [("get", [FILE], 404)],
    "payment-file-reconcile": [("post", [FILE], 404)],
    "import-list": [("get", [], 200)],
    "import-template": [("get", [], 200)],
    "import-detail": [("get", [JOB], 404)],
    "import-errors": [("get", [JOB], 404)],
    "import-error-report": [("get", [JOB], 404)],
    "import-commit": [("post", [JOB], 404)],
    "import-cancel": [("post", [JOB], 404)],
    "organisation-list": [("get", [], 200)],
    "organisation-detail": [("get", [ORG], 404)],
    "organisation-change": [("post", [ORG], 404)],
    "organisation-close": [("post", [ORG], 404)],
    "organisation-staffing": [("get", [ORG], 404)],
    "organisation-staff-counts": [("post", [ORG], 404)],
    "organisation-assessments": [("post", [ORG], 404)],
    "organisation-services": [("post", [ORG], 404)],
    "facilities:service_start": [("post", [ORG], 404)],
    "facilities:service_end": [("post", [SERVICE], 404)],
    "facilities:assessment_record": [("post", [ORG], 404)],
    "facilities:project_list": [("get", [], 200)],
    "facilities:project_create": [("get", [], 200)],
    "facilities:project_detail": [("get", [PROJ], 404), ("post", [PROJ], 404)],
    "investment-project-list": [("get", [], 200)],
    "investment-project-detail": [("get", [PROJ], 404)],
    "investment-project-funding": [("post", [PROJ], 404)],
    "fund:fund_list": [("get", [], 200)],
    "fund:fund_create": [("get", [], 200)],
    "fund:fund_detail": [("get", [FUND], 404)],
    "fund:donation_record": [("post", [FUND], 404)],
    "fund:use_record": [("post", [FUND], 404)],
    "fund-list": [("get", [], 200)],
    "fund-detail": [("get", [FUND], 404)],
    "fund-donations": [("post", [FUND], 404)],
    "fund-uses": [("post", [FUND], 404)],
    "resident-list": [("get", [], 200)],
    "resident-detail": [("get", [RES], 404)],
    "resident-discharge": [("post", [RES], 404)],
    "facilities:resident_admit": [("get", [ORG], 404), ("post", [ORG], 404)],
    "facilities:staff_count_set": [("post", [ORG], 404)],
    "facilities:resident_discharge": [("post", [RES], 404)],
    "core:indicator_detail": [("get", [STAFFED], 200)],  # computed in xa1's commune only
    "workforce:dashboard": [("get", [], 200)],
    "workforce:target_set": [("post", [], 302)],  # refused with a message: targets are the province's
    "workforce:position_list": [("get", [], 200)],
    "workforce:position_export": [("get", ["csv"], 200)],
    "workforce:position_create": [("get", [], 200)],
    "workforce:position_detail": [("get", [POS], 404)],
    "workforce:position_end": [("post", [POS], 404)],
    "workforce:position_allowance": [("post", [POS], 404)],
    "workforce:qualification_add": [("post", [POS], 404)],
    "workforce:certificate_add": [("post", [POS], 404)],
    "workforce:course_list": [("get", [], 200)],
    "workforce:course_export": [("get", ["csv"], 200)],
    "workforce:course_create": [("get", [], 200)],
    "workforce:course_detail": [("get", [COURSE], 404), ("post", [COURSE], 404)],
    "workforce:attendance_complete": [("post", [ATT], 404)],
    "sw-position-list": [("get", [], 200)],
    "sw-position-detail": [("get", [POS], 404)],
    "sw-position-end": [("post", [POS], 404)],
    "sw-position-allowance": [("post", [POS], 404)],
    "sw-position-qualifications": [("post", [POS], 404)],
    "sw-position-certificates": [("post", [POS], 404)],
    "course-list": [("get", [], 200)],
    "course-detail": [("get", [COURSE], 404)],
    "course-attendance": [("get", [COURSE], 404)],
    "course-attend": [("post", [COURSE], 404)],
    "training-target-list": [("get", [], 200)],
    "indicator-list": [("get", [], 200)],
    "indicator-detail": [("get", [STAFFED], 200)],
    "indicator-records": [("get", [STAFFED], 200)],
    "casework:workbench": [("get", [], 200)],
    "casework:case_list": [("get", [], 200)],
    "casework:case_export": [("get", ["csv"], 200)],
    "casework:case_open": [("get", [], 200)],
    "casework:case_detail": [("get", [CASE], 404)],
    "casework:case_edit": [("get", [CASE], 404), ("post", [CASE], 404)],
    "casework:case_form": [("get", [CASE, "report"], 404)],
    "casework:case_unshare": [("post", [CASE, SHARE], 404)],
    "casework:case_step": [("post", [CASE, "initial_assessment"], 404), ("post", [CASE, "close"], 404)],
    "casework:referral_respond": [("post", [REF], 404)],
    "casework:worker_list": [("get", [], 200)],
    "casework:worker_add": [("post", [], 302)],  # refused with a message: the form names a unit out of reach
    "casework:worker_remove": [("post", [CW], 404)],
    "casework:child_list": [("get", [], 200)],
    "casework:child_export": [("get", ["csv"], 200)],
    "casework:child_add": [("post", [], 302)],  # refused with a message: no such child in reach
    "casework:child_detail": [("get", [CHILD], 404)],
    "casework:child_group_add": [("post", [CHILD], 404)],
    "casework:child_group_end": [("post", [CHILD, CIRC], 404)],
    "casework:child_support_add": [("post", [CHILD], 404)],
    "case-list": [("get", [], 200)],
    "case-detail": [("get", [CASE], 404), ("patch", [CASE], 404)],
    **{f"case-{step.replace('_', '-')}": [("post", [CASE], 404)] for step in CASE_STEPS},
    "case-referral-list": [("get", [], 200)],
    "case-referral-respond": [("post", [REF], 404)],
    "case-worker-list": [("get", [], 200)],
    "child-list": [("get", [], 200)],
    "child-support-list": [("get", [], 200)],
    "emergency:event_list": [("get", [], 200)],
    "emergency:event_create": [("get", [], 200)],
    "emergency:event_detail": [("get", [EVENT], 404)],
    "emergency:affected_paste": [("post", [EVENT], 404)],
    "emergency:aids_propose": [("post", [EVENT], 404)],
    "emergency:decision_make": [("post", [EVENT], 404)],
    "emergency:request_send": [("post", [EVENT], 404)],
    "emergency:aid_propose": [("post", [LINE], 404)],
    "emergency:affected_close": [("post", [LINE], 404)],
    "emergency:aid_withdraw": [("post", [AID], 404)],
    "emergency:delivery_record": [("post", [AID], 404)],
    "emergency:decision_docx": [("get", [DECISION], 404)],
    "emergency:decision_deliver": [("post", [DECISION], 404)],
    "emergency:decision_payment": [("post", [DECISION], 404)],
    "emergency:request_answer": [("post", [REQUEST], 404)],
    "emergency:waiting_list": [("get", [], 200)],
    "emergency:waiting_export": [("get", ["csv"], 200)],
    "emergency:funeral_list": [("get", [], 200)],
    "emergency:funeral_detail": [("get", [FUNERAL], 404)],
    "emergency:funeral_decide": [("post", [FUNERAL], 404)],
    "emergency:funeral_pay": [("post", [FUNERAL], 404)],
    "emergency:funeral_docx": [("get", [FUNERAL], 404)],
    "emergency-event-list": [("get", [], 200)],
    "emergency-event-detail": [("get", [EVENT], 404)],
    **{f"emergency-event-{what}": [("post", [EVENT], 404)]
       for what in ("affected", "paste", "propose", "decisions", "requests")},
    "emergency-affected-list": [("get", [], 200)],
    "emergency-affected-detail": [("get", [LINE], 404)],
    "emergency-affected-aids": [("post", [LINE], 404)],
    "emergency-affected-close": [("post", [LINE], 404)],
    "emergency-aid-detail": [("get", [AID], 404)],
    "emergency-aid-deliveries": [("post", [AID], 404)],
    "emergency-decision-list": [("get", [], 200)],
    "emergency-decision-detail": [("get", [DECISION], 404)],
    "emergency-decision-deliver": [("post", [DECISION], 404)],
    "emergency-decision-payment": [("post", [DECISION], 404)],
    "emergency-request-list": [("get", [], 200)],
    "emergency-request-detail": [("get", [REQUEST], 404)],
    "emergency-request-answer": [("post", [REQUEST], 404)],
    "funeral-support-list": [("get", [], 200)],
    "funeral-support-detail": [("get", [FUNERAL], 404)],
    "funeral-support-decide": [("post", [FUNERAL], 404)],
    "funeral-support-pay": [("post", [FUNERAL], 404)],
    "monitoring:plan_list": [("get", [], 200)],
    "monitoring:plan_detail": [("get", [PLAN], 404), ("post", [PLAN], 404)],  # another province's plan
    "monitoring:target_detail": [("get", [PLAN, "code:1"], 404)],
    "monitoring:task_detail": [("get", [PLAN, "code:1"], 404), ("post", [PLAN, "code:1"], 404)],
    "monitoring:overdue_tasks": [("get", [], 200)],
    "monitoring:catalogue": [("get", [], 200), ("post", [], 404)],  # a commune adds no indicator
    "indicator-definition-list": [("get", [], 200), ("post", [], 403)],
    "indicator-definition-detail": [("get", ["definition"], 404)],  # Hà Nội's reported indicator
    "monitoring:evidence": [("get", [EVIDENCE], 404)],  # Hà Nội's task's evidence
    "plan-task-list": [("get", [], 200)],
    "plan-task-detail": [("get", [TASK], 404)],
    "plan-task-updates": [("post", [TASK], 404)],
    "plan-list": [("get", [], 200), ("post", [], 403)],  # a commune records no plan
    "plan-detail": [("get", [PLAN], 404), ("put", [PLAN], 403)],
    "monitoring:plan_create": [("get", [], 404), ("post", [], 403)],
    "monitoring:plan_edit": [("get", [PLAN], 404), ("post", [PLAN], 403)],
    "monitoring:plan_reports": [("get", [PLAN], 404), ("post", [PLAN], 404)],
    "monitoring:report_detail": [("get", [REPORT], 404), ("post", [REPORT], 404)],  # another commune's report
    "monitoring:report_file": [("get", [REPORT, "docx"], 404)],
    "report-list": [("get", [], 200), ("post", [], 400)],  # a report needs a plan and a period
    "report-detail": [("get", [REPORT], 404)],
    "report-save": [("post", [REPORT], 404)],
    "report-submit": [("post", [REPORT], 404)],
    "report-send-back": [("post", [REPORT], 404)],
    "report-approve": [("post", [REPORT], 404)],
    "report-reopen": [("post", [REPORT], 404)],
    "report-document": [("get", [REPORT], 404)],
}
OWNER = {"monitoring:plan_detail": "hanoi", "plan-detail": "hanoi", "monitoring:plan_reports": "hanoi",
         "monitoring:target_detail": "hanoi", "monitoring:plan_edit": "hanoi", "monitoring:task_detail": "hanoi", "monitoring:evidence": "hanoi",
         "plan-task-detail": "hanoi", "indicator-definition-detail": "hanoi",  # Hà Nội's plan, read in Hà Nội
         "casework:case_detail": "ctxh_xa2", "casework:case_edit": "ctxh_xa2", "casework:case_form": "ctxh_xa2",
         "case-detail": "ctxh_xa2", "policy-parameter-detail": "hanoi",  # a province's top-up is seen in that province
         "accounts:user_export": "admin", "audit:event_export": "kiemtra"}  # lists of another role
BODY = {  # what a request sends, where the view needs something to read
    "set_language": {"language": "vi", "next": "/"},
    "api-token": {"username": "xa1", "password": PASSWORD},
    "allowance-evaluate": [],
    "person-detail": {"phone": "1", "version": 1},
    "household-detail": {"hamlet": "x", "version": 1},
    "duplicate-merge": {"keep": "a"},
    "enrolment-suspend": {"version": 1, "from_month": "2026-04-01", "reason": "x"},
    "import-commit": {"version": 1},
    "import-cancel": {"version": 1},
}
QUERY = {"health-insurance": {"month": "2026-03"}, "assistance:health_insurance": {"month": "2026-03"}}


def _arguments(world, args):
    values = []
    for arg in args:
        if arg in ("csv", "dismiss", "merge", "suspend", "death", "advance", "persons", "commit", "cancel", "report",
                   "initial_assessment", "close", "docx"):
            values.append(arg)
        elif arg.startswith("code:"):
            values.append(arg[5:])
        elif arg == "member":
            values.append(world["member"].pk)
        else:
            values.append(world[arg].pk)
    return values


def _request(client, name, method, url):
    body = BODY.get(name)
    if name.startswith(("api-", "person-", "household-", "duplicate-", "policy-", "enrolment-", "application-",
                        "payroll-", "payment-", "allowance-", "health-insurance", "admin-unit-", "import-", "organisation-", "sw-position-", "course-", "training-target-",
                        "indicator-", "resident-", "investment-", "fund-", "case-", "child-", "emergency-",
                        "funeral-", "plan-", "report-", "indicator-definition-")):
        return getattr(client, method)(url, body if method != "get" else QUERY.get(name), format="json")
    return getattr(client, method)(url, body if method != "get" else QUERY.get(name))


def _client(username, name):
    from ansinh.accounts.models import User

    if name.startswith(("api-", "person-", "household-", "duplicate-", "policy-", "enrolment-", "application-",
                        "payroll-", "payment-", "allowance-", "health-insurance", "admin-unit-", "import-", "organisation-", "sw-position-", "course-", "training-target-",
                        "indicator-", "resident-", "investment-", "fund-", "case-", "child-", "emergency-",
                        "funeral-", "plan-", "report-", "indicator-definition-")):
        client = APIClient()
        client.force_login(User.objects.get(username=username))
        return client
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


SECRETS = (SECRET_NAME, SECRET_ID, SECRET_APPLICANT, "HGD-XA2", SECRET_SCHOOL, SECRET_CASE, SECRET_CHILD,
           SECRET_EVENT, SECRET_VICTIM)


def test_every_url_answers_xa1_with_its_one_status(paid_world):
    failures = []
    for name, requests in MATRIX.items():
        for method, args, expected in requests:
            url = reverse(name, args=_arguments(paid_world, args))
            response = _request(_client("xa1", name), name, method, url)
            if response.status_code != expected:
                failures.append((name, method, url, expected, response.status_code))
                continue
            if response.status_code == 200 and not name.startswith("api-"):
                body = (response.getvalue() if response.streaming else response.content).decode("utf-8", "replace")
                leaked = [s for s in SECRETS if s in body]
                if leaked:
                    failures.append((name, method, url, "leaks", leaked))
            if expected == 404 and method == "get" and args:
                owner = _request(_client(OWNER.get(name, "xa2"), name), name, method, url)
                if owner.status_code != 200:
                    failures.append((name, method, url, "owner gets", owner.status_code))
    assert failures == []


def test_every_url_is_in_the_matrix():
    names = {name for name, _pattern in url_patterns()}
    assert names == set(MATRIX)
