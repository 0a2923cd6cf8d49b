"""The list of organisations as a file."""

from django.utils.translation import gettext_lazy as _

ORGANISATION_COLUMNS = (
    (_("Mã"), lambda o: o.code), (_("Tên"), lambda o: o.name), (_("Loại"), lambda o: o.get_kind_display()),
    (_("Mã tỉnh"), lambda o: o.province_code), (_("Xã/phường"), lambda o: o.commune.name),
)
