"""Data every app shares: the public holidays working days leave out, and the yearly number sequences of
official documents."""

from django.db import models
from django.utils.translation import gettext_lazy as _


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
