"""Monthly payroll (danh sách chi trả): runs and their frozen lines."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ansinh.assistance.access import ASSISTANCE_VIEW
from ansinh.assistance.models import PaymentMethod, Programme
from ansinh.core.access import Role, Scope, ScopedQuerySet, can, jurisdiction_q
from ansinh.core.fields import MonthField

from .access import PAYMENT_FILES, PAYROLL_RUN

EMERGENCY = "tgkc"  # one-off cash of emergency assistance, paid through the same files (emergency app)
PAID_PROGRAMMES = [*Programme.choices, (EMERGENCY, _("Trợ giúp xã hội khẩn cấp (NĐ 20/2021 Điều 12–15)"))]


class PayrollRun(models.Model):
    """One generation of a month's payroll for a province or a commune, done in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang lập")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Lỗi")

    month = MonthField(_("tháng"))
    programme = models.CharField(_("chính sách"), max_length=4, choices=PAID_PROGRAMMES)
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    commune = models.ForeignKey("geo.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    standard_level = models.PositiveIntegerField(_("mức chuẩn"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.QUEUED)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    lines_created = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    # a province's run (no commune) is seen at the province; a commune's, also in the commune
    scope = Scope(view=PAYROLL_RUN, actions={"issue": PAYROLL_RUN}, outside="Lần lập này ngoài địa bàn của bạn.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần lập danh sách chi trả")
        ordering = ["-month", "-id"]

    def __str__(self) -> str:
        return f"Chi trả {self.month:%m/%Y} — {self.province_code}"


class PaymentAgent(models.Model):
    """Tổ chức dịch vụ chi trả (bank, post office, payment service) serving a province, or some of its
    communes. Its staff (users with the payment-agent role) see its payment files and nothing else."""

    code = models.CharField(_("mã"), max_length=20, unique=True)
    name = models.CharField(_("tên"), max_length=160)
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    communes = models.ManyToManyField("geo.AdministrativeUnit", blank=True, related_name="+",
                                      verbose_name=_("xã/phường phục vụ (trống: cả tỉnh)"))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="payment_agents",
                                     verbose_name=_("tài khoản của tổ chức"))

    class Meta:
        verbose_name = _("tổ chức chi trả")
        ordering = ["province_code", "name"]

    def __str__(self) -> str:
        return self.name


class PaymentFileQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        # A payment agent's staff see their agent's files, whatever their jurisdiction; officers, who make the
        # payroll, those of their jurisdiction.
        if not can(user, PaymentFile.scope.capability(action)):
            return self.none()
        if user.role == Role.PAYMENT_AGENT:
            return self.filter(agent__members=user)
        if not can(user, PAYROLL_RUN):
            return self.none()
        q = jurisdiction_q(user)
        return self if q is None else self.filter(q)


class PaymentFile(models.Model):
    """The list handed to an agent (or to the commune for cash). Once issued its lines are fixed: only the
    agent's result file changes them (paid / failed); a failed line goes into a later file."""

    class Status(models.TextChoices):
        ISSUED = "issued", _("Đã giao tổ chức chi trả")
        RECONCILED = "reconciled", _("Đã đối soát")

    run = models.ForeignKey(PayrollRun, on_delete=models.PROTECT, related_name="files")
    agent = models.ForeignKey(PaymentAgent, null=True, blank=True, on_delete=models.PROTECT, related_name="files",
                              verbose_name=_("tổ chức chi trả (trống: tiền mặt tại xã)"))
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    commune = models.ForeignKey("geo.AdministrativeUnit", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.ISSUED)
    line_count = models.PositiveIntegerField(_("số dòng"), default=0)
    total = models.BigIntegerField(_("tổng tiền"), default=0)
    issued_at = models.DateTimeField(auto_now_add=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    reconciled_at = models.DateTimeField(null=True, blank=True)

    scope = Scope(view=PAYMENT_FILES, actions={"reconcile": PAYMENT_FILES}, outside="Tệp này không phải của bạn.")
    objects = PaymentFileQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp chi trả")
        ordering = ["-issued_at", "-id"]

    def __str__(self) -> str:
        return f"Tệp chi trả {self.pk} — {self.agent or 'tiền mặt'}"


class PaymentLine(models.Model):
    """What one person is paid for one month of one programme, frozen when the payroll is made:
    later edits of the enrolment or the registry never change it. Never twice (constraint)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ chi trả")
        PAID = "paid", _("Đã chi trả")
        FAILED = "failed", _("Chi trả không thành công")

    run = models.ForeignKey(PayrollRun, on_delete=models.PROTECT, related_name="lines")
    # the enrolment paid each month; none for a one-off payment (emergency cash), which names its decision
    enrolment = models.ForeignKey("assistance.Enrolment", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="payment_lines")
    # no separate index: (person, programme, month) below leads with the person
    person = models.ForeignKey("registry.Person", on_delete=models.PROTECT, related_name="payment_lines",
                               db_index=False)
    programme = models.CharField(_("chính sách"), max_length=4, choices=PAID_PROGRAMMES)
    month = MonthField(_("tháng"))
    categories = models.CharField(_("diện"), max_length=20)
    coefficient = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2)
    standard_level = models.PositiveIntegerField(_("mức chuẩn"))
    amount = models.BigIntegerField(_("số tiền"))
    decision_number = models.CharField(_("số quyết định"), max_length=40)
    method = models.CharField(_("hình thức chi trả"), max_length=5, choices=PaymentMethod.choices)
    # lines are found by province and month (index below); a commune is never deleted
    commune = models.ForeignKey("geo.AdministrativeUnit", on_delete=models.PROTECT, related_name="+", db_index=False)
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.PENDING)
    file = models.ForeignKey(PaymentFile, null=True, blank=True, on_delete=models.PROTECT, related_name="lines")
    # database defaults: the payroll writes lines with INSERT … SELECT, not through the ORM
    attempts = models.PositiveSmallIntegerField(_("số lần giao chi trả"), db_default=0)
    paid_on = models.DateField(_("ngày chi"), null=True, blank=True)
    failure_reason = models.CharField(_("lý do không chi được"), max_length=200, blank=True, db_default="")
    created_at = models.DateTimeField()

    # whoever reads enrolments reads what they were paid; making lines is the payroll's (services)
    scope = Scope(view=ASSISTANCE_VIEW)
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("dòng chi trả")
        constraints = [
            models.UniqueConstraint(fields=["person", "programme", "month"], name="payment_line_once_per_month"),
        ]
        indexes = [
            models.Index(fields=["province_code", "month", "commune"], name="payment_line_scope_idx"),
            models.Index(fields=["province_code", "commune"], condition=models.Q(file__isnull=True, status="pending"),
                         name="payment_line_unissued_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} — {self.amount} đ"
