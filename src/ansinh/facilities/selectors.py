"""Every read of the network of organisations. Each starts from `visible_to(user)`."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from ansinh.core.access import access
from ansinh.core.parameters import in_force
from ansinh.registry.rules import effective_birth_date

from . import rules
from .models import (
    InvestmentProject,
    Organisation,
    OrganisationPeriod,
    OrganisationService,
    ProjectFunding,
    Resident,
    StaffCount,
    StandardAssessment,
)


def organisations(*, user) -> QuerySet[Organisation]:
    return Organisation.objects.visible_to(user).select_related("commune")


def access_organisation(user, organisation: Organisation | int, action: str = "view") -> Organisation:
    return access(Organisation.objects.select_related("commune"), user, organisation, action)


def periods_on(*, user, day: datetime.date) -> QuerySet[OrganisationPeriod]:
    """What each organisation the user may see was on `day` (those that existed then)."""
    return OrganisationPeriod.objects.visible_to(user).on(day)


def history_of(organisation: Organisation) -> QuerySet[OrganisationPeriod]:
    return organisation.periods.select_related("commune", "parent").order_by("valid_from")


def residents(*, user) -> QuerySet[Resident]:
    return Resident.objects.visible_to(user).select_related("person", "organisation")


def access_resident(user, resident: Resident | int, action: str = "view") -> Resident:
    return access(Resident.objects.select_related("person", "organisation", "organisation__commune"), user, resident,
                  action)


def present_on(queryset: QuerySet[Resident], day: datetime.date) -> QuerySet[Resident]:
    """Those living at the facility on `day` (admitted that day or before, not yet gone)."""
    return queryset.filter(Q(discharged_on__isnull=True) | Q(discharged_on__gt=day), admitted_on__lte=day)


@dataclass(frozen=True)
class Staffing:
    """A facility's staff against TT 33/2017's ratios on a day."""

    residents: dict[str, int]
    required: dict[str, int]
    present: dict[str, int]

    @property
    def shortfall(self) -> dict[str, int]:
        return {f: need - self.present.get(f, 0) for f, need in self.required.items() if need > self.present.get(f, 0)}

    @property
    def met(self) -> bool:
        return bool(self.required) and not self.shortfall


def staffing_of(residents: QuerySet[Resident], day: datetime.date) -> dict[int, tuple[int, Staffing]]:
    """{organisation: (commune, its staffing on `day`)} for every facility of `residents` that houses someone then:
    three grouped queries (residents by group, the latest declared staff, the parameters in force), then the
    ratios of TT 33/2017 (rules.required_staff) on those few rows per facility."""
    groups: dict[int, dict[str, int]] = {}
    place: dict[int, int] = {}
    for organisation, commune, group, n in (present_on(residents, day).order_by()
                                            .values_list("organisation_id", "organisation__commune_id", "care_group")
                                            .annotate(n=Count("id"))):
        groups.setdefault(organisation, {})[group] = n
        place[organisation] = commune
    latest = (StaffCount.objects.filter(organisation=OuterRef("organisation"), function=OuterRef("function"),
                                        as_of__lte=day).order_by("-as_of").values("as_of")[:1])
    present: dict[int, dict[str, int]] = {}
    for organisation, function, count in (StaffCount.objects.filter(organisation_id__in=list(groups),
                                                                    as_of=Subquery(latest))
                                          .values_list("organisation_id", "function", "count")):
        present.setdefault(organisation, {})[function] = count
    values, _notes = in_force(day)
    return {organisation: (place[organisation], Staffing(residents=counts,
                                                         required=rules.required_staff(counts, values),
                                                         present=present.get(organisation, {})))
            for organisation, counts in groups.items()}


def staffing_on(organisation: Organisation, day: datetime.date, *, user=None) -> Staffing:
    """One facility's residents by care group on `day`, the staff TT 33 requires for them, the staff declared
    (the residents the user may see; a service checking a rule passes no user)."""
    residents = Resident.objects.visible_to(user) if user is not None else Resident.objects.all()
    found = staffing_of(residents.filter(organisation=organisation), day).get(organisation.pk)
    return found[1] if found else Staffing(residents={}, required={}, present={})


def projects(*, user) -> QuerySet[InvestmentProject]:
    return InvestmentProject.objects.visible_to(user).select_related("organisation").prefetch_related("funding")


def access_project(user, project: InvestmentProject | int, action: str = "view") -> InvestmentProject:
    return access(InvestmentProject.objects.select_related("organisation"), user, project, action)


def funding_tree(*, user, project: InvestmentProject) -> tuple[list[tuple[ProjectFunding, list]], Decimal]:
    """The project's sources at the top, each with its parts (a part never counted again), and what the top
    sources leave unfunded."""
    rows = list(ProjectFunding.objects.visible_to(user).filter(project=project).order_by("id"))
    tree = [(row, [part for part in rows if part.part_of_id == row.pk]) for row in rows if row.part_of_id is None]
    return tree, project.total - sum((row.amount for row, _parts in tree), start=Decimal(0))


def services_of(*, user, organisation: Organisation) -> QuerySet[OrganisationService]:
    return OrganisationService.objects.visible_to(user).filter(organisation=organisation)


def assessments_of(*, user, organisation: Organisation) -> QuerySet[StandardAssessment]:
    return StandardAssessment.objects.visible_to(user).filter(organisation=organisation)


def care_on(*, user, organisation: Organisation, day: datetime.date) -> list[tuple[Resident, Decimal | None]]:
    """Who lives at the facility on `day`, each with the month's care allowance (NĐ 20/2021 Điều 25), at the
    standard level in force in the facility's province."""
    values, _notes = in_force(day, organisation.province_code)
    present = present_on(Resident.objects.visible_to(user).filter(organisation=organisation), day)
    rows = []
    for resident in present.select_related("person").order_by("person__sort_name"):
        person = resident.person
        birth = effective_birth_date(person.birth_year, person.birth_month, person.birth_day) \
            if person.birth_year else None
        rows.append((resident, rules.care_allowance(birth, day, values) if birth else None))
    return rows


def access_service(user, row: OrganisationService | int, action: str = "view") -> OrganisationService:
    return access(OrganisationService.objects.select_related("organisation"), user, row, action)
