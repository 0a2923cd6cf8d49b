"""An import: the uploaded file, its progress and counts (`ImportJob`), and its rows read into a staging
table of its kind (`StagedPerson`, `StagedHousehold`, `StagedEnrolment`), checked there set-based before anything
reaches the registry."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.access import Scope, ScopedQuerySet
from ansinh.geo.models import AdministrativeUnit

from .access import IMPORT_RUN


class ImportJob(models.Model):
    """One uploaded file, from upload to commit. It lies in the jurisdiction of whoever uploaded it: a
    commune officer's import in their commune, a province officer's in their province."""

    class Kind(models.TextChoices):
        PERSONS = "persons", _("Người (sổ đăng ký)")
        HOUSEHOLDS = "households", _("Hộ gia đình")
        ENROLMENTS = "enrolments", _("Đối tượng đang hưởng (từ phần mềm cũ)")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ đọc")
        STAGING = "staging", _("Đang đọc và kiểm tra")
        READY = "ready", _("Chờ xác nhận")
        COMMITTING = "committing", _("Đang ghi vào sổ")
        DONE = "done", _("Đã nhập")
        FAILED = "failed", _("Không đọc được")
        CANCELLED = "cancelled", _("Đã hủy")

    class OnExisting(models.TextChoices):
        SKIP = "skip", _("Bỏ qua, giữ như trong sổ")
        UPDATE = "update", _("Cập nhật theo tệp")

    kind = models.CharField(_("loại danh sách"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices, default=Status.QUEUED)
    file_name = models.CharField(_("tên tệp"), max_length=255)
    file_sha256 = models.CharField(_("mã băm SHA-256"), max_length=64)
    file_size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    stored_as = models.CharField(max_length=255, editable=False)  # below MEDIA_ROOT
    on_existing = models.CharField(_("bản ghi đã có trong sổ"), max_length=6, choices=OnExisting.choices,
                                   default=OnExisting.SKIP)
    # where the job lies (the uploader's jurisdiction) and the commune a commune officer's rows fall in
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3, blank=True, db_index=True)
    rows_total = models.PositiveIntegerField(_("số dòng"), default=0)
    rows_read = models.PositiveIntegerField(_("số dòng đã đọc"), default=0)
    counts = models.JSONField(_("kết quả kiểm tra"), default=dict, blank=True)
    result = models.JSONField(_("kết quả nhập"), default=dict, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    header_row = models.PositiveIntegerField(default=1, editable=False)
    header = models.JSONField(default=list, editable=False)  # the file's own header cells, for the error report
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), on_delete=models.PROTECT,
                                   related_name="+")
    created_at = models.DateTimeField(_("tải lên lúc"), auto_now_add=True)
    committed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người xác nhận"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    committed_at = models.DateTimeField(_("xác nhận lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    scope = Scope(view=IMPORT_RUN, actions={"commit": IMPORT_RUN, "cancel": IMPORT_RUN},
                  outside="Lần nhập này nằm ngoài địa bàn bạn quản lý.")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần nhập dữ liệu")
        verbose_name_plural = pgettext_lazy("plural", "lần nhập dữ liệu")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.file_name}"

    @property
    def percent(self) -> int:
        if self.status in (self.Status.READY, self.Status.DONE, self.Status.COMMITTING):
            return 100
        return min(99, round(100 * self.rows_read / self.rows_total)) if self.rows_total else 0

    @property
    def is_working(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.STAGING, self.Status.COMMITTING)


class StagedRow(models.Model):
    """A row of an uploaded file as read: its number in the file, its cells as they were (for the error
    report), what it will do, and the messages that stop it."""

    class Outcome(models.TextChoices):
        NEW = "new", _("Thêm mới")
        UPDATE = "update", _("Cập nhật")
        SKIP = "skip", _("Bỏ qua")
        ERROR = "error", _("Lỗi")

    # Written only by its own job's reading (and deleted with the job by Django): the database need not check
    # the reference a million times per file, nor index it apart from (job, number).
    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="+", db_constraint=False, db_index=False)
    number = models.PositiveIntegerField(_("dòng"))
    outcome = models.CharField(_("xử lý"), max_length=6, choices=Outcome.choices, default=Outcome.NEW)
    problems = models.JSONField(_("lỗi"), default=list)  # [[column label, message], …] found in the row itself
    conflict = models.CharField(max_length=10, blank=True)  # what the set-based checks found: same_id, outside
    other_number = models.PositiveIntegerField(null=True, blank=True)  # the earlier row it repeats
    raw = models.JSONField(default=list)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        abstract = True


class StagedPerson(StagedRow):
    """A person row of an import, cleaned: the registry's own columns, ready to be inserted by one
    INSERT … SELECT; `person_id` is the record it updates, or the id it will be created with."""

    citizen_id = models.CharField(max_length=12, null=True, blank=True)  # noqa: DJ001 - as in registry.Person
    full_name = models.CharField(max_length=120, blank=True)
    name_folded = models.CharField(max_length=120, blank=True)
    sort_name = models.CharField(max_length=160, blank=True)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_day = models.PositiveSmallIntegerField(null=True, blank=True)
    sex = models.CharField(max_length=1, blank=True)
    ethnicity = models.CharField(max_length=2, blank=True)
    commune = models.ForeignKey(AdministrativeUnit, null=True, blank=True, on_delete=models.DO_NOTHING,
                                db_constraint=False, db_index=False, related_name="+")
    province_code = models.CharField(max_length=3, blank=True)
    hamlet = models.CharField(max_length=100, blank=True)
    address = models.CharField(max_length=255, blank=True)
    legacy_address = models.CharField(max_length=255, blank=True)
    phone = models.CharField(max_length=20, blank=True)
    disability_level = models.CharField(max_length=20, blank=True)
    household_code = models.CharField(max_length=30, null=True, blank=True)  # noqa: DJ001 - NULL: no household
    relationship = models.CharField(max_length=20, blank=True)
    household_id = models.BigIntegerField(null=True, blank=True)
    person_id = models.BigIntegerField(null=True, blank=True)

    scope = Scope(view=IMPORT_RUN)

    class Meta:
        verbose_name = _("dòng nhập (người)")
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="exchange_person_row_unique")]
        # No index on the ID or the name: the checks group and hash-join the whole job anyway, and an index in
        # the order of a random key makes every COPY batch touch pages all over it (a million rows' index
        # outgrows the cache and the read slows down by a half).
        indexes = [models.Index(fields=["job", "outcome"], name="exchange_person_outcome_idx")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.number}"


class StagedHousehold(StagedRow):
    """A household row of an import, cleaned: the household's columns, its head by ID, and one year's poverty
    review; `household_id` is the household it updates (then, at the commit, the one it created)."""

    code = models.CharField(max_length=30, null=True, blank=True)  # noqa: DJ001 - NULL when the cell was blank
    commune = models.ForeignKey(AdministrativeUnit, null=True, blank=True, on_delete=models.DO_NOTHING,
                                db_constraint=False, db_index=False, related_name="+")
    province_code = models.CharField(max_length=3, blank=True)
    hamlet = models.CharField(max_length=100, blank=True)
    address = models.CharField(max_length=255, blank=True)
    head_citizen_id = models.CharField(max_length=12, null=True, blank=True)  # noqa: DJ001
    poverty = models.CharField(max_length=10, blank=True)
    poverty_year = models.PositiveSmallIntegerField(null=True, blank=True)
    decision_number = models.CharField(max_length=50, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    head_id = models.BigIntegerField(null=True, blank=True)
    household_id = models.BigIntegerField(null=True, blank=True)

    scope = Scope(view=IMPORT_RUN)

    class Meta:
        verbose_name = _("dòng nhập (hộ)")
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="exchange_household_row_unique")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.number}"


class StagedEnrolment(StagedRow):
    """An enrolment row of an import (a decision taken in older software): whose, which programme and
    categories at which coefficient, from which month, by which decision, paid how; `person_id` once found."""

    citizen_id = models.CharField(max_length=12, null=True, blank=True)  # noqa: DJ001
    name_folded = models.CharField(max_length=120, blank=True)
    programme = models.CharField(max_length=4, blank=True)
    # one category, or two paid together (Điều 6 k.2: k.4 beside another), each with its part of the coefficient
    category = models.CharField(max_length=8, blank=True)
    category_coefficient = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    category2 = models.CharField(max_length=8, blank=True)
    category2_coefficient = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    coefficient = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    children_count = models.PositiveSmallIntegerField(default=0)
    start_month = models.DateField(null=True, blank=True)
    decision_number = models.CharField(max_length=40, blank=True)
    decision_date = models.DateField(null=True, blank=True)
    payment_method = models.CharField(max_length=5, blank=True)
    person_id = models.BigIntegerField(null=True, blank=True)

    scope = Scope(view=IMPORT_RUN)

    class Meta:
        verbose_name = _("dòng nhập (đối tượng hưởng)")
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="exchange_enrolment_row_unique")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.number}"


class StagedOrganisation(StagedRow):
    """An organisation row of an import (a province's list of schools, hospitals, facilities…), cleaned: its first
    period from `valid_from`; the parent body by code (in the registry, or a row of the same file)."""

    code = models.CharField(max_length=30, null=True, blank=True)  # noqa: DJ001 - NULL: the commit gives one
    name = models.CharField(max_length=255, blank=True)
    name_folded = models.CharField(max_length=255, blank=True)
    kind = models.CharField(max_length=24, blank=True)
    ownership = models.CharField(max_length=10, blank=True)
    commune = models.ForeignKey(AdministrativeUnit, null=True, blank=True, on_delete=models.DO_NOTHING,
                                db_constraint=False, db_index=False, related_name="+")
    province_code = models.CharField(max_length=3, blank=True)
    parent_code = models.CharField(max_length=30, null=True, blank=True)  # noqa: DJ001
    in_plan_scope = models.BooleanField(default=False)
    provides_social_work = models.BooleanField(default=False)
    valid_from = models.DateField(null=True, blank=True)
    basis = models.CharField(max_length=255, blank=True)
    parent_id = models.BigIntegerField(null=True, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)

    scope = Scope(view=IMPORT_RUN)

    class Meta:
        verbose_name = _("dòng nhập (cơ quan, cơ sở)")
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="exchange_organisation_row_unique")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.number}"


class StagedPosition(StagedRow):
    """A social-work position row of an import (a province's list of its staff and collaborators), cleaned: the
    person by citizen ID and the organisation by code, found set-based by the checks."""

    citizen_id = models.CharField(max_length=12, null=True, blank=True)  # noqa: DJ001 - NULL: not given
    code = models.CharField(max_length=30, null=True, blank=True)  # noqa: DJ001 - the organisation's code
    job_title = models.CharField(max_length=120, blank=True)
    title = models.CharField(max_length=16, blank=True)
    grade = models.CharField(max_length=10, blank=True)
    engagement = models.CharField(max_length=12, blank=True)
    monthly_allowance = models.DecimalField(max_digits=12, decimal_places=0, null=True, blank=True)
    start_date = models.DateField(null=True, blank=True)
    end_date = models.DateField(null=True, blank=True)
    row_key = models.CharField(max_length=80, null=True, blank=True)  # noqa: DJ001 - person, organisation, start
    person_id = models.BigIntegerField(null=True, blank=True)
    organisation_id = models.BigIntegerField(null=True, blank=True)

    scope = Scope(view=IMPORT_RUN)

    class Meta:
        verbose_name = _("dòng nhập (nhân lực công tác xã hội)")
        constraints = [models.UniqueConstraint(fields=["job", "number"], name="exchange_position_row_unique")]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.number}"
