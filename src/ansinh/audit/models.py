"""Audit events: who did what to which record, when, with the values before and after."""

from django.conf import settings
from django.db import models

from ansinh.core.scoping import ScopedQuerySet


class AuditQuerySet(ScopedQuerySet):
    scope_capability = "audit.view"


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", "Tạo mới"
        UPDATE = "update", "Sửa"
        DELETE = "delete", "Xóa"
        MERGE = "merge", "Gộp hồ sơ trùng"
        DISMISS = "dismiss", "Bỏ qua nghi trùng"
        VIEW = "view", "Xem hồ sơ"
        LOGIN = "login", "Đăng nhập"
        EXPORT = "export", "Xuất dữ liệu"

    at = models.DateTimeField("thời điểm", auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="người thực hiện", null=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField("hành động", max_length=10, choices=Action.choices)
    object_type = models.CharField("loại hồ sơ", max_length=50)
    object_id = models.CharField("mã hồ sơ", max_length=40)
    object_repr = models.CharField("hồ sơ", max_length=200)
    changes = models.JSONField("thay đổi", default=dict, blank=True)
    # Where the record lives, so that auditors see events of their own jurisdiction only.
    commune = models.ForeignKey(
        "geo.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    province_code = models.CharField(max_length=3, blank=True, db_index=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        verbose_name = "nhật ký"
        verbose_name_plural = "nhật ký"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"
