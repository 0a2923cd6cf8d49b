"""Data every app shares: the public holidays working days leave out, the yearly number sequences of
official documents, and the dated policy parameters."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .access import Scope, ScopedQuerySet, can
from .access_grants import POLICY_MANAGE, POLICY_VIEW


class Holiday(models.Model):
    """A public holiday (ngày nghỉ lễ, Tết), left out of working-day deadlines. Lunar holidays (Tết, Giỗ Tổ)
    and the extra National Day are set each year by the Government: an administrator enters them."""

    date = models.DateField(_("ngày"), unique=True)
    name = models.CharField(_("tên"), max_length=100)

    class Meta:
        verbose_name = _("ngày nghỉ lễ")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.name}"


class DocumentNumber(models.Model):
    """The yearly number sequence of an issuer's documents: from 01 on 1 January (NĐ 30/2020 Điều 15)."""

    issuer = models.CharField(max_length=20)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issuer", "year"], name="core_document_number_issuer_year")]

    def __str__(self) -> str:
        return f"{self.issuer}/{self.year}: {self.last}"


class PolicyParameterQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        # National rows are public law; a province's top-ups are seen inside that province.
        if not can(user, PolicyParameter.scope.capability(action)):
            return self.none()
        unit = getattr(user, "jurisdiction", None)
        if unit is None:
            return self.all()
        return self.filter(Q(province_code="") | Q(province_code=unit.province_code))


class PolicyParameter(models.Model):
    """One value of a policy parameter from a date on (tham số chính sách): the standard level, a coefficient,
    a multiple, a switch, the base salary. The row with the latest `valid_from` not after a day is the one in
    force (`core.parameters`); a change of law is a new row, never an edit of an old one."""

    key = models.CharField(_("tham số"), max_length=60)
    province_code = models.CharField(_("mã tỉnh"), max_length=3, blank=True, help_text=_("trống: toàn quốc"))
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2)
    valid_from = models.DateField(_("áp dụng từ"))
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=255)
    verified = models.BooleanField(_("đã đối chiếu văn bản gốc"), default=True)
    note = models.TextField(_("ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    scope = Scope(view=POLICY_VIEW, actions={"add": POLICY_MANAGE})
    objects = PolicyParameterQuerySet.as_manager()

    class Meta:
        verbose_name = _("tham số chính sách")
        verbose_name_plural = _("tham số chính sách")
        ordering = ["key", "province_code", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "province_code", "valid_from"],
                                    name="core_policy_parameter_unique_from"),
            models.CheckConstraint(condition=Q(value__gte=0), name="core_policy_parameter_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.key} = {self.value} từ {self.valid_from:%d/%m/%Y}"
