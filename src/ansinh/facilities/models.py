"""The organisations the plans count (QĐ 112/QĐ-TTg and the provinces' plans): commune People's Committees,
social assistance facilities, social-work centres, prisons, schools, hospitals… An organisation keeps its
identity; what it is — name, kind, ownership, parent body, commune, whether it is in the plan's scope and
whether it provides social-work services — is held by periods, each valid from a day until the day the next
begins, so that any past date is answered by one condition (`on(day)`)."""

import datetime

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.access import Scope, ScopedQuerySet
from ansinh.core.fields import FoldedCharField
from ansinh.geo.models import AdministrativeUnit

from .access import FACILITIES_CHANGE, FACILITIES_VIEW


class Kind(models.TextChoices):
    COMMUNE_COMMITTEE = "commune_committee", _("UBND xã, phường, đặc khu")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    SOCIAL_ASSISTANCE = "social_assistance", _("Cơ sở trợ giúp xã hội")
    SOCIAL_WORK_CENTRE = "social_work_centre", _("Trung tâm công tác xã hội")
    DRUG_REHABILITATION = "drug_rehabilitation", _("Cơ sở cai nghiện ma túy")
    PRISON = "prison", _("Trại giam, trại tạm giam, nhà tạm giữ")
    REFORM_SCHOOL = "reform_school", _("Trường giáo dưỡng")
    JUDICIAL = "judicial", _("Cơ quan tư pháp")
    SCHOOL = "school", _("Trường học")
    HOSPITAL = "hospital", _("Bệnh viện")
    HEALTH_CENTRE = "health_centre", _("Trung tâm y tế, trạm y tế")
    MASS_ORGANISATION = "mass_organisation", _("Tổ chức chính trị - xã hội, hội")
    OTHER = "other", _("Khác")


class Ownership(models.TextChoices):
    PUBLIC = "public", _("Công lập")
    NON_PUBLIC = "non_public", _("Ngoài công lập")


class Organisation(models.Model):
    """An organisation as the system knows it today: its code and, for scope and lists, the commune and
    name of its latest period (kept by the services)."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    name_folded = FoldedCharField(max_length=255, editable=False)  # the search, without diacritics
    kind = models.CharField(_("loại"), max_length=24, choices=Kind.choices)
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường"), on_delete=models.PROTECT,
                                related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope = Scope(view=FACILITIES_VIEW, actions={"change": FACILITIES_CHANGE},
                  outside="Cơ quan, cơ sở này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("cơ quan, cơ sở")
        verbose_name_plural = pgettext_lazy("plural", "cơ quan, cơ sở")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["province_code", "kind", "name"], name="organisation_prov_kind_idx"),
                   models.Index(fields=["commune", "kind", "name"], name="organisation_commune_kind_idx")]

    def __str__(self) -> str:
        return self.name


class PeriodQuerySet(ScopedQuerySet):
    def on(self, day: datetime.date):
        """The periods in force on `day`: at most one per organisation."""
        return self.filter(Q(valid_to__isnull=True) | Q(valid_to__gt=day), valid_from__lte=day)


class OrganisationPeriod(models.Model):
    """What an organisation was from `valid_from` until the day before `valid_to` (open when none)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="periods")
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến trước ngày"), null=True, blank=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=24, choices=Kind.choices)
    ownership = models.CharField(_("loại hình"), max_length=10, choices=Ownership.choices, default=Ownership.PUBLIC)
    parent = models.ForeignKey(Organisation, verbose_name=_("cơ quan chủ quản"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường"), on_delete=models.PROTECT,
                                related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3, editable=False)
    in_plan_scope = models.BooleanField(_("thuộc phạm vi kế hoạch"), default=False)
    provides_social_work = models.BooleanField(_("cung cấp dịch vụ công tác xã hội"), default=False)
    basis = models.CharField(_("căn cứ"), max_length=255, blank=True)  # the decision or document behind it

    # seen by whoever sees the organisation (where it is today), its whole history included
    scope = Scope(view=FACILITIES_VIEW, commune_field="organisation__commune",
                  province_field="organisation__province_code")
    objects = PeriodQuerySet.as_manager()

    class Meta:
        verbose_name = _("giai đoạn của cơ quan, cơ sở")
        verbose_name_plural = pgettext_lazy("plural", "giai đoạn của cơ quan, cơ sở")
        ordering = ["organisation", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "valid_from"], name="organisation_period_start_unique"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gt=models.F("valid_from")),
                                   name="organisation_period_ends_after_start"),
        ]
        indexes = [models.Index(fields=["province_code", "valid_from"], name="organisation_period_prov_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.valid_from:%d/%m/%Y})"


Organisation.history_model = OrganisationPeriod  # the audit trail of an organisation names its periods' fields
