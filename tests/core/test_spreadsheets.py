"""Files in and out: headers found by name in any order, case or diacritics; rows named by number; files
written in Vietnamese whatever the interface language, streamed, with text kept as text."""

import csv
import datetime
import io

import pytest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook, load_workbook

from ansinh.core.exceptions import DomainError
from ansinh.core.files import (
    Column,
    Table,
    csv_bytes,
    file_response,
    parse_date,
    parse_date_parts,
    parse_int,
    read_table,
    xlsx_bytes,
)

COLUMNS = [Column("id", "Mã dòng", required=True), Column("result", "Kết quả", ("result",), required=True),
           Column("day", "Ngày chi")]


def xlsx(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("make, name", [(xlsx, "kq.xlsx"), (lambda rows: "\n".join(",".join(map(str, r)) for r in rows)
                                                              .encode("utf-8-sig"), "kq.csv")])
def test_headers_are_found_in_any_order_case_or_diacritics(make, name):
    content = make([["ngay chi", "  KẾT QUẢ ", "ma dong"], ["05/03/2026", "Đã chi", "7"], ["", "", ""],
                    ["", "Không thành công", "8"]])
    sheet = read_table(name, content, COLUMNS)
    assert sheet.columns == {"day": 0, "result": 1, "id": 2}
    assert [(r["row"], str(r["id"]), r["result"]) for r in sheet.rows] == [(2, "7", "Đã chi"), (4, "8", "Không thành công")]


def test_an_alternative_header_is_accepted_and_a_missing_column_named():
    assert read_table("a.csv", b"Result,Ma dong\nok,1\n", COLUMNS).rows == [{"row": 2, "result": "ok", "id": "1"}]
    with pytest.raises(DomainError) as missing:
        read_table("a.csv", b"Ngay chi\n01/01/2026\n", COLUMNS)
    assert missing.value.message == "Thiếu cột: Mã dòng, Kết quả (dòng tiêu đề là dòng 1)."
    assert missing.value.field == "file"


@pytest.mark.parametrize("content, name, message", [
    (b"", "a.csv", "Tệp rỗng."),
    (b"\x00\x01\x02binary", "a.csv", "Tệp không phải bảng tính"),
    (b"not a workbook", "a.xlsx", "Không đọc được tệp Excel"),
])
def test_unreadable_files_get_a_vietnamese_message(content, name, message):
    with pytest.raises(DomainError) as error:
        read_table(name, content, COLUMNS)
    assert error.value.message.startswith(message)


def test_cells_as_dates_and_numbers():
    assert parse_date("05/03/2026") == (datetime.date(2026, 3, 5), None)
    assert parse_date(datetime.datetime(2026, 3, 5, 10, 0)) == (datetime.date(2026, 3, 5), None)
    assert parse_date("") == (None, None)
    assert parse_date("31/02/2026") == (None, "31/02/2026")
    assert [parse_int(v) for v in (750000.0, "1.234.000", "", "7a")] == [750000, 1234000, None, None]


def table():
    return Table(headers=[_("Họ và tên"), _("Số định danh cá nhân")],
                 rows=iter([["Nguyễn Văn An", "001090000001"]]), sheet="Đối tượng")


def test_files_are_written_in_vietnamese_whatever_the_language():
    with translation.override("en"):
        assert str(_("Họ và tên")) == "Full name"
        text = csv_bytes(table()).decode("utf-8")
        book = load_workbook(io.BytesIO(xlsx_bytes(table())))
    assert text.startswith("\ufeffHọ và tên,Số định danh cá nhân\r\n")
    assert list(book["Đối tượng"].iter_rows(values_only=True)) == [
        ("Họ và tên", "Số định danh cá nhân"), ("Nguyễn Văn An", "001090000001")]  # the leading zeros stay


def test_a_csv_download_streams_and_a_bad_format_is_refused():
    response = file_response(table(), fmt="csv", filename="doi-tuong")
    assert response.streaming and response["Content-Disposition"] == 'attachment; filename="doi-tuong.csv"'
    assert list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))[1] == ["Nguyễn Văn An", "001090000001"]
    with pytest.raises(DomainError):
        file_response(table(), fmt="pdf", filename="x")


@pytest.mark.parametrize("cell, parts", [
    ("05/03/1950", (1950, 3, 5)), ("5/3/50", (1950, 3, 5)), ("05-03-1950", (1950, 3, 5)), ("05.03.1950", (1950, 3, 5)),
    ("1950-03-05", (1950, 3, 5)), ("1950-03-05 00:00:00", (1950, 3, 5)), ("1950-03", (1950, 3, None)),
    ("03/1950", (1950, 3, None)), ("1950", (1950, None, None)), (1950, (1950, None, None)),
    (18327, (1950, 3, 5)), ("18327", (1950, 3, 5)), (18327.0, (1950, 3, 5)),
    (datetime.datetime(1950, 3, 5, 8, 0), (1950, 3, 5)),
])
def test_dates_as_spreadsheets_hold_them(cell, parts):
    assert parse_date_parts(cell, today=datetime.date(2026, 12, 3)) == parts


@pytest.mark.parametrize("cell, message", [
    ("31/02/1970", "“31/02/1970”: ngày 31/02/1970 không có."), ("1950-13", "“1950-13”: tháng 13 không có."),
    ("50", "“50” không đọc được thành năm (viết đủ 4 chữ số)."), ("", "Để trống."), (0, "“0” không phải ngày tháng."),
])
def test_dates_that_are_not_say_why(cell, message):
    with pytest.raises(ValueError) as raised:
        parse_date_parts(cell, today=datetime.date(2026, 12, 3))
    assert str(raised.value) == message
