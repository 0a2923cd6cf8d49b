"""The list of imports as a file."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

JOB_COLUMNS = (
    (_("Mã"), lambda j: j.pk), (_("Tệp"), lambda j: j.file_name), (_("SHA-256"), lambda j: j.file_sha256),
    (_("Loại danh sách"), lambda j: j.get_kind_display()), (_("Trạng thái"), lambda j: j.get_status_display()),
    (_("Số dòng"), lambda j: j.counts.get("rows", "")), (_("Dòng lỗi"), lambda j: j.counts.get("errors", "")),
    (_("Thêm mới"), lambda j: j.result.get("created", "")), (_("Cập nhật"), lambda j: j.result.get("updated", "")),
    (_("Người tải lên"), lambda j: str(j.created_by)),
    (_("Tải lên lúc"), lambda j: timezone.localtime(j.created_at).strftime("%d/%m/%Y %H:%M")),
)
