"""A commune officer's main journey: log in, search without diacritics, open, edit, see the audit entry."""

import re

import pytest
from playwright.sync_api import expect

from ansinh.audit.models import AuditEvent
from ansinh.registry.models import Person
from tests.factories import PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_open_edit_and_see_history(live_server, page, shot, users, communes):
    PersonFactory(full_name="Đặng Thị Hồng Nhung", sex="F", birth_year=1975, birth_month=None, birth_day=None,
                  commune=communes["c1"], citizen_id="096175000123")
    PersonFactory(full_name="Nguyễn Văn Bình", sex="M", commune=communes["c1"])
    PersonFactory(full_name="Đặng Thị Hoa", sex="F", commune=communes["c2"])  # xa2's commune: never shown

    page.goto(live_server.url + "/")
    expect(page).to_have_url(re.compile(r"/tai-khoan/dang-nhap/"))
    page.fill("#id_username", "xa1")
    page.fill("#id_password", "sai mật khẩu")
    page.click("button[type=submit]")
    expect(page.locator(".alert-danger")).to_contain_text("không đúng")
    page.fill("#id_username", "xa1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    expect(page.get_by_test_id("whoami")).to_contain_text("xa1")
    expect(page.get_by_test_id("stat-persons")).to_have_text("2")
    shot(page, "01-home")

    page.get_by_role("link", name="Đối tượng").first.click()
    page.fill("#id_search", "dang thi")
    rows = page.get_by_test_id("person-table").locator("tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Đặng Thị Hồng Nhung")
    expect(page).to_have_url(re.compile(r"search=dang(\+|%20)thi"))
    shot(page, "02-search")

    page.get_by_role("link", name="Đặng Thị Hồng Nhung").click()
    expect(page.get_by_test_id("person-name")).to_contain_text("Đặng Thị Hồng Nhung")
    expect(page.locator("body")).to_contain_text("01 (theo quy ước")
    page.get_by_role("link", name="Sửa").click()
    page.fill("#id_phone", "0912 345 678")
    page.fill("#id_birth", "31/02/1975")
    page.click("button[type=submit]")
    expect(page.locator(".invalid-feedback").first).to_contain_text("không tồn tại")
    shot(page, "03-edit-error")
    page.fill("#id_birth", "15/08/1975")
    page.click("button[type=submit]")
    expect(page.locator(".alert-success")).to_contain_text("Đã lưu")
    history = page.get_by_test_id("history-panel")
    expect(history).to_contain_text("Sửa")
    expect(history).to_contain_text("0912 345 678")
    expect(history).to_contain_text("xa1")
    shot(page, "04-history")

    person = Person.objects.get(full_name="Đặng Thị Hồng Nhung")
    assert (person.birth_day, person.birth_month, person.phone, person.version) == (15, 8, "0912 345 678", 2)
    assert AuditEvent.objects.filter(object_id=str(person.pk), action="update", actor__username="xa1").count() == 1
    assert AuditEvent.objects.filter(object_id=str(person.pk), action="view").exists()
