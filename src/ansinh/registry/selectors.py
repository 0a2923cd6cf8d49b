"""Every read of the registry. Each starts from `visible_to(user)`."""

from django.db import connection
from django.db.models import Count, Max, Prefetch, Q, QuerySet, Value
from django.db.models.functions import Concat

from ansinh.core.access import access
from ansinh.core.exceptions import DomainError
from ansinh.core.paging import OrderedUnion
from ansinh.core.text import fold

from .models import DuplicateCandidate, Household, HouseholdMember, HouseholdPoverty, Person


def prefix_q(field: str, value: str) -> Q:
    """`field` starts with `value`, in a form the database can answer from an index.

    PostgreSQL: LIKE 'x%' on a byte-ordered (collation "C") column. SQLite's LIKE ignores case and
    so cannot use a plain index; a range on the (already folded, lower-case) column can.
    """
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": value, f"{field}__lt": value + "\U0010ffff"})
    return Q(**{f"{field}__startswith": value})


def _search_branches(base: QuerySet[Person], text: str) -> list[QuerySet[Person]]:
    """`search_conditions` as querysets in list order, each in the order its index serves best."""
    conditions = search_conditions(text)
    if len(conditions) < 2:
        return [base.filter(c).order_by(*PERSON_ORDER) for c in conditions]
    by_given_name, by_full_name = (base.filter(c) for c in conditions)
    # Given name first is a range of the list-order index. A full-name prefix is a range of
    # (name_folded, sort_name, id): read it all and sort it, unless it is so broad ("nguyen",
    # "tran van") that its people lie all along the list order and walking that finds a page at
    # once. A narrower prefix bunches up ("nguyen van t…" sort under "t…"), where a walk would
    # cross most of the index; ordering by an expression keeps the database to the range.
    broad = by_full_name.order_by().values("pk")[:BROAD_PREFIX_ROWS].count() == BROAD_PREFIX_ROWS
    return [
        by_given_name.order_by(*PERSON_ORDER),
        by_full_name.order_by(*PERSON_ORDER) if broad else by_full_name.order_by(Concat("sort_name", Value("")), "id"),
    ]


BROAD_PREFIX_ROWS = 100_000


def search_conditions(text: str) -> list[Q]:
    """What a search matches, as alternatives: a name (any diacritics, full name or given name
    first: `nguyen thi`, `lan`, `lan nguyen`), a citizen ID or its start. Empty text: none."""
    text = (text or "").strip()
    if not text:
        return []
    if text.isdigit():
        return [Q(citizen_id=text) if len(text) == 12 else prefix_q("citizen_id", text)]
    folded = fold(text)
    return [prefix_q("sort_name", folded), prefix_q("name_folded", folded)]


def search_q(text: str) -> Q:
    q = Q()
    for condition in search_conditions(text):
        q |= condition
    return q


PERSON_ORDER = ("sort_name", "id")


def people(*, user, include_merged: bool = False) -> QuerySet[Person]:
    """Every person the user may see, in list order; merged records only when asked (the API shows them)."""
    qs = Person.objects.visible_to(user)
    if not include_merged:
        qs = qs.active()
    return qs.select_related("commune").order_by(*PERSON_ORDER)


def person_page(base: QuerySet[Person], search: str) -> OrderedUnion:
    """`base` narrowed by a search, for paging: each alternative of the search is read along its own index
    and the page merged (see `core.paging`), and the count stops at 1,000."""
    return OrderedUnion(base.filter(search_q(search)), ordering=PERSON_ORDER, branches=_search_branches(base, search))


def person_list(*, user, search: str = "") -> QuerySet[Person]:
    """Every visible person matching, in list order: for exports and counts."""
    return people(user=user).filter(search_q(search))


def person_results(*, user, search: str = "") -> OrderedUnion:
    """`person_list` for paging (what the list page and the API read)."""
    return person_page(people(user=user), search)


def access_person(user, person: Person | int, action: str = "view") -> Person:
    """A person `user` may `action` ("view", "change", "merge"); by key, a 404 otherwise."""
    return access(Person.objects.select_related("commune", "merged_into"), user, person, action)


def person_get(*, user, pk) -> Person:
    return access_person(user, pk)


def person_current_membership(*, person: Person) -> HouseholdMember | None:
    return (
        HouseholdMember.objects.filter(person=person, left_on__isnull=True).select_related("household").first()
    )


def households(*, user) -> QuerySet[Household]:
    return Household.objects.visible_to(user).select_related("commune", "head").order_by("code")


