"""Files in and out: spreadsheets read with row-numbered errors, and tables written as CSV or XLSX.

A file leaves An Sinh for another agency (the post office, the social insurance agency, a ministry), so
its headers and coded values are Vietnamese whatever language the user reads the pages in. Reading folds
headers (no diacritics, any case, extra spaces) so that a column is found by its name, in any order.
"""

import codecs
import contextlib
import csv
import datetime
import io
import itertools
import os
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.http import FileResponse, HttpResponse, StreamingHttpResponse
from django.utils import translation
from openpyxl import Workbook
from python_calamine import CalamineWorkbook

from . import audit
from .exceptions import DomainError
from .text import fold

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
FORMATS = ("csv", "xlsx")
MAX_BYTES = 50 * 2**20


# --- out ----------------------------------------------------------------------------------------------


@dataclass
class Table:
    """Rows to hand out, with their headers. `rows` may be a generator over a queryset's `iterator()`: it is
    read once, while the file is written, with Vietnamese active (choice labels, dates and headers)."""

    headers: Sequence[Any]
    rows: Iterable[Sequence[Any]]
    sheet: str = "Danh sách"


def day(value) -> str:
    """A date as a file shows it: dd/mm/yyyy (blank when none)."""
    return value.strftime("%d/%m/%Y") if value else ""


def month(value) -> str:
    return value.strftime("%m/%Y") if value else ""


def _vietnamese_rows(table: Table) -> Iterator[list]:
    with translation.override("vi"):
        yield [str(h) for h in table.headers]
        for row in table.rows:
            yield list(row)


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_chunks(table: Table, *, rows_per_chunk: int = 2000) -> Iterator[bytes]:
    """The table as UTF-8 CSV with a BOM (so that Excel opens Vietnamese text right), in chunks."""
    writer = csv.writer(_Echo())
    buffer = ["\ufeff"]
    for number, row in enumerate(_vietnamese_rows(table)):
        buffer.append(writer.writerow(row))
        if number % rows_per_chunk == rows_per_chunk - 1:
            yield "".join(buffer).encode("utf-8")
            buffer = []
    if buffer:
        yield "".join(buffer).encode("utf-8")


def csv_bytes(table: Table) -> bytes:
    return b"".join(csv_chunks(table))


