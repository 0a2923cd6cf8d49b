"""Social assistance data: enrolments, their categories and changes, applications (the dated policy parameters
they are paid by are core's, `core.parameters`)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ansinh.core.access import Scope, ScopedQuerySet
from ansinh.core.fields import MonthField

from . import rules
from .access import ASSISTANCE_VIEW, ENROLMENT_MANAGE


class Programme(models.TextChoices):
    MONTHLY_ALLOWANCE = "tcxh", _("Trợ cấp xã hội hằng tháng (NĐ 20/2021)")
    SOCIAL_PENSION = "htxh", _("Trợ cấp hưu trí xã hội (NĐ 176/2025)")


class PaymentMethod(models.TextChoices):
    BANK = "bank", _("Tài khoản ngân hàng")
    AGENT = "agent", _("Tổ chức dịch vụ chi trả / bưu điện")
    CASH = "cash", _("Tiền mặt tại xã")


class CategoryRows:
    """A record whose categories of Điều 5 (diện) are rows, `category_rows`: prefetch them on any list."""

    def categories(self, *, paid_only: bool = False) -> list[str]:
        return sorted(row.category for row in self.category_rows.all() if getattr(row, "paid", True) or not paid_only)

    @property
    def category_codes(self) -> str:
        """"5.4+5.6": the categories paid (or applied for), for display."""
        return rules.categories_label(self.categories(paid_only=True))


class Enrolment(CategoryRows, models.Model):
    """One period of a person receiving a programme (đối tượng đang hưởng), from a month to a month.

    A change (coefficient, suspension, resumption, move to another commune, termination) closes the
    open period at the month before and opens the next one, so every past month keeps the terms it
    was owed under and periods never overlap or leave a gap. Its categories are rows (`category_rows`,
    `EnrolmentCategory`): every category the person qualified under, those paid marked, so a
    reassessment starts from all of them (a child under 4 in 5.1 and 5.6 moves to 5.6 at 4, not to 1,5)
    and counts by category count people. `coefficient` is the sum of the paid ones (k.4 per child); a
    month's amount is coefficient × the standard level of that month. Status `suspended`: not paid.
    """

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang hưởng")
        SUSPENDED = "suspended", _("Tạm dừng")
        ENDED = "ended", _("Đã kết thúc")
        CANCELLED = "cancelled", _("Hủy (không tháng nào được hưởng)")

    person = models.ForeignKey("registry.Person", verbose_name=_("đối tượng"), on_delete=models.PROTECT,
                               related_name="enrolments")
    programme = models.CharField(_("chính sách"), max_length=4, choices=Programme.choices)
    # the sum of the paid categories' coefficients (`category_rows`), what the payroll multiplies
    coefficient = models.DecimalField(_("hệ số"), max_digits=5, decimal_places=2)
    # facts of the decision the rules need again at each reassessment
    children_count = models.PositiveSmallIntegerField(_("số con đang nuôi (diện 5.4)"), default=0)
    studying = models.BooleanField(_("đang đi học (diện 5.2)"), default=False)
    start_month = MonthField(_("hưởng từ tháng"))
    end_month = MonthField(_("hưởng đến hết tháng"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.ACTIVE)
    end_reason = models.CharField(_("lý do kết thúc giai đoạn"), max_length=200, blank=True)
    # Months before the decision month are owed (truy lĩnh): the next payroll pays them too.
    arrears_pending = models.BooleanField(_("còn truy lĩnh"), default=False)
    decision_number = models.CharField(_("số quyết định"), max_length=40)
    decision_date = models.DateField(_("ngày quyết định"))
    payment_method = models.CharField(_("hình thức chi trả"), max_length=5, choices=PaymentMethod.choices,
                                      default=PaymentMethod.AGENT)
    commune = models.ForeignKey("geo.AdministrativeUnit", verbose_name=_("xã/phường"), on_delete=models.PROTECT,
                                related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=ASSISTANCE_VIEW, actions={"manage": ENROLMENT_MANAGE},
                  outside="Đối tượng này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đối tượng đang hưởng")
        verbose_name_plural = _("đối tượng đang hưởng")
        indexes = [
            models.Index(fields=["province_code", "programme", "status", "commune"], name="enrolment_payroll_idx"),
            models.Index(fields=["province_code"], condition=Q(arrears_pending=True), name="enrolment_arrears_idx"),
        ]
        constraints = [
            # one open period per person and programme; the highest-allowance rule lives in its categories
            models.UniqueConstraint(fields=["person", "programme"], condition=Q(end_month__isnull=True),
                                    name="enrolment_one_open_per_programme"),
            models.CheckConstraint(condition=~Q(status__in=["ended", "cancelled"]) | Q(end_month__isnull=False),
                                   name="enrolment_ended_has_end_month"),
            models.CheckConstraint(condition=Q(coefficient__gt=0), name="enrolment_coefficient_positive"),
            models.CheckConstraint(condition=Q(end_month__isnull=True) | Q(end_month__gte=models.F("start_month")),
                                   name="enrolment_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.get_programme_display()} — {self.category_codes} × {self.coefficient}"

    @property
    def paid_categories(self) -> list[str]:
        return self.categories(paid_only=True)

    @property
    def entitled_categories(self) -> list[str]:
        return self.categories()


class EnrolmentCategory(models.Model):
    """A category of Điều 5 (diện) an enrolment period was decided under: one row per category the person
    qualified under, `paid` for those paid after Điều 6 k.2 (the highest only; k.4 beside k.5, k.6 or k.8).

    `coefficient` is this category's own part: for 5.4 the per-child coefficient × children. The paid rows
    add up to `Enrolment.coefficient`, which the payroll multiplies. A row not paid keeps the coefficient the
    rules gave it, so a page can say what it would have been; rows filled from the old strings by migration
    0009 carry 0 where that was not known (see there). A social pension period has one row, `HTXH` × 1.
    """

    enrolment = models.ForeignKey(Enrolment, on_delete=models.PROTECT, related_name="category_rows",
                                  db_index=False)  # the unique (enrolment, category) below leads with it
    category = models.CharField(_("diện"), max_length=8)
    coefficient = models.DecimalField(_("hệ số của diện"), max_digits=5, decimal_places=2)
    paid = models.BooleanField(_("được hưởng"))

    scope = Scope(view=ASSISTANCE_VIEW, commune_field="enrolment__commune", province_field="enrolment__province_code")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("diện hưởng")
        verbose_name_plural = _("diện hưởng")
        constraints = [
            models.UniqueConstraint(fields=["enrolment", "category"], name="enrolment_category_once"),
            models.CheckConstraint(condition=Q(coefficient__gte=0), name="enrolment_category_coefficient_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.category} × {self.coefficient}{'' if self.paid else ' (không hưởng)'}"


class FuneralSupport(models.Model):
    """Hỗ trợ chi phí mai táng: one per person who died, at the highest rate of the grounds that apply — a
    beneficiary of the monthly allowance (Điều 11), a death or disappearance in a disaster, fire, epidemic or
    accident (Điều 14), a death in a social assistance facility (Điều 25 k.3). Proposed when the death is recorded
    (in the registry, or on an emergency list), decided once in a numbered decision and paid once, to whoever
    arranged the burial."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Đề xuất")
        DECIDED = "decided", _("Đã quyết định")
        PAID = "paid", _("Đã chi trả")

    class Ground(models.TextChoices):
        REGULAR = "regular", _("Đối tượng đang hưởng trợ cấp hằng tháng (Điều 11)")
        DISASTER = "disaster", _("Chết, mất tích do thiên tai, hỏa hoạn, dịch bệnh, tai nạn (Điều 14)")
        FACILITY = "facility", _("Chết tại cơ sở trợ giúp xã hội (Điều 25)")

    person = models.OneToOneField("registry.Person", verbose_name=_("người mất"), on_delete=models.PROTECT,
                                  related_name="funeral_support")
    date_of_death = models.DateField(_("ngày mất"))
    legal_basis = models.CharField(_("căn cứ"), max_length=120)
    multiple = models.DecimalField(_("số lần mức chuẩn"), max_digits=5, decimal_places=2)
    standard_level = models.PositiveIntegerField(_("mức chuẩn"))
    amount = models.BigIntegerField(_("số tiền"))
    recipient = models.CharField(_("người nhận (người lo mai táng)"), max_length=120, blank=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PROPOSED)
    ground = models.CharField(_("căn cứ hỗ trợ"), max_length=10, choices=Ground.choices, default=Ground.REGULAR)
    decision_number = models.CharField(_("số quyết định"), max_length=40, blank=True)
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    paid_on = models.DateField(_("ngày chi trả"), null=True, blank=True)
    commune = models.ForeignKey("geo.AdministrativeUnit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=ASSISTANCE_VIEW, actions={"manage": ENROLMENT_MANAGE},
                  outside="Đối tượng này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hỗ trợ mai táng")
        verbose_name_plural = _("hỗ trợ mai táng")
        ordering = ["-date_of_death", "-id"]

    def __str__(self) -> str:
        return f"Mai táng: {self.person} — {self.amount} đ"


