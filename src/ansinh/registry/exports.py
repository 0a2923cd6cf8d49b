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


HOUSEHOLD_COLUMNS = (
    (_("Mã hộ"), lambda h: h.code), (_("Chủ hộ"), lambda h: h.head.full_name if h.head else ""),
    (_("Mã tỉnh"), lambda h: h.province_code), (_("Xã/phường"), lambda h: h.commune.name),
    (_("Thôn/ấp"), lambda h: h.hamlet), (_("Địa chỉ"), lambda h: h.address),
)
DUPLICATE_COLUMNS = (
    (_("Mã cặp"), lambda d: d.pk), (_("Hồ sơ A"), lambda d: d.person_a_id), (_("Họ và tên A"), lambda d: d.person_a.full_name),
    (_("Ngày sinh A"), lambda d: d.person_a.birth_display), (_("Hồ sơ B"), lambda d: d.person_b_id),
    (_("Họ và tên B"), lambda d: d.person_b.full_name), (_("Ngày sinh B"), lambda d: d.person_b.birth_display),
    (_("Lý do"), lambda d: d.get_reason_display()), (_("Mức giống"), lambda d: d.score),
    (_("Xã/phường"), lambda d: d.commune.name), (_("Trạng thái"), lambda d: d.get_status_display()),
)


def person_table(queryset) -> Table:
    return Table(headers=PERSON_HEADERS, rows=person_rows(queryset), sheet="Đối tượng")