def xlsx_file(table: Table):
    """The table as an XLSX workbook in a temporary file (write-only: memory stays flat at a million rows).
    Text cells stay text: a citizen ID or an account number keeps its leading zero."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(table.sheet[:31])
    for row in _vietnamese_rows(table):
        sheet.append(row)
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 2**20)  # noqa: SIM115 - the response closes it
    workbook.save(spool)
    spool.seek(0)
    return spool


def xlsx_bytes(table: Table) -> bytes:
    with xlsx_file(table) as spool:
        return spool.read()


def file_response(table: Table, *, fmt: str, filename: str) -> HttpResponse:
    """A download of `table` as `filename.csv` (streamed) or `filename.xlsx`."""
    if fmt not in FORMATS:
        raise DomainError("Định dạng tệp phải là xlsx hoặc csv.", field="format")
    if fmt == "csv":
        response: HttpResponse = StreamingHttpResponse(csv_chunks(table), content_type=CSV)
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    return FileResponse(xlsx_file(table), as_attachment=True, filename=f"{filename}.xlsx", content_type=XLSX)


def download(*, user, table: Table, fmt: str, filename: str, record=None, changes: dict | None = None) -> HttpResponse:
    """The one way a list of people leaves An Sinh: logged first (who took which list; `record` is what it
    belongs to, such as a payroll run, else the event is the user's, in their jurisdiction), then sent."""
    if fmt not in FORMATS:
        raise DomainError("Định dạng tệp phải là xlsx hoặc csv.", field="format")
    changes = {"format": fmt, **(changes or {})}
    with transaction.atomic():
        if record is not None:
            audit.record(actor=user, action="export", instance=record, changes=changes)
        else:
            unit = user.jurisdiction
            audit.record(actor=user, action="export", instance=user, changes=changes,
                         commune=unit if unit is not None and unit.level == "commune" else None,
                         province_code=unit.province_code if unit is not None else "")
    return file_response(table, fmt=fmt, filename=filename)


# --- in -----------------------------------------------------------------------------------------------

ZIP, OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
HEADER_SEARCH_ROWS = 20  # a title, a date line, a merged heading may stand above the header row
NOT_A_SPREADSHEET = "Tệp không phải bảng tính (Excel .xlsx/.xls/.ods hoặc CSV)."


def _text_encoding(head: bytes) -> str:
    """UTF-8 (with or without a BOM) when the start of the file reads as UTF-8, else Windows-1258, which
    older Vietnamese software writes; a file with NUL bytes is not text at all."""
    if b"\x00" in head:
        raise DomainError(NOT_A_SPREADSHEET, field="file")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8-sig"


def _csv_rows(stream: io.TextIOBase) -> Iterator[list[Any]]:
    first = stream.readline()
    delimiter = max((",", ";", "\t"), key=first.count)
    yield from csv.reader(itertools.chain([first], stream), delimiter=delimiter)


def _fill_merged(rows: Iterator[list[Any]], merged: list) -> Iterator[list[Any]]:
    """Cells merged over several rows or columns carry the value of their top-left cell (calamine gives it
    only there): a commune written once beside ten people belongs to each of them."""
    if not merged:
        yield from rows
        return
    top_left: dict[tuple[int, int], Any] = {}
    for index, row in enumerate(rows):
        for (r0, c0), (r1, c1) in merged:
            if r0 <= index <= r1:
                if index == r0 and c0 < len(row):
                    top_left[(r0, c0)] = row[c0]
                value = top_left.get((r0, c0))
                if len(row) <= c1:
                    row = [*row, *[""] * (c1 + 1 - len(row))]
                for c in range(c0, c1 + 1):
                    if (index, c) != (r0, c0):
                        row[c] = value
        yield row


@contextlib.contextmanager
def open_rows(path: str | os.PathLike, *, max_bytes: int = MAX_BYTES) -> Iterator[Iterator[list[Any]]]:
    """The rows of the first sheet of a workbook, or of a CSV file (UTF-8 or Windows-1258, comma, semicolon
    or tab), read as they come: a million-row CSV is never in memory at once. The kind of file is read
    from its first bytes, not trusted from its name."""
    if os.path.getsize(path) > max_bytes:
        raise DomainError(f"Tệp quá lớn (tối đa {max_bytes // 2**20} MB).", field="file")
    with open(path, "rb") as raw:
        head = raw.read(65536)
    if head.startswith((ZIP, OLE)):
        try:
            book = CalamineWorkbook.from_path(str(path))
            sheet = book.get_sheet_by_index(0)
            merged = [((r0, c0), (r1, c1)) for (r0, c0), (r1, c1) in (sheet.merged_cell_ranges or [])]
            rows = sheet.iter_rows()
        except Exception as exc:  # calamine raises its own error types for every malformed workbook
            raise DomainError(f"Không đọc được tệp Excel: {exc}", field="file") from None
        yield _fill_merged(rows, merged)
        return
    if str(path).lower().endswith((".xlsx", ".xls", ".ods")):
        raise DomainError("Không đọc được tệp Excel: nội dung không phải một bảng tính Excel.", field="file")
    encoding = _text_encoding(head)
    with open(path, encoding=encoding, newline="") as stream:
        yield _guarded(_csv_rows(stream), encoding)


def count_rows(path: str | os.PathLike) -> int:
    """About how many rows a file has, cheaply, for a progress bar: a workbook's sheet height, a text
    file's line breaks (0 when the workbook cannot be read: reading it says why)."""
    with open(path, "rb") as raw:
        if raw.read(4).startswith((ZIP, OLE)):
            try:
                return CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).total_height
            except Exception:  # calamine raises its own error types for every malformed workbook
                return 0
        raw.seek(0)
        return sum(block.count(b"\n") for block in iter(lambda: raw.read(2**20), b""))


