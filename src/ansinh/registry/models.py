"""The registry of people and households (cơ sở dữ liệu đối tượng), shared by every programme."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q

from ansinh.core.scoping import ScopedQuerySet
from ansinh.geo.models import AdministrativeUnit

from . import rules
from .reference import ETHNICITIES


class Sex(models.TextChoices):
    MALE = "M", "Nam"
    FEMALE = "F", "Nữ"


class DisabilityLevel(models.TextChoices):
    NONE = "none", "Không"
    # Mức độ khuyết tật theo Luật Người khuyết tật 2010, Điều 3.
    MILD = "mild", "Khuyết tật nhẹ"
    SEVERE = "severe", "Khuyết tật nặng"
    ESPECIALLY_SEVERE = "especially_severe", "Khuyết tật đặc biệt nặng"


class PensionStatus(models.TextChoices):
    NONE = "none", "Không hưởng"
    PENSION = "pension", "Lương hưu"
    SOCIAL_INSURANCE = "social_insurance", "Trợ cấp BHXH hằng tháng"
    SOCIAL_PENSION = "social_pension", "Trợ cấp hưu trí xã hội"


class PersonQuerySet(ScopedQuerySet):
    def active(self):
        return self.filter(merged_into__isnull=True)


class Person(models.Model):
    citizen_id = models.CharField("số định danh cá nhân", max_length=12, null=True, blank=True, unique=True)
    full_name = models.CharField("họ và tên", max_length=120)
    name_folded = models.CharField(max_length=120, editable=False)
    # Tên first, then họ và tên đệm: the Vietnamese sort order and the second search prefix.
    sort_name = models.CharField(max_length=160, editable=False)
    birth_year = models.PositiveSmallIntegerField("năm sinh", null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField("tháng sinh", null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField("ngày sinh", null=True, blank=True)
    sex = models.CharField("giới tính", max_length=1, choices=Sex.choices)
    ethnicity = models.CharField("dân tộc", max_length=2, choices=ETHNICITIES, blank=True)
    commune = models.ForeignKey(AdministrativeUnit, verbose_name="xã/phường", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField("mã tỉnh", max_length=3, editable=False)
    hamlet = models.CharField("thôn/ấp/khóm/tổ dân phố", max_length=100, blank=True)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    # Địa chỉ cũ (ba cấp, trước 01/7/2025) as it appears in legacy records.
    legacy_address = models.CharField("địa chỉ cũ (trước 01/7/2025)", max_length=255, blank=True)
    phone = models.CharField("điện thoại", max_length=20, blank=True)
    disability_level = models.CharField(
        "mức độ khuyết tật", max_length=20, choices=DisabilityLevel.choices, default=DisabilityLevel.NONE
    )
    disability_certificate_date = models.DateField("ngày cấp giấy xác nhận khuyết tật", null=True, blank=True)
    date_of_death = models.DateField("ngày mất", null=True, blank=True)
    pension_status = models.CharField(
        "lương hưu / BHXH", max_length=20, choices=PensionStatus.choices, default=PensionStatus.NONE
    )
    bank_name = models.CharField("ngân hàng", max_length=100, blank=True)
    bank_account = models.CharField("số tài khoản", max_length=30, blank=True)
    merged_into = models.ForeignKey(
        "self", verbose_name="đã gộp vào", null=True, blank=True, on_delete=models.PROTECT, related_name="merged_from"
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = "đối tượng"
        verbose_name_plural = "đối tượng"
        ordering = ["sort_name", "id"]
        indexes = [
            models.Index(fields=["province_code", "sort_name"], name="person_prov_sort_idx"),
            models.Index(fields=["commune", "sort_name"], name="person_commune_sort_idx"),
            # Prefix search ("nguyen thi…", "lan…"): pattern ops on PostgreSQL, plain B-tree on SQLite.
            models.Index(fields=["name_folded"], name="person_name_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["sort_name"], name="person_sort_prefix_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["name_folded", "birth_year", "commune"], name="person_dedup_idx"),
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
    code = models.CharField("mã hộ", max_length=30, unique=True)
    head = models.ForeignKey(
        Person, verbose_name="chủ hộ", null=True, blank=True, on_delete=models.PROTECT, related_name="headed_households"
    )
    commune = models.ForeignKey(AdministrativeUnit, verbose_name="xã/phường", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField("mã tỉnh", max_length=3, editable=False, db_index=True)
    hamlet = models.CharField("thôn/ấp/khóm/tổ dân phố", max_length=100, blank=True)
    address = models.CharField("địa chỉ", max_length=255, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "hộ gia đình"
        verbose_name_plural = "hộ gia đình"
        ordering = ["code"]
        indexes = [models.Index(fields=["commune", "code"], name="household_commune_code_idx")]

    def __str__(self) -> str:
        return self.code


class Relationship(models.TextChoices):
    HEAD = "head", "Chủ hộ"
    SPOUSE = "spouse", "Vợ/Chồng"
    CHILD = "child", "Con"
    PARENT = "parent", "Cha/Mẹ"
    GRANDPARENT = "grandparent", "Ông/Bà"
    GRANDCHILD = "grandchild", "Cháu"
    SIBLING = "sibling", "Anh/Chị/Em"
    PARENT_IN_LAW = "parent_in_law", "Cha/Mẹ vợ/chồng"
    CHILD_IN_LAW = "child_in_law", "Con dâu/Con rể"
    OTHER = "other", "Khác"


class HouseholdMember(models.Model):
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    relationship = models.CharField("quan hệ với chủ hộ", max_length=20, choices=Relationship.choices)
    joined_on = models.DateField("ngày vào hộ", null=True, blank=True)
    left_on = models.DateField("ngày ra khỏi hộ", null=True, blank=True)

    class Meta:
        verbose_name = "thành viên hộ"
        verbose_name_plural = "thành viên hộ"
        constraints = [
            # A person belongs to one household at a time.
            models.UniqueConstraint(fields=["person"], condition=Q(left_on__isnull=True), name="member_one_current_household"),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()})"


class PovertyStatus(models.TextChoices):
    POOR = "poor", "Hộ nghèo"
    NEAR_POOR = "near_poor", "Hộ cận nghèo"
    NOT_POOR = "not_poor", "Không nghèo"


class HouseholdPoverty(models.Model):
    """Kết quả rà soát hộ nghèo, hộ cận nghèo for one year, with the deciding document."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="poverty_records")
    year = models.PositiveSmallIntegerField("năm")
    status = models.CharField("phân loại", max_length=10, choices=PovertyStatus.choices)
    decision_number = models.CharField("số quyết định", max_length=50, blank=True)
    decision_date = models.DateField("ngày quyết định", null=True, blank=True)

    class Meta:
        verbose_name = "phân loại hộ nghèo"
        verbose_name_plural = "phân loại hộ nghèo"
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["household", "year"], name="poverty_one_per_household_year")]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_status_display()}"


