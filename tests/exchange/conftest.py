import csv
import io

import pytest
from openpyxl import Workbook

from ansinh.exchange.services import import_upload


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def csv_bytes(rows, encoding="utf-8-sig", delimiter=",") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, merged=()) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for cells in merged:
        book.active.merge_cells(cells)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(user, content: bytes, name="ds.csv", on_existing="skip", commune=None, kind="persons"):
    """A file through the whole reading pipeline (the test settings run the worker's task at once)."""
    job = import_upload(user=user, kind=kind, name=name, chunks=iter([content]), on_existing=on_existing,
                        commune=commune)
    job.refresh_from_db()
    return job
