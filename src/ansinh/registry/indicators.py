"""The registry's indicator, by code, for the monitoring of the plans: the share of poor households — those the
commune recognised as poor in the previous year's review (held 01/9–14/12, QĐ 24/2021/QĐ-TTg Điều 3), whose list
holds for the day's year — among the households of the registry; by the household's commune."""

import datetime

from django.db.models import Count, Exists, FilteredRelation, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ansinh.core import indicators
from ansinh.core.access import can, jurisdiction_q

from .access import REGISTRY_VIEW
from .models import Household, HouseholdPoverty, PovertyStatus

POOR = "registry.poor_households"


def _households(user, day: datetime.date):
    """The households of the user's jurisdiction, each marked poor or not for the day's year."""
    q = jurisdiction_q(user)
    poor = HouseholdPoverty.objects.filter(household=OuterRef("pk"), year=day.year - 1, status=PovertyStatus.POOR)
    rows = Household.objects.annotate(poor=Exists(poor))
    return rows if q is None else rows.filter(q)


def poor_households(*, user, day: datetime.date, start: datetime.date) -> dict[int, tuple[int, int | None]]:
    if not can(user, REGISTRY_VIEW):
        return {}
    # the year's poor record joined to its household (one at most: poverty_one_per_household_year); an EXISTS in the
    # count's FILTER is a subquery per household on PostgreSQL (benchmarks/indicators.py: 419 ms against 72 ms)
    q = jurisdiction_q(user)
    households = Household.objects.all() if q is None else Household.objects.filter(q)
    joined = households.annotate(poor_record=FilteredRelation("poverty_records", condition=Q(
        poverty_records__year=day.year - 1, poverty_records__status=PovertyStatus.POOR)))
    rows = joined.order_by().values("commune_id").annotate(poor_count=Count("poor_record"), total=Count("id"))
    return {r["commune_id"]: (r["poor_count"], r["total"]) for r in rows}


def _rows(*, user, day, start, commune, part):
    rows = _households(user, day).filter(pk__in=Household.objects.visible_to(user).values("pk"))
    if commune is not None:
        rows = rows.filter(commune_id=commune)
    if part == "numerator":
        rows = rows.filter(poor=True)
    elif part == "missing":
        rows = rows.filter(poor=False)
    for household in rows.select_related("head", "commune").order_by("code")[:2000]:
        yield indicators.Row(reverse("registry:household_detail", args=[household.pk]),
                             (household.code, household.head.full_name if household.head else "",
                              household.commune.name, household.hamlet))


indicators.register(indicators.Indicator(
    code=POOR, label=str(_("Tỷ lệ hộ nghèo")), capability=REGISTRY_VIEW,
    numerator_label=str(_("hộ nghèo (theo kết quả rà soát năm trước)")), denominator_label=str(_("hộ trong sổ")),
    compute=poor_households, drill=_rows,
    columns=(str(_("Mã hộ")), str(_("Chủ hộ")), str(_("Xã/phường")), str(_("Thôn/ấp"))),
    legal="QĐ 24/2021/QĐ-TTg (rà soát hằng năm); NĐ 07/2021/NĐ-CP (chuẩn nghèo 2022–2026)"))
