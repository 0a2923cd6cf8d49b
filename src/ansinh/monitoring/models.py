"""Plans (kế hoạch) with their targets (chỉ tiêu) per period and their task tables (nhiệm vụ): each target keeps the
sentence of the plan it comes from, and names the computed indicator it is measured by where there is one."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.access import Scope, ScopedQuerySet, can

from .access import PLANS_MANAGE, PLANS_VIEW, REPORTS_PREPARE, REPORTS_REVIEW, REPORTS_VIEW


class ProvinceQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """A province's records are read by whoever works in the province."""
        if not can(user, self.model.scope.capability(action)):
            return self.none()
        unit = getattr(user, "jurisdiction", None)
        return self if unit is None else self.filter(province_code=unit.province_code)


class PlanQuerySet(ProvinceQuerySet):
    """A province's plans are read by whoever works in the province (a commune's users too)."""


class Plan(models.Model):
    number = models.CharField(_("số, ký hiệu"), max_length=40)
    title = models.TextField(_("tên kế hoạch"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=160)
    issued_on = models.DateField(_("ngày ban hành"))
    parent = models.CharField(_("thực hiện văn bản"), max_length=400, blank=True)
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=PLANS_VIEW, actions={"manage": PLANS_MANAGE}, outside="Kế hoạch này của tỉnh khác.")
    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = pgettext_lazy("plural", "kế hoạch")
        ordering = ["province_code", "-issued_on"]
        constraints = [models.UniqueConstraint(fields=["province_code", "number", "issued_on"],
                                               name="plan_once_per_province")]

    def __str__(self) -> str:
        return f"{self.number} ({self.issued_on:%d/%m/%Y})"


class InPlanQuerySet(ScopedQuerySet):
    plan_path = "plan"

    def visible_to(self, user, action: str = "view"):
        """A plan's parts are read with their plan."""
        return self.filter(**{f"{self.plan_path}__in": Plan.objects.visible_to(user, action).values("pk")})


class InTaskQuerySet(InPlanQuerySet):
    plan_path = "task__plan"


class Target(models.Model):
    """One figure a plan sets for a period: an absolute number, a share, or a change relative to a baseline year."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    indicator = models.CharField(_("mã chỉ số"), max_length=80, blank=True)  # a code of core.indicators, or none
    period_start = models.PositiveSmallIntegerField(_("từ năm"))
    period_end = models.PositiveSmallIntegerField(_("đến năm"))
    value = models.DecimalField(_("giá trị"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("đơn vị"), max_length=120)  # "lượt cán bộ, công chức, viên chức, nhân viên, …"
    baseline_year = models.PositiveSmallIntegerField(_("so với năm"), null=True, blank=True)
    at_most = models.BooleanField(_("mức trần (dưới)"), default=False)  # "dưới 3%": met below, not above
    text = models.TextField(_("nội dung trong kế hoạch"))

    scope = Scope(view=PLANS_VIEW, actions={"manage": PLANS_MANAGE})
    objects = InPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = pgettext_lazy("plural", "chỉ tiêu")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "position"], name="target_position_once"),
            models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")), name="target_period"),
            models.CheckConstraint(condition=Q(value__gte=0), name="target_value_not_negative"),
            models.CheckConstraint(condition=~Q(unit="%") | Q(value__lte=100) | Q(baseline_year__isnull=False),
                                   name="target_share_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.number}: {self.value}{self.unit} ({self.period_start}–{self.period_end})"


class Task(models.Model):
    """A row of a plan's task table: what, who leads, who helps, what it produces, when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.TextField(_("nhiệm vụ"))
    lead = models.CharField(_("cơ quan chủ trì"), max_length=255, blank=True)
    coordinating = models.JSONField(_("cơ quan phối hợp"), default=list, blank=True)
    product = models.TextField(_("sản phẩm"), blank=True)
    timeline = models.CharField(_("thời gian thực hiện"), max_length=160, blank=True)

    scope = Scope(view=PLANS_VIEW, actions={"manage": PLANS_MANAGE})
    objects = InPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = pgettext_lazy("plural", "nhiệm vụ")
        ordering = ["plan", "position"]
        constraints = [models.UniqueConstraint(fields=["plan", "position"], name="task_position_once")]

    def __str__(self) -> str:
        return self.title[:80]


