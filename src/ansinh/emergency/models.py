"""Emergency assistance (trợ giúp xã hội khẩn cấp, NĐ 20/2021/NĐ-CP Điều 12–17): an event (a storm, a flood, a
fire, Tết…) in some communes; the people and households it struck, each line of the village list (Mẫu 5a/5b)
with its damage; the aid proposed for each, decided by the commune chairman in a numbered decision, and what was
handed out; and the communes' requests to the province when local resources are short.

Each affected line keeps the day it was detected, the day the decision was due (the deadline in force then, a
snapshot) and the first days it was decided and delivered: who is still waiting, and for how long, is a filter
on one table."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.access import Scope, ScopedQuerySet, can
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.models import Household, Person

from . import rules
from .access import EMERGENCY_MANAGE, EMERGENCY_VIEW

_USER = settings.AUTH_USER_MODEL


class EventKind(models.TextChoices):
    STORM = "storm", _("Bão, áp thấp nhiệt đới")
    FLOOD = "flood", _("Lũ, lụt, ngập úng")
    LANDSLIDE = "landslide", _("Sạt lở đất")
    EROSION = "erosion", _("Sạt lở bờ sông, bờ biển")
    FIRE = "fire", _("Hỏa hoạn")
    CROP_FAILURE = "crop_failure", _("Mất mùa")
    EPIDEMIC = "epidemic", _("Dịch bệnh")
    LEAN_SEASON = "lean_season", _("Giáp hạt")
    TET = "tet", _("Tết Nguyên đán")
    ACCIDENT = "accident", _("Tai nạn")


class EventQuerySet(ScopedQuerySet):
    def visible_to(self, user, action: str = "view"):
        """An event reaches every commune it struck: a commune's users see those that include their commune."""
        if not can(user, Event.scope.capability(action)):
            return self.none()
        unit = getattr(user, "jurisdiction", None)
        if unit is None:
            return self
        if unit.level == "commune":
            return self.filter(pk__in=Event.communes.through.objects.filter(
                administrativeunit_id=unit.pk).values("event_id"))
        return self.filter(province_code=unit.province_code)


class Event(models.Model):
    """A disaster or a hardship that calls for emergency aid in one or more communes of a province."""

    kind = models.CharField(_("loại sự kiện"), max_length=16, choices=EventKind.choices)
    name = models.CharField(_("tên"), max_length=160)
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    communes = models.ManyToManyField(AdministrativeUnit, verbose_name=_("xã/phường bị ảnh hưởng"), related_name="+")
    note = models.TextField(_("tình hình"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+", editable=False,
                                   db_index=False)

    scope = Scope(view=EMERGENCY_VIEW, actions={"manage": EMERGENCY_MANAGE},
                  outside="Sự kiện này nằm ngoài địa bàn bạn quản lý.")
    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự kiện cần trợ giúp khẩn cấp")
        verbose_name_plural = pgettext_lazy("plural", "sự kiện cần trợ giúp khẩn cấp")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["province_code", "-started_on"], name="emergency_event_scope_idx")]
        constraints = [models.CheckConstraint(condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                                              name="emergency_event_dates")]

    def __str__(self) -> str:
        return self.name

    @property
    def rice_reason(self) -> str:
        return rules.TET if self.kind == EventKind.TET else rules.DISASTER


class Damage(models.TextChoices):
    HOUSE_LOST = rules.HOUSE_LOST, _("Nhà bị đổ, sập, trôi, cháy hoàn toàn")
    BADLY_DAMAGED = rules.BADLY_DAMAGED, _("Nhà hư hỏng nặng, không ở được")
    RELOCATED = rules.RELOCATED, _("Phải di dời nhà ở khẩn cấp")
    DEATH = rules.DEATH, _("Chết, mất tích")
    INJURY = rules.INJURY, _("Bị thương nặng")
    HUNGER = rules.HUNGER, _("Thiếu đói")
    LIVELIHOOD = rules.LIVELIHOOD, _("Mất phương tiện, tư liệu sản xuất")


