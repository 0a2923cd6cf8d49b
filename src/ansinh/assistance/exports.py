"""The health-insurance list for the social insurance agency, as a file."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ansinh.core.files import Table, day, month

KINDS = {"new": _("Cấp mới"), "changed": _("Thay đổi nơi cư trú"), "ended": _("Thôi cấp")}
COLUMNS = [_("STT"), _("Loại"), _("Họ và tên"), _("Ngày sinh"), _("Giới tính"), _("Số định danh cá nhân"),
           _("Mã đối tượng BHYT"), _("Xã/phường"), _("Mã tỉnh"), _("Địa chỉ"), _("Diện trợ cấp"), _("Từ tháng"),
           _("Đến tháng"), _("Số quyết định")]


def rows(changes: dict):
    number = 0
    for kind, enrolments in changes.items():
        for e in enrolments:
            number += 1
            p = e.person
            yield [
                number, str(KINDS[kind]), p.full_name, p.birth_display, p.get_sex_display(), p.citizen_id or "",
                # nhóm do ngân sách nhà nước đóng: người hưởng trợ cấp xã hội hằng tháng (Luật BHYT Điều 12 k.3)
                "BT" if e.programme == "tcxh" else "", e.commune.name, e.province_code, ", ".join(x for x in (p.address, p.hamlet) if x),
                e.category_codes, e.start_month.strftime("%m/%Y"), e.end_month.strftime("%m/%Y") if e.end_month else "",
                e.decision_number,
            ]


def changes_table(changes: dict) -> Table:
    return Table(headers=COLUMNS, rows=rows(changes), sheet="Danh sách BHYT")


ENROLMENT_COLUMNS = (
    (_("Mã"), lambda e: e.pk), (_("Họ và tên"), lambda e: e.person.full_name),
    (_("Số định danh"), lambda e: e.person.citizen_id or ""), (_("Ngày sinh"), lambda e: e.person.birth_display),
    (_("Chế độ"), lambda e: e.get_programme_display()), (_("Diện"), lambda e: e.category_codes),
    (_("Hệ số"), lambda e: e.coefficient), (_("Từ tháng"), lambda e: month(e.start_month)),
    (_("Đến tháng"), lambda e: month(e.end_month)), (_("Trạng thái"), lambda e: e.get_status_display()),
    (_("Số quyết định"), lambda e: e.decision_number), (_("Ngày quyết định"), lambda e: day(e.decision_date)),
    (_("Hình thức chi trả"), lambda e: e.get_payment_method_display()), (_("Mã tỉnh"), lambda e: e.province_code),
    (_("Xã/phường"), lambda e: e.commune.name),
)
APPLICATION_COLUMNS = (
    (_("Mã"), lambda a: a.pk), (_("Họ và tên"), lambda a: a.person.full_name),
    (_("Số định danh"), lambda a: a.person.citizen_id or ""), (_("Mẫu tờ khai"), lambda a: a.get_form_type_display()),
    (_("Diện đề nghị"), lambda a: a.category_codes), (_("Ngày nhận"), lambda a: day(a.received_on)),
    (_("Quy trình"), lambda a: a.procedure), (_("Trạng thái"), lambda a: a.get_status_display()),
    (_("Số quyết định"), lambda a: a.decision_number), (_("Ngày quyết định"), lambda a: day(a.decision_date)),
    (_("Mã tỉnh"), lambda a: a.province_code), (_("Xã/phường"), lambda a: a.commune.name),
)
PARAMETER_COLUMNS = (
    (_("Tham số"), lambda p: p.key), (_("Mã tỉnh"), lambda p: p.province_code or gettext("toàn quốc")),
    (_("Giá trị"), lambda p: p.value), (_("Áp dụng từ"), lambda p: day(p.valid_from)),
    (_("Căn cứ pháp lý"), lambda p: p.legal_basis), (_("Đã đối chiếu"), lambda p: gettext("có") if p.verified else gettext("chưa")),
    (_("Ghi chú"), lambda p: p.note),
)
