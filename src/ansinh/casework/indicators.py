"""The case indicators, by code, for the monitoring of the plans (Cà Mau 113/KH-UBND, Đồng Nai, Tuyên Quang):
counts by commune, never names — a drill-down lists only the cases the reader is related to."""

import datetime

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ansinh.assistance.models import Enrolment
from ansinh.core import indicators
from ansinh.core.access import jurisdiction_q
from ansinh.registry.models import Person

from .access import CASEWORK_OVERSEE, CHILDREN_VIEW
from .models import PRIORITY_GROUPS, SENSITIVE_GROUPS, Case, Circumstance, Subject, Support

PEOPLE = "casework.people_supported"
CHILDREN = "casework.priority_children_supported"


def _cases_in(user):
    q = jurisdiction_q(user)
    rows = Case.objects.all()
    return rows if q is None else rows.filter(q)


def _received_by(day: datetime.date):
    """Received on or before `day` (local time), as a range on the stored instant: the index serves it, where a
    conversion of each case's timestamp to a local date would be one call per row (benchmarks/indicators.py)."""
    from django.utils import timezone
    return Q(received_at__lt=timezone.make_aware(datetime.datetime.combine(day + datetime.timedelta(days=1),
                                                                           datetime.time())))


def people_supported(*, user, day: datetime.date, start: datetime.date) -> dict[int, tuple[int, int | None]]:
    """People who were the subject of a case open at some time from `start` to `day`, by the commune of the unit
    that manages it (each person once per commune)."""
    if not indicators_allowed(user, CASEWORK_OVERSEE):
        return {}
    cases = _cases_in(user).filter(_received_by(day)).exclude(closed_on__lt=start).values("id", "commune_id")
    subjects = Subject.objects.values("case_id", "person_id")
    rows = indicators.grouped(
        "SELECT c.commune_id, COUNT(DISTINCT s.person_id) FROM {cases} c JOIN {subjects} s ON s.case_id = c.id "
        "GROUP BY c.commune_id", cases=cases, subjects=subjects)
    return {commune: (n, None) for commune, n in rows}


def people_supported_by_group(*, user, day: datetime.date, start: datetime.date):
    """The same by the unit's commune, the person's sex and age band in the day's year."""
    if not indicators_allowed(user, CASEWORK_OVERSEE):
        return {}
    cases = _cases_in(user).filter(_received_by(day)).exclude(closed_on__lt=start).values("id", "commune_id")
    subjects = Subject.objects.values("case_id", "person_id")
    persons = Person.objects.values("id", "sex", "birth_year")
    band = indicators.age_band_sql("p.birth_year", day.year)
    rows = indicators.grouped(
        "SELECT c.commune_id, p.sex, " + band + ", COUNT(DISTINCT s.person_id) FROM {cases} c "
        "JOIN {subjects} s ON s.case_id = c.id JOIN {persons} p ON p.id = s.person_id "
        "GROUP BY c.commune_id, p.sex, " + band, cases=cases, subjects=subjects, persons=persons)
    return {(commune, sex, group): (n, None) for commune, sex, group, n in rows}


def _children(user, day: datetime.date):
    """Children under 16 on `day` in a priority group on `day`, in the user's jurisdiction (by where they live)."""
    q = jurisdiction_q(user, commune_field="person__commune", province_field="person__province_code")
    rows = Circumstance.objects.filter(group__in=PRIORITY_GROUPS, since__lte=day).filter(
        Q(until__isnull=True) | Q(until__gte=day)).filter(person__birth_year__gt=day.year - 17)
    return rows if q is None else rows.filter(q)


def _flags(user, day: datetime.date, start: datetime.date) -> list[tuple[int, int, int, str]]:
    """(commune id, person id, 1 if helped else 0, sex) for each child of the priority groups on `day`."""
    children = Person.objects.filter(pk__in=_children(user, day).values("person_id")).order_by().filter(
        birth_year__isnull=False).values("id", "commune_id", "birth_year", "birth_month", "birth_day", "sex")
    first, last = start.replace(day=1), day.replace(day=1)
    allowances = Enrolment.objects.filter(start_month__lte=last, status__in=["active", "ended"]).exclude(
        end_month__lt=first).values("person_id")
    supports = Support.objects.filter(given_on__gte=start, given_on__lte=day).values("person_id")
    services = Subject.objects.filter(case__services__given_on__gte=start, case__services__given_on__lte=day
                                      ).values("person_id")
    cutoff = (day.year - 16, day.month, day.day)
    rows = indicators.grouped(
        "SELECT p.commune_id, p.id, p.birth_year, p.birth_month, p.birth_day, p.sex, "
        "  CASE WHEN p.id IN (SELECT person_id FROM {allowances} a) OR p.id IN (SELECT person_id FROM {supports} s) "
        "       OR p.id IN (SELECT person_id FROM {services} v) THEN 1 ELSE 0 END "
        "FROM {children} p", children=children, allowances=allowances, supports=supports, services=services)
    # 16 or older on `day` is no longer a child (Luật Trẻ em Điều 1); a birth year alone counts from 1 January
    return [(commune, pk, helped, sex) for commune, pk, year, month, dd, sex, helped in rows
            if (year, month or 1, dd or 1) > cutoff]


