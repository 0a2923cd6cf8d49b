"""A child-protection case from the report to its closure, in the browser at tablet width: the social worker
receives it (serious risk: the 12 hours start), takes the emergency measure, assesses, drafts a plan — refused
first for an activity dated before the assessment —, the supervisor approves it, the worker records a service and
a review and closes the case — refused first without a reason. Every page passes axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ansinh.casework.models import Case, Deadline, Plan
from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import load_defaults
from tests.browser.conftest import accessible
from tests.casework.conftest import team  # noqa: F401 - the case team, as a fixture
from tests.factories import PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, url, username):
    page.context.clear_cookies()
    page.goto(url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def step(page, name):
    """Open the step's section of the case page (the first is open already)."""
    form = page.get_by_test_id(f"step-{name}")
    if not form.is_visible():
        page.locator("details", has=form).locator("summary").click()
    return form


def test_a_child_protection_case_from_report_to_closure(live_server, page, shot, team):  # noqa: F811
    load_defaults(PolicyParameter)  # flushed by transactional tests
    today = timezone.localdate()
    child = PersonFactory(full_name="Ngô Thị Mai", sex="F", birth_year=today.year - 10, commune=team["child"].commune,
                          citizen_id="096310123456")
    page.set_viewport_size({"width": 768, "height": 1024})
    url = live_server.url
    sign_in(page, url, "ctxh1")
    page.goto(url + "/quan-ly-ca/")
    accessible(page)
    page.get_by_role("link", name="Tiếp nhận ca mới").click()
    page.select_option("#id_source", "hotline")
    page.fill("#id_reporter_name", "Hàng xóm")
    page.select_option("#id_case_type", "child_protection")
    page.select_option("#id_risk", "serious")
    page.fill("#id_summary", "Trẻ bị cha dượng đánh, có vết thương ở tay.")
    page.fill("#id_citizen_ids", child.citizen_id)
    page.select_option("#id_supervisor", label="giamsat1 (giamsat1)")
    accessible(page)
    page.get_by_role("button", name="Mở ca").click()
    expect(page.locator("h1")).to_contain_text("Ca 0001/")
    case = Case.objects.get()
    assert case.procedure == "child"
    expect(page.get_by_test_id("deadlines")).to_contain_text("12 giờ")
    expect(page.get_by_test_id("deadlines")).to_contain_text("còn 11 giờ")
    accessible(page)
    shot(page, "case-received")

    form = step(page, "emergency")
    form.locator("textarea").fill("Đưa trẻ đến nhà bà ngoại, báo công an xã.")
    form.get_by_role("button", name="Can thiệp khẩn cấp").click()
    expect(page.get_by_test_id("deadlines")).to_contain_text("đúng hạn")
    assert Deadline.objects.get(case=case, step="emergency").met_at is not None

    form = step(page, "initial_assessment")
    form.locator("select").select_option("serious")
    form.locator("textarea").fill("Trẻ bị bạo lực thể chất; người gây hại sống cùng nhà.")
    form.get_by_role("button", name="Đánh giá ban đầu").click()
    expect(page.get_by_test_id("stage")).to_have_text("Đã đánh giá ban đầu")

    form = step(page, "assess")
    form.locator("#id_assess-level_health").select_option("3")
    form.locator("#id_assess-level_psychology").select_option("2")
    form.locator("#id_assess-need_psychology").fill("Sợ hãi, ít nói")
    form.get_by_role("button", name="Đánh giá chi tiết, nhu cầu").click()
    expect(page.get_by_test_id("deadlines")).to_contain_text("Xây dựng kế hoạch")
    accessible(page)

    form = step(page, "plan")
    form.locator("#id_plan-goals").fill("Trẻ an toàn, ổn định tâm lý, tiếp tục đi học.")
    form.locator("#id_plan-service_1").fill("Tham vấn tâm lý")
    form.locator("#id_plan-start_1").fill((today - datetime.timedelta(days=3)).isoformat())  # before the assessment
    form.locator("#id_plan-end_1").fill((today + datetime.timedelta(days=30)).isoformat())
    form.locator("#id_plan-responsible_1").fill("ctxh1")
    form.locator("#id_plan-budget_1").fill("500000")
    form.get_by_role("button", name="Xây dựng kế hoạch").click()
    expect(page.locator(".alert-danger")).to_contain_text("trước ngày đánh giá")
    assert not Plan.objects.exists()
    accessible(page)
    page.locator("#id_plan-start_1").fill(today.isoformat())
    page.get_by_role("button", name="Xây dựng kế hoạch").click()
    expect(page.get_by_test_id("stage")).to_have_text("Kế hoạch chờ phê duyệt")
    shot(page, "case-plan-submitted")

    sign_in(page, url, "giamsat1")
    page.goto(url + "/quan-ly-ca/")
    expect(page.get_by_test_id("my-cases")).to_contain_text(case.code)
    page.get_by_test_id("my-cases").get_by_role("link", name=case.code).click()
    form = step(page, "approve")
    form.locator("input[name='approve-decision_number']").fill("15/QĐ-UBND")
    form.get_by_role("button", name="Phê duyệt kế hoạch").click()
    expect(page.get_by_test_id("stage")).to_have_text("Đang thực hiện kế hoạch")
    accessible(page)

    sign_in(page, url, "ctxh1")
    page.goto(f"{url}/quan-ly-ca/ca/{case.pk}/")
    form = step(page, "service")
    form.locator("select").select_option("psychosocial")
    form.locator("input[name='service-provider']").fill("Trung tâm CTXH tỉnh")
    form.get_by_role("button", name="Ghi dịch vụ đã cung cấp").click()
    form = step(page, "review")
    form.locator("textarea").fill("Trẻ ổn định, đi học đều, không còn nguy cơ.")
    form.get_by_role("button", name="Theo dõi, rà soát").click()
    expect(page.get_by_test_id("timeline")).to_contain_text("Theo dõi, rà soát")

    form = step(page, "close")
    form.get_by_role("button", name="Đóng ca").click()  # no reason
    expect(page.locator(".invalid-feedback, .alert-danger").first).to_contain_text("lý do đóng ca")
    assert Case.objects.get().stage != "closed"
    accessible(page)
    page.locator("#id_close-reason").select_option("goals_met")
    page.get_by_role("button", name="Đóng ca").click()
    expect(page.get_by_test_id("stage")).to_have_text("Đã đóng")
    expect(page.get_by_test_id("case-facts")).to_contain_text("Đạt mục tiêu")
    accessible(page)
    shot(page, "case-closed")
    page.get_by_test_id("forms-menu").click()
    with page.expect_download() as download:
        page.get_by_test_id("form-plan").click()
    assert download.value.suggested_filename.endswith(".docx")
    assert Case.objects.get().stage == "closed"