def _guarded(rows: Iterator[list[Any]], encoding: str) -> Iterator[list[Any]]:
    number = 0
    try:
        for number, row in enumerate(rows, start=1):  # noqa: B007 - the number names the row in the message
            yield row
    except UnicodeDecodeError:
        raise DomainError(f"Tệp CSV đổi mã hóa giữa chừng (không đọc được dòng {number + 1} theo {encoding}); "
                          "hãy lưu lại tệp dạng CSV UTF-8.", field="file") from None
    except csv.Error as exc:  # a cell past the csv module's field limit, a NUL…
        raise DomainError(f"Không đọc được tệp CSV ở dòng {number + 1}: {exc}", field="file") from None


def read_cells(name: str, content: bytes) -> list[list[Any]]:
    """The cells of the first sheet of a workbook or a CSV file given as bytes (`name` for messages)."""
    if len(content) > MAX_BYTES:
        raise DomainError(f"Tệp quá lớn (tối đa {MAX_BYTES // 2**20} MB).", field="file")
    with tempfile.NamedTemporaryFile(suffix=os.path.splitext(name)[1]) as spool:
        spool.write(content)
        spool.flush()
        with open_rows(spool.name) as rows:
            return list(rows)


@dataclass(frozen=True)
class Column:
    """A column to find by its header: `key` names it in the rows read; `headers` are the names it may
    carry (folded when compared: "Mã dòng", "MA DONG" and "ma  dong" are one); `label` is how an error
    names it to the user."""

    key: str
    label: str
    headers: tuple[str, ...] = field(default_factory=tuple)
    required: bool = False

    def matches(self, header: Any) -> bool:
        """The header names this column; a required mark (`Họ và tên (*)`, `Họ và tên*`) does not count."""
        folded = fold(str(header or "").replace("(*)", "").replace("*", ""))
        return folded in {fold(h) for h in (self.label, *self.headers)}


@dataclass
class Sheet:
    """Rows read from a spreadsheet: each a dict of the columns' keys and `row`, its row number in the
    file (the header is row 1), so that every message can name the row."""

    rows: list[dict[str, Any]]
    columns: dict[str, int]


def _header_map(cells: Sequence[Any], columns: Sequence[Column]) -> dict[str, int]:
    found: dict[str, int] = {}
    for index, header in enumerate(cells):
        for column in columns:
            if column.key not in found and column.matches(header):
                found[column.key] = index
                break
    return found


def _blank(row: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in row)


class TableReader:
    """The rows of a file under its header row, read as they come. The header row is the one among the
    first rows that names the most of `columns` (a title above it is passed over); a required column
    missing is a `DomainError` naming it. Iterating gives (row number in the file, {key: cell}, the row's
    cells as they were); blank rows are skipped."""

    def __init__(self, rows: Iterator[list[Any]], columns: Sequence[Column]):
        self._rows = rows
        self.columns = columns
        ahead: list[list[Any]] = []
        best, best_at = {}, -1
        for index, row in enumerate(itertools.islice(rows, HEADER_SEARCH_ROWS)):
            ahead.append(row)
            found = _header_map(row, columns)
            if len(found) > len(best):
                best, best_at = found, index
        if all(_blank(row) for row in ahead):
            raise DomainError("Tệp rỗng.", field="file")
        missing = [c.label for c in columns if c.required and c.key not in best]
        if missing:
            raise DomainError(f"Thiếu cột: {', '.join(missing)} (dòng tiêu đề là dòng {max(best_at, 0) + 1}).",
                              field="file")
        if best_at < 0:
            raise DomainError(f"Không tìm thấy dòng tiêu đề (cần các cột: {', '.join(c.label for c in columns)}).",
                              field="file")
        self.found = best
        self.header_row = best_at + 1
        self.header = [str(c or "") for c in ahead[best_at]]
        self._ahead = ahead[best_at + 1:]

    def __iter__(self) -> Iterator[tuple[int, dict[str, Any], list[Any]]]:
        found = self.found
        for number, row in enumerate(itertools.chain(self._ahead, self._rows), start=self.header_row + 1):
            if _blank(row):
                continue
            width = len(row)
            yield number, {key: row[index] if index < width else None for key, index in found.items()}, row


