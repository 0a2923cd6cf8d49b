"""Files in and out: spreadsheets read with row-numbered errors, and tables written as CSV or XLSX.

A file leaves An Sinh for another agency (the post office, the social insurance agency, a ministry), so
its headers and coded values are Vietnamese whatever language the user reads the pages in. Reading folds
headers (no diacritics, any case, extra spaces) so that a column is found by its name, in any order.
"""

import csv
import datetime
import io
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


def read_cells(name: str, content: bytes) -> list[list[Any]]:
    """The cells of the first sheet of an XLSX/XLS/ODS workbook, or of a UTF-8 CSV file."""
    if len(content) > MAX_BYTES:
        raise DomainError(f"Tệp quá lớn (tối đa {MAX_BYTES // 2**20} MB).", field="file")
    if name.lower().endswith((".xlsx", ".xls", ".ods")):
        try:
            book = CalamineWorkbook.from_filelike(io.BytesIO(content))
            return book.get_sheet_by_index(0).to_python(skip_empty_area=False)
        except Exception as exc:  # calamine raises its own error types for every malformed workbook
            raise DomainError(f"Không đọc được tệp Excel: {exc}", field="file") from None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DomainError("Tệp CSV phải mã hóa UTF-8.", field="file") from None
    try:
        return list(csv.reader(io.StringIO(text)))
    except csv.Error as exc:  # a cell past the csv module's field limit, a NUL…
        raise DomainError(f"Không đọc được tệp CSV: {exc}", field="file") from None


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
        folded = fold(str(header or ""))
        return folded in {fold(h) for h in (self.label, *self.headers)}


@dataclass
class Sheet:
    """Rows read from a spreadsheet: each a dict of the columns' keys and `row`, its row number in the
    file (the header is row 1), so that every message can name the row."""

    rows: list[dict[str, Any]]
    columns: dict[str, int]


def read_table(name: str, content: bytes, columns: Sequence[Column]) -> Sheet:
    """The rows of a file under its header row; blank rows are skipped. A required column missing is a
    `DomainError` naming it."""
    cells = read_cells(name, content)
    if not cells:
        raise DomainError("Tệp rỗng.", field="file")
    found: dict[str, int] = {}
    for index, header in enumerate(cells[0]):
        for column in columns:
            if column.key not in found and column.matches(header):
                found[column.key] = index
                break
    missing = [c.label for c in columns if c.required and c.key not in found]
    if missing:
        raise DomainError(f"Thiếu cột: {', '.join(missing)} (dòng tiêu đề là dòng 1).", field="file")
    rows = []
    for number, row in enumerate(cells[1:], start=2):
        if all(c in (None, "") for c in row):
            continue
        values = {key: row[index] if index < len(row) else None for key, index in found.items()}
        rows.append({"row": number, **values})
    return Sheet(rows=rows, columns=found)


DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")


def parse_date(value: Any) -> tuple[datetime.date | None, str | None]:
    """A cell as a date: (the date, None), (None, None) when blank, or (None, the text) when unreadable."""
    if value in (None, ""):
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    text = str(value).strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(text, fmt).date(), None
        except ValueError:
            continue
    return None, text


def parse_int(value: Any) -> int | None:
    """A whole number written as a number or as text with thousands separators (`1.234.000`)."""
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().replace(".", "").replace(",", "")
    return int(text) if text.isdigit() else None

