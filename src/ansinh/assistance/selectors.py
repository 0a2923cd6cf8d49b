"""Reads for social assistance. Parameters are public law plus the user's province's own top-ups."""

import datetime
from decimal import Decimal

from django.db import DatabaseError
from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from ansinh.core.access import access, require_capability
from ansinh.core.dates import add_months, first_of_month
from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import in_force
from ansinh.registry.models import Person
from ansinh.registry.rules import effective_birth_date
from ansinh.registry.selectors import access_person

from . import policy, rules, workflow
from .access import ENROLMENT_MANAGE
from .models import (
    Application,
    ApplicationCategory,
    Enrolment,
    EnrolmentCategory,
    Programme,
)


def parameters_at(month: datetime.date, province_code: str = "") -> tuple[dict[str, Decimal], dict[str, str]]:
    """Values in force in `month` (national, raised by the province's own where allowed) and their legal basis."""
    return in_force(month, province_code)


def parameters_source(province_code: str = ""):
    """A month → parameters function for the calculator; the legal defaults when the database has no tables yet
    (the `ansinh allowance evaluate` command needs no set-up)."""

    def source(month: datetime.date):
        try:
            return parameters_at(month, province_code)
        except DatabaseError:
            return policy.defaults_at(month)

    return source


def parameters(*, user):
    return PolicyParameter.objects.visible_to(user).select_related("created_by").order_by(
        "key", "province_code", "-valid_from")


def enrolments(*, user):
    """Every period the user may see, by person (their name's order) and newest first."""
    return (Enrolment.objects.visible_to(user).select_related("person", "commune").prefetch_related("category_rows")
            .order_by("person__sort_name", "person_id", "-start_month"))


def require_deciding(user, person: Person) -> None:
    """Deciding for a registered person (an application, an enrolment, a death): the role may, and the
    person is in the user's jurisdiction."""
    require_capability(user, ENROLMENT_MANAGE, "Bạn không có quyền quyết định hưởng trợ cấp.")
    access_person(user, person)


def access_enrolment(user, enrolment: Enrolment | int, action: str = "view") -> Enrolment:
    """An enrolment period `user` may `action` ("view", "manage")."""
    return access(Enrolment.objects.select_related("person", "commune").prefetch_related("category_rows"), user,
                  enrolment, action)


def enrolment_get(*, user, pk) -> Enrolment:
    return access_enrolment(user, pk)


def person_enrolments(*, user, person) -> list[Enrolment]:
    """The open periods of a person the user may see (one per programme at most)."""
    return list(Enrolment.objects.visible_to(user).filter(person=person, end_month__isnull=True)
                .select_related("commune").prefetch_related("category_rows").order_by("programme"))


def enrolment_periods(*, user, enrolment: Enrolment):
    """Every period of the same person and programme the user may see, newest first (the history of the
    decision; a period paid by a commune outside the user's jurisdiction stays out of sight)."""
    return (Enrolment.objects.visible_to(user).filter(person_id=enrolment.person_id, programme=enrolment.programme)
            .select_related("commune").prefetch_related("category_rows").order_by("-start_month", "-id"))


def enrolment_summary(*, user) -> dict:
    """Open periods by status, and active ones by category and commune, for the dashboard and lists.

    By category: people with an active open period paid under each category (`category`, `n`); a person
    paid under 5.4 and 5.6 counts in both, so the counts add up to more than the people."""
    open_periods = Enrolment.objects.visible_to(user).filter(end_month__isnull=True)
    active = open_periods.filter(status=Enrolment.Status.ACTIVE)
    paid_rows = EnrolmentCategory.objects.visible_to(user).filter(
        paid=True, enrolment__end_month__isnull=True, enrolment__status=Enrolment.Status.ACTIVE)
    return {
        "by_status": dict(open_periods.values_list("status").annotate(n=Count("id")).order_by()),
        "by_category": list(paid_rows.values("category").annotate(n=Count("enrolment__person_id", distinct=True))
                            .order_by("-n", "category")[:12]),
        "by_commune": list(active.values("commune__name").annotate(n=Count("id")).order_by("-n")[:12]),
    }


AGE_MILESTONES = (3, 4, 16, 22, 60, 75, 80)


def changes_next_month(*, user, month: datetime.date) -> list[dict]:
    """Thay đổi tháng tới: open active periods of the monthly allowance whose coefficient or eligibility
    changes in the month after `month`. A new band starts in the month of the birthday (Điều 8 k.1); an
    upper age limit ends payment the month after it (Điều 8 k.2), so the candidates are the people with a
    milestone birthday in that month or in the month before. Only they go through the rules."""
    current = first_of_month(month)
    upcoming = add_months(current, 1)
    birthday_q = Q()
    for birthday_month in (upcoming, current):
        # a birthday in that month, or a year-only birth date (1 January) when that month is January
        in_month = Q(person__birth_month=birthday_month.month)
        if birthday_month.month == 1:
            in_month |= Q(person__birth_month__isnull=True)
        birthday_q |= in_month & Q(person__birth_year__in=[birthday_month.year - age for age in AGE_MILESTONES])
    candidates = (
        Enrolment.objects.visible_to(user).filter(end_month__isnull=True, status=Enrolment.Status.ACTIVE,
                                                 programme=Programme.MONTHLY_ALLOWANCE)
        .filter(birthday_q).select_related("person", "commune").prefetch_related("category_rows")
    )
    changes = []
    parameters: dict[str, tuple] = {}  # by province: read once, not once per person
    for enrolment in candidates:
        person = enrolment.person
        level = person.disability_level if person.disability_level in rules.DISABILITY_LEVELS else None
        birth = effective_birth_date(person.birth_year, person.birth_month, person.birth_day)
        if person.province_code not in parameters:
            parameters[person.province_code] = parameters_at(upcoming, person.province_code)
        values, notes = parameters[person.province_code]
        facts = rules.Facts(tuple(enrolment.entitled_categories), birth, upcoming, disability_level=level,
                            children_count=enrolment.children_count, studying=enrolment.studying)
        result = rules.evaluate(facts, values, notes)
        if result.coefficient != enrolment.coefficient or not result.payable:
            changes.append({
                "enrolment": enrolment, "age": rules.age_in_month(birth, upcoming),
                "new_coefficient": result.coefficient if result.payable else None,
                "new_categories": rules.categories_label(e.category for e in result.payable), "messages": result.messages,
            })
    return changes



