"""The registry of people and households (cơ sở dữ liệu đối tượng), shared by every programme."""

import datetime
from typing import TypedDict

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.access import Scope, ScopedQuerySet
from ansinh.core.fields import FoldedCharField
from ansinh.geo.models import AdministrativeUnit

from . import rules
from .access import REGISTRY_CHANGE, REGISTRY_MERGE, REGISTRY_VIEW
from .reference import ETHNICITIES


class Sex(models.TextChoices):
    MALE = "M", _("Nam")
    FEMALE = "F", _("Nữ")


class DisabilityLevel(models.TextChoices):
    NONE = "none", _("Không")
    # Mức độ khuyết tật theo Luật Người khuyết tật 2010, Điều 3.
    MILD = "mild", _("Khuyết tật nhẹ")
    SEVERE = "severe", _("Khuyết tật nặng")
    ESPECIALLY_SEVERE = "especially_severe", _("Khuyết tật đặc biệt nặng")


class PensionStatus(models.TextChoices):
    NONE = "none", _("Không hưởng")
    PENSION = "pension", _("Lương hưu")
    SOCIAL_INSURANCE = "social_insurance", _("Trợ cấp BHXH hằng tháng")
    SOCIAL_PENSION = "social_pension", _("Trợ cấp hưu trí xã hội")


class PersonFields(TypedDict, total=False):
    """What an officer enters about a person, by name and type: the keyword arguments of the services that
    register and change people (forms, API, merge and audit use the same names)."""

    citizen_id: str | None
    full_name: str
    birth_year: int | None
    birth_month: int | None
    birth_day: int | None
    sex: str
    ethnicity: str
    commune: AdministrativeUnit
    hamlet: str
    address: str
    legacy_address: str
    phone: str
    disability_level: str
    disability_certificate_date: datetime.date | None
    date_of_death: datetime.date | None
    pension_status: str
    bank_name: str
    bank_account: str


PERSON_FIELDS = tuple(PersonFields.__annotations__)


class HouseholdFields(TypedDict, total=False):
    """What an officer enters about a household: an empty code asks the system for the next one."""

    code: str
    commune: AdministrativeUnit
    hamlet: str
    address: str


class PersonQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(merged_into__isnull=True)


