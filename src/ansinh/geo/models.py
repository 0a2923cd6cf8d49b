"""Administrative units (đơn vị hành chính) as reference data with validity dates.

Since 01/7/2025 there are two tiers (province, commune). The communes before that (`FormerCommune`) are
kept apart with the commune(s) of today each became part of, so that an old address or an old list still
finds its commune without the old units ever showing in a picker.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AdministrativeUnit(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", _("Tỉnh/Thành phố")
        DISTRICT = "district", _("Huyện (trước 01/7/2025)")
        COMMUNE = "commune", _("Xã/Phường/Đặc khu")

    class Kind(models.TextChoices):
        TINH = "tinh", _("Tỉnh")
        THANH_PHO = "thanh_pho", _("Thành phố trực thuộc trung ương")
        HUYEN = "huyen", _("Huyện/Quận/Thị xã/Thành phố thuộc tỉnh")
        XA = "xa", _("Xã")
        PHUONG = "phuong", _("Phường")
        DAC_KHU = "dac_khu", _("Đặc khu")
        THI_TRAN = "thi_tran", _("Thị trấn")

    code = models.CharField(_("mã"), max_length=10)
    name = models.CharField(_("tên"), max_length=120)
    name_folded = models.CharField(max_length=120, db_index=True, editable=False)
    level = models.CharField(_("cấp"), max_length=10, choices=Level.choices)
    kind = models.CharField(_("loại"), max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("trực thuộc"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Mã tỉnh of the unit itself (for a province, its own code): the key that scopes and partitions data.
    province_code = models.CharField(_("mã tỉnh"), max_length=3, db_index=True)
    valid_from = models.DateField(_("hiệu lực từ"))
    valid_to = models.DateField(_("hết hiệu lực"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ pháp lý"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị hành chính")
        ordering = ["province_code", "level", "name"]
        constraints = [
            models.UniqueConstraint(fields=["level", "code", "valid_from"], name="geo_unit_code_unique_per_period"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="geo_unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class FormerCommune(models.Model):
    """A commune before 1 July 2025 (NQ 202/2025/QH15 and the resolutions arranging each province's communes)
    and the commune(s) of today it became part of: one when it was merged whole, several when it was split
    (an old address then does not tell which)."""

    code = models.CharField(_("mã"), max_length=10, unique=True)
    name = models.CharField(_("tên"), max_length=120)
    name_folded = models.CharField(max_length=120, db_index=True, editable=False)
    district = models.CharField(_("quận/huyện"), max_length=120)
    province = models.CharField(_("tỉnh/thành phố (cũ)"), max_length=120)
    province_code = models.CharField(_("mã tỉnh hiện nay"), max_length=3, db_index=True)
    successors = models.ManyToManyField(AdministrativeUnit, verbose_name=_("nay thuộc"), related_name="former_communes")

    class Meta:
        verbose_name = _("xã/phường trước 01/7/2025")
        verbose_name_plural = pgettext_lazy("plural", "xã/phường trước 01/7/2025")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}, {self.district}, {self.province}"