class DuplicateCandidate(models.Model):
    class Reason(models.TextChoices):
        SAME_NAME_YEAR_COMMUNE = "name_year_commune", "Cùng họ tên, năm sinh và xã"
        SIMILAR_NAME_SAME_DATE = "similar_name_date", "Họ tên gần giống, cùng ngày sinh"

    class Status(models.TextChoices):
        PENDING = "pending", "Chờ xử lý"
        MERGED = "merged", "Đã gộp"
        DISMISSED = "dismissed", "Không trùng"

    # person_a.id < person_b.id, so a pair is stored once.
    person_a = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    person_b = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField("lý do", max_length=20, choices=Reason.choices)
    score = models.FloatField("mức giống", default=1.0)
    status = models.CharField("trạng thái", max_length=10, choices=Status.choices, default=Status.PENDING)
    commune = models.ForeignKey(AdministrativeUnit, on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(max_length=3, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = "nghi trùng"
        verbose_name_plural = "nghi trùng"
        ordering = ["-score", "id"]
        constraints = [
            models.UniqueConstraint(fields=["person_a", "person_b"], name="duplicate_pair_once"),
            models.CheckConstraint(condition=Q(person_a__lt=models.F("person_b")), name="duplicate_pair_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.person_a} ~ {self.person_b}"
