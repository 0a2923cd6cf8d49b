"""Plans (kế hoạch) with their targets (chỉ tiêu) per period and their task tables (nhiệm vụ): each target keeps the
sentence of the plan it comes from, and names the computed indicator it is measured by where there is one."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.access import Scope, ScopedQuerySet, can

from .access import PLANS_MANAGE, PLANS_VIEW


class PlanQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """A province's plans are read by whoever works in the province (a commune's users too)."""
        if not can(user, Plan.scope.capability(action)):
            return self.none()
        unit = getattr(user, "jurisdiction", None)
        return self if unit is None else self.filter(province_code=unit.province_code)


class Plan(models.Model):
    number = models.CharField(_("số, ký hiệu"), max_length=40)
    title = models.TextField(_("tên kế hoạch"))
    issuer = models.CharField(_("cơ quan ban hành"), max_length=160)
    issued_on = models.DateField(_("ngày ban hành"))
    parent = models.CharField(_("thực hiện văn bản"), max_length=400, blank=True)
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
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
    def visible_to(self, user, action: str = "view"):
        """A plan's parts are read with their plan."""
        return self.filter(plan__in=Plan.objects.visible_to(user, action).values("pk"))


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
