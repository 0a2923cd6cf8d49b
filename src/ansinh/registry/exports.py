"""Registry exports (CSV, XLSX), streamed from an already scoped queryset."""

import io

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

PERSON_EXPORT_COLUMNS = [
    ("id", _("Mã hồ sơ")), ("citizen_id", _("Số định danh")), ("full_name", _("Họ và tên")), ("birth", _("Ngày sinh")),
    ("sex", _("Giới tính")), ("ethnicity", _("Dân tộc")), ("province", _("Mã tỉnh")), ("commune", _("Xã/phường")),
    ("hamlet", _("Thôn/ấp")), ("address", _("Địa chỉ")), ("disability", _("Khuyết tật")), ("date_of_death", _("Ngày mất")),
]


def person_rows(queryset):
    for p in queryset.iterator(chunk_size=2000):
        yield [
            p.pk, p.citizen_id or "", p.full_name, p.birth_display, p.get_sex_display(), p.get_ethnicity_display(),
            p.province_code, p.commune.name, p.hamlet, p.address, p.get_disability_level_display(),
            p.date_of_death.strftime("%d/%m/%Y") if p.date_of_death else "",
        ]


def person_xlsx(queryset) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(gettext("Đối tượng"))
    sheet.append([str(label) for _key, label in PERSON_EXPORT_COLUMNS])
    for row in person_rows(queryset):
        # Citizen IDs stay text so that no leading zero is lost.
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
