"""The network's indicators, registered by code: one grouped query each, per commune of the organisation."""

from django.db.models import Count, Q
from django.urls import reverse

from ansinh.core import indicators
from ansinh.core.indicators import Indicator, Row

from .access import FACILITIES_VIEW
from .models import OrganisationPeriod

PROVIDING = "facilities.provides_social_work"


def in_scope(*, user, day):
    return OrganisationPeriod.objects.visible_to(user).on(day).filter(in_plan_scope=True)


def providing(*, user, day, start):
    rows = (in_scope(user=user, day=day).order_by().values("organisation__commune_id")
            .annotate(total=Count("id"), done=Count("id", filter=Q(provides_social_work=True))))
    return {r["organisation__commune_id"]: (r["done"], r["total"]) for r in rows}


def providing_drill(*, user, day, start, commune, part):
    periods = in_scope(user=user, day=day)
    if commune is not None:
        periods = periods.filter(organisation__commune_id=commune)
    if part == "numerator":
        periods = periods.filter(provides_social_work=True)
    elif part == "missing":
        periods = periods.filter(provides_social_work=False)
    for period in periods.select_related("organisation__commune").order_by("organisation__commune__name", "name"):
        yield Row(reverse("facilities:organisation_detail", args=[period.organisation_id]),
                  (period.name, period.get_kind_display(), period.organisation.commune.name,
                   "Có" if period.provides_social_work else "Chưa"))


indicators.register(Indicator(
    capability=FACILITIES_VIEW, code=PROVIDING, label="Tỷ lệ cơ quan, cơ sở thuộc phạm vi kế hoạch cung cấp dịch vụ công tác xã hội",
    numerator_label="Cung cấp dịch vụ công tác xã hội", denominator_label="Cơ quan, cơ sở thuộc phạm vi kế hoạch",
    compute=providing, drill=providing_drill, columns=("Cơ quan, cơ sở", "Loại", "Xã/phường", "Cung cấp dịch vụ"),
    legal="QĐ 112/QĐ-TTg; 62/KH-UBND Cà Mau (50% năm 2025, 60% năm 2030)"))