class TaskUpdate(models.Model):
    """Where a task stands for one of its deadlines (a yearly task has one per year): in progress, done or held up,
    with a note and, where there is one, the evidence (a report, minutes, a decision) as a file."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")
        BLOCKED = "blocked", _("Vướng mắc")

    task = models.ForeignKey(Task, on_delete=models.CASCADE, related_name="updates")
    due_on = models.DateField(_("hạn"))
    status = models.CharField(_("tình trạng"), max_length=12, choices=Status.choices)
    note = models.TextField(_("kết quả, ghi chú"), blank=True)
    evidence = models.FileField(_("tệp minh chứng"), upload_to="monitoring/evidence/%Y/", blank=True)
    evidence_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey("accounts.User", null=True, on_delete=models.PROTECT, related_name="+")

    scope = Scope(view=PLANS_VIEW, actions={"manage": PLANS_MANAGE})
    objects = InTaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("cập nhật nhiệm vụ")
        verbose_name_plural = pgettext_lazy("plural", "cập nhật nhiệm vụ")
        ordering = ["task", "-due_on", "-created_at"]
        indexes = [models.Index(fields=["task", "due_on"], name="task_update_due")]

    def __str__(self) -> str:
        return f"{self.task_id} {self.due_on}: {self.status}"


# --- the indicator catalogue, versioned ---------------------------------------------------------------------


class DefinitionQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """The computed indicators are the nation's (every reader sees them); a reported one is its province's."""
        if not can(user, Definition.scope.capability(action)):
            return self.none()
        unit = getattr(user, "jurisdiction", None)
        return self if unit is None else self.filter(Q(province_code="") | Q(province_code=unit.province_code))


class Definition(models.Model):
    """One version of an indicator's definition. A computed indicator's is taken from the code that computes it
    (`core.indicators`); a reported one is written by the province. Changing a definition adds a version; a
    report keeps the version it used."""

    class Kind(models.TextChoices):
        COMPUTED = "computed", _("Tính từ dữ liệu")
        REPORTED = "reported", _("Đơn vị báo cáo")

    code = models.CharField(_("mã chỉ số"), max_length=80)
    version = models.PositiveSmallIntegerField(_("phiên bản"))
    kind = models.CharField(_("loại"), max_length=10, choices=Kind.choices)
    label = models.TextField(_("tên chỉ số"))
    numerator_label = models.CharField(_("tử số"), max_length=200)
    denominator_label = models.CharField(_("mẫu số"), max_length=200, blank=True)  # blank: a count, not a share
    legal = models.TextField(_("căn cứ"), blank=True)
    province_code = models.CharField(_("mã tỉnh"), max_length=3, blank=True)  # blank: national (computed)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=PLANS_VIEW, actions={"manage": PLANS_MANAGE})
    objects = DefinitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("định nghĩa chỉ số")
        verbose_name_plural = pgettext_lazy("plural", "định nghĩa chỉ số")
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["province_code", "code", "version"],
                                               name="definition_version_once")]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    @property
    def is_share(self) -> bool:
        return bool(self.denominator_label)


# --- periodic reports ---------------------------------------------------------------------------------------


class Schedule(models.Model):
    """When a plan asks for reports: of which kind (6 months, a year), from which level, due on which day of the
    year ("báo cáo định kỳ 6 tháng vào ngày 10/6"); no day where the plan leaves it to the rules in force."""

    class Kind(models.TextChoices):
        HALF = "half", _("6 tháng")
        YEAR = "year", _("Năm")

    class Level(models.TextChoices):
        COMMUNE = "commune", _("Xã/phường báo cáo tỉnh")
        PROVINCE = "province", _("Tỉnh báo cáo Bộ")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="schedules")
    kind = models.CharField(_("kỳ"), max_length=5, choices=Kind.choices)
    level = models.CharField(_("cấp báo cáo"), max_length=10, choices=Level.choices)
    due_month = models.PositiveSmallIntegerField(_("tháng hạn"), null=True, blank=True)
    due_day = models.PositiveSmallIntegerField(_("ngày hạn"), null=True, blank=True)
    text = models.TextField(_("nội dung trong kế hoạch"), blank=True)

    scope = Scope(view=PLANS_VIEW, actions={"manage": PLANS_MANAGE})
    objects = InPlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("lịch báo cáo")
        verbose_name_plural = pgettext_lazy("plural", "lịch báo cáo")
        ordering = ["plan", "level", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "kind", "level"], name="schedule_once"),
            models.CheckConstraint(condition=Q(due_month__isnull=True, due_day__isnull=True)
                                   | Q(due_month__gte=1, due_month__lte=12, due_day__gte=1, due_day__lte=31),
                                   name="schedule_due_day"),
        ]

    def __str__(self) -> str:
        return f"{self.plan.number}: {self.get_kind_display()} ({self.get_level_display()})"


class ReportQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """A unit's report is read by that unit and the levels above: a commune reads its own reports only (not the
        province's, which sums other communes' reported figures); the province reads all its units'."""
        if not can(user, Report.scope.capability(action)):
            return self.none()
        unit = getattr(user, "jurisdiction", None)
        if unit is None:
            return self
        if unit.level == "commune":
            return self.filter(unit_id=unit.pk)
        return self.filter(province_code=unit.province_code)


