"""A commune officer brings an old list in: downloads the template, fills it, uploads a file with errors,
reads the check, downloads the error report, confirms the good rows, fixes the report and imports it too.
Every page of the way passes axe-core with no serious or critical violation, at desktop and tablet width."""

import io
import re

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from ansinh.registry.models import Person
from tests.browser.conftest import accessible
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_template_upload_check_report_fix_and_commit(live_server, page, shot, users, communes, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", "xa1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.get_by_role("link", name="Đối tượng").first.click()

    with page.expect_download() as template:
        page.get_by_test_id("template").click()
    book = load_workbook(io.BytesIO(template.value.path().read_bytes()))
    assert book.sheetnames == ["Danh sách", "Danh mục", "Hướng dẫn"]
    sheet = book["Danh sách"]
    sheet.delete_rows(2)  # the example row
    header = [c.value.replace(" (*)", "") for c in sheet[1]]
    for values in ({"Họ và tên": "nguyễn văn an", "Giới tính": "Nam", "Ngày sinh": "05/03/1950"},
                   {"Họ và tên": "Trần Thị Bích", "Giới tính": "Nữ", "Ngày sinh": "1948"},
                   {"Họ và tên": "Lê Văn Cường", "Giới tính": "Nam", "Ngày sinh": "31/02/1960"},
                   {"Họ và tên": "Phạm Thị Dung", "Giới tính": "?", "Ngày sinh": "1970"}):
        sheet.append([values.get(column, "") for column in header])
    filled = tmp_path / "danh-sach-cu.xlsx"
    book.save(filled)

    page.get_by_test_id("import").click()
    expect(page.locator("h1")).to_contain_text("Nhập danh sách")
    accessible(page)
    page.set_input_files("#id_file", str(filled))
    page.get_by_test_id("upload-submit").click()
    expect(page.get_by_test_id("job-status")).to_have_text("Chờ xác nhận")
    expect(page.get_by_test_id("count-new")).to_have_text("2")
    expect(page.get_by_test_id("count-errors")).to_have_text("2")
    errors = page.get_by_test_id("error-table")
    expect(errors).to_contain_text("ngày 31/02/1960 không có")
    expect(errors).to_contain_text("ghi Nam hoặc Nữ")
    accessible(page)
    shot(page, "20-import-check")
    page.set_viewport_size({"width": 768, "height": 1024})
    accessible(page)
    shot(page, "21-import-check-tablet")
    page.set_viewport_size({"width": 1366, "height": 900})
    assert Person.objects.count() == 0  # nothing is written before the officer confirms

    with page.expect_download() as report:
        page.get_by_test_id("error-report").click()
    book = load_workbook(io.BytesIO(report.value.path().read_bytes()))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][0] == "Dòng" and rows[0][-1] == "Lỗi" and [r[0] for r in rows[1:]] == [4, 5]

    page.get_by_test_id("action-commit").click()
    expect(page.get_by_test_id("job-result")).to_contain_text("thêm mới 2")
    assert sorted(Person.objects.values_list("full_name", flat=True)) == ["Nguyễn Văn An", "Trần Thị Bích"]
    shot(page, "22-import-done")

    # the officer corrects the report itself and sends it back: its row-number and error columns are ignored
    sheet = book.active
    names = [c.value for c in sheet[1]]
    sheet.cell(row=2, column=names.index("Ngày sinh") + 1, value="28/02/1960")
    sheet.cell(row=3, column=names.index("Giới tính") + 1, value="Nữ")
    fixed = tmp_path / "da-sua.xlsx"
    book.save(fixed)
    page.goto(live_server.url + "/nhap-du-lieu/tai-len/")
    page.set_input_files("#id_file", str(fixed))
    page.get_by_test_id("upload-submit").click()
    expect(page.get_by_test_id("count-errors")).to_have_text("0")
    page.get_by_test_id("action-commit").click()
    expect(page.get_by_test_id("job-result")).to_contain_text("thêm mới 2")
    assert Person.objects.count() == 4
    page.get_by_role("link", name="Nhập dữ liệu").first.click()
    expect(page.get_by_test_id("job-table").locator("tbody tr")).to_have_count(2)
    expect(page).to_have_url(re.compile(r"/nhap-du-lieu/$"))
    accessible(page)


def test_the_lists_with_their_exports_pass_axe_at_tablet_width(live_server, page, users, communes):
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(live_server.url + "/tai-khoan/dang-nhap/")
    page.fill("#id_username", "xa1")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    for path in ("/doi-tuong/", "/ho-gia-dinh/", "/nghi-trung/", "/tro-giup-xa-hoi/doi-tuong-huong/",
                 "/tro-giup-xa-hoi/ho-so/", "/tro-giup-xa-hoi/tham-so-chinh-sach/", "/chi-tra/tep/", "/nhap-du-lieu/"):
        page.goto(live_server.url + path)
        expect(page.get_by_test_id("export-xlsx")).to_be_visible()
        accessible(page)
