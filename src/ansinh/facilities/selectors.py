"""Every read of the network of organisations. Each starts from `visible_to(user)`."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from ansinh.core.access import access
from ansinh.core.parameters import in_force

from . import rules
from .models import Organisation, OrganisationPeriod, Resident


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


def staffing_on(organisation: Organisation, day: datetime.date) -> Staffing:
    """Residents by care group on `day`, the staff TT 33 requires for them, the staff declared then."""
    counts = dict(present_on(organisation.residents.all(), day).order_by().values_list("care_group")
                  .annotate(n=Count("id")))
    values, _notes = in_force(day)
    present: dict[str, int] = {}
    for function, count in (organisation.staff_counts.filter(as_of__lte=day).order_by("function", "-as_of")
                            .values_list("function", "count")):
        present.setdefault(function, count)
    return Staffing(residents=counts, required=rules.required_staff(counts, values), present=present)
