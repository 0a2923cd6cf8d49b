"""The user list as a file: who holds which role where (no passwords, of course)."""

from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

USER_COLUMNS = (
    (_("Tên đăng nhập"), lambda u: u.username), (_("Họ và tên"), lambda u: u.get_full_name()),
    (_("Vai trò"), lambda u: u.get_role_display()),
    (_("Địa bàn"), lambda u: u.jurisdiction.name if u.jurisdiction else gettext("Toàn quốc")),
    (_("Điện thoại"), lambda u: u.phone), (_("Thư điện tử"), lambda u: u.email),
    (_("Đang hoạt động"), lambda u: gettext("có") if u.is_active else gettext("không")),
    (_("Đăng nhập lần cuối"), lambda u: timezone.localtime(u.last_login).strftime("%d/%m/%Y %H:%M") if u.last_login
     else ""),
)