class Affected(models.Model):
    """One line of the village list: a person (for a household, its head) struck by the event, the damage, how many
    people it concerns, and when it was detected. `due_on` is the decision's deadline in force that day; `decided_on`
    and `delivered_on` the first decision and the first delivery of its aid (kept by the services)."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="affected")
    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="emergencies")
    household = models.ForeignKey(Household, verbose_name=_("hộ"), null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường"), on_delete=models.PROTECT,
                                related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    hamlet = models.CharField(_("thôn/ấp"), max_length=100, blank=True)
    damage = models.CharField(_("thiệt hại"), max_length=16, choices=Damage.choices)
    people = models.PositiveSmallIntegerField(_("số người"), default=1)
    vulnerable = models.BooleanField(_("hộ nghèo, cận nghèo, hoàn cảnh khó khăn"), default=False)
    days_treated = models.PositiveSmallIntegerField(_("số ngày điều trị"), null=True, blank=True)
    detected_on = models.DateField(_("ngày phát hiện"))
    due_on = models.DateField(_("hạn quyết định"))
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    delivered_on = models.DateField(_("ngày nhận trợ giúp"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)
    # a line that is given nothing (not eligible, helped from elsewhere, listed by mistake) is closed with a reason:
    # it no longer waits, and the indicator leaves it out
    closed_on = models.DateField(_("ngày thôi xét"), null=True, blank=True)
    closed_reason = models.CharField(_("lý do không trợ giúp"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+", editable=False,
                                   db_index=False)

    scope = Scope(view=EMERGENCY_VIEW, actions={"manage": EMERGENCY_MANAGE})
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("người, hộ bị ảnh hưởng")
        verbose_name_plural = pgettext_lazy("plural", "người, hộ bị ảnh hưởng")
        ordering = ["event", "commune", "hamlet", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "person"], name="emergency_person_once_per_event"),
            models.CheckConstraint(condition=Q(people__gte=1), name="emergency_affected_people"),
        ]
        indexes = [
            models.Index(fields=["province_code", "commune", "detected_on"], name="emergency_affected_scope_idx"),
            models.Index(fields=["province_code", "detected_on"],
                         condition=Q(delivered_on__isnull=True, closed_on__isnull=True), name="emergency_waiting_idx"),
            # a commune officer's waiting list, counted and paged from the lines still waiting
            models.Index(fields=["commune", "detected_on"],
                         condition=Q(delivered_on__isnull=True, closed_on__isnull=True),
                         name="emergency_waiting_commune_idx"),
            # a commune's lines of an event: its proposals, its decision, its figures on the event list
            models.Index(fields=["commune", "event"], name="emergency_commune_event_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.person} — {self.get_damage_display()}"

    def timeliness(self, today) -> str:
        """"closed" (given nothing, with a reason), or the rule's state against the deadline kept on the line."""
        if self.closed_on is not None:
            return "closed"
        return rules.status(due_on=self.due_on, decided_on=self.decided_on, delivered_on=self.delivered_on,
                            today=today)


class AidKind(models.TextChoices):
    RICE = "rice", _("Gạo")
    CASH = "cash", _("Tiền mặt")
    GOODS = "goods", _("Nhu yếu phẩm, hiện vật")
    CARE = "care", _("Chăm sóc tạm thời tại cộng đồng")


UNITS = {AidKind.RICE: "kg", AidKind.CASH: "đồng", AidKind.GOODS: "đồng", AidKind.CARE: "lượt"}


