"""Every read of the network of organisations. Each starts from `visible_to(user)`."""

import datetime

from django.db.models import QuerySet

from ansinh.core.access import access

from .models import Organisation, OrganisationPeriod


def organisations(*, user) -> QuerySet[Organisation]:
    return Organisation.objects.visible_to(user).select_related("commune")


def access_organisation(user, organisation: Organisation | int, action: str = "view") -> Organisation:
    return access(Organisation.objects.select_related("commune"), user, organisation, action)


def periods_on(*, user, day: datetime.date) -> QuerySet[OrganisationPeriod]:
    """What each organisation the user may see was on `day` (those that existed then)."""
    return OrganisationPeriod.objects.visible_to(user).on(day)


def history_of(organisation: Organisation) -> QuerySet[OrganisationPeriod]:
    return organisation.periods.select_related("commune", "parent").order_by("valid_from")
