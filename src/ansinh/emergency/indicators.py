"""The emergency indicator, by code, for the monitoring of the plans: seed 004's "100% of people in sudden
difficulty helped promptly once detected" — of the people on the lists detected in the period, those whose aid was
decided by the deadline in force when they were detected and who received it by the day asked; by commune."""

import datetime

from django.db.models import F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ansinh.core import indicators
from ansinh.core.access import can, jurisdiction_q

from .access import EMERGENCY_VIEW
from .models import Affected

PROMPT = "emergency.helped_promptly"


def _lines(user, day: datetime.date, start: datetime.date):
    q = jurisdiction_q(user)
    rows = Affected.objects.filter(detected_on__gte=start, detected_on__lte=day).exclude(closed_on__lte=day)
    return rows if q is None else rows.filter(q)


def _prompt(day: datetime.date) -> Q:
    return Q(decided_on__lte=F("due_on"), delivered_on__lte=day)


def helped_promptly(*, user, day: datetime.date, start: datetime.date) -> dict[int, tuple[int, int | None]]:
    """People (a household's line counts its people) detected from `start` to `day`, and of them those helped
    promptly: one grouped query. A line closed without aid (not eligible, helped elsewhere) is left out."""
    if not can(user, EMERGENCY_VIEW):
        return {}
    rows = _lines(user, day, start).order_by().values("commune_id").annotate(
        helped=Sum("people", filter=_prompt(day)), listed=Sum("people"))
    return {r["commune_id"]: (r["helped"] or 0, r["listed"] or 0) for r in rows}


def _rows(*, user, day, start, commune, part):
    lines = _lines(user, day, start).filter(pk__in=Affected.objects.visible_to(user).values("pk"))
    if commune is not None:
        lines = lines.filter(commune_id=commune)
    if part == "numerator":
        lines = lines.filter(_prompt(day))
    elif part == "missing":
        lines = lines.exclude(_prompt(day))
    for line in lines.select_related("person", "event", "commune").order_by("detected_on", "id")[:2000]:
        yield indicators.Row(f"{reverse('emergency:event_detail', args=[line.event_id])}?commune={line.commune.code}",
                             (line.person.full_name, line.event.name, line.commune.name, line.people,
                              f"{line.detected_on:%d/%m/%Y}"))


indicators.register(indicators.Indicator(
    code=PROMPT, label=str(_("Người có hoàn cảnh khó khăn đột xuất được trợ giúp kịp thời khi phát hiện")),
    capability=EMERGENCY_VIEW, numerator_label=str(_("người được trợ giúp kịp thời")),
    denominator_label=str(_("người trong danh sách")), compute=helped_promptly, drill=_rows, periodic=True,
    columns=(str(_("Họ và tên")), str(_("Sự kiện")), str(_("Xã/phường")), str(_("Số người")),
             str(_("Ngày phát hiện"))),
    legal="Kế hoạch trợ giúp xã hội đến 2030 (100% được trợ giúp kịp thời); NĐ 20/2021 Điều 12 khoản 3"))
