"""The workforce's indicators (QĐ 112/QĐ-TTg and the plans built on it), registered by code: plain functions
over querysets, one grouped query each, per commune of the organisation (today's commune, as the scope)."""

import datetime
from decimal import Decimal

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse

from ansinh.core import indicators
from ansinh.core.indicators import Indicator, Row
from ansinh.core.parameters import in_force
from ansinh.facilities.indicators import in_scope

from .access import WORKFORCE_VIEW
from .models import Attendance, Position
from .policy import BASE_SALARY

STAFFED = "workforce.orgs_staffed"
STAFFED_TWO = "workforce.orgs_staffed_two"
TRAINED_SHARE = "workforce.staff_trained"
TRAINED_COUNT = "workforce.people_trained"


def base_salary_on(day: datetime.date) -> Decimal | None:
    """Lương cơ sở in force on `day` (national; the base salary has no provincial top-up)."""
    return in_force(day)[0].get(BASE_SALARY)


def _on(queryset, day: datetime.date, prefix: str = ""):
    return queryset.filter(Q(**{f"{prefix}end_date__isnull": True}) | Q(**{f"{prefix}end_date__gte": day}),
                           **{f"{prefix}start_date__lte": day})


def _staff_counts(day: datetime.date):
    """Per organisation (OuterRef): how many people hold a position there on `day` with an allowance of at least
    the base salary of that day (rules.meets_base_salary, in SQL)."""
    base = base_salary_on(day)
    if base is None:
        return Value(0, output_field=IntegerField())
    counted = (_on(Position.objects.filter(organisation=OuterRef("organisation"), monthly_allowance__gte=base), day)
               .order_by().values("organisation").annotate(n=Count("person", distinct=True)).values("n"))
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def _staffed(*, user, day, start) -> dict[int, tuple[int, int, int]]:
    """{commune: (organisations with 1+, organisations in scope, with 2+)}: the scoped periods of the day and the
    people counted per organisation, joined and grouped in one statement."""
    periods = (in_scope(user=user, day=day).order_by()
               .annotate(org=F("organisation_id"), place=F("organisation__commune_id")).values("org", "place"))
    base = base_salary_on(day)
    # no base salary known that day: nobody counts (an allowance is never negative), every organisation still does
    counted = Position.objects.filter(monthly_allowance__gte=base) if base is not None else \
        Position.objects.filter(monthly_allowance__lt=0)
    staff = (_on(counted, day).order_by().annotate(org=F("organisation_id")).values("org")
             .annotate(n=Count("person_id", distinct=True)).values("org", "n"))
    rows = indicators.grouped(
        """SELECT s.place, COUNT(*), SUM(CASE WHEN st.n >= 1 THEN 1 ELSE 0 END), SUM(CASE WHEN st.n >= 2 THEN 1 ELSE 0 END)
           FROM {periods} s LEFT JOIN {staff} st ON st.org = s.org GROUP BY s.place""", periods=periods, staff=staff)
    return {place: (int(one or 0), total, int(two or 0)) for place, total, one, two in rows}


def staffed(*, user, day, start):
    return {commune: (one, total) for commune, (one, total, _two) in _staffed(user=user, day=day, start=start).items()}


def staffed_two(*, user, day, start):
    return {commune: (two, total) for commune, (_one, total, two) in _staffed(user=user, day=day, start=start).items()}


def _staffed_drill(least: int):
    def drill(*, user, day, start, commune, part):
        periods = in_scope(user=user, day=day).annotate(staff=_staff_counts(day))
        if commune is not None:
            periods = periods.filter(organisation__commune_id=commune)
        if part == "numerator":
            periods = periods.filter(staff__gte=least)
        elif part == "missing":
            periods = periods.filter(staff__lt=least)
        for period in periods.select_related("organisation__commune").order_by("organisation__commune__name", "name"):
            yield Row(reverse("facilities:organisation_detail", args=[period.organisation_id]),
                      (period.name, period.get_kind_display(), period.organisation.commune.name, period.staff))
    return drill


def active_positions(*, user, day: datetime.date):
    """The positions the user may see held on `day` (any allowance)."""
    return _on(Position.objects.visible_to(user), day)


def _trained(start, day):
    return Exists(Attendance.objects.filter(person=OuterRef("person"), completed_on__gte=start, completed_on__lte=day))


