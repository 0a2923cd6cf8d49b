"""A commune officer keeps the commune's organisations: finds its People's Committee, registers a school
founded in 2020, records from a past date that it provides social-work services, and reads the periods —
at tablet width, every page passing axe-core with no serious or critical violation."""

import pytest
from playwright.sync_api import expect

from ansinh.facilities.models import Organisation
from ansinh.facilities.services import commune_committees_load
from tests.browser.conftest import accessible
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_register_a_school_and_change_it_from_a_past_date(live_server, page, shot, users, communes):
    commune_committees_load(province_code="96")
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", "xa1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(live_server.url + "/co-quan-co-so/")
    expect(page.get_by_test_id("organisation-table")).to_contain_text(f"UBND {communes['c1'].name}")
    expect(page.get_by_test_id("organisation-table")).not_to_contain_text(f"UBND {communes['c2'].name}")
    accessible(page)
    shot(page, "organisations-list")

    page.get_by_role("link", name="Thêm cơ quan, cơ sở").click()
    page.fill("#id_valid_from", "2020-09-01")
    page.fill("#id_name", "Trường THCS Tân Thành")
    page.select_option("#id_kind", "school")
    page.select_option("#id_commune", str(communes["c1"].pk))
    page.check("#id_in_plan_scope")
    accessible(page)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("h1")).to_have_text("Trường THCS Tân Thành")

    page.get_by_role("link", name="Thay đổi").click()
    page.fill("#id_valid_from", "2024-09-01")
    page.check("#id_provides_social_work")
    page.fill("#id_basis", "QĐ 12/QĐ-UBND")
    accessible(page)
    page.get_by_role("button", name="Lưu").click()
    periods = page.get_by_test_id("period-table")
    expect(periods).to_contain_text("01/09/2020")
    expect(periods).to_contain_text("01/09/2024")
    expect(periods).to_contain_text("QĐ 12/QĐ-UBND")
    accessible(page)
    shot(page, "organisation-detail")
    school = Organisation.objects.get(name="Trường THCS Tân Thành")
    assert [(p.in_plan_scope, p.provides_social_work) for p in school.periods.order_by("valid_from")] == [
        (True, False), (True, True)]
