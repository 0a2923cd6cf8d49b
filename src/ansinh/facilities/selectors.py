"""Every read of the network of organisations. Each starts from `visible_to(user)`."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from ansinh.core.access import access
from ansinh.core.parameters import in_force

from . import rules
from .models import (
    InvestmentProject,
    Organisation,
    OrganisationPeriod,
    OrganisationService,
    Resident,
    StaffCount,
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


def staffing_on(organisation: Organisation, day: datetime.date) -> Staffing:
    """One facility's residents by care group on `day`, the staff TT 33 requires for them, the staff declared."""
    found = staffing_of(organisation.residents.all(), day).get(organisation.pk)
    return found[1] if found else Staffing(residents={}, required={}, present={})


def projects(*, user) -> QuerySet[InvestmentProject]:
    return InvestmentProject.objects.visible_to(user).select_related("organisation").prefetch_related("funding")


def access_project(user, project: InvestmentProject | int, action: str = "view") -> InvestmentProject:
    return access(InvestmentProject.objects.select_related("organisation"), user, project, action)


def funding_tree(project: InvestmentProject) -> list[tuple[object, list]]:
    """The project's sources at the top, each with its parts; and what the top sources leave unfunded."""
    rows = list(project.funding.order_by("id"))
    return [(row, [part for part in rows if part.part_of_id == row.pk]) for row in rows if row.part_of_id is None]


def access_service(user, row: OrganisationService | int, action: str = "view") -> OrganisationService:
    return access(OrganisationService.objects.select_related("organisation"), user, row, action)
