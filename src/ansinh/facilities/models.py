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

from ansinh.core.access import Scope, ScopedQuerySet, can
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


HOUSING = (Kind.SOCIAL_ASSISTANCE, Kind.SOCIAL_WORK_CENTRE, Kind.DRUG_REHABILITATION)  # the kinds that house people


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
    capacity = models.PositiveIntegerField(_("công suất (chỗ)"), null=True, blank=True)  # facilities that house people
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


class CareGroup(models.TextChoices):
    """The groups of residents TT 33/2017/TT-BLĐTBXH Điều 5 sets carer ratios for."""

    CHILD_UNDER_18M = "child_u18m", _("Trẻ em dưới 18 tháng tuổi")
    CHILD_18M_6 = "child_18m_6", _("Trẻ em từ 18 tháng đến dưới 6 tuổi")
    CHILD_6_16 = "child_6_16", _("Trẻ em từ 6 đến dưới 16 tuổi")
    CHILD_SPECIAL_18M_6 = "child_sp_18m_6", _("Trẻ em khuyết tật, tâm thần, nhiễm HIV từ 18 tháng đến dưới 6 tuổi")
    CHILD_SPECIAL_6_16 = "child_sp_6_16", _("Trẻ em khuyết tật, tâm thần, nhiễm HIV từ 6 đến dưới 16 tuổi")
    SELF_CARE = "self_care", _("Người cao tuổi, người khuyết tật tự phục vụ được")
    DEPENDENT = "dependent", _("Người cao tuổi, người khuyết tật không tự phục vụ được")
    MENTAL_ESPECIALLY_SEVERE = "mental_es", _("Người tâm thần đặc biệt nặng")
    MENTAL_SEVERE = "mental_s", _("Người tâm thần nặng")
    MENTAL_STABLE = "mental_stable", _("Người tâm thần đã ổn định")
    HOMELESS = "homeless", _("Người lang thang")


class Resident(models.Model):
    """A registry person cared for at a facility from admission (tiếp nhận) to discharge (the day they left);
    at most one facility at a time."""

    organisation = models.ForeignKey(Organisation, verbose_name=_("cơ sở"), on_delete=models.PROTECT,
                                     related_name="residents")
    person = models.ForeignKey("registry.Person", verbose_name=_("người"), on_delete=models.PROTECT,
                               related_name="residences")
    care_group = models.CharField(_("nhóm chăm sóc"), max_length=16, choices=CareGroup.choices)
    admitted_on = models.DateField(_("ngày tiếp nhận"))
    emergency = models.BooleanField(_("tiếp nhận khẩn cấp"), default=False)  # at most 3 months (NĐ 20 Điều 24)
    basis = models.CharField(_("quyết định tiếp nhận"), max_length=255, blank=True)
    discharged_on = models.DateField(_("ngày rời cơ sở"), null=True, blank=True)
    discharge_reason = models.CharField(_("lý do"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=FACILITIES_VIEW, actions={"change": FACILITIES_CHANGE}, commune_field="organisation__commune",
                  province_field="organisation__province_code",
                  outside="Cơ sở này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đối tượng tại cơ sở")
        verbose_name_plural = pgettext_lazy("plural", "đối tượng tại cơ sở")
        ordering = ["organisation", "-admitted_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(discharged_on__isnull=True) | Q(discharged_on__gte=models.F("admitted_on")),
                                   name="resident_leaves_after_admission"),
            models.UniqueConstraint(fields=["person"], condition=Q(discharged_on__isnull=True),
                                    name="resident_one_open_stay"),
        ]
        indexes = [models.Index(fields=["organisation", "admitted_on"], name="resident_org_admitted_idx")]

    def __str__(self) -> str:
        return f"{self.person} — {self.organisation}"