class Decision(models.Model):
    """The commune chairman's decision on emergency aid (Điều 12 k.3): numbered in the commune's sequence, taken on
    the reviewed village list, or at once without the review in an urgent case (Điều 17 k.2)."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="decisions")
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường"), on_delete=models.PROTECT,
                                related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    number = models.CharField(_("số quyết định"), max_length=40)
    decided_on = models.DateField(_("ngày quyết định"))
    urgent = models.BooleanField(_("khẩn cấp, không qua bình xét"), default=False)
    reviewed_on = models.DateField(_("ngày họp bình xét ở thôn"), null=True, blank=True)
    signer = models.CharField(_("người ký"), max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+", editable=False,
                                   db_index=False)

    scope = Scope(view=EMERGENCY_VIEW, actions={"manage": EMERGENCY_MANAGE})
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định trợ giúp khẩn cấp")
        verbose_name_plural = pgettext_lazy("plural", "quyết định trợ giúp khẩn cấp")
        ordering = ["-decided_on", "-id"]

    def __str__(self) -> str:
        return self.number


class Aid(models.Model):
    """What one affected line is given of one kind: rice in kg (with its months), cash or goods in đồng, or a
    temporary care. Proposed without a decision; decided once a decision takes it; `delivered` is what was handed
    out so far (never more than `quantity`)."""

    affected = models.ForeignKey(Affected, on_delete=models.PROTECT, related_name="aids")
    kind = models.CharField(_("hình thức"), max_length=8, choices=AidKind.choices)
    quantity = models.BigIntegerField(_("số lượng (kg gạo; đồng)"))
    months = models.PositiveSmallIntegerField(_("số tháng (gạo)"), null=True, blank=True)
    goods = models.CharField(_("hiện vật"), max_length=255, blank=True)
    basis = models.CharField(_("căn cứ"), max_length=120, blank=True)
    minimum = models.BigIntegerField(_("mức tối thiểu theo quy định"), null=True, blank=True)
    # indexed where set (below): a proposal is found from its line, not among every undecided aid
    decision = models.ForeignKey(Decision, null=True, blank=True, on_delete=models.PROTECT, related_name="aids",
                                 db_index=False)
    delivered = models.BigIntegerField(_("đã chi, phát"), default=0)
    # cash handed to a payment agent (or the commune's cashier) in a payment file: delivered by its result file
    payment_line = models.OneToOneField("payments.PaymentLine", null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="emergency_aid")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    scope = Scope(view=EMERGENCY_VIEW, actions={"manage": EMERGENCY_MANAGE}, commune_field="affected__commune",
                  province_field="affected__province_code")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("khoản trợ giúp khẩn cấp")
        verbose_name_plural = pgettext_lazy("plural", "khoản trợ giúp khẩn cấp")
        ordering = ["affected", "kind"]
        indexes = [models.Index(fields=["decision"], condition=Q(decision__isnull=False),
                                name="emergency_aid_decided_idx")]
        constraints = [
            models.UniqueConstraint(fields=["affected", "kind"], name="emergency_aid_once_per_kind"),
            models.CheckConstraint(condition=Q(quantity__gt=0), name="emergency_aid_quantity"),
            models.CheckConstraint(condition=Q(delivered__lte=models.F("quantity")) & Q(delivered__gte=0),
                                   name="emergency_aid_delivered_within"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.quantity} {self.unit}"

    @property
    def unit(self) -> str:
        return UNITS[AidKind(self.kind)]


class Delivery(models.Model):
    """A handing out (chi, phát) of an aid, to the person or whoever received it for the household."""

    aid = models.ForeignKey(Aid, on_delete=models.PROTECT, related_name="deliveries")
    delivered_on = models.DateField(_("ngày chi, phát"))
    quantity = models.BigIntegerField(_("số lượng"))
    receiver = models.CharField(_("người nhận"), max_length=120, blank=True)
    # what a social assistance fund gave for it (cash, or goods by their value), when it came from a fund
    fund_use = models.ForeignKey("fund.Use", verbose_name=_("khoản chi của quỹ"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="emergency_deliveries")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+", editable=False,
                                   db_index=False)

    scope = Scope(view=EMERGENCY_VIEW, actions={"manage": EMERGENCY_MANAGE}, commune_field="aid__affected__commune",
                  province_field="aid__affected__province_code")
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần chi, phát")
        verbose_name_plural = pgettext_lazy("plural", "lần chi, phát")
        ordering = ["-delivered_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gt=0), name="emergency_delivery_quantity")]

    def __str__(self) -> str:
        return f"{self.delivered_on:%d/%m/%Y}: {self.quantity}"


class SupportRequest(models.Model):
    """A commune's request to the province when its own resources are short (Điều 12 k.3), and the answer."""

    class Status(models.TextChoices):
        SENT = "sent", _("Đã gửi tỉnh")
        ANSWERED = "answered", _("Tỉnh đã trả lời")

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="requests")
    commune = models.ForeignKey(AdministrativeUnit, verbose_name=_("xã/phường"), on_delete=models.PROTECT,
                                related_name="+")
    province_code = models.CharField(_("mã tỉnh"), max_length=3)
    rice_kg = models.PositiveIntegerField(_("gạo đề nghị (kg)"), default=0)
    amount = models.BigIntegerField(_("kinh phí đề nghị (đồng)"), default=0)
    reason = models.CharField(_("lý do"), max_length=255)
    sent_on = models.DateField(_("ngày gửi"))
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices, default=Status.SENT)
    granted_rice_kg = models.PositiveIntegerField(_("gạo được cấp (kg)"), default=0)
    granted_amount = models.BigIntegerField(_("kinh phí được cấp (đồng)"), default=0)
    answer = models.CharField(_("trả lời"), max_length=255, blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(_USER, null=True, on_delete=models.PROTECT, related_name="+", editable=False,
                                   db_index=False)

    scope = Scope(view=EMERGENCY_VIEW, actions={"manage": EMERGENCY_MANAGE})
    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị hỗ trợ lên tỉnh")
        verbose_name_plural = pgettext_lazy("plural", "đề nghị hỗ trợ lên tỉnh")
        ordering = ["-sent_on", "-id"]
        constraints = [models.CheckConstraint(condition=Q(rice_kg__gt=0) | Q(amount__gt=0),
                                              name="emergency_request_asks_something")]

    def __str__(self) -> str:
        return f"{self.commune} — {self.sent_on:%d/%m/%Y}"
