"""Monthly payroll (danh sách chi trả): runs and their frozen lines."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ansinh.assistance.models import PaymentMethod, Programme
from ansinh.core.scoping import ScopedQuerySet


class PayrollRun(models.Model):
    """One generation of a month's payroll for a province or a commune."""

    month = models.DateField(_("tháng"))
    programme = models.CharField(_("chính sách"), max_length=4, choices=Programme.choices)
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    commune = models.ForeignKey("geo.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    standard_level = models.PositiveIntegerField(_("mức chuẩn"))
    lines_created = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần lập danh sách chi trả")
        ordering = ["-month", "-id"]

    def __str__(self) -> str:
        return f"Chi trả {self.month:%m/%Y} — {self.province_code}"


class PaymentLine(models.Model):
    """What one person is paid for one month of one programme, frozen when the payroll is made:
    later edits of the enrolment or the registry never change it. Never twice (constraint)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ chi trả")
        PAID = "paid", _("Đã chi trả")
        FAILED = "failed", _("Chi trả không thành công")

    run = models.ForeignKey(PayrollRun, on_delete=models.PROTECT, related_name="lines")
    enrolment = models.ForeignKey("assistance.Enrolment", on_delete=models.PROTECT, related_name="payment_lines")
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="payment_lines")
    programme = models.CharField(_("chính sách"), max_length=4, choices=Programme.choices)
    month = models.DateField(_("tháng"))
    categories = models.CharField(_("diện"), max_length=20)
    coefficient = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2)
    standard_level = models.PositiveIntegerField(_("mức chuẩn"))
    amount = models.BigIntegerField(_("số tiền"))
    decision_number = models.CharField(_("số quyết định"), max_length=40)
    method = models.CharField(_("hình thức chi trả"), max_length=5, choices=PaymentMethod.choices)
    commune = models.ForeignKey("geo.AdministrativeUnit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField()

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("dòng chi trả")
        constraints = [
            models.UniqueConstraint(fields=["person", "programme", "month"], name="payment_line_once_per_month"),
        ]
        indexes = [models.Index(fields=["province_code", "month", "commune"], name="payment_line_scope_idx")]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} — {self.amount} đ"
