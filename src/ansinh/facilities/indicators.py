"""The network's indicators, registered by code: one grouped query each, per commune of the organisation."""

from django.db.models import Count, OuterRef, Q, Subquery
from django.urls import reverse

from ansinh.core import indicators
from ansinh.core.indicators import Indicator, Row

from .access import FACILITIES_VIEW
from .models import (
    HOUSING,
    Organisation,
    OrganisationPeriod,
    Resident,
    StaffFunction,
    StandardAssessment,
)
from .selectors import staffing_of

STAFF_LABELS = dict(StaffFunction.choices)

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


STAFFING = "facilities.staffing_met"


def staffing_met(*, user, day, start):
    by_commune: dict[int, list[int]] = {}
    for commune, staffing in staffing_of(Resident.objects.visible_to(user), day).values():
        tally = by_commune.setdefault(commune, [0, 0])
        tally[0] += staffing.met
        tally[1] += 1
    return {commune: (met, total) for commune, (met, total) in by_commune.items()}


def staffing_drill(*, user, day, start, commune, part):
    facilities = {pk: staffing for pk, (place, staffing) in staffing_of(Resident.objects.visible_to(user), day).items()
                  if commune is None or place == commune}
    for organisation in Organisation.objects.filter(pk__in=list(facilities)).select_related("commune").order_by("name"):
        staffing = facilities[organisation.pk]
        if (part == "numerator" and not staffing.met) or (part == "missing" and staffing.met):
            continue
        short = ", ".join(f"{STAFF_LABELS.get(f, f)} thiếu {n}" for f, n in staffing.shortfall.items()) or "Đủ"
        yield Row(reverse("facilities:organisation_detail", args=[organisation.pk]),
                  (organisation.name, organisation.commune.name, sum(staffing.residents.values()), short))


indicators.register(Indicator(
    capability=FACILITIES_VIEW, code=STAFFING,
    label="Tỷ lệ cơ sở nuôi dưỡng có đủ nhân sự theo định mức TT 33/2017",
    numerator_label="Đủ định mức", denominator_label="Cơ sở đang nuôi dưỡng đối tượng",
    compute=staffing_met, drill=staffing_drill, columns=("Cơ sở", "Xã/phường", "Số đối tượng", "Nhân sự"),
    legal="TT 33/2017/TT-BLĐTBXH Điều 5"))


STANDARDS = "facilities.meeting_standards"


def _assessed(*, user, day):
    """The in-scope facilities that house people on `day`, each with its latest assessment's result by then."""
    latest = (StandardAssessment.objects.filter(organisation=OuterRef("organisation"), assessed_on__lte=day)
              .order_by("-assessed_on").values("meets")[:1])
    return in_scope(user=user, day=day).filter(kind__in=HOUSING).annotate(meets=Subquery(latest))


def meeting_standards(*, user, day, start):
    rows = (_assessed(user=user, day=day).order_by().values("organisation__commune_id")
            .annotate(total=Count("id"), done=Count("id", filter=Q(meets=True))))
    return {r["organisation__commune_id"]: (r["done"], r["total"]) for r in rows}


def meeting_standards_drill(*, user, day, start, commune, part):
    periods = _assessed(user=user, day=day)
    if commune is not None:
        periods = periods.filter(organisation__commune_id=commune)
    if part == "numerator":
        periods = periods.filter(meets=True)
    elif part == "missing":
        periods = periods.exclude(meets=True)
    for period in periods.select_related("organisation__commune").order_by("name"):
        yield Row(reverse("facilities:organisation_detail", args=[period.organisation_id]),
                  (period.name, period.get_kind_display(), period.organisation.commune.name,
                   {True: "Đạt", False: "Chưa đạt"}.get(period.meets, "Chưa đánh giá")))


indicators.register(Indicator(
    capability=FACILITIES_VIEW, code=STANDARDS,
    label="Tỷ lệ cơ sở trợ giúp xã hội, công tác xã hội thuộc phạm vi kế hoạch đạt tiêu chuẩn",
    numerator_label="Đạt tiêu chuẩn", denominator_label="Cơ sở thuộc phạm vi kế hoạch",
    compute=meeting_standards, drill=meeting_standards_drill, columns=("Cơ sở", "Loại", "Xã/phường", "Kết quả"),
    legal="QĐ 112/QĐ-TTg; 62/KH-UBND Cà Mau (nâng cấp cơ sở đạt chuẩn)"))
