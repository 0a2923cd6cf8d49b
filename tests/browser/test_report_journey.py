"""A plan's dashboard and its six-month report at tablet width: the province sees each target's progress and a
target's communes; a commune prepares and submits its report; the province approves it and downloads the DOCX.
Each page passes axe-core."""


import pytest
from django.utils import timezone
from docx import Document
from playwright.sync_api import expect

from ansinh.monitoring.models import Plan, Report
from ansinh.monitoring.services import plans_load_seeds, rollups_request
from tests.browser.conftest import accessible
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, url, username):
    page.context.clear_cookies()
    page.goto(url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def orphans(commune, n: int):
    """Children of the plans' priority groups since 2024, none helped yet: the children target has figures."""
    import datetime

    from ansinh.casework.models import ChildGroup, Circumstance
    from tests.factories import PersonFactory

    for _ in range(n):
        child = PersonFactory(birth_year=2016, commune=commune, citizen_id=None)
        Circumstance.objects.create(person=child, group=ChildGroup.ORPHAN, since=datetime.date(2024, 1, 1))


def test_dashboard_then_a_commune_report_submitted_and_approved(live_server, page, shot, users, communes):
    plans_load_seeds()
    orphans(communes["c1"], 3)
    orphans(communes["c2"], 2)
    rollups_request(province_code="96", now=True)
    plan = Plan.objects.get(number="62/KH-UBND")
    half = f"{timezone.localdate().year}-H1"
    page.set_viewport_size({"width": 768, "height": 1024})

    sign_in(page, live_server.url, "tinh")
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    expect(page.get_by_test_id("freshness")).to_contain_text("Số liệu tính lúc")
    expect(page.get_by_test_id("target-table")).to_contain_text(f"năm {half[:4]}")  # the year each figure is of
    accessible(page)
    shot(page, "plan-dashboard")
    page.get_by_test_id("target-link").last.click()
    expect(page.get_by_test_id("trend-chart").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("commune-table")).to_be_visible()
    accessible(page)
    shot(page, "target-detail")

    sign_in(page, live_server.url, "xa1")
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/")
    page.get_by_test_id("reports-link").click()
    page.get_by_role("link", name=f"6 tháng đầu năm {half[:4]}").click()
    accessible(page)
    page.get_by_test_id("prepare").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đang soạn")
    expect(page.get_by_test_id("line-table")).to_contain_text("Tính từ dữ liệu")
    accessible(page)
    page.get_by_test_id("submit").click()  # nothing written yet: refused, named
    expect(page.get_by_text("Chưa nộp được: hãy viết phần tình hình, kết quả thực hiện.")).to_be_visible()
    page.get_by_label("Tình hình, kết quả thực hiện").fill("Đã rà soát và hỗ trợ người có hoàn cảnh khó khăn.")
    page.get_by_test_id("submit").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đã nộp, chờ duyệt")
    shot(page, "report-submitted")

    sign_in(page, live_server.url, "tinh")
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/bao-cao/?period={half}")
    expect(page.get_by_test_id("submission-counts")).to_contain_text("1/")
    accessible(page)
    page.get_by_role("link", name=users["xa1"].jurisdiction.name).click()
    accessible(page)
    page.get_by_test_id("approve").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đã duyệt")
    assert Report.objects.get(unit=users["xa1"].jurisdiction).status == "approved"
    with page.expect_download() as download:
        page.get_by_test_id("download-docx").click()
    document = Document(str(download.value.path()))
    texts = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in texts and "Đã rà soát và hỗ trợ người có hoàn cảnh khó khăn." in texts
    page.get_by_role("link", name="Xem trước văn bản").click()
    expect(page.locator(".official-document")).to_contain_text("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    accessible(page)
    shot(page, "report-preview")