def priority_children(*, user, day: datetime.date, start: datetime.date) -> dict[int, tuple[int, int | None]]:
    """Of the children of the plans' priority groups (orphans without support, abandoned, with HIV/AIDS, victims
    of toxic chemicals, with severe disabilities, affected by disasters or epidemics), those who from `start` to
    `day` received social assistance (a monthly allowance, a support recorded) or social-work services (a
    service under a case, a support of that kind): by the child's commune."""
    if not indicators_allowed(user, CHILDREN_VIEW):
        return {}
    counts: dict[int, tuple[int, int]] = {}
    for commune, _pk, helped, _sex in _flags(user, day, start):
        n, d = counts.get(commune, (0, 0))
        counts[commune] = (n + helped, d + 1)
    return dict(counts)


def priority_children_by_group(*, user, day: datetime.date, start: datetime.date):
    """The same by commune and sex (every one of them under 16)."""
    if not indicators_allowed(user, CHILDREN_VIEW):
        return {}
    counts: dict[tuple[int, str, str], tuple[int, int]] = {}
    for commune, _pk, helped, sex in _flags(user, day, start):
        n, d = counts.get((commune, sex, indicators.AGE_BANDS[0][0]), (0, 0))
        counts[(commune, sex, indicators.AGE_BANDS[0][0])] = (n + helped, d + 1)
    return dict(counts)


def indicators_allowed(user, capability: str) -> bool:
    from ansinh.core.access import can
    return can(user, capability)


def _case_rows(*, user, day, start, commune, part):
    """Only the cases the reader is related to: a count by commune shows no one, a list would."""
    cases = Case.objects.visible_to(user).filter(_received_by(day)).exclude(closed_on__lt=start)
    if commune is not None:
        cases = cases.filter(commune_id=commune)
    for case in cases.select_related("organisation").order_by("-received_at")[:500]:
        yield indicators.Row(reverse("casework:case_detail", args=[case.pk]),
                             (case.code, case.get_case_type_display(), case.get_stage_display()))


def _child_rows(*, user, day, start, commune, part):
    """The children behind the figure, except those whose only priority group is a sensitive one (HIV/AIDS): a
    list by name would tell it (NĐ 20/2021 Điều 8; NĐ 356/2025 Điều 4)."""
    wanted = {pk for c, pk, helped, _sex in _flags(user, day, start) if (commune is None or c == commune)
              and (part == "denominator" or helped == (part == "numerator"))}
    shown = _children(user, day).filter(person_id__in=wanted).exclude(group__in=SENSITIVE_GROUPS)
    people = Person.objects.filter(pk__in=shown.values("person_id")).select_related("commune").order_by("full_name")
    for person in people[:2000]:
        yield indicators.Row(reverse("casework:child_detail", args=[person.pk]),
                             (person.full_name, person.birth_display, person.commune.name))


indicators.register(
    indicators.Indicator(
        code=PEOPLE, label=str(_("Người có hoàn cảnh khó khăn được tư vấn, hỗ trợ và quản lý ca")),
        capability=CASEWORK_OVERSEE, numerator_label=str(_("người")), denominator_label=None,
        compute=people_supported, drill=_case_rows, periodic=True, breakdown=people_supported_by_group,
        columns=(str(_("Số hồ sơ")), str(_("Loại ca")), str(_("Bước"))),
        legal="62/KH-UBND Cà Mau, 154/KH-UBND Tuyên Quang, 8994/KH-UBND Đồng Nai (tăng 20% so với 2020 đến 2025; 30–35% so với 2025 đến 2030)"),
    indicators.Indicator(
        code=CHILDREN, label=str(_("Trẻ em mồ côi không nơi nương tựa, bị bỏ rơi, nhiễm HIV/AIDS, nạn nhân chất độc "
                                   "hóa học, khuyết tật nặng, bị ảnh hưởng bởi thiên tai, dịch bệnh được trợ giúp xã "
                                   "hội và dịch vụ công tác xã hội")),
        capability=CHILDREN_VIEW, numerator_label=str(_("trẻ được trợ giúp")),
        denominator_label=str(_("trẻ thuộc các nhóm")), compute=priority_children, drill=_child_rows, periodic=True,
        breakdown=priority_children_by_group,
        columns=(str(_("Họ và tên")), str(_("Ngày sinh")), str(_("Xã/phường"))),
        legal="Kế hoạch của tỉnh đến 2030 (90–100%)"),
)