PAID_STATUSES = (Enrolment.Status.ACTIVE, Enrolment.Status.ENDED)


def _covering(month: datetime.date):
    """Periods owed for `month` (suspended and cancelled ones are not)."""
    return Enrolment.objects.filter(status__in=PAID_STATUSES, start_month__lte=month).filter(
        Q(end_month__isnull=True) | Q(end_month__gte=month))


def health_insurance_changes(*, user, month: datetime.date) -> dict[str, list[Enrolment]]:
    """Danh sách đề nghị cấp thẻ BHYT: beneficiaries whose state-paid card starts, changes (another commune)
    or ends with `month` (NĐ 20/2021 Điều 9; Luật BHYT Điều 12 k.3). One query per list, each with EXISTS."""
    month = first_of_month(month)
    before = add_months(month, -1)
    # both the monthly allowance (item 17) and the social pension (item 19) carry a state-paid card
    now = _covering(month)
    prior = _covering(before)
    visible = Enrolment.objects.visible_to(user)
    prior_same = prior.filter(person=OuterRef("person"))
    now_same = now.filter(person=OuterRef("person"))
    visible = visible.select_related("person", "commune").prefetch_related("category_rows")
    return {
        "new": list(visible.filter(pk__in=now.values("pk")).exclude(Exists(prior_same))
                    .order_by("commune__name", "person__sort_name")),
        "changed": list(visible.filter(pk__in=now.values("pk"), start_month=month)
                        .filter(Exists(prior_same.exclude(commune=OuterRef("commune"))))
                        .order_by("commune__name", "person__sort_name")),
        "ended": list(visible.filter(pk__in=prior.values("pk")).exclude(Exists(now_same))
                      .order_by("commune__name", "person__sort_name")),
    }


def applications(*, user):
    """Applications in scope, newest first, with what their timeline needs (steps) and their categories."""
    return (Application.objects.visible_to(user).select_related("person", "commune")
            .prefetch_related("steps", "category_rows").order_by("-received_on", "-id"))


def application_timeline(application, *, today: datetime.date, holiday_dates=None) -> dict:
    done_on = {s.code: s.done_on for s in application.steps.all()}
    rows = workflow.deadlines(application.procedure, done_on, holiday_dates or [])
    late = None
    if application.status == "open":
        late = workflow.overdue(application.procedure, done_on, today, holiday_dates or [])
    return {"received": done_on.get("received"), "rows": rows, "overdue": late,
            "next": workflow.next_step(application.procedure, done_on) if application.status == "open" else None,
            "complaint_allowed": application.status == "open" and workflow.complaint_allowed(application.procedure,
                                                                                              done_on)}


def access_application(user, application: Application | int, action: str = "view") -> Application:
    """An application `user` may `action` ("view", "manage"), with its steps."""
    queryset = Application.objects.select_related("person", "commune", "enrolment").prefetch_related(
        "steps", "category_rows", "enrolment__category_rows")
    return access(queryset, user, application, action)


def application_get(*, user, pk) -> Application:
    return access_application(user, pk)


def posting_list(*, user, commune_id: int | None = None):
    """Danh sách niêm yết công khai: applications reviewed and being posted. HIV status is never shown
    (NĐ 20/2021 Điều 8 k.1 điểm b): categories 5.3 and 5.8 are withheld, and an applicant under no other
    category is left off the list altogether (a name with a blank category would tell the same). Both in the
    query: the HIV rows are never read for this list."""
    shown = ApplicationCategory.objects.exclude(category__in=HIV_CATEGORIES)
    qs = (Application.objects.visible_to(user)
          .filter(status="open", procedure="three_tier", steps__code="reviewed").exclude(steps__code="posted")
          .filter(Exists(shown.filter(application=OuterRef("pk")))))
    if commune_id:
        qs = qs.filter(commune_id=commune_id)
    qs = qs.select_related("person", "commune").prefetch_related(
        Prefetch("category_rows", queryset=shown.order_by("category"), to_attr="shown_categories"))
    return [{"application": a, "categories": rules.categories_label(r.category for r in a.shown_categories)}
            for a in qs.order_by("commune__name", "person__sort_name")]


HIV_CATEGORIES = {"5.3", "5.8"}
