"""A province officer admits a person to the protection centre, declares its staff and reads the shortfall, records
an investment project's sources and a fund's donation and use — at tablet width, each page passing axe-core."""

import datetime

import pytest
from playwright.sync_api import expect

from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import load_defaults
from ansinh.facilities.services import organisation_create
from ansinh.fund.services import fund_create
from tests.browser.conftest import accessible
from tests.factories import PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_centre_its_residents_staffing_project_and_a_fund(live_server, page, shot, users, communes):
    load_defaults(PolicyParameter)  # flushed by transactional tests
    today = datetime.date.today()
    centre = organisation_create(user=users["tinh"], valid_from=datetime.date(2020, 1, 1),
                                 name="Trung tâm Bảo trợ xã hội tỉnh", kind="social_assistance",
                                 commune=communes["c1"], in_plan_scope=True, capacity=40)
    elder = PersonFactory(full_name="Ngô Văn Sáu", sex="M", birth_year=1940, commune=communes["c1"],
                          citizen_id="096040123456")
    fund_create(user=users["tinh"], name="Quỹ trợ giúp xã hội tỉnh", established_on=datetime.date(2026, 1, 1),
                basis="QĐ 1/QĐ-UBND")
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(f"{live_server.url}/co-quan-co-so/{centre.pk}/")
    page.get_by_role("link", name="Tiếp nhận đối tượng").click()
    page.fill("#id_citizen_id", elder.citizen_id)
    page.select_option("#id_care_group", "dependent")
    page.fill("#id_admitted_on", (today - datetime.timedelta(days=3)).isoformat())
    accessible(page)
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("resident-table")).to_contain_text("Ngô Văn Sáu")
    expect(page.get_by_test_id("staffing-table")).to_contain_text("Chăm sóc trực tiếp")
    page.select_option("#id_function", "carer")
    page.fill("#id_count", "1")
    page.get_by_test_id("staffing-table").locator("xpath=following::form[1]").get_by_role("button").click()
    accessible(page)
    shot(page, "facility-residents")

    page.goto(live_server.url + "/co-quan-co-so/du-an/them/")
    page.fill("#id_name", "Nâng cấp Trung tâm Bảo trợ xã hội")
    page.select_option("#id_purpose", "upgrade")
    page.fill("#id_total", "40000000000")
    page.fill("#id_start_year", "2026")
    page.fill("#id_end_year", "2027")
    page.fill("#id_basis", "NQ HĐND tỉnh")
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_test_id("unfunded")).to_contain_text("40.000.000.000")
    page.select_option("#id_source", "local_budget")
    page.fill("#id_amount", "40000000000")
    page.get_by_role("button", name="Ghi").click()
    expect(page.get_by_test_id("funding-table")).to_contain_text("Vốn đối ứng ngân sách địa phương")
    accessible(page)
    shot(page, "investment-project")
    page.goto(live_server.url + "/co-quan-co-so/du-an/")
    expect(page.get_by_test_id("project-table")).to_contain_text("Nâng cấp Trung tâm Bảo trợ xã hội")
    accessible(page)

    page.goto(live_server.url + "/quy-tro-giup/")
    accessible(page)
    page.get_by_role("link", name="Quỹ trợ giúp xã hội tỉnh").click()
    page.get_by_text("Ghi khoản tài trợ").click()
    page.fill("#id_d-donor", "Công ty Minh Phú")
    page.select_option("#id_d-donor_kind", "enterprise")
    page.fill("#id_d-value", "20000000")
    page.locator("form[action$='/tai-tro/']").get_by_role("button", name="Ghi").click()
    expect(page.get_by_test_id("fund-balance")).to_contain_text("20.000.000")
    page.get_by_text("Ghi khoản chi").click()
    page.select_option("#id_u-form", "cash")
    page.fill("#id_u-value", "25000000")
    page.fill("#id_u-programme", "Hỗ trợ sau bão")
    page.fill("#id_u-decision", "QĐ 9")
    page.locator("form[action$='/chi/']").get_by_role("button", name="Ghi").click()
    expect(page.locator(".alert-danger, .alert-error").first).to_contain_text("Quỹ chỉ còn 20.000.000 đ")
    accessible(page)
    shot(page, "fund")
