"""Applications: the procedure in force on the day received, working-day deadlines, the numbered decision."""

import datetime
import io

import pytest
from django.urls import reverse
from docx import Document

from ansinh.assistance import services, workflow
from ansinh.assistance.models import Application, Enrolment
from ansinh.assistance.selectors import application_timeline, posting_list
from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import ConflictError, DomainError
from ansinh.core.models import Holiday
from tests.factories import PersonFactory

D = datetime.date


def test_procedure_follows_the_date_received():
    assert workflow.procedure_for(D(2025, 6, 30)) == "three_tier"
    assert workflow.procedure_for(D(2025, 7, 1)) == "commune"


def test_overdue_after_ten_working_days_in_the_commune_procedure():
    received = {"received": D(2026, 10, 1)}  # Thursday
    assert workflow.overdue("commune", received, D(2026, 10, 15)) is None  # 10th working day
    assert workflow.overdue("commune", received, D(2026, 10, 16)).code == "verified"


@pytest.fixture
def person(communes):
    return PersonFactory(full_name="Kim Thị Sang", birth_year=1950, commune=communes["c1"],
                         disability_level="severe", hamlet="Ấp Nội Ô")


@pytest.mark.django_db
def test_commune_procedure_to_a_numbered_decision_and_enrolment(users, person):
    a = services.application_receive(user=users["xa1"], person=person, form_type="1d", categories=["5.6"],
                                     received_on=D(2026, 10, 5), documents="Giấy xác nhận khuyết tật")
    assert a.procedure == "commune"
    a = services.application_advance(user=users["xa1"], application=a, expected_version=1, done_on=D(2026, 10, 7))
    a = services.application_advance(user=users["xa1"], application=a, expected_version=2, done_on=D(2026, 10, 12))
    assert a.status == "decided" and a.decision_number == "01/QĐ-UBND"
    assert a.enrolment.start_month == D(2026, 10, 1) and str(a.enrolment.coefficient) == "2.00"  # elderly, severe
    other = PersonFactory(birth_year=1945, commune=person.commune)
    b = services.application_receive(user=users["xa1"], person=other, form_type="1c", categories=["5.5d"],
                                     received_on=D(2026, 10, 6))
    services.application_advance(user=users["xa1"], application=b, expected_version=1, done_on=D(2026, 10, 8))
    b = services.application_advance(user=users["xa1"], application=Application.objects.get(pk=b.pk),
                                     expected_version=2, done_on=D(2026, 10, 9))
    assert b.decision_number == "02/QĐ-UBND"
    assert AuditEvent.objects.filter(object_type="assistance.application", object_id=str(a.pk)).count() == 3


@pytest.mark.django_db
def test_three_tier_procedure_before_july_2025_with_posting_without_hiv(users, communes):
    hiv = PersonFactory(full_name="Người Có HIV", birth_year=1980, commune=communes["c1"])
    both = PersonFactory(full_name="Người Khuyết Tật", birth_year=1980, commune=communes["c1"],
                         disability_level="severe")
    a = services.application_receive(user=users["xa1"], person=hiv, form_type="1đ", categories=["5.8"],
                                     received_on=D(2025, 3, 3))
    other = services.application_receive(user=users["xa1"], person=both, form_type="1d", categories=["5.6", "5.8"],
                                         received_on=D(2025, 3, 3))
    assert a.procedure == "three_tier"
    a = services.application_advance(user=users["xa1"], application=a, expected_version=1, done_on=D(2025, 3, 10))
    services.application_advance(user=users["xa1"], application=other, expected_version=1, done_on=D(2025, 3, 10))
    rows = posting_list(user=users["xa1"])
    # the HIV category is withheld, and a person under no other category is not on the list at all
    assert [(r["application"].person.full_name, r["categories"]) for r in rows] == [("Người Khuyết Tật", "5.6")]
    for n, day in enumerate([D(2025, 3, 12), D(2025, 3, 14), D(2025, 3, 21), D(2025, 3, 25)], start=2):
        a = services.application_advance(user=users["xa1"], application=a, expected_version=n, done_on=day)
    assert a.status == "decided" and a.enrolment.category_codes == "5.8"
    assert [r["application"].pk for r in posting_list(user=users["xa1"])] == [other.pk]