def access_household(user, household: Household | int, action: str = "view") -> Household:
    """A household `user` may `action` ("view", "change"), with its members and poverty records."""
    members = HouseholdMember.objects.select_related("person").order_by("left_on", "id")
    queryset = Household.objects.select_related("commune", "head").prefetch_related(
        Prefetch("memberships", queryset=members), "poverty_records"
    )
    return access(queryset, user, household, action)


def household_get(*, user, pk) -> Household:
    return access_household(user, pk)


def duplicates(*, user) -> QuerySet[DuplicateCandidate]:
    """Pairs of likely duplicates; a pair may span two communes and shows only to someone who may see both."""
    visible = Person.objects.visible_to(user)
    return (DuplicateCandidate.objects.visible_to(user).filter(person_a__in=visible, person_b__in=visible)
            .select_related("person_a__commune", "person_b__commune"))


def duplicate_queue(*, user, status: str = DuplicateCandidate.Status.PENDING) -> QuerySet[DuplicateCandidate]:
    return duplicates(user=user).filter(status=status)


def access_duplicate(user, candidate: DuplicateCandidate | int, action: str = "merge") -> DuplicateCandidate:
    """A pair of likely duplicates in the queue of `user`: both people must be theirs to see."""
    if isinstance(candidate, DuplicateCandidate):
        return access(DuplicateCandidate.objects.all(), user, candidate, action)
    return access(duplicates(user=user), user, candidate, action)


def duplicate_get(*, user, pk) -> DuplicateCandidate:
    return access_duplicate(user, pk)


AGE_BANDS = [("0–5", 0, 5), ("6–15", 6, 15), ("16–24", 16, 24), ("25–39", 25, 39), ("40–59", 40, 59),
             ("60–79", 60, 79), ("80+", 80, 200)]


def registry_summary(*, user, today) -> dict:
    """Counts for the dashboard in one pass over the visible, living people (age by year of birth)."""
    people = Person.objects.visible_to(user).active().filter(date_of_death__isnull=True)
    aggregates = {"total": Count("id"), "disabled_severe": Count("id", filter=Q(disability_level__in=["severe", "especially_severe"])),
                  "no_citizen_id": Count("id", filter=Q(citizen_id__isnull=True))}
    for label, low, high in AGE_BANDS:
        years = Q(birth_year__gte=today.year - high, birth_year__lte=today.year - low)
        aggregates[f"m{label}"] = Count("id", filter=years & Q(sex="M"))
        aggregates[f"f{label}"] = Count("id", filter=years & Q(sex="F"))
    row = people.aggregate(**aggregates)
    households = Household.objects.visible_to(user)
    latest = HouseholdPoverty.objects.filter(household__in=households).aggregate(year=Max("year"))["year"] or today.year
    poverty = HouseholdPoverty.objects.filter(household__in=households, year=latest).aggregate(
        poor=Count("id", filter=Q(status="poor")), near_poor=Count("id", filter=Q(status="near_poor"))
    )
    return {
        "persons": row["total"], "disabled_severe": row["disabled_severe"], "no_citizen_id": row["no_citizen_id"],
        "households": households.count(), "poverty_year": latest, **poverty,
        "age_bands": [(label, row[f"m{label}"], row[f"f{label}"]) for label, _, _ in AGE_BANDS],
    }


def poverty_by_commune(*, user, year: int, limit: int = 15) -> list[dict]:
    rows = (
        HouseholdPoverty.objects.filter(household__in=Household.objects.visible_to(user), year=year)
        .values("household__commune__name")
        .annotate(poor=Count("id", filter=Q(status="poor")), near_poor=Count("id", filter=Q(status="near_poor")))
        .order_by("-poor", "-near_poor")[:limit]
    )
    return [{"commune": r["household__commune__name"], "poor": r["poor"], "near_poor": r["near_poor"]} for r in rows]


def person_by_citizen_id(*, user, citizen_id: str, field: str = "citizen_id") -> Person:
    """The registry person with this citizen ID, in the user's jurisdiction; one message when not found, whether
    missing or outside (naming nobody)."""
    number = "".join(citizen_id.split())
    person = Person.objects.visible_to(user).filter(citizen_id=number, merged_into__isnull=True).first()
    if person is None:
        raise DomainError(f"Không tìm thấy người có số định danh {number} trong địa bàn bạn quản lý. "
                          "Hãy đăng ký người này trong sổ đối tượng trước.", field=field)
    return person
