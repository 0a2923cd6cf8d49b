"""Registry exports (CSV, XLSX), streamed from an already scoped queryset."""

import io

from openpyxl import Workbook

PERSON_EXPORT_COLUMNS = [
    ("id", "Mã hồ sơ"), ("citizen_id", "Số định danh"), ("full_name", "Họ và tên"), ("birth", "Ngày sinh"),
    ("sex", "Giới tính"), ("ethnicity", "Dân tộc"), ("province", "Mã tỉnh"), ("commune", "Xã/phường"),
    ("hamlet", "Thôn/ấp"), ("address", "Địa chỉ"), ("disability", "Khuyết tật"), ("date_of_death", "Ngày mất"),
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
    sheet = workbook.create_sheet("Đối tượng")
    sheet.append([label for _, label in PERSON_EXPORT_COLUMNS])
    for row in person_rows(queryset):
        # Citizen IDs stay text so that no leading zero is lost.
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