class Person(models.Model):
    citizen_id = models.CharField(_("số định danh cá nhân"), max_length=12, null=True, blank=True, unique=True)
    full_name = models.CharField(_("họ và tên"), max_length=120)
    name_folded = FoldedCharField(max_length=120, editable=False)
    # Tên first, then họ và tên đệm: the Vietnamese sort order and the second search prefix.
    sort_name = FoldedCharField(max_length=160, editable=False)
    birth_year = models.PositiveSmallIntegerField(_("năm sinh"), null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(_("tháng sinh"), null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(_("ngày sinh"), null=True, blank=True)
    sex = models.CharField(_("giới tính"), max_length=1, choices=Sex.choices)
    ethnicity = models.CharField(_("dân tộc"), max_length=2, choices=ETHNICITIES, blank=True)
    # indexed by person_commune_sort_idx, whose first column it is
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường"), on_delete=models.PROTECT, related_name="+",
                                db_index=False)
    province_code = models.CharField(_("mã tỉnh"), max_length=3, editable=False)
    hamlet = models.CharField(_("thôn/ấp/khóm/tổ dân phố"), max_length=100, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    # Địa chỉ cũ (ba cấp, trước 01/7/2025) as it appears in legacy records.
    legacy_address = models.CharField(_("địa chỉ cũ (trước 01/7/2025)"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    disability_level = models.CharField(
        _("mức độ khuyết tật"), max_length=20, choices=DisabilityLevel.choices, default=DisabilityLevel.NONE
    )
    disability_certificate_date = models.DateField(_("ngày cấp giấy xác nhận khuyết tật"), null=True, blank=True)
    date_of_death = models.DateField(_("ngày mất"), null=True, blank=True)
    pension_status = models.CharField(
        _("lương hưu / BHXH"), max_length=20, choices=PensionStatus.choices, default=PensionStatus.NONE
    )
    bank_name = models.CharField(_("ngân hàng"), max_length=100, blank=True)
    bank_account = models.CharField(_("số tài khoản"), max_length=30, blank=True)
    merged_into = models.ForeignKey(  # indexed where set (person_merged_idx): nearly every row has none
        "self", verbose_name=_("đã gộp vào"), null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from",
        db_index=False,
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # not indexed: nothing looks people up by who registered them (each index costs every bulk import)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False,
        db_index=False,
    )

    scope = Scope(view=REGISTRY_VIEW, actions={"change": REGISTRY_CHANGE, "merge": REGISTRY_MERGE})
    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("đối tượng")
        verbose_name_plural = pgettext_lazy("plural", "đối tượng")
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["province_code", "sort_name"], name="person_prov_sort_idx"),
            models.Index(fields=["commune", "sort_name"], name="person_commune_sort_idx"),
            # Byte-ordered columns (FoldedCharField), so these serve both the prefix searches and
            # the list order (sort_name, id), index-only: given name first ("lan…") walks the first
            # in order; full name ("nguyen van th…") reads its range of the second and sorts it.
            models.Index(fields=["sort_name", "id"], name="person_sort_idx", condition=Q(merged_into__isnull=True)),
            models.Index(
                fields=["name_folded", "sort_name", "id"], name="person_name_idx", condition=Q(merged_into__isnull=True)
            ),
            models.Index(fields=["name_folded", "birth_year", "commune"], name="person_dedup_idx"),
            models.Index(fields=["merged_into"], name="person_merged_idx", condition=Q(merged_into__isnull=False)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(birth_month__isnull=True) | Q(birth_month__gte=1, birth_month__lte=12), name="person_birth_month_range"),
            models.CheckConstraint(condition=Q(birth_day__isnull=True) | Q(birth_day__gte=1, birth_day__lte=31), name="person_birth_day_range"),
            models.CheckConstraint(condition=Q(birth_day__isnull=True) | Q(birth_month__isnull=False), name="person_birth_day_needs_month"),
            models.CheckConstraint(condition=~Q(citizen_id=""), name="person_citizen_id_not_empty"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def birth_display(self) -> str:
        return rules.format_birth(self.birth_year, self.birth_month, self.birth_day)

    @property
    def birth_is_partial(self) -> bool:
        return self.birth_year is not None and not (self.birth_month and self.birth_day)

    def age_on(self, on: datetime.date) -> int | None:
        if self.birth_year is None:
            return None
        return rules.age_on(on, self.birth_year, self.birth_month, self.birth_day)

    @property
    def is_deceased(self) -> bool:
        return self.date_of_death is not None


class Household(models.Model):
    code = models.CharField(_("mã hộ"), max_length=30, unique=True)
    head = models.ForeignKey(
        Person, verbose_name=_("chủ hộ"), null=True, blank=True, on_delete=models.PROTECT, related_name="headed_households"
    )
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường"), on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3, editable=False, db_index=True)
    hamlet = models.CharField(_("thôn/ấp/khóm/tổ dân phố"), max_length=100, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    scope = Scope(view=REGISTRY_VIEW, actions={"change": REGISTRY_CHANGE}, outside="Hộ này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("hộ gia đình")
        verbose_name_plural = pgettext_lazy("plural", "hộ gia đình")
        ordering = ["code"]
        indexes = [models.Index(fields=["commune", "code"], name="household_commune_code_idx")]

    def __str__(self) -> str:
        return self.code


class Relationship(models.TextChoices):
    HEAD = "head", _("Chủ hộ")
    SPOUSE = "spouse", _("Vợ/Chồng")
    CHILD = "child", _("Con")
    PARENT = "parent", _("Cha/Mẹ")
    GRANDPARENT = "grandparent", _("Ông/Bà")
    GRANDCHILD = "grandchild", _("Cháu")
    SIBLING = "sibling", _("Anh/Chị/Em")
    PARENT_IN_LAW = "parent_in_law", _("Cha/Mẹ vợ/chồng")
    CHILD_IN_LAW = "child_in_law", _("Con dâu/Con rể")
    OTHER = "other", _("Khác")


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    relationship = models.CharField(_("quan hệ với chủ hộ"), max_length=20, choices=Relationship.choices)
    joined_on = models.DateField(_("ngày vào hộ"), null=True, blank=True)
    left_on = models.DateField(_("ngày ra khỏi hộ"), null=True, blank=True)

    class Meta:
        verbose_name = _("thành viên hộ")
        verbose_name_plural = pgettext_lazy("plural", "thành viên hộ")
        constraints = [
            # A person belongs to one household at a time.
            models.UniqueConstraint(fields=["person"], condition=Q(left_on__isnull=True), name="member_one_current_household"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()})"


class PovertyStatus(models.TextChoices):
    POOR = "poor", _("Hộ nghèo")
    NEAR_POOR = "near_poor", _("Hộ cận nghèo")
    NOT_POOR = "not_poor", _("Không nghèo")


class HouseholdPoverty(models.Model):
    """Kết quả rà soát hộ nghèo, hộ cận nghèo for one year, with the deciding document."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="poverty_records")
    year = models.PositiveSmallIntegerField(_("năm"))
    status = models.CharField(_("phân loại"), max_length=10, choices=PovertyStatus.choices)
    decision_number = models.CharField(_("số quyết định"), max_length=50, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)

    class Meta:
        verbose_name = _("phân loại hộ nghèo")
        verbose_name_plural = pgettext_lazy("plural", "phân loại hộ nghèo")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["household", "year"], name="poverty_one_per_household_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_status_display()}"


class DuplicateCandidate(models.Model):
    class Reason(models.TextChoices):
        SAME_NAME_YEAR_COMMUNE = "name_year_commune", _("Cùng họ tên, năm sinh và xã")
        SIMILAR_NAME_SAME_DATE = "similar_name_date", _("Họ tên gần giống, cùng ngày sinh")

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ xử lý")
        MERGED = "merged", _("Đã gộp")
        DISMISSED = "dismissed", _("Không trùng")

    # person_a.id < person_b.id, so a pair is stored once.
    person_a = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("lý do"), max_length=20, choices=Reason.choices)
    score = models.FloatField(_("mức giống"), default=1.0)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    commune = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=3, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    # the queue is for those who merge; a pair shows only to someone who may see both people (selectors)
    scope = Scope(view=REGISTRY_MERGE, actions={"merge": REGISTRY_MERGE})
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("nghi trùng")
        verbose_name_plural = pgettext_lazy("plural", "nghi trùng")
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_once"),
            models.CheckConstraint(condition=Q(person_a__lt=models.F("person_b")), name="duplicate_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} ~ {self.person_b}"
