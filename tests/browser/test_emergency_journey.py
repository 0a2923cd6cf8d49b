"""A flood in a commune, end to end in the browser at tablet width: the commune officer records the event, pastes
the village list — refused first, whole, for a row naming no damage —, proposes the law's minimums, records the
chairman's urgent decision, is refused a distribution dated before it, hands the aid out and decides and pays the
funeral support of the person who died; the province sees who is still waiting and for how long, and the
indicator. Every page passes axe-core."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from ansinh.assistance.models import FuneralSupport
from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import load_defaults
from ansinh.emergency.models import Affected, Aid
from ansinh.registry.models import Person
from tests.browser.conftest import accessible
from tests.factories import PASSWORD, PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page, url, username):
    page.context.clear_cookies()
    page.goto(url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")


def open_section(page, title):
    section = page.locator("details", has=page.locator("summary", has_text=title))
    if section.get_attribute("open") is None:
        section.locator("summary").first.click()
    return section


def test_a_flood_recorded_decided_delivered_and_watched(live_server, page, shot, users, communes):
    load_defaults(PolicyParameter)  # flushed by transactional tests
    today = timezone.localdate()
    c1 = communes["c1"]
    known = PersonFactory(full_name="Huỳnh Văn Tám", sex="M", birth_year=1968, commune=c1, citizen_id="096068123456")
    url = live_server.url
    page.set_viewport_size({"width": 768, "height": 1024})
    sign_in(page, url, "xa1")

    page.goto(url + "/khan-cap/")
    accessible(page)
    page.get_by_role("link", name="Ghi sự kiện").click()
    page.select_option("#id_kind", "flood")
    page.fill("#id_name", "Triều cường tháng 12")
    page.fill("#id_started_on", (today - datetime.timedelta(days=4)).isoformat())
    page.fill("#id_note", "Nước tràn bờ bao ấp 3, 40 hộ ngập.")
    expect(page.get_by_label(c1.name, exact=False)).to_be_checked()  # a commune officer's own commune
    accessible(page)
    page.get_by_role("button", name="Lưu").click()
    expect(page.locator("h1")).to_contain_text("Triều cường tháng 12")
    accessible(page)

    rows = ("Họ và tên\tSố định danh\tNăm sinh\tGiới tính\tThôn/ấp\tThiệt hại\tSố người\tHộ nghèo\tSố ngày điều trị\n"
            f"Huỳnh Văn Tám\t{known.citizen_id}\t1968\tNam\tẤp 3\tsập nhà\t5\tx\t\n"
            "Lâm Thị Cúc\t\t1975\tNữ\tẤp 3\tthiếu đói\t4\t\t\n"
            "Tô Văn Sử\t\t1950\tNam\tẤp 3\tchết\t1\t\t\n"
            "Đào Văn Út\t\t1990\tNam\tẤp 3\tngập nhẹ\t2\t\t\n")
    paste = open_section(page, "Dán danh sách")
    paste.locator("#id_p-detected_on").fill((today - datetime.timedelta(days=1)).isoformat())
    paste.locator("#id_p-rows").fill(rows)
    paste.get_by_role("button", name="Ghi danh sách").click()
    expect(page.locator(".alert-danger, .alert-error").first).to_contain_text("Dòng 5")
    assert Affected.objects.count() == 0 and not Person.objects.filter(full_name="Lâm Thị Cúc").exists()
    shot(page, "emergency-paste-refused")

    paste = open_section(page, "Dán danh sách")  # the refused list is back, to be corrected, not pasted again
    box = paste.locator("#id_p-rows")
    assert "Đào Văn Út\t\t1990\tNam\tẤp 3\tngập nhẹ" in box.input_value()
    assert paste.locator("#id_p-detected_on").input_value() == (today - datetime.timedelta(days=1)).isoformat()
    box.fill(box.input_value().replace("ngập nhẹ", "thiếu đói"))
    paste.get_by_role("button", name="Ghi danh sách").click()
    expect(page.get_by_text("Đã ghi danh sách.")).to_be_visible()
    expect(page.get_by_test_id("affected-table")).to_contain_text("Lâm Thị Cúc")
    assert Affected.objects.count() == 4 and Affected.objects.get(person=known).vulnerable
    assert FuneralSupport.objects.get().amount == 50 * 500_000  # Tô Văn Sử, Điều 14

    open_section(page, "Đề xuất mức trợ giúp tối thiểu").get_by_role("button", name="Đề xuất").click()
    expect(page.get_by_test_id("affected-table")).to_contain_text("40.000.000")
    expect(page.get_by_test_id("affected-table")).to_contain_text("60 kg")  # 4 people × 15 kg × 1 month
    decision = open_section(page, "Quyết định của Chủ tịch")
    decision.locator("#id_q-urgent").check()  # at once, without the review: rice only (Điều 17 k.2)
    decision.locator("#id_q-signer").fill("Trần Văn Chủ")
    accessible(page)
    decision.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_test_id("decision-table")).to_contain_text("01/QĐ-UBND")
    assert Aid.objects.filter(decision__isnull=False).count() == 2  # the two rice aids; the house waits
    decision = open_section(page, "Quyết định của Chủ tịch")
    decision.locator("#id_q-reviewed_on").fill(today.isoformat())  # the village met: the house support
    decision.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_test_id("decision-table")).to_contain_text("02/QĐ-UBND")
    assert Aid.objects.filter(decision__isnull=False).count() == 3

    table = page.get_by_test_id("decision-table")
    table.locator("input[type=date]").first.fill((today - datetime.timedelta(days=2)).isoformat())
    table.get_by_role("button", name="Chi, phát đủ theo quyết định").first.click()
    expect(page.locator(".alert-danger, .alert-error").first).to_contain_text("trước ngày quyết định")
    assert Aid.objects.filter(delivered__gt=0).count() == 0
    for _decision in range(2):  # a decision handed out in full shows no button any more
        page.get_by_test_id("decision-table").get_by_role("button", name="Chi, phát đủ theo quyết định").first.click()
        expect(page.get_by_text("Đã ghi chi, phát đủ")).to_be_visible()
    expect(page.get_by_test_id("decision-table").get_by_role("button", name="Chi, phát đủ theo quyết định")
           ).to_have_count(0)
    expect(page.get_by_test_id("line-Lâm Thị Cúc")).to_contain_text("Kịp thời")
    accessible(page)
    shot(page, "emergency-event")

    page.goto(url + "/khan-cap/mai-tang/")
    accessible(page)
    page.get_by_role("link", name="Tô Văn Sử").click()
    page.fill("#id_recipient", "Tô Thị Hai (con gái)")
    page.fill("#id_date_of_death", (today - datetime.timedelta(days=2)).isoformat())  # from the death certificate
    accessible(page)
    page.get_by_role("button", name="Ghi quyết định").click()
    expect(page.get_by_test_id("funeral-facts")).to_contain_text("03/QĐ-UBND")
    page.get_by_role("button", name="Ghi đã chi trả").click()
    expect(page.get_by_test_id("funeral-facts")).to_contain_text("Đã chi trả")
    support = FuneralSupport.objects.get()
    assert support.status == "paid" and Affected.objects.get(person=support.person).delivered_on == today
    assert support.person.date_of_death == support.date_of_death == today - datetime.timedelta(days=2)

    # a household found three days ago and not yet decided: the province sees it waiting, past the deadline
    sign_in(page, url, "xa1")
    page.goto(url + "/khan-cap/")
    page.get_by_role("link", name="Triều cường tháng 12").click()
    paste = open_section(page, "Dán danh sách")
    paste.locator("#id_p-detected_on").fill((today - datetime.timedelta(days=3)).isoformat())
    paste.locator("#id_p-rows").fill("Phan Văn Muộn; ; 1980; Nam; Ấp 4; thiếu đói; 3")
    paste.get_by_role("button", name="Ghi danh sách").click()
    expect(page.get_by_test_id("line-Phan Văn Muộn")).to_contain_text("Quá hạn, chờ 3 ngày")
    sign_in(page, url, "tinh")
    page.goto(url + "/khan-cap/cho-tro-giup/")
    expect(page.get_by_test_id("waiting-table")).to_contain_text("Phan Văn Muộn")
    expect(page.get_by_test_id("waiting-table")).to_contain_text("3 ngày")
    expect(page.get_by_test_id("waiting-table")).to_contain_text("quá hạn quyết định")
    accessible(page)
    shot(page, "emergency-waiting")
    page.goto(url + "/chi-so/emergency.helped_promptly/")
    expect(page.locator("main")).to_contain_text("trợ giúp kịp thời")
    expect(page.locator("main")).to_contain_text("80")  # 5 + 4 + 1 + 2 people helped promptly, of 15
    accessible(page)
    shot(page, "emergency-indicator")
