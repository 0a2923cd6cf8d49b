"""One application from receipt to its first payment line and its reconciliation, in Chromium: a commune
officer receives the application, verifies it and records the chairman's decision (numbered, as DOCX); the
province officer makes the month's payroll and hands the file to the post office, whose clerk sends back
the result."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from ansinh.assistance.models import Enrolment
from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import load_defaults
from ansinh.payments.models import PaymentAgent, PaymentLine
from tests.factories import PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base, username):
    page.context.clear_cookies()
    page.goto(base + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("whoami")).to_contain_text(username)


def test_decide_pay_and_reconcile(live_server, page, shot, users, communes, tmp_path):
    load_defaults(PolicyParameter)  # flushed by transactional tests
    person = PersonFactory(full_name="Thạch Thị Sa Rết", sex="F", birth_year=1988, commune=communes["c1"],
                           disability_level="especially_severe")
    agent = PaymentAgent.objects.create(code="BD96", name="Bưu điện tỉnh Cà Mau", province_code="96")
    agent.members.add(users["chitra"])
    base = live_server.url

    login(page, base, "xa1")
    page.goto(f"{base}/doi-tuong/{person.pk}/")
    page.get_by_role("link", name="Tiếp nhận hồ sơ").click()
    page.select_option("#id_form_type", "1d")
    page.check("input[value='5.6']")
    page.fill("#id_received_on", "2026-10-01")
    page.fill("#id_documents", "Giấy xác nhận khuyết tật")
    page.click("main button[type=submit]")
    expect(page.get_by_test_id("timeline")).to_contain_text("Xác thực")
    for day in ("2026-10-02", "2026-10-05"):
        page.fill("[data-testid=advance-form] #id_advance-done_on", day)
        page.click("[data-testid=advance-form] button[type=submit]")
        expect(page.locator(".alert-success")).to_contain_text("Đã ghi nhận")
    expect(page.get_by_test_id("application-status")).to_have_text("Đã quyết định hưởng")
    with page.expect_download() as decision:
        page.get_by_test_id("decision-docx").click()
    assert decision.value.suggested_filename == "quyet-dinh-01-2026.docx"
    shot(page, "allowance-01-decided")
    enrolment = Enrolment.objects.get(person=person)
    assert str(enrolment.coefficient) == "2.00" and enrolment.decision_number == "01/QĐ-UBND"

    login(page, base, "tinh")
    page.goto(base + "/chi-tra/")
    page.fill("#id_month", "2026-10")
    page.click("[data-testid=payroll-form] button[type=submit]")
    expect(page.get_by_test_id("run-amount")).to_have_text("1.000.000 đ")
    expect(page.get_by_test_id("line-table")).to_contain_text("Thạch Thị Sa Rết")
    page.get_by_test_id("issue").click()
    expect(page.get_by_test_id("files")).to_contain_text("Bưu điện tỉnh Cà Mau")
    shot(page, "allowance-02-payroll")

    login(page, base, "chitra")
    page.goto(base + "/chi-tra/tep/")
    page.locator("[data-testid=file-table] tbody a").first.click()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    header = rows[0]
    rows[1][header.index("Kết quả")] = "Đã chi"
    rows[1][header.index("Ngày chi")] = "12/10/2026"
    result = tmp_path / "ket-qua.csv"
    with open(result, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    page.set_input_files("#id_result", str(result))
    page.get_by_role("button", name="Đối soát").click()
    expect(page.locator(".alert-success")).to_contain_text("1 dòng đã chi")
    expect(page.get_by_test_id("file-lines")).to_contain_text(re.compile(r"Đã chi trả\s+12/10/2026"))
    shot(page, "allowance-03-reconciled")
    assert PaymentLine.objects.get(person=person).status == "paid"
