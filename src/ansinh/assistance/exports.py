"""The health-insurance list for the social insurance agency, as a file."""

from django.utils.translation import gettext_lazy as _

from ansinh.core.files import Table

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