@pytest.mark.django_db
def test_the_posting_list_never_shows_an_hiv_category(users, communes, client, django_assert_max_num_queries):
    c1 = communes["c1"]
    plans = [("Chỉ HIV", 1980, "1đ", ["5.8"], ""), ("Khuyết Tật Và HIV", 1980, "1d", ["5.6", "5.8"], "severe"),
             ("Trẻ Mồ Côi Có HIV", 2018, "1a", ["5.3", "5.1"], ""), ("Khuyết Tật", 1980, "1d", ["5.6"], "severe")]
    for name, year, form, categories, disability in plans:
        person = PersonFactory(full_name=name, birth_year=year, commune=c1, disability_level=disability)
        a = services.application_receive(user=users["xa1"], person=person, form_type=form, categories=categories,
                                         received_on=D(2025, 3, 3))
        services.application_advance(user=users["xa1"], application=a, expected_version=1, done_on=D(2025, 3, 10))
    with django_assert_max_num_queries(2):  # the applications, their categories other than 5.3 and 5.8
        rows = posting_list(user=users["xa1"])
    assert sorted((r["application"].person.full_name, r["categories"]) for r in rows) == [
        ("Khuyết Tật", "5.6"), ("Khuyết Tật Và HIV", "5.6"), ("Trẻ Mồ Côi Có HIV", "5.1")]
    client.force_login(users["xa1"])
    page = client.get(reverse("assistance:posting_list")).content.decode()
    assert "Trẻ Mồ Côi Có HIV" in page and "Chỉ HIV" not in page and "5.3" not in page and "5.8" not in page


@pytest.mark.django_db
def test_deadlines_and_overdue_on_the_timeline(users, person):
    Holiday.objects.get_or_create(date=D(2026, 9, 2), defaults={"name": "Quốc khánh"})
    a = services.application_receive(user=users["xa1"], person=person, form_type="1d", categories=["5.6"],
                                     received_on=D(2026, 8, 28))
    timeline = application_timeline(a, today=D(2026, 9, 14), holiday_dates=[D(2026, 9, 2)])
    (verified, due, done), _decided = timeline["rows"]
    assert due == D(2026, 9, 14) and timeline["overdue"] is None
    assert application_timeline(a, today=D(2026, 9, 15), holiday_dates=[D(2026, 9, 2)])["overdue"].code == "verified"


@pytest.mark.django_db
def test_refusals(users, person):
    a = services.application_receive(user=users["xa1"], person=person, form_type="1d", categories=["5.6"],
                                     received_on=D(2026, 10, 5))
    with pytest.raises(DomainError):
        services.application_receive(user=users["xa1"], person=person, form_type="1d", categories=["5.6"],
                                     received_on=D(2026, 10, 5))
    with pytest.raises(DomainError) as exc:
        services.application_advance(user=users["xa1"], application=a, expected_version=1, done_on=D(2026, 10, 1))
    assert "done_on" in exc.value.errors
    with pytest.raises(ConflictError):
        services.application_advance(user=users["xa1"], application=a, expected_version=7, done_on=D(2026, 10, 6))
    a = services.application_reject(user=users["xa1"], application=a, expected_version=1, done_on=D(2026, 10, 6),
                                    reply="Hộ gia đình không thuộc hộ nghèo.")
    assert a.status == "rejected" and not Enrolment.objects.exists()


@pytest.mark.django_db
def test_ineligible_at_decision_leaves_the_application_open(users, communes):
    young = PersonFactory(birth_year=1990, commune=communes["c1"])
    a = services.application_receive(user=users["xa1"], person=young, form_type="1c", categories=["5.5a"],
                                     received_on=D(2026, 10, 5))
    services.application_advance(user=users["xa1"], application=a, expected_version=1, done_on=D(2026, 10, 6))
    with pytest.raises(DomainError) as exc:
        services.application_advance(user=users["xa1"], application=Application.objects.get(pk=a.pk),
                                     expected_version=2, done_on=D(2026, 10, 7))
    assert "60 tuổi" in exc.value.message
    a.refresh_from_db()
    assert a.status == "open" and a.steps.count() == 2 and a.decision_number == ""


