"""The registry's list as a file: the people of a scoped queryset, one row each."""

from django.utils.translation import gettext_lazy as _

from ansinh.core.files import Table

PERSON_HEADERS = [
    _("Mã hồ sơ"), _("Số định danh"), _("Họ và tên"), _("Ngày sinh"), _("Giới tính"), _("Dân tộc"), _("Mã tỉnh"),
    _("Xã/phường"), _("Thôn/ấp"), _("Địa chỉ"), _("Khuyết tật"), _("Ngày mất"),
]


def person_rows(queryset):
    for p in queryset.iterator(chunk_size=2000):
        yield [
            p.pk, p.citizen_id or "", p.full_name, p.birth_display, p.get_sex_display(), p.get_ethnicity_display(),
            p.province_code, p.commune.name, p.hamlet, p.address, p.get_disability_level_display(),
            p.date_of_death.strftime("%d/%m/%Y") if p.date_of_death else "",
        ]


def person_table(queryset) -> Table:
    return Table(headers=PERSON_HEADERS, rows=person_rows(queryset), sheet="Đối tượng")
