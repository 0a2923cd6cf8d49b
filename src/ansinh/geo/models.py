"""Administrative units (đơn vị hành chính) as reference data with validity dates.

Since 01/7/2025 there are two tiers (province, commune); pre-reform districts and communes can still
be stored, with `valid_to` set, so that legacy addresses keep a meaning.
"""

from django.db import models
from django.db.models import Q


class AdministrativeUnit(models.Model):
    class Level(models.TextChoices):
        PROVINCE = "province", "Tỉnh/Thành phố"
        DISTRICT = "district", "Huyện (trước 01/7/2025)"
        COMMUNE = "commune", "Xã/Phường/Đặc khu"

    class Kind(models.TextChoices):
        TINH = "tinh", "Tỉnh"
        THANH_PHO = "thanh_pho", "Thành phố trực thuộc trung ương"
        HUYEN = "huyen", "Huyện/Quận/Thị xã/Thành phố thuộc tỉnh"
        XA = "xa", "Xã"
        PHUONG = "phuong", "Phường"
        DAC_KHU = "dac_khu", "Đặc khu"
        THI_TRAN = "thi_tran", "Thị trấn"

    code = models.CharField("mã", max_length=10)
    name = models.CharField("tên", max_length=120)
    name_folded = models.CharField(max_length=120, db_index=True, editable=False)
    level = models.CharField("cấp", max_length=10, choices=Level.choices)
    kind = models.CharField("loại", max_length=12, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", verbose_name="trực thuộc", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # Mã tỉnh of the unit itself (for a province, its own code): the key that scopes and partitions data.
    province_code = models.CharField("mã tỉnh", max_length=3, db_index=True)
    valid_from = models.DateField("hiệu lực từ")
    valid_to = models.DateField("hết hiệu lực", null=True, blank=True)
    legal_basis = models.CharField("căn cứ pháp lý", max_length=200, blank=True)

    class Meta:
        verbose_name = "đơn vị hành chính"
        verbose_name_plural = "đơn vị hành chính"
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
