"""The province's plans at tablet width: the list, a seed plan's targets and the task appendix of 113/KH-UBND,
each page passing axe-core."""

import pytest
from playwright.sync_api import expect

from ansinh.monitoring.models import Plan
from ansinh.monitoring.services import plans_load_seeds
from tests.browser.conftest import accessible
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_provinces_plans_and_their_targets(live_server, page, shot, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"  # the evidence file
    plans_load_seeds()
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", "tinh")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.goto(live_server.url + "/ke-hoach/")
    expect(page.get_by_test_id("plan-table")).to_contain_text("62/KH-UBND")
    expect(page.get_by_test_id("plan-table")).not_to_contain_text("154/KH-UBND")  # Tuyên Quang's
    accessible(page)
    page.get_by_role("link", name="62/KH-UBND").click()
    expect(page.get_by_test_id("target-table")).to_contain_text("tăng tối thiểu 35% so với năm 2025")
    expect(page.get_by_test_id("target-table")).to_contain_text("2026–2030")  # years, not "2.026"
    accessible(page)
    shot(page, "plan-62")
    page.goto(f"{live_server.url}/ke-hoach/{Plan.objects.get(number='113/KH-UBND').pk}/")
    expect(page.get_by_test_id("task-table").locator("tbody tr")).to_have_count(29)
    expect(page.get_by_test_id("task-table")).to_contain_text("Quá hạn")
    accessible(page)
    shot(page, "plan-113")
    # a task's progress for its deadline, with the evidence
    page.get_by_test_id("task-table").locator("tbody tr").first.get_by_role("link").click()
    form = page.get_by_test_id("task-update-form")
    form.get_by_label("Tình trạng").select_option("done")
    form.get_by_label("Kết quả, ghi chú").fill("Đã ban hành kế hoạch của Sở.")
    form.get_by_label("Tệp minh chứng (PDF, Word, Excel, ảnh; tối đa 20 MB)").set_input_files(
        files=[{"name": "ke-hoach-so.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4 minh chung"}])
    form.get_by_role("button", name="Ghi").click()
    expect(page.get_by_test_id("task-history")).to_contain_text("Đã ban hành kế hoạch của Sở.")
    expect(page.get_by_test_id("task-history").get_by_role("link", name="ke-hoach-so.pdf")).to_be_visible()
    accessible(page)
    shot(page, "task-detail")
    page.goto(live_server.url + "/ke-hoach/nhiem-vu-qua-han/")
    expect(page.get_by_test_id("overdue-table").first).to_be_visible()
    accessible(page)
