"""Reads of emergency assistance."""

import datetime
from typing import Any

from django.db.models import Count, F, Min, Prefetch, Q, Sum

from ansinh.assistance.models import FuneralSupport
from ansinh.core import parameters
from ansinh.core.access import access, covers
from ansinh.fund.models import Use

from . import policy, rules
from .models import Affected, Aid, AidKind, Decision, Delivery, Event, SupportRequest


def terms(day: datetime.date, province_code: str = "") -> rules.Terms:
    """The amounts and deadlines in force on `day`, raised by the province's own where it has (dated parameters;
    the standard level and the funeral multiples are the assistance app's)."""
    values, _notes = parameters.in_force(day, province_code)
    whole = {policy.RICE_KG: "rice_kg", policy.RICE_MONTHS_TET: "rice_months_tet",
             policy.RICE_MONTHS_DISASTER: "rice_months_disaster", policy.INJURY_DAYS: "injury_days",
             policy.DECISION_DAYS: "decision_days"}
    money = {"standard_level": "standard_level", policy.INJURY_MULTIPLE: "injury_multiple",
             policy.HOUSE_LOST: "house_lost", policy.RELOCATION: "relocation", policy.HOUSE_REPAIR: "house_repair",
             "funeral.regular": "funeral_regular", "funeral.disaster": "funeral_disaster"}
    fields: dict[str, Any] = {field: int(values[key]) for key, field in whole.items() if key in values}
    fields.update({field: values[key] for key, field in money.items() if key in values})
    return rules.Terms(**fields)


# --- records, each through visible_to(user) ------------------------------------------------------------------


def events(*, user):
    """The events reaching the user's communes, newest first (paged alone; `with_counts` adds the page's figures)."""
    return Event.objects.visible_to(user).order_by("-started_on", "-id")


def with_counts(events, *, user) -> list:
    """Each event with the lines, people and lines still waiting counted in the user's jurisdiction only (another
    commune's list is not theirs to count): one grouped query for the events given (a page), not for them all."""
    events = list(events)
    rows = Affected.objects.visible_to(user).filter(event__in=[e.pk for e in events]).order_by().values(
        "event").annotate(affected_count=Count("id"), people_total=Sum("people"),
                          waiting_count=Count("id", filter=Q(delivered_on__isnull=True, closed_on__isnull=True)))
    found = {row.pop("event"): row for row in rows}
    for event in events:
        for name, value in found.get(event.pk, {"affected_count": 0, "people_total": 0, "waiting_count": 0}).items():
            setattr(event, name, value or 0)
    return events


def access_event(user, event, action: str = "view"):
    return access(Event.objects.all(), user, event, action)


def access_affected(user, affected, action: str = "view"):
    return access(Affected.objects.select_related("event", "person", "commune"), user, affected, action)


def access_aid(user, aid, action: str = "view"):
    return access(Aid.objects.select_related("affected__event", "affected__person", "affected__commune", "decision"),
                  user, aid, action)


def access_decision(user, decision, action: str = "view"):
    return access(Decision.objects.select_related("event", "commune"), user, decision, action)


def access_request(user, request, action: str = "view"):
    return access(SupportRequest.objects.select_related("event", "commune"), user, request, action)


def affected_of(*, user, event, commune=None):
    """The event's list as the user may see it (their communes), with each line's aid."""
    rows = Affected.objects.visible_to(user).filter(event=event)
    if commune is not None:
        rows = rows.filter(commune=commune)
    return rows.select_related("person__funeral_support", "commune").prefetch_related(
        Prefetch("aids", queryset=Aid.objects.select_related("decision").order_by("kind"))).order_by(
        "commune__name", "hamlet", "id")


def event_communes(*, user, event):
    """The event's communes the user's jurisdiction covers."""
    return [c for c in event.communes.order_by("name") if covers(user, c)]


def totals(*, user, event) -> dict[str, dict[str, int]]:
    """Per kind of aid: decided and delivered (kg of rice; đồng of cash and goods; care counted), proposed
    and not yet decided — what the event used, in the user's communes."""
    rows = Aid.objects.visible_to(user).filter(affected__event=event).order_by().values("kind").annotate(
        decided=Sum("quantity", filter=Q(decision__isnull=False)), delivered=Sum("delivered"),
        proposed=Sum("quantity", filter=Q(decision__isnull=True)))
    found = {r["kind"]: {k: r[k] or 0 for k in ("decided", "delivered", "proposed")} for r in rows}
    return {kind: found.get(kind, {"decided": 0, "delivered": 0, "proposed": 0}) for kind in AidKind.values}


def waiting(*, user, today: datetime.date):
    """Every affected line in the user's jurisdiction not yet helped (nothing delivered), the longest waiting
    first: what the province watches during a disaster."""
    return Affected.objects.visible_to(user).filter(delivered_on__isnull=True, closed_on__isnull=True,
                                                    detected_on__lte=today).select_related(
        "event", "person", "commune").order_by("detected_on", "id")


def decisions_of(*, user, event):
    """The event's decisions in the user's communes, each with what it still owes: aids to hand out by hand
    (`owed`), and cash not yet in a payment file (`cash_owed`)."""
    unpaid = Q(aids__delivered__lt=F("aids__quantity"), aids__payment_line__isnull=True)
    return Decision.objects.visible_to(user).filter(event=event).select_related("commune").annotate(
        owed=Count("aids", filter=unpaid), cash_owed=Count("aids", filter=unpaid & Q(aids__kind=AidKind.CASH)),
    ).order_by("-decided_on", "-id")


def requests_of(*, user, event=None):
    rows = SupportRequest.objects.visible_to(user).select_related("event", "commune")
    return rows if event is None else rows.filter(event=event)


def funeral_supports(*, user):
    return FuneralSupport.objects.visible_to(user).select_related("person", "commune")


def access_funeral(user, support, action: str = "view"):
    return access(FuneralSupport.objects.select_related("person", "commune"), user, support, action)


def summary(*, user, event, today: datetime.date) -> dict[str, Any]:
    """The event in figures, in the user's communes: lines and people listed, helped (something delivered), still
    waiting, past the decision's deadline and undecided, and the longest wait."""
    rows = Affected.objects.visible_to(user).filter(event=event)
    open_ = Q(closed_on__isnull=True)
    figures = rows.aggregate(
        lines=Count("id"), people_total=Sum("people"), helped=Count("id", filter=Q(delivered_on__isnull=False)),
        people_open=Sum("people", filter=open_), closed=Count("id", filter=~open_),
        waiting=Count("id", filter=open_ & Q(delivered_on__isnull=True)),
        overdue=Count("id", filter=open_ & Q(decided_on__isnull=True, due_on__lt=today)),
        prompt=Count("id", filter=Q(delivered_on__isnull=False, decided_on__lte=F("due_on"))),
        people_prompt=Sum("people", filter=Q(delivered_on__isnull=False, decided_on__lte=F("due_on"))),
        first_waiting=Min("detected_on", filter=open_ & Q(delivered_on__isnull=True)))
    first = figures.pop("first_waiting")
    figures = {k: v or 0 for k, v in figures.items()}
    share = round(100 * figures["people_prompt"] / figures["people_open"]) if figures["people_open"] else None
    return {**figures, "prompt_share": share, "longest_wait": (today - first).days if first else None}


def fund_uses(*, user, event):
    """What social assistance funds gave for the event's distributions, as the user may see the funds' ledgers."""
    return Use.objects.visible_to(user).filter(
        pk__in=Delivery.objects.filter(aid__affected__event=event, fund_use__isnull=False).values("fund_use")
    ).select_related("fund", "person").order_by("used_on", "id")
