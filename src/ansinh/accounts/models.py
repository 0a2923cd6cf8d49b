"""Users, their role and their jurisdiction (địa bàn): a province, a commune, or the whole country."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from ansinh.geo.models import AdministrativeUnit


class Role(models.TextChoices):
    COMMUNE_OFFICER = "commune_officer", "Công chức VH-XH cấp xã"
    COMMUNE_LEADER = "commune_leader", "Lãnh đạo UBND cấp xã"
    PROVINCE_OFFICER = "province_officer", "Chuyên viên cấp tỉnh (Sở)"
    PROVINCE_LEADER = "province_leader", "Lãnh đạo cấp tỉnh"
    SOCIAL_WORKER = "social_worker", "Nhân viên công tác xã hội"
    FACILITY_STAFF = "facility_staff", "Nhân viên cơ sở trợ giúp xã hội"
    PAYMENT_AGENT = "payment_agent", "Tổ chức dịch vụ chi trả"
    AUDITOR = "auditor", "Thanh tra, kiểm tra"
    ADMINISTRATOR = "administrator", "Quản trị hệ thống"


class User(AbstractUser):
    role = models.CharField("vai trò", max_length=20, choices=Role.choices, default=Role.COMMUNE_OFFICER)
    # NULL jurisdiction means the whole country (ministry level or national administrator).
    jurisdiction = models.ForeignKey(
        AdministrativeUnit,
        verbose_name="địa bàn",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"valid_to__isnull": True, "level__in": ["province", "commune"]},
    )
    phone = models.CharField("điện thoại", max_length=20, blank=True)

    class Meta:
        verbose_name = "người dùng"
        verbose_name_plural = "người dùng"
        ordering = ["username"]

    @property
    def is_national(self) -> bool:
        return self.jurisdiction_id is None

    @property
    def jurisdiction_label(self) -> str:
        return str(self.jurisdiction) if self.jurisdiction_id else "Toàn quốc"