class FormType(models.TextChoices):
    # NĐ 20/2021, Điều 7: tờ khai đề nghị trợ cấp (Mẫu 1a–1đ), hỗ trợ chăm sóc (Mẫu 2a, 2b, 03)
    F1A = "1a", _("Mẫu 1a — trẻ em, người từ 16 đến 22 tuổi đang học")
    F1B = "1b", _("Mẫu 1b — người đơn thân nghèo nuôi con")
    F1C = "1c", _("Mẫu 1c — người cao tuổi")
    F1D = "1d", _("Mẫu 1d — người khuyết tật")
    F1DD = "1đ", _("Mẫu 1đ — người nhiễm HIV/AIDS")
    F2A = "2a", _("Mẫu 2a — hộ gia đình chăm sóc người khuyết tật đặc biệt nặng")
    F2B = "2b", _("Mẫu 2b — nhận chăm sóc, nuôi dưỡng")
    F03 = "03", _("Mẫu 03 — người được nhận chăm sóc không hưởng trợ cấp hằng tháng")


class Application(CategoryRows, models.Model):
    """Hồ sơ đề nghị: an application for the monthly allowance, following the procedure in force on the day
    it was received (`workflow.PROCEDURES`). Each step is an `ApplicationStep`; the decision creates the
    enrolment and gets a number from the issuer's yearly sequence (NĐ 30/2020 Điều 15)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang giải quyết")
        DECIDED = "decided", _("Đã quyết định hưởng")
        REJECTED = "rejected", _("Không đủ điều kiện (đã trả lời bằng văn bản)")

    person = models.ForeignKey("registry.Person", verbose_name=_("người đề nghị"), on_delete=models.PROTECT,
                               related_name="applications")
    form_type = models.CharField(_("mẫu tờ khai"), max_length=3, choices=FormType.choices)
    children_count = models.PositiveSmallIntegerField(_("số con đang nuôi (diện 5.4)"), default=0)
    studying = models.BooleanField(_("đang đi học (diện 5.2)"), default=False)
    documents = models.TextField(_("giấy tờ kèm theo"), blank=True)
    received_on = models.DateField(_("ngày nhận hồ sơ"))
    procedure = models.CharField(_("quy trình"), max_length=12, editable=False)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN)
    decision_number = models.CharField(_("số quyết định"), max_length=40, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    reply = models.TextField(_("văn bản trả lời (lý do không đủ điều kiện)"), blank=True)
    enrolment = models.OneToOneField(Enrolment, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="application")
    commune = models.ForeignKey("geo.AdministrativeUnit", verbose_name=_("xã/phường"), on_delete=models.PROTECT,
                                related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")

    scope = Scope(view=ASSISTANCE_VIEW, actions={"manage": ENROLMENT_MANAGE},
                  outside="Đối tượng này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hồ sơ đề nghị")
        verbose_name_plural = _("hồ sơ đề nghị")
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["province_code", "status", "commune"], name="application_scope_idx")]

    def __str__(self) -> str:
        return f"Hồ sơ {self.pk} — {self.person}"

    @property
    def requested_categories(self) -> list[str]:
        return self.categories()


class ApplicationCategory(models.Model):
    """A category of Điều 5 applied for (diện đề nghị)."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="category_rows",
                                    db_index=False)  # the unique (application, category) below leads with it
    category = models.CharField(_("diện đề nghị"), max_length=8)

    scope = Scope(view=ASSISTANCE_VIEW, commune_field="application__commune",
                  province_field="application__province_code")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("diện đề nghị")
        verbose_name_plural = _("diện đề nghị")
        constraints = [models.UniqueConstraint(fields=["application", "category"], name="application_category_once")]

    def __str__(self) -> str:
        return self.category


class ApplicationStep(models.Model):
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="steps")
    code = models.CharField(_("bước"), max_length=20)
    done_on = models.DateField(_("ngày thực hiện"))
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["done_on", "id"]
        constraints = [models.UniqueConstraint(fields=["application", "code"], name="application_step_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.done_on:%d/%m/%Y}"
