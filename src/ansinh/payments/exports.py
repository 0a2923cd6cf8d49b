"""Payment files: the lines of a payroll with what a bank or payment agent needs to pay them."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ansinh.assistance.models import PaymentMethod
from ansinh.core.files import Table, day
from ansinh.core.files import month as month_text

from .models import EMERGENCY

COLUMNS = [
    _("STT"), _("Mã dòng"), _("Họ và tên"), _("Số định danh cá nhân"), _("Số tài khoản"), _("Ngân hàng"),
    _("Số tiền (đồng)"), _("Nội dung"), _("Tháng"), _("Xã/phường"), _("Hình thức chi trả"), _("Diện"), _("Hệ số"),
    _("Số quyết định"), _("Kết quả"), _("Lý do"), _("Ngày chi"),
]


FIELDS = ("pk", "person__full_name", "person__citizen_id", "person__bank_account", "person__bank_name", "amount",
          "month", "decision_number", "commune__name", "method", "categories", "coefficient", "programme")
PURPOSE = {EMERGENCY: "TGKC"}  # the payment's purpose as the transfer says it; the monthly allowance's is TCXH


def line_rows(lines):
    """Rows as plain values straight from one joined query: a million lines stream in seconds."""
    methods = {k: str(v) for k, v in PaymentMethod.choices}
    rows = lines.values_list(*FIELDS).iterator(chunk_size=10_000)
    for number, (pk, name, cid, account, bank, amount, month, decision, commune, method, cats, coef, programme
                 ) in enumerate(rows, start=1):
        period = f"{month.month:02d}/{month.year}"
        yield [
            number, pk, name, cid or "", account, bank, amount, f"{PURPOSE.get(programme, 'TCXH')} T{period} {decision}",
            period, commune,
            methods.get(method, method), cats, str(coef), decision,
            "", "", "",  # filled in by the agent: Đã chi / Không thành công, the reason, the date paid
        ]


def lines_table(lines) -> Table:
    """The file handed to an agent: citizen IDs and account numbers stay text (no leading zero lost)."""
    return Table(headers=COLUMNS, rows=line_rows(lines), sheet="Danh sách chi trả")


def file_name(file) -> str:
    return f"tep-chi-tra-{file.pk}-{file.run.month:%Y-%m}"


FILE_COLUMNS = (
    (_("Mã tệp"), lambda f: f.pk), (_("Tháng"), lambda f: month_text(f.run.month)),
    (_("Tổ chức chi trả"), lambda f: f.agent.name if f.agent else gettext("Tiền mặt tại xã")),
    (_("Xã/phường"), lambda f: f.commune.name if f.commune else ""), (_("Mã tỉnh"), lambda f: f.province_code),
    (_("Số dòng"), lambda f: f.line_count), (_("Tổng tiền (đồng)"), lambda f: f.total),
    (_("Trạng thái"), lambda f: f.get_status_display()), (_("Ngày giao"), lambda f: day(f.issued_at)),
)
