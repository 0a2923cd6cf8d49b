"""Reading an agent's result file (XLSX or CSV): the payment file sent back with a result per line.

Columns are found by their header, without regard to diacritics or case: "Mã dòng" and "Kết quả" are
required, "Lý do", "Ngày chi" and "Số tiền (đồng)" are read when present (also under the English headers
that files exported from the English interface carried before exports were always in Vietnamese).
"""

from ansinh.core.files import Column, parse_date, parse_int, read_table

COLUMNS = [
    Column("line", "Mã dòng", ("line id",), required=True),
    Column("result", "Kết quả", ("result",), required=True),
    Column("reason", "Lý do", ("reason",)),
    Column("paid_on", "Ngày chi", ("payment date",)),
    Column("amount", "Số tiền (đồng)", ("số tiền", "amount (dong)")),
]


def read_results(name: str, content: bytes) -> list[dict]:
    """One dict per row: the line id, the result, the reason, the date paid (or the unreadable text of it),
    the amount, and the row number for messages."""
    rows = []
    for cells in read_table(name, content, COLUMNS).rows:
        paid_on, date_error = parse_date(cells.get("paid_on"))
        rows.append({
            "row": cells["row"], "line": parse_int(cells.get("line")), "line_text": str(cells.get("line") or ""),
            "result": str(cells.get("result") or ""), "reason": str(cells.get("reason") or ""),
            "paid_on": paid_on, "date_error": date_error, "amount": parse_int(cells.get("amount")),
        })
    return rows
