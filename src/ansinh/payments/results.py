"""Reading an agent's result file (XLSX or CSV): the payment file sent back with a result per line.

Columns are found by their header, without regard to diacritics or case: "Mã dòng" and "Kết quả" are
required, "Lý do", "Ngày chi" and "Số tiền (đồng)" are read when present (or their English headers).
"""

import csv
import datetime
import io

from python_calamine import CalamineWorkbook

from ansinh.core.exceptions import DomainError
from ansinh.core.text import fold

HEADERS = {"ma dong": "line", "ket qua": "result", "ly do": "reason", "ngay chi": "paid_on",
           "so tien (dong)": "amount", "so tien": "amount",
           # the same file exported from the English interface
           "line id": "line", "result": "result", "reason": "reason", "payment date": "paid_on",
           "amount (dong)": "amount"}
MAX_BYTES = 50 * 2**20


def _table(name: str, content: bytes) -> list[list]:
    if len(content) > MAX_BYTES:
        raise DomainError("Tệp quá lớn (tối đa 50 MB).", field="file")
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


def _date(value) -> tuple[datetime.date | None, str | None]:
    if value in (None, ""):
        return None, None
    if isinstance(value, datetime.datetime):
        return value.date(), None
    if isinstance(value, datetime.date):
        return value, None
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.datetime.strptime(text, fmt).date(), None
        except ValueError:
            continue
    return None, text


def _int(value) -> int | None:
    if value in (None, ""):
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().replace(".", "").replace(",", "")
    return int(text) if text.isdigit() else None


def read_results(name: str, content: bytes) -> list[dict]:
    table = _table(name, content)
    if not table:
        raise DomainError("Tệp rỗng.", field="file")
    columns = {}
    for index, header in enumerate(table[0]):
        key = HEADERS.get(fold(str(header or "")).strip())
        if key and key not in columns:
            columns[key] = index
    missing = [label for label, key in (("Mã dòng", "line"), ("Kết quả", "result")) if key not in columns]
    if missing:
        raise DomainError(f"Thiếu cột: {', '.join(missing)} (dòng tiêu đề là dòng 1).", field="file")
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        def cell(key, cells=cells):
            index = columns.get(key)
            return cells[index] if index is not None and index < len(cells) else None

        if all(c in (None, "") for c in cells):
            continue
        paid_on, date_error = _date(cell("paid_on"))
        rows.append({
            "row": number, "line": _int(cell("line")), "line_text": str(cell("line") or ""),
            "result": str(cell("result") or ""), "reason": str(cell("reason") or ""),
            "paid_on": paid_on, "date_error": date_error, "amount": _int(cell("amount")),
        })
    return rows