class StaffFunction(models.TextChoices):
    """The staff a facility's ratios count (TT 33/2017/TT-BLĐTBXH Điều 4–5)."""

    CARER = "carer", _("Chăm sóc trực tiếp")
    SOCIAL_WORKER = "social_worker", _("Công tác xã hội")
    PSYCHOLOGIST = "psychologist", _("Tâm lý")
    MEDICAL = "medical", _("Y tế, điều dưỡng")
    NUTRITION = "nutrition", _("Dinh dưỡng")


class StaffCount(models.Model):
    """How many people of a function a facility has from a day (declared by the facility)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="staff_counts")
    function = models.CharField(_("vị trí"), max_length=16, choices=StaffFunction.choices)
    count = models.PositiveIntegerField(_("số người"))
    as_of = models.DateField(_("từ ngày"))
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=FACILITIES_VIEW, actions={"change": FACILITIES_CHANGE}, commune_field="organisation__commune",
                  province_field="organisation__province_code")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhân sự hiện có")
        verbose_name_plural = pgettext_lazy("plural", "nhân sự hiện có")
        ordering = ["organisation", "function", "-as_of"]
        constraints = [models.UniqueConstraint(fields=["organisation", "function", "as_of"],
                                               name="staff_count_once_a_day")]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.count} {self.get_function_display()} ({self.as_of:%d/%m/%Y})"


class StandardAssessment(models.Model):
    """A facility assessed against the standards of care (TT 33/2017/TT-BLĐTBXH, chương III) on a day: whether
    it meets them, by which decision; the latest assessment on or before a day says where it stands."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="assessments")
    assessed_on = models.DateField(_("ngày đánh giá"))
    meets = models.BooleanField(_("đạt tiêu chuẩn"))
    basis = models.CharField(_("căn cứ (quyết định, biên bản)"), max_length=255)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=FACILITIES_VIEW, actions={"change": FACILITIES_CHANGE}, commune_field="organisation__commune",
                  province_field="organisation__province_code")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đánh giá tiêu chuẩn")
        verbose_name_plural = pgettext_lazy("plural", "đánh giá tiêu chuẩn")
        ordering = ["organisation", "-assessed_on"]
        constraints = [models.UniqueConstraint(fields=["organisation", "assessed_on"],
                                               name="assessment_once_a_day")]

    def __str__(self) -> str:
        return f"{self.organisation}: {'đạt' if self.meets else 'chưa đạt'} ({self.assessed_on:%d/%m/%Y})"


class ProjectPurpose(models.TextChoices):
    NEW = "new", _("Xây dựng mới cơ sở")
    UPGRADE = "upgrade", _("Cải tạo, nâng cấp cơ sở")
    SERVICES = "services", _("Tăng cường cung cấp dịch vụ")


class ProjectQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """A province's projects in the province; a commune sees those of a facility in the commune."""
        if not can(user, InvestmentProject.scope.capability(action)):
            return self.none()
        unit = getattr(user, "jurisdiction", None)
        if unit is None:
            return self.all()
        if unit.level == "commune":
            return self.filter(organisation__commune=unit)
        return self.filter(province_code=unit.province_code)


class InvestmentProject(models.Model):
    """An investment in the network (dự án đầu tư): its total and where the money comes from (`funding`)."""

    name = models.CharField(_("tên dự án"), max_length=255)
    purpose = models.CharField(_("mục tiêu"), max_length=10, choices=ProjectPurpose.choices)
    organisation = models.ForeignKey(Organisation, verbose_name=_("cơ sở"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="projects")
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    total = models.DecimalField(_("tổng mức đầu tư (đồng)"), max_digits=18, decimal_places=0)
    start_year = models.PositiveSmallIntegerField(_("từ năm"))
    end_year = models.PositiveSmallIntegerField(_("đến năm"))
    basis = models.CharField(_("căn cứ"), max_length=255)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=FACILITIES_VIEW, actions={"change": FACILITIES_CHANGE},
                  outside="Dự án này nằm ngoài địa bàn bạn quản lý.")
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("dự án đầu tư")
        verbose_name_plural = pgettext_lazy("plural", "dự án đầu tư")
        ordering = ["-start_year", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(total__gt=0), name="project_total_positive"),
            models.CheckConstraint(condition=Q(end_year__gte=models.F("start_year")), name="project_years_in_order"),
        ]

    def __str__(self) -> str:
        return self.name