def read_table(name: str, content: bytes, columns: Sequence[Column]) -> Sheet:
    """Every row of a small file (a payment result) under its header row, in memory."""
    reader = TableReader(iter(read_cells(name, content)), columns)
    return Sheet(rows=[{"row": number, **values} for number, values, _raw in reader], columns=reader.found)


DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")


def parse_date(value: Any) -> tuple[datetime.date | None, str | None]:
    """A cell as a date: (the date, None), (None, None) when blank, or (None, the text) when unreadable."""
    if value in (None, ""):
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    try:
        year, month, day = parse_date_parts(value)
    except ValueError:
        return None, str(value).strip()
    if month is None or day is None:
        return None, str(value).strip()
    return datetime.date(year, month, day), None


EXCEL_EPOCH = datetime.date(1899, 12, 30)  # serial 1 is 01/01/1900 (Excel's own 1900 leap-year slip included)
_DATE_TEXT = re.compile(r"^(?:(?:(\d{1,2})[/.\-])?(\d{1,2})[/.\-])?(\d{4}|\d{2})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:[ T].*)?$")  # 2024-03-05, or the month 2024-03


def _full_year(text: str, *, today: datetime.date) -> int:
    if len(text) == 4:
        return int(text)
    short = int(text)  # d/m/yy: a year not after this one in this century, else the last century
    return 2000 + short if 2000 + short <= today.year else 1900 + short


def parse_date_parts(value: Any, *, today: datetime.date | None = None) -> tuple[int, int | None, int | None]:
    """A date as it comes in a spreadsheet, whole or partial: (year, month or None, day or None).

    Reads `dd/mm/yyyy`, `d/m/yy`, `dd-mm-yyyy`, `dd.mm.yyyy`, `yyyy-mm-dd`, `yyyy-mm`, `mm/yyyy`, a year alone, an
    Excel date cell and an Excel serial number (a date that lost its format). A blank is a ValueError too:
    the caller decides whether the date is needed. The message of a ValueError is for the user."""
    today = today or datetime.date.today()
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return value.year, value.month, value.day
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if 1000 <= value <= 9999:
            return value, None, None
        if 1 <= value <= 2958465:  # an Excel serial number, up to 31/12/9999
            date = EXCEL_EPOCH + datetime.timedelta(days=value)
            return date.year, date.month, date.day
        raise ValueError(f"“{value}” không phải ngày tháng.")
    text = str(value or "").strip()
    if not text:
        raise ValueError("Để trống.")
    if text.isdigit() and len(text) == 5:  # a serial number written out as text (a CSV saved from Excel)
        return parse_date_parts(int(text), today=today)
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) if g else None for g in match.groups())
    else:
        match = _DATE_TEXT.match(text)
        if not match:
            raise ValueError(f"“{text}” không đọc được thành ngày tháng (viết dạng ngày/tháng/năm, ví dụ 05/03/1950).")
        day_text, month_text, year_text = match.groups()
        if day_text is None and month_text is None and len(year_text) == 2:
            raise ValueError(f"“{text}” không đọc được thành năm (viết đủ 4 chữ số).")
        year = _full_year(year_text, today=today)
        month = int(month_text) if month_text else None
        day = int(day_text) if day_text else None
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"“{text}”: tháng {month} không có.")
    if day is not None and month is not None:
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise ValueError(f"“{text}”: ngày {day:02d}/{month:02d}/{year} không có.") from None
    return year, month, day


def parse_int(value: Any) -> int | None:
    """A whole number written as a number or as text with thousands separators (`1.234.000`)."""
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().replace(".", "").replace(",", "")
    return int(text) if text.isdigit() else None


def pasted_rows(text: str, *, headers: Sequence[str] = ()) -> list[tuple[int, list[str]]]:
    """Rows pasted from a spreadsheet into a text box: (line number, cells), tab-separated — or `;` or `|` when
    typed —, blank lines skipped, a first row whose first cell folds to one of `headers` (a heading) dropped."""
    rows = []
    for number, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        separator = "\t" if "\t" in raw else (";" if ";" in raw else "|")
        rows.append((number, [cell.strip() for cell in raw.split(separator)]))
    if rows and fold(rows[0][1][0]) in headers:
        rows = rows[1:]
    return rows