class Report(models.Model):
    """A unit's report on a plan for a period: figures of the targets (computed ones filled from the data, reported
    ones entered), a narrative; prepared, submitted, returned with comments or approved by the level above.
    Approved figures are locked: changing them again needs a reopening, which is audited."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã nộp, chờ duyệt")
        RETURNED = "returned", _("Bị trả lại")
        APPROVED = "approved", _("Đã duyệt")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="reports")
    kind = models.CharField(_("kỳ"), max_length=5, choices=Schedule.Kind.choices)
    period = models.CharField(_("kỳ báo cáo"), max_length=7)  # a ReportingPeriod's code: "2026-H1", "2026"
    unit = models.ForeignKey("geo.AdministrativeUnit", verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT,
                             related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3, db_index=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    data_day = models.DateField(_("số liệu đến ngày"))
    due_on = models.DateField(_("hạn nộp"), null=True, blank=True)
    narrative = models.TextField(_("tình hình, kết quả thực hiện"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("đề xuất, kiến nghị"), blank=True)
    number = models.CharField(_("số, ký hiệu"), max_length=40, blank=True)  # given when first submitted
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    reviewed_at = models.DateTimeField(_("duyệt/trả lúc"), null=True, blank=True)
    reviewed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")
    comment = models.TextField(_("ý kiến của cấp trên"), blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=REPORTS_VIEW, actions={"prepare": REPORTS_PREPARE, "review": REPORTS_REVIEW},
                  outside="Báo cáo này của đơn vị ngoài địa bàn bạn quản lý.")
    objects = ReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo định kỳ")
        verbose_name_plural = pgettext_lazy("plural", "báo cáo định kỳ")
        ordering = ["-period", "unit__name"]
        constraints = [models.UniqueConstraint(fields=["plan", "period", "unit"], name="report_once_per_period")]
        indexes = [models.Index(fields=["plan", "period", "status"], name="report_plan_period")]

    def __str__(self) -> str:
        return f"{self.plan.number} — {self.period} — {self.unit}"

    @property
    def reporting_period(self):
        from ansinh.core.dates import ReportingPeriod
        return ReportingPeriod.parse(self.period)

    @property
    def editable(self) -> bool:
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)


class Line(models.Model):
    """A target's figure in a report, with what it was measured by: the version of the indicator's definition, the
    numerator and denominator (a share) or the count, and — for a rise over a baseline year — that year's figure.
    The target's sentence and value are copied: a later edit of the plan does not change a report."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="lines")
    position = models.PositiveSmallIntegerField(_("thứ tự"))
    target = models.ForeignKey(Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    definition = models.ForeignKey(Definition, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    target_text = models.TextField(_("chỉ tiêu"))
    target_value = models.DecimalField(_("giá trị chỉ tiêu"), max_digits=14, decimal_places=2)
    unit = models.CharField(_("đơn vị"), max_length=120)
    baseline_year = models.PositiveSmallIntegerField(_("so với năm"), null=True, blank=True)
    at_most = models.BooleanField(default=False)
    computed = models.BooleanField(_("tính từ dữ liệu"), default=False)
    share = models.BooleanField(_("là tỷ lệ"), default=False)  # numerator of denominator, else a count
    numerator = models.DecimalField(_("tử số / số lượng"), max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(_("mẫu số"), max_digits=14, decimal_places=2, null=True, blank=True)
    baseline = models.DecimalField(_("số liệu năm gốc"), max_digits=14, decimal_places=2, null=True, blank=True)
    # the figure at the start of the target's period (31/12 of the year before), where the data tells it: where the
    # straight path to the target starts (rules.progress)
    origin = models.DecimalField(_("số liệu đầu giai đoạn"), max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["report", "position"]
        constraints = [models.UniqueConstraint(fields=["report", "position"], name="line_position_once")]

    def __str__(self) -> str:
        return f"{self.report}: {self.position}"

    @property
    def value(self):
        """The figure: the share (%) or the count; None while not known."""
        from . import rules
        return rules.figure(self.numerator, self.denominator, share=self.share)


# --- stored roll-ups of the computed indicators (the dashboards) ----------------------------------------------


class RollupQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """A commune's figures by whoever's jurisdiction takes the commune in; each indicator's only by who may
        read that indicator (selectors check it per code)."""
        if not can(user, Rollup.scope.capability(action)):
            return self.none()
        unit = getattr(user, "jurisdiction", None)
        if unit is None:
            return self
        if unit.level == "commune":
            return self.filter(commune_id=unit.pk)
        return self.filter(province_code=unit.province_code)


class Rollup(models.Model):
    """A computed indicator's figure for one commune and one year — on 31 December for a past year, on the day it
    was computed for the current one; a periodic indicator counts that year — stored with when it was computed, so
    a dashboard reads it at once and says how fresh it is."""

    code = models.CharField(_("mã chỉ số"), max_length=80)
    commune = models.ForeignKey("geo.AdministrativeUnit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    year = models.PositiveSmallIntegerField(_("năm"))
    day = models.DateField(_("số liệu ngày"))
    numerator = models.BigIntegerField(_("tử số / số lượng"))
    denominator = models.BigIntegerField(_("mẫu số"), null=True, blank=True)
    computed_at = models.DateTimeField(_("tính lúc"))

    scope = Scope(view=PLANS_VIEW)
    objects = RollupQuerySet.as_manager()

    class Meta:
        verbose_name = _("số liệu tổng hợp")
        verbose_name_plural = pgettext_lazy("plural", "số liệu tổng hợp")
        constraints = [models.UniqueConstraint(fields=["code", "commune", "year"], name="rollup_once")]
        indexes = [models.Index(fields=["province_code", "code", "year"], name="rollup_province")]

    def __str__(self) -> str:
        return f"{self.code} {self.year} {self.commune_id}"


class RollupPart(models.Model):
    """A computed indicator's figure for one commune, one year, one sex and one age band (`core.indicators.AGE_BANDS`),
    for the indicators that count people."""

    code = models.CharField(_("mã chỉ số"), max_length=80)
    commune = models.ForeignKey("geo.AdministrativeUnit", on_delete=models.PROTECT, related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    year = models.PositiveSmallIntegerField(_("năm"))
    sex = models.CharField(_("giới tính"), max_length=1, blank=True)
    band = models.CharField(_("nhóm tuổi"), max_length=8)
    numerator = models.BigIntegerField(_("tử số / số lượng"))
    denominator = models.BigIntegerField(_("mẫu số"), null=True, blank=True)

    scope = Scope(view=PLANS_VIEW)
    objects = RollupQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "commune", "year", "sex", "band"],
                                               name="rollup_part_once")]
        indexes = [models.Index(fields=["province_code", "code", "year"], name="rollup_part_province")]

    def __str__(self) -> str:
        return f"{self.code} {self.year} {self.commune_id} {self.sex}{self.band}"


class RollupStamp(models.Model):
    """When an indicator's figures of a province for a year were last computed (for the day they are of), also when
    no commune had any: a past year computed once is not computed again unless asked."""

    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    code = models.CharField(_("mã chỉ số"), max_length=80)
    year = models.PositiveSmallIntegerField(_("năm"))
    day = models.DateField(_("số liệu ngày"))
    computed_at = models.DateTimeField(_("tính lúc"))

    class Meta:
        constraints = [models.UniqueConstraint(fields=["province_code", "code", "year"], name="rollup_stamp_once")]

    def __str__(self) -> str:
        return f"{self.province_code} {self.code} {self.year}"


class RollupRun(models.Model):
    """The refresh of a province's roll-ups: queued, running (how many of its steps are done), done; a worker that
    stops leaves it queued or running, and the next worker takes it up again."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tính")
        DONE = "done", _("Xong")
        FAILED = "failed", _("Lỗi")

    province_code = models.CharField(_("mã tỉnh"), max_length=3, unique=True)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    all_years = models.BooleanField(_("tính lại cả các năm trước"), default=False)
    steps = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    requested_at = models.DateTimeField(_("yêu cầu lúc"))
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("tính xong lúc"), null=True, blank=True)
    error = models.TextField(blank=True)

    scope = Scope(view=PLANS_VIEW, province_field="province_code")
    objects = ProvinceQuerySet.as_manager()

    class Meta:
        verbose_name = _("lượt tính số liệu tổng hợp")
        verbose_name_plural = pgettext_lazy("plural", "lượt tính số liệu tổng hợp")

    def __str__(self) -> str:
        return f"{self.province_code}: {self.status}"
