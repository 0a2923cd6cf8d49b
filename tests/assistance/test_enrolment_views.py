"""Enrolments and payroll through the pages, as a commune officer and a province officer would."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from ansinh.assistance.models import Enrolment
from ansinh.payments.models import PaymentLine, PayrollRun
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def people(communes):
    mine = PersonFactory(full_name="Trần Văn Khoa", birth_year=1990, commune=communes["c1"], disability_level="severe",
                         disability_certificate_date=D(2026, 1, 10))
    theirs = PersonFactory(full_name="Võ Thị Hạnh", birth_year=1991, commune=communes["c2"], disability_level="severe")
    return mine, theirs


def decide(client, person, **extra):
    data = {"categories": ["5.6"], "decision_number": "15/QĐ-UBND", "decision_date": "2026-02-03",
            "payment_method": "agent", "children_count": "0", **extra}
    return client.post(reverse("assistance:enrolment_create", args=[person.pk]), data)


def test_officer_decides_from_the_person_page_and_sees_periods(client, users, people):
    mine, _ = people
    client.force_login(users["xa1"])
    page = client.get(reverse("registry:person_detail", args=[mine.pk])).content.decode()
    assert reverse("assistance:enrolment_create", args=[mine.pk]) in page
    response = decide(client, mine)
    enrolment = Enrolment.objects.get(person=mine)
    assert response.status_code == 302 and response["Location"].endswith(f"/{enrolment.pk}/")
    assert enrolment.start_month == D(2026, 1, 1) and enrolment.arrears_pending  # certificate month, truy lĩnh
    detail = client.get(response["Location"]).content.decode()
    assert "01/2026" in detail and "5.6" in detail and "Tạm dừng chi trả" in detail


def test_ineligible_decision_shows_the_reason_on_the_form(client, users, people):
    mine, _ = people
    client.force_login(users["xa1"])
    page = decide(client, mine, categories=["5.1"]).content.decode()
    assert "Không đủ điều kiện" in page and "16 tuổi" in page
    assert not Enrolment.objects.exists()


def test_suspend_through_the_page_with_a_stale_version_is_refused(client, users, people):
    mine, _ = people
    client.force_login(users["xa1"])
    decide(client, mine)
    e = Enrolment.objects.get(person=mine)
    url = reverse("assistance:enrolment_action", args=[e.pk, "suspend"])
    ok = client.post(url, {"suspend-version": e.version, "suspend-from_month": "2026-04",
                           "suspend-reason": "tạm giam"})
    assert ok.status_code == 302
    stale = client.post(url, {"suspend-version": e.version, "suspend-from_month": "2026-05",
                              "suspend-reason": "lần hai"})
    assert "người khác thay đổi" in stale.content.decode()


def test_other_commune_sees_nothing(client, users, people):
    mine, _ = people
    client.force_login(users["xa1"])
    decide(client, mine)
    e = Enrolment.objects.get(person=mine)
    client.force_login(users["xa2"])
    assert client.get(reverse("assistance:enrolment_detail", args=[e.pk])).status_code == 404
    assert "Trần Văn Khoa" not in client.get(reverse("assistance:enrolment_list")).content.decode()
    assert client.post(reverse("assistance:enrolment_action", args=[e.pk, "end"]),
                       {"end-version": 1, "end-from_month": "2026-03", "end-reason": "x"}).status_code == 404


def test_payroll_page_generates_summarises_and_exports(client, users, people):
    mine, _ = people
    client.force_login(users["xa1"])
    decide(client, mine)
    client.force_login(users["tinh"])
    response = client.post(reverse("payments:run_list"), {"month": "2026-02"})
    run = PayrollRun.objects.get()
    assert response.status_code == 302
    detail = client.get(reverse("payments:run_detail", args=[run.pk])).content.decode()
    assert "1.500.000 đ" in detail and "truy lĩnh" in detail  # January (arrears) + February, 750.000 each
    csv = client.get(reverse("payments:run_export", args=[run.pk, "csv"])).getvalue().decode("utf-8-sig")
    assert "Trần Văn Khoa" in csv and "750000" in csv
    assert PaymentLine.objects.count() == 2
    runs = client.get(reverse("payments:run_list")).content.decode()
    assert 'data-testid="chart-spending"' in runs and "5.6" in runs
    client.force_login(users["xa2"])
    assert client.get(reverse("payments:run_detail", args=[run.pk])).status_code == 404
    client.force_login(users["chitra"])
    assert client.get(reverse("payments:run_list")).status_code == 404


def test_commune_officer_runs_own_commune_only(client, users, people, communes):
    client.force_login(users["xa1"])
    page = client.post(reverse("payments:run_list"), {"month": "2026-02", "commune": communes["c2"].pk})
    assert page.status_code == 200 and not PayrollRun.objects.exists()


def test_changes_next_month_lists_birthday_bands(client, users, communes):
    from ansinh.assistance import services

    child = PersonFactory(full_name="Lò Văn Tí", birth_year=2022, birth_month=4, birth_day=2, commune=communes["c1"])
    services.enrolment_create(user=users["xa1"], person=child, categories=["5.1"], decision_number="1",
                              decision_date=D(2025, 6, 1))
    from ansinh.assistance.selectors import changes_next_month

    changes = changes_next_month(user=users["xa1"], month=D(2026, 3, 1))
    assert [(c["enrolment"].person.full_name, c["age"], c["new_coefficient"]) for c in changes] == [
        ("Lò Văn Tí", 4, Decimal("1.5"))]
    assert changes_next_month(user=users["xa2"], month=D(2026, 3, 1)) == []
