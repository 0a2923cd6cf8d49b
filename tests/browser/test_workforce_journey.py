"""A commune officer registers a collaborator at the commune's school, records a course the collaborator
completed, and sees both indicators move on the workforce dashboard — at tablet width, every page passing
axe-core with no serious or critical violation."""

import datetime

import pytest
from playwright.sync_api import expect

from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import load_defaults
from ansinh.facilities.services import organisation_create
from ansinh.workforce.models import Attendance, Position
from tests.browser.conftest import accessible
from tests.factories import PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_collaborator_and_a_completed_course_move_the_indicators(live_server, page, shot, users, communes):
    load_defaults(PolicyParameter)  # flushed by transactional tests
    today = datetime.date.today()
    # the course lies in this year, which the dashboard's period starts with
    course_start = max(datetime.date(today.year, 1, 1), today - datetime.timedelta(days=14))
    done = max(course_start, today - datetime.timedelta(days=10))
    school = organisation_create(user=users["xa1"], valid_from=datetime.date(2020, 9, 1),
                                 name="Trường Tiểu học Tân Thành", kind="school", commune=communes["c1"],
                                 in_plan_scope=True)
    person = PersonFactory(full_name="Lâm Thị Hoa", sex="F", commune=communes["c1"], citizen_id="096190123456")
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", "xa1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")

    page.goto(live_server.url + "/nhan-luc/")  # at tablet width the menu is folded behind its button
    staffed = page.get_by_test_id("figure-workforce.orgs_staffed")
    expect(staffed).to_contain_text("0%")
    expect(staffed).to_contain_text("0/1")
    expect(page.get_by_test_id("figure-workforce.staff_trained")).to_contain_text("—")
    accessible(page)

    page.goto(f"{live_server.url}/co-quan-co-so/{school.pk}/")
    page.get_by_role("link", name="Thêm người làm công tác xã hội").click()
    page.fill("#id_citizen_id", "096190999999")  # not in the registry: named, nothing written
    page.select_option("#id_title", "cong_tac_vien")
    page.select_option("#id_engagement", "collaborator")
    page.fill("#id_monthly_allowance", "2600000")
    page.fill("#id_start_date", (today - datetime.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator(".invalid-feedback")).to_contain_text("Không tìm thấy người có số định danh 096190999999")
    assert not Position.objects.exists()
    page.fill("#id_citizen_id", person.citizen_id)
    accessible(page)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("h1")).to_have_text("Lâm Thị Hoa")
    expect(page.get_by_test_id("position-facts")).to_contain_text("2.600.000")
    accessible(page)
    shot(page, "workforce-position")

    page.goto(live_server.url + "/nhan-luc/nguoi/?below_base_salary=false")
    expect(page.get_by_test_id("position-table")).to_contain_text("Lâm Thị Hoa")
    accessible(page)
    page.goto(live_server.url + "/nhan-luc/dao-tao/")
    page.get_by_role("link", name="Thêm khóa").click()
    page.fill("#id_title", "Tập huấn công tác xã hội trường học")
    page.select_option("#id_kind", "short")
    page.fill("#id_organiser", "UBND xã")
    page.fill("#id_start_date", course_start.isoformat())
    page.fill("#id_end_date", done.isoformat())
    page.select_option("#id_funding", "local")
    page.fill("#id_amount", "15000000")
    page.get_by_role("button", name="Lưu").click()
    page.fill("#id_citizen_id", person.citizen_id)
    page.fill("#id_completed_on", done.isoformat())
    accessible(page)
    page.get_by_role("button", name="Thêm", exact=True).click()
    expect(page.get_by_test_id("attendance-table")).to_contain_text("Lâm Thị Hoa")
    assert Attendance.objects.get().completed_on == done

    page.get_by_role("button", name="Mở menu").click()
    page.get_by_role("button", name="Công tác xã hội").click()
    page.get_by_role("link", name="Nhân lực CTXH").click()
    expect(page.get_by_test_id("figure-workforce.orgs_staffed")).to_contain_text("100%")
    expect(page.get_by_test_id("figure-workforce.orgs_staffed")).to_contain_text("1/1")
    expect(page.get_by_test_id("figure-workforce.staff_trained")).to_contain_text("100%")
    accessible(page)
    shot(page, "workforce-dashboard")
    page.get_by_test_id("figure-workforce.orgs_staffed").get_by_role("link").click()
    expect(page.get_by_test_id("indicator-rows")).to_contain_text("Trường Tiểu học Tân Thành")
    accessible(page)
    shot(page, "workforce-indicator")