class FundingSource(models.TextChoices):
    FOREIGN_LOAN = "foreign_loan", _("Vốn vay ưu đãi nước ngoài")
    CENTRAL_GRANT = "central_grant", _("Vốn cấp phát từ Trung ương")
    PROVINCE_LOAN = "province_loan", _("Vốn tỉnh vay lại")
    LOCAL_BUDGET = "local_budget", _("Vốn đối ứng ngân sách địa phương")
    CENTRAL_BUDGET = "central_budget", _("Ngân sách trung ương")
    PRIVATE = "private", _("Xã hội hóa, tài trợ")
    OTHER = "other", _("Nguồn khác")


class ProjectFunding(models.Model):
    """A source of a project's money; `part_of` another source when it details it (the foreign loan is 110 billion
    granted by the centre and 110 billion re-lent to the province), so sources are never counted twice."""

    project = models.ForeignKey(InvestmentProject, on_delete=models.PROTECT, related_name="funding")
    source = models.CharField(_("nguồn vốn"), max_length=16, choices=FundingSource.choices)
    amount = models.DecimalField(_("số tiền (đồng)"), max_digits=18, decimal_places=0)
    part_of = models.ForeignKey("self", verbose_name=_("thuộc nguồn"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="parts")

    scope = Scope(view=FACILITIES_VIEW, actions={"change": FACILITIES_CHANGE}, commune_field="project__organisation__commune",
                  province_field="project__province_code")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nguồn vốn")
        verbose_name_plural = pgettext_lazy("plural", "nguồn vốn")
        ordering = ["project", "part_of_id", "id"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="funding_amount_positive")]

    def __str__(self) -> str:
        return f"{self.get_source_display()}: {self.amount}"


class Service(models.TextChoices):
    """Social-work services a unit provides (NĐ 20/2021 Điều 24; TT 02/2020/TT-BLĐTBXH)."""

    COUNSELLING = "counselling", _("Tư vấn, tham vấn tâm lý")
    CASE_MANAGEMENT = "case_management", _("Quản lý trường hợp")
    EMERGENCY_CARE = "emergency_care", _("Chăm sóc khẩn cấp, tạm thời")
    LONG_TERM_CARE = "long_term_care", _("Nuôi dưỡng, chăm sóc dài hạn")
    REHABILITATION = "rehabilitation", _("Phục hồi chức năng")
    EDUCATION = "education", _("Giáo dục, dạy nghề, kỹ năng sống")
    REFERRAL = "referral", _("Kết nối, chuyển gửi dịch vụ; trợ giúp pháp lý")
    COMMUNITY = "community", _("Hỗ trợ hòa nhập cộng đồng")
    HOTLINE = "hotline", _("Đường dây nóng, tiếp nhận thông tin")


class OrganisationService(models.Model):
    """A service the unit provides from a day until a day (open when still provided)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="services")
    service = models.CharField(_("dịch vụ"), max_length=20, choices=Service.choices)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)

    scope = Scope(view=FACILITIES_VIEW, actions={"change": FACILITIES_CHANGE}, commune_field="organisation__commune",
                  province_field="organisation__province_code")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("dịch vụ của cơ sở")
        verbose_name_plural = pgettext_lazy("plural", "dịch vụ của cơ sở")
        ordering = ["organisation", "service", "-started_on"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "service"], condition=Q(ended_on__isnull=True),
                                    name="organisation_service_once_open"),
            models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                                   name="organisation_service_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.get_service_display()}"