def staff_trained(*, user, day, start):
    held = (active_positions(user=user, day=day).order_by()
            .annotate(place=F("organisation__commune_id"), who=F("person_id")).values("place", "who"))
    trained = (Attendance.objects.filter(completed_on__gte=start, completed_on__lte=day).order_by()
               .annotate(who=F("person_id")).values("who").distinct())
    rows = indicators.grouped(
        """SELECT h.place, COUNT(DISTINCT h.who), COUNT(DISTINCT t.who)
           FROM {held} h LEFT JOIN {trained} t ON t.who = h.who GROUP BY h.place""", held=held, trained=trained)
    return {place: (done, total) for place, total, done in rows}


def staff_trained_drill(*, user, day, start, commune, part):
    positions = active_positions(user=user, day=day).annotate(trained=_trained(start, day))
    if commune is not None:
        positions = positions.filter(organisation__commune_id=commune)
    if part == "numerator":
        positions = positions.filter(trained=True)
    elif part == "missing":
        positions = positions.filter(trained=False)
    for position in positions.select_related("person", "organisation__commune").order_by("person__sort_name", "id"):
        yield Row(reverse("workforce:position_detail", args=[position.pk]),
                  (position.person.full_name, position.organisation.name, position.organisation.commune.name,
                   position.get_engagement_display(), "Có" if position.trained else "Chưa"))


def completions(*, user, day: datetime.date, start: datetime.date):
    """Courses completed from `start` to `day` by people of the user's jurisdiction."""
    return Attendance.objects.visible_to(user).filter(completed_on__gte=start, completed_on__lte=day)


def people_trained(*, user, day, start):
    rows = completions(user=user, day=day, start=start).order_by().values("person__commune_id").annotate(n=Count("id"))
    return {r["person__commune_id"]: (r["n"], None) for r in rows}


def people_trained_drill(*, user, day, start, commune, part):
    done = completions(user=user, day=day, start=start)
    if commune is not None:
        done = done.filter(person__commune_id=commune)
    for attendance in done.select_related("person__commune", "course").order_by("-completed_on", "id"):
        yield Row(reverse("workforce:course_detail", args=[attendance.course_id]),
                  (attendance.person.full_name, attendance.person.commune.name, attendance.course.title,
                   f"{attendance.completed_on:%d/%m/%Y}"))


_ORG_COLUMNS = ("Cơ quan, cơ sở", "Loại", "Xã/phường", "Số người hưởng phụ cấp ≥ lương cơ sở")
_QD112 = "QĐ 112/QĐ-TTg; 62/KH-UBND Cà Mau, 154/KH-UBND Tuyên Quang, 8994/KH-UBND Đồng Nai"

indicators.register(
    Indicator(
        capability=WORKFORCE_VIEW, code=STAFFED, label="Tỷ lệ cơ quan, cơ sở có ít nhất 1 người làm công tác xã hội hưởng phụ cấp hằng tháng "
                            "tối thiểu bằng lương cơ sở",
        numerator_label="Có ít nhất 1 người", denominator_label="Cơ quan, cơ sở thuộc phạm vi kế hoạch",
        compute=staffed, drill=_staffed_drill(1), columns=_ORG_COLUMNS, legal=_QD112),
    Indicator(
        capability=WORKFORCE_VIEW, code=STAFFED_TWO, label="Tỷ lệ cơ quan, cơ sở có ít nhất 2 người làm công tác xã hội hưởng phụ cấp hằng "
                                "tháng tối thiểu bằng lương cơ sở",
        numerator_label="Có ít nhất 2 người", denominator_label="Cơ quan, cơ sở thuộc phạm vi kế hoạch",
        compute=staffed_two, drill=_staffed_drill(2), columns=_ORG_COLUMNS, legal=_QD112),
    Indicator(
        capability=WORKFORCE_VIEW, code=TRAINED_SHARE, label="Tỷ lệ người làm công tác xã hội được đào tạo, bồi dưỡng trong kỳ",
        numerator_label="Đã hoàn thành khóa trong kỳ", denominator_label="Người đang làm công tác xã hội",
        compute=staff_trained, drill=staff_trained_drill, periodic=True, legal=_QD112,
        columns=("Họ và tên", "Cơ quan, cơ sở", "Xã/phường", "Hình thức", "Đã đào tạo trong kỳ")),
    Indicator(
        capability=WORKFORCE_VIEW, code=TRAINED_COUNT, label="Số lượt người hoàn thành đào tạo, bồi dưỡng công tác xã hội",
        numerator_label="Lượt người hoàn thành", denominator_label=None,
        compute=people_trained, drill=people_trained_drill, periodic=True,
        legal="62/KH-UBND Cà Mau mục II.4 (1.400 người, 2021–2030); 154/KH-UBND Tuyên Quang",
        columns=("Họ và tên", "Xã/phường", "Khóa", "Ngày hoàn thành")),
)