@pytest.mark.django_db
def test_pages_and_the_decision_document(users, person, client):
    client.force_login(users["xa1"])
    response = client.post(reverse("assistance:application_create", args=[person.pk]), {
        "form_type": "1d", "categories": ["5.6"], "received_on": "2026-10-05", "documents": "Giấy XNKT",
        "children_count": "0"})
    a = Application.objects.get()
    assert response.status_code == 302
    for day in ("2026-10-06", "2026-10-08"):
        a.refresh_from_db()
        r = client.post(reverse("assistance:application_action", args=[a.pk, "advance"]),
                        {"advance-version": a.version, "advance-done_on": day, "advance-note": "",
                         "advance-payment_method": "agent"})
        assert r.status_code == 302
    page = client.get(reverse("assistance:application_detail", args=[a.pk])).content.decode()
    assert "01/QĐ-UBND" in page and "Đã quyết định hưởng" in page
    docx = client.get(reverse("assistance:application_decision", args=[a.pk]))
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    cells = "\n".join(c.text for t in Document(io.BytesIO(docx.content)).tables for c in t._cells)
    assert "QUYẾT ĐỊNH" in text and "Kim Thị Sang" in text and "1.000.000 đ/tháng" in text
    assert "Số: 01/QĐ-UBND" in cells and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells and "ngày 08 tháng 10 năm 2026" in cells
    client.force_login(users["xa2"])
    assert client.get(reverse("assistance:application_detail", args=[a.pk])).status_code == 404
    assert client.get(reverse("assistance:application_decision", args=[a.pk])).status_code == 404
    assert "Kim Thị Sang" not in client.get(reverse("assistance:application_list")).content.decode()


@pytest.mark.django_db
def test_api_receive_advance_decide(users, person):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(users["xa1"])
    created = api.post("/api/v1/applications/", {"person": person.pk, "form_type": "1d", "categories": ["5.6"],
                                                 "received_on": "2026-10-05"}, format="json")
    assert created.status_code == 201 and created.json()["next_step"] == "verified"
    a = created.json()
    step = api.post(f"/api/v1/applications/{a['id']}/advance/", {"version": 1, "done_on": "2026-10-06"}, format="json")
    assert step.json()["next_step"] == "decided"
    stale = api.post(f"/api/v1/applications/{a['id']}/advance/", {"version": 1, "done_on": "2026-10-07"}, format="json")
    assert stale.status_code == 409
    done = api.post(f"/api/v1/applications/{a['id']}/advance/", {"version": 2, "done_on": "2026-10-07"}, format="json")
    assert done.json()["status"] == "decided" and done.json()["decision_number"] == "01/QĐ-UBND"
    other = APIClient()
    other.force_authenticate(users["xa2"])
    assert other.get(f"/api/v1/applications/{a['id']}/").status_code == 404
    assert other.get("/api/v1/applications/").json()["count"] == 0
    # a complaint only in the three-tier procedure, after the posting: 400 here; another commune: 404
    complaint = {"version": 3, "done_on": "2026-10-08", "note": "Khiếu nại"}
    assert api.post(f"/api/v1/applications/{a['id']}/complaint/", complaint, format="json").status_code == 400
    assert other.post(f"/api/v1/applications/{a['id']}/complaint/", complaint, format="json").status_code == 404


@pytest.mark.django_db
def test_a_complaint_about_the_posting_holds_the_forwarding_until_settled(users, communes, client):
    person = PersonFactory(birth_year=1950, commune=communes["c1"], disability_level="severe")
    a = services.application_receive(user=users["xa1"], person=person, form_type="1d", categories=["5.6"],
                                     received_on=D(2025, 3, 3))
    for n, day in enumerate([D(2025, 3, 10), D(2025, 3, 12)], start=1):
        a = services.application_advance(user=users["xa1"], application=a, expected_version=n, done_on=day)
    with pytest.raises(DomainError):
        services.application_complaint(user=users["xa1"], application=a, expected_version=3, done_on=D(2025, 3, 13),
                                       note="  ")
    client.force_login(users["xa1"])
    detail = client.get(reverse("assistance:application_detail", args=[a.pk])).content.decode()
    assert 'data-testid="complaint-form"' in detail
    response = client.post(reverse("assistance:application_action", args=[a.pk, "complaint"]),
                           {"complaint-version": 3, "complaint-done_on": "2025-03-13",
                            "complaint-note": "Hàng xóm cho rằng hộ không nghèo"})
    assert response.status_code == 302
    a = Application.objects.get(pk=a.pk)
    timeline = application_timeline(a, today=D(2025, 4, 30))
    assert timeline["next"].code == "complaint_settled" and not timeline["complaint_allowed"]
    due = {step.code: due for step, due, _ in timeline["rows"]}
    assert due["complaint_settled"] == D(2025, 3, 27)  # 10 working days after 13/3
    assert timeline["overdue"].code == "complaint_settled"
    a = services.application_advance(user=users["xa1"], application=a, expected_version=4, done_on=D(2025, 3, 20))
    timeline = application_timeline(a, today=D(2025, 3, 20))
    assert timeline["next"].code == "forwarded"
    assert {s.code: d for s, d, _ in timeline["rows"]}["forwarded"] == D(2025, 3, 25)  # 3 days from settlement
    assert AuditEvent.objects.filter(object_type="assistance.application", object_id=str(a.pk),
                                     changes__step="complaint").exists()
