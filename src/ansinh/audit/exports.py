"""The audit trail as a file (for an inspection): who did what to which record, when."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

EVENT_COLUMNS = (
    (_("Thời điểm"), lambda e: timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S")),
    (_("Người thực hiện"), lambda e: str(e.actor) if e.actor else ""), (_("Hành động"), lambda e: e.get_action_display()),
    (_("Loại hồ sơ"), lambda e: e.object_type), (_("Mã hồ sơ"), lambda e: e.object_id),
    (_("Hồ sơ"), lambda e: e.object_repr), (_("Mã tỉnh"), lambda e: e.province_code),
    (_("Xã/phường"), lambda e: e.commune.name if e.commune else ""),
)
