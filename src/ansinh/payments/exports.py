"""Payment files: the lines of a payroll with what a bank or payment agent needs to pay them."""

import csv
import io

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

COLUMNS = [
    _("STT"), _("Mã dòng"), _("Họ và tên"), _("Số định danh cá nhân"), _("Số tài khoản"), _("Ngân hàng"),
    _("Số tiền (đồng)"), _("Nội dung"), _("Tháng"), _("Xã/phường"), _("Hình thức chi trả"), _("Diện"), _("Hệ số"),
    _("Số quyết định"), _("Kết quả"), _("Lý do"), _("Ngày chi"),
]


def line_rows(lines):
    for number, line in enumerate(lines.iterator(chunk_size=5000), start=1):
        person = line.person
        yield [
            number, line.pk, person.full_name, person.citizen_id or "", person.bank_account, person.bank_name,
            line.amount, f"TCXH T{line.month:%m/%Y} {line.decision_number}", line.month.strftime("%m/%Y"),
            line.commune.name, line.get_method_display(), line.categories, str(line.coefficient), line.decision_number,
            "", "", "",  # filled in by the agent: Đã chi / Không thành công, the reason, the date paid
        ]


def lines_csv(lines) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([str(c) for c in COLUMNS])
    writer.writerows(line_rows(lines))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens Vietnamese text correctly


def lines_xlsx(lines) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Danh sách chi trả"))
    sheet.append([str(c) for c in COLUMNS])
    for row in line_rows(lines):
        sheet.append(row)  # citizen IDs and account numbers stay text: no leading zero lost
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
