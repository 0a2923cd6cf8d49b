"""Users, their role and their jurisdiction (địa bàn): a province, a commune, or the whole country."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from ansinh.core.access import Role
from ansinh.geo.models import AdministrativeUnit

__all__ = ["Role", "User"]


class User(AbstractUser):
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.COMMUNE_OFFICER)
    # NULL jurisdiction means the whole country (ministry level or national administrator).
    jurisdiction = models.ForeignKey(
        AdministrativeUnit,
        verbose_name=_("địa bàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"valid_to__isnull": True, "level__in": ["province", "commune"]},
    )
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = pgettext_lazy("plural", "người dùng")
        ordering = ["username"]

    def get_full_name(self) -> str:
        """Họ và tên in Vietnamese order: family and middle names (`last_name`), then the given name."""
        return f"{self.last_name} {self.first_name}".strip()

    @property
    def is_national(self) -> bool:
        return self.jurisdiction_id is None

    @property
    def jurisdiction_label(self) -> str:
        return str(self.jurisdiction) if self.jurisdiction_id else gettext("Toàn quốc")
