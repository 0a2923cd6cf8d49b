"""Audit events: who did what to which record, when, with the values before and after."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.access import Scope, ScopedQuerySet

from .access import AUDIT_VIEW


class AuditEvent(models.Model):
    class Action(models.TextChoices):
        CREATE = "create", _("Tạo mới")
        UPDATE = "update", _("Sửa")
        DELETE = "delete", _("Xóa")
        MERGE = "merge", _("Gộp hồ sơ trùng")
        DISMISS = "dismiss", _("Bỏ qua nghi trùng")
        VIEW = "view", _("Xem hồ sơ")
        LOGIN = "login", _("Đăng nhập")
        EXPORT = "export", _("Xuất dữ liệu")
        IMPORT = "import", _("Nhập dữ liệu từ tệp")

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    # The two references below are not checked by the database (Django still refuses to delete a user or a
    # unit with events): every event names a user and a commune its writer has just read or written, and a
    # bulk write logs a million events, whose re-check would cost as much as their insert.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người thực hiện"), null=True, on_delete=models.PROTECT, related_name="+",
        db_constraint=False, db_index=False,
    )
    action = models.CharField(_("hành động"), max_length=10, choices=Action.choices)
    object_type = models.CharField(_("loại hồ sơ"), max_length=50)
    object_id = models.CharField(_("mã hồ sơ"), max_length=40)
    object_repr = models.CharField(_("hồ sơ"), max_length=200)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    # Where the record lives, so that auditors see events of their own jurisdiction only.
    commune = models.ForeignKey(
        "geo.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
        db_constraint=False, db_index=False,
    )
    province_code = models.CharField(max_length=3, blank=True)

    scope = Scope(view=AUDIT_VIEW)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký")
        verbose_name_plural = pgettext_lazy("plural", "nhật ký")
        ordering = ["-at", "-id"]
        # a record's history; and the newest events of a province, a commune or a user, as the list shows them
        indexes = [models.Index(fields=["object_type", "object_id", "-at"], name="audit_object_idx"),
                   models.Index(fields=["province_code", "-at"], name="audit_province_idx"),
                   models.Index(fields=["commune", "-at"], name="audit_commune_idx"),
                   models.Index(fields=["actor", "-at"], name="audit_actor_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"
