"""The social assistance fund (Quỹ trợ giúp xã hội, seed 004: "tăng cường vận động, ghi nhận tổ chức, cá nhân
tham gia trợ giúp bằng tiền, hiện vật"): a province's or a commune's fund, what donors gave in cash and in kind,
and what was used for whom or for which programme. The balance on a day is what came in less what went out."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.access import Scope, ScopedQuerySet
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import Person

from .access import FUND_MANAGE, FUND_VIEW


class Fund(models.Model):
    name = models.CharField(_("tên quỹ"), max_length=255)
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường (quỹ của xã)"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    established_on = models.DateField(_("ngày thành lập"))
    basis = models.CharField(_("quyết định thành lập"), max_length=255)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=FUND_VIEW, actions={"manage": FUND_MANAGE}, outside="Quỹ này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quỹ trợ giúp xã hội")
        verbose_name_plural = pgettext_lazy("plural", "quỹ trợ giúp xã hội")
        ordering = ["province_code", "name"]

    def __str__(self) -> str:
        return self.name


class Form(models.TextChoices):
    CASH = "cash", _("Tiền")
    IN_KIND = "in_kind", _("Hiện vật")


class DonorKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân, gia đình")
    ENTERPRISE = "enterprise", _("Doanh nghiệp")
    ORGANISATION = "organisation", _("Tổ chức, đoàn thể")
    FOREIGN = "foreign", _("Tổ chức, cá nhân nước ngoài")


class Donation(models.Model):
    """What a donor gave the fund on a day: cash, or goods with their value as estimated when received."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="donations")
    donor = models.CharField(_("nhà tài trợ"), max_length=255)
    donor_kind = models.CharField(_("loại nhà tài trợ"), max_length=12, choices=DonorKind.choices)
    received_on = models.DateField(_("ngày nhận"))
    form = models.CharField(_("hình thức"), max_length=8, choices=Form.choices)
    value = models.DecimalField(_("số tiền, giá trị (đồng)"), max_digits=15, decimal_places=0)
    goods = models.CharField(_("hiện vật"), max_length=255, blank=True)  # "500 kg gạo", for a gift in kind
    receipt = models.CharField(_("số biên nhận"), max_length=40, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                   editable=False, db_index=False)

    scope = Scope(view=FUND_VIEW, actions={"manage": FUND_MANAGE}, commune_field="fund__commune",
                  province_field="fund__province_code")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("khoản tài trợ")
        verbose_name_plural = pgettext_lazy("plural", "khoản tài trợ")
        ordering = ["fund", "-received_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(value__gt=0), name="donation_value_positive")]

    def __str__(self) -> str:
        return f"{self.donor}: {self.value}"


class Use(models.Model):
    """What the fund gave on a day: to a registry person, or to a programme (Tết, a flood's relief…)."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="uses")
    used_on = models.DateField(_("ngày chi"))
    form = models.CharField(_("hình thức"), max_length=8, choices=Form.choices)
    value = models.DecimalField(_("số tiền, giá trị (đồng)"), max_digits=15, decimal_places=0)
    goods = models.CharField(_("hiện vật"), max_length=255, blank=True)
    person = models.ForeignKey(Person, verbose_name=_("người nhận"), null=True, blank=True, on_delete=models.PROTECT,
                               related_name="fund_uses")
    programme = models.CharField(_("chương trình, đợt trợ giúp"), max_length=255, blank=True)
    decision = models.CharField(_("quyết định chi"), max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+",
                                   editable=False, db_index=False)

    scope = Scope(view=FUND_VIEW, actions={"manage": FUND_MANAGE}, commune_field="fund__commune",
                  province_field="fund__province_code")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("khoản chi")
        verbose_name_plural = pgettext_lazy("plural", "khoản chi")
        ordering = ["fund", "-used_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(value__gt=0), name="use_value_positive"),
            models.CheckConstraint(condition=Q(person__isnull=False) | ~Q(programme=""), name="use_names_its_purpose"),
        ]

    def __str__(self) -> str:
        return f"{self.used_on:%d/%m/%Y}: {self.value}"
