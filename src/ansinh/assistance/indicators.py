"""The assistance indicator, by code, for the monitoring of the plans: people receiving a monthly allowance
(trợ cấp xã hội hằng tháng, NĐ 20/2021) in the day's month, by the commune paying it."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ansinh.core import indicators
from ansinh.core.access import can, jurisdiction_q
from ansinh.core.dates import first_of_month

from .access import ASSISTANCE_VIEW
from .models import Enrolment, Programme

RECIPIENTS = "assistance.allowance_recipients"


def _enrolments(user, day: datetime.date):
    """Monthly allowances in force in the day's month (started by then, not ended before it, not cancelled)."""
    month = first_of_month(day)
    q = jurisdiction_q(user)
    rows = Enrolment.objects.filter(programme=Programme.MONTHLY_ALLOWANCE, start_month__lte=month).filter(
        Q(end_month__isnull=True) | Q(end_month__gte=month)).exclude(status="cancelled")
    return rows if q is None else rows.filter(q)


def allowance_recipients(*, user, day: datetime.date, start: datetime.date) -> dict[int, tuple[int, int | None]]:
    if not can(user, ASSISTANCE_VIEW):
        return {}
    rows = _enrolments(user, day).order_by().values("commune_id").annotate(people=Count("person_id", distinct=True))
    return {r["commune_id"]: (r["people"], None) for r in rows}


def allowance_recipients_by_group(*, user, day: datetime.date, start: datetime.date):
    """The same by commune, sex and age band in the day's year."""
    if not can(user, ASSISTANCE_VIEW):
        return {}
    rows = _enrolments(user, day).order_by().values(
        "commune_id", "person__sex", band=indicators.age_band("person__birth_year", day.year)).annotate(
        people=Count("person_id", distinct=True))
    return {(r["commune_id"], r["person__sex"], r["band"]): (r["people"], None) for r in rows}


def _rows(*, user, day, start, commune, part):
    rows = _enrolments(user, day).filter(pk__in=Enrolment.objects.visible_to(user).values("pk"))
    if commune is not None:
        rows = rows.filter(commune_id=commune)
    for enrolment in rows.select_related("person", "commune").order_by("person__full_name", "pk")[:2000]:
        yield indicators.Row(reverse("registry:person_detail", args=[enrolment.person_id]),
                             (enrolment.person.full_name, enrolment.commune.name,
                              f"{enrolment.start_month:%m/%Y}"))


indicators.register(indicators.Indicator(
    code=RECIPIENTS, label=str(_("Người hưởng trợ cấp xã hội hằng tháng")), capability=ASSISTANCE_VIEW,
    numerator_label=str(_("người")), denominator_label=None, compute=allowance_recipients, drill=_rows,
    breakdown=allowance_recipients_by_group,
    columns=(str(_("Họ và tên")), str(_("Xã/phường")), str(_("Hưởng từ tháng"))),
    legal="NĐ 20/2021/NĐ-CP (sửa đổi bởi NĐ 76/2024/NĐ-CP) Điều 5–6"))
