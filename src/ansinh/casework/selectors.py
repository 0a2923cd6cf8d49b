"""Reads of case management, always through a relation to the case (`Case.objects.visible_to`) or, for counts
without names, through the user's jurisdiction."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from ansinh.core import parameters
from ansinh.core.access import access, covers, jurisdiction_q, require_capability
from ansinh.core.exceptions import PermissionDeniedError
from ansinh.facilities.models import Organisation

from . import policy, rules
from .access import CASEWORK_OVERSEE
from .models import Case, Circumstance, Deadline, Referral, Support, Worker


def terms(day: datetime.date, province_code: str = "") -> rules.Terms:
    """The procedures' numbers in force on `day` (dated parameters, `policy`)."""
    values, _notes = parameters.in_force(day, province_code)
    names = {policy.EMERGENCY_HOURS: "emergency_hours", policy.PLAN_DRAFT_DAYS: "plan_draft_days",
             policy.PLAN_APPROVE_DAYS: "plan_approve_days", policy.SEPARATION_DAYS: "separation_days",
             policy.FOLLOW_UP_MONTHS: "follow_up_months", policy.CASELOAD_LIMIT: "caseload_limit"}
    return rules.Terms(**{field: int(values[key]) for key, field in names.items() if key in values})


CONFIDENTIAL = ("summary", "reporter_name", "reporter_phone")  # read on the case's own page only


def cases(*, user) -> QuerySet[Case]:
    return Case.objects.visible_to(user).select_related("organisation", "worker", "supervisor").defer(*CONFIDENTIAL)


def access_case(user, case: Case | int, action: str = "view") -> Case:
    """The case for `user` (a 404 when missing or not related, the same)."""
    return access(Case.objects.select_related("organisation", "worker", "supervisor", "commune"), user, case, action)


def relations(user, case: Case) -> set[str]:
    """How `user` is related to `case`: "worker", "supervisor", "receiver" (of an accepted referral), "shared"."""
    out = set()
    if case.worker_id == user.pk:
        out.add("worker")
    if case.supervisor_id == user.pk:
        out.add("supervisor")
    if case.referrals.filter(receiving_worker=user, status=Referral.Status.ACCEPTED).exists():
        out.add("receiver")
    if case.shares.filter(user=user, revoked_at__isnull=True).exists():
        out.add("shared")
    return out


def open_deadlines(*, user) -> QuerySet[Deadline]:
    """Outstanding deadlines of the user's open cases, soonest first."""
    return (Deadline.objects.filter(met_at__isnull=True, case__in=Case.objects.visible_to(user).open().values("pk"))
            .select_related("case", "case__organisation").defer(*(f"case__{f}" for f in CONFIDENTIAL))
            .order_by("due_at", "id"))


def overdue(*, user, now: datetime.datetime | None = None) -> QuerySet[Deadline]:
    return open_deadlines(user=user).filter(due_at__lt=now or timezone.now())


def due_today(*, user, now: datetime.datetime | None = None) -> QuerySet[Deadline]:
    """Due from now to the end of today (local time)."""
    now = now or timezone.now()
    end = timezone.localtime(now).replace(hour=23, minute=59, second=59, microsecond=999999)
    return open_deadlines(user=user).filter(due_at__gte=now, due_at__lte=end)


def units(*, user, oversee: bool = True) -> QuerySet[Organisation]:
    """The units whose case workers and caseloads the user may see: those they work at, and with oversight (unless
    `oversee` is False) those in their jurisdiction that have case workers."""
    mine = Q(case_workers__user=user, case_workers__active=True)
    from ansinh.core.access import can
    if oversee and can(user, CASEWORK_OVERSEE):
        q = jurisdiction_q(user)
        mine = mine | (Q(case_workers__isnull=False) & (q if q is not None else Q()))
    return Organisation.objects.filter(mine).distinct().order_by("name")


def caseloads(*, user, organisation: Organisation | None = None, oversee: bool = True) -> list[dict]:
    """Open cases per worker (counts, no names of subjects), for the units the user may see (only those they work
    at when `oversee` is False), with the limit of TT 33/2017 Điều 5 in force today."""
    visible = list(units(user=user, oversee=oversee).values_list("pk", flat=True))  # a few ids: SQLite then joins from the unit
    workers = Worker.objects.filter(active=True, organisation__in=visible)
    if organisation is not None:
        workers = workers.filter(organisation=organisation)
    counts = dict(Case.objects.open().filter(organisation__in=visible).values_list("worker")
                  .annotate(n=Count("id")).values_list("worker", "n"))
    today = timezone.localdate()
    limit = terms(today)
    rows = []
    for w in workers.select_related("user", "organisation").order_by("organisation__name", "user__username"):
        n = counts.get(w.user_id, 0)
        rows.append({"worker": w, "open": n, "limit": limit.caseload_limit, "state": rules.caseload_state(n, limit)})
    return rows


def unit_totals(rows: list[dict]) -> list[dict]:
    """The caseloads of `caseloads()` summed per unit: workers, open cases, the most on one worker, how many are at
    or over the limit."""
    units: dict[int, dict] = {}
    for row in rows:
        unit = units.setdefault(row["worker"].organisation_id, {
            "organisation": row["worker"].organisation, "workers": 0, "open": 0, "most": 0, "at_limit": 0})
        unit["workers"] += 1
        unit["open"] += row["open"]
        unit["most"] = max(unit["most"], row["open"])
        unit["at_limit"] += row["state"] in ("full", "over")
    return list(units.values())


def access_worker(user, worker: Worker | int, action: str = "view") -> Worker:
    return access(Worker.objects.select_related("user", "organisation"), user, worker, action)


def unit_workers(organisation: Organisation, *, supervisors: bool = False) -> QuerySet:
    from django.contrib.auth import get_user_model

    rows = Worker.objects.filter(organisation=organisation, active=True)
    if supervisors:
        rows = rows.filter(supervisor=True)
    return get_user_model().objects.filter(pk__in=rows.values("user_id"), is_active=True).order_by("username")


def incoming_referrals(*, user) -> QuerySet[Referral]:
    """Referrals waiting at the units the user supervises: what the receiving unit needs to decide, and no more
    of the case (its type, risk, the reason and the consent)."""
    supervised = Worker.objects.filter(user=user, supervisor=True, active=True).values("organisation_id")
    return Referral.objects.filter(to__in=supervised, status=Referral.Status.PENDING).select_related(
        "case", "case__organisation", "to")


def access_incoming(user, pk: int) -> Referral:
    from ansinh.core.access import get_visible_or_404
    return get_visible_or_404(incoming_referrals(user=user), pk=pk)


# the kinds of organisation that manage cases (a commune's People's Committee under NĐ 56/2017, the facilities
# and centres under TT 02/2020, and hospitals with a social-work unit)
UNIT_KINDS = ("commune_committee", "social_assistance", "social_work_centre", "drug_rehabilitation", "hospital")


def openable_units(*, user) -> QuerySet[Organisation]:
    """Where the user may open a case: the units they work at; a commune or province officer, also the units in
    their jurisdiction that have case workers."""
    mine = Organisation.objects.filter(pk__in=Worker.objects.filter(user=user, active=True).values("organisation_id"))
    if user.role in ("commune_officer", "province_officer"):
        staffed = Organisation.objects.filter(pk__in=Worker.objects.filter(active=True).values("organisation_id"))
        q = jurisdiction_q(user)
        mine = mine | (staffed if q is None else staffed.filter(q))
    return mine.distinct().order_by("name")


def possible_units(*, user) -> QuerySet[Organisation]:
    """The organisations in the user's jurisdiction that may have case workers."""
    q = jurisdiction_q(user)
    rows = Organisation.objects.filter(kind__in=UNIT_KINDS)
    return (rows if q is None else rows.filter(q)).order_by("name")


def receiving_units(case: Case) -> QuerySet[Organisation]:
    """Where a case may be referred: a unit of the case's province, other than its own, with a supervisor to answer
    (a unit of another province is out of everyone's jurisdiction here; the hotline 111 connects those)."""
    supervised = Worker.objects.filter(supervisor=True, active=True).values("organisation_id")
    return (Organisation.objects.filter(pk__in=supervised, province_code=case.province_code)
            .exclude(pk=case.organisation_id).order_by("name"))


# --- children in special circumstances ----------------------------------------------------------------


def circumstances(*, user) -> QuerySet[Circumstance]:
    return Circumstance.objects.visible_to(user).select_related("person", "person__commune")


def supports(*, user) -> QuerySet[Support]:
    return Support.objects.visible_to(user)


def require_oversight(user, commune=None) -> None:
    require_capability(user, CASEWORK_OVERSEE)
    if commune is not None and not covers(user, commune):
        raise PermissionDeniedError("Xã/phường này nằm ngoài địa bàn bạn quản lý.")


# --- the workbench --------------------------------------------------------------------------------------


def counted_cases(*, user) -> QuerySet[Case]:
    """The cases a user's figures count: with oversight, every case of the jurisdiction (counts only, never a
    name); otherwise the cases they are related to."""
    from ansinh.core.access import can
    if can(user, CASEWORK_OVERSEE):
        q = jurisdiction_q(user)
        return Case.objects.all() if q is None else Case.objects.filter(q)
    return Case.objects.visible_to(user)


def my_cases(*, user) -> QuerySet[Case]:
    """Open cases the user works on or supervises."""
    return (Case.objects.open().filter(Q(worker=user) | Q(supervisor=user))
            .select_related("organisation", "worker").defer(*CONFIDENTIAL).order_by("-received_at", "-id"))


def trend(*, user, months: int = 12, today: datetime.date | None = None) -> dict:
    """Cases received per month by type, and open at each month's end, for the last `months` months: three
    grouped queries, whatever the number of cases."""
    from django.db.models.functions import TruncMonth

    from ansinh.core.dates import add_months, last_of_month

    today = today or timezone.localdate()
    first = add_months(today.replace(day=1), -(months - 1))
    rows = counted_cases(user=user)
    start = timezone.make_aware(datetime.datetime.combine(first, datetime.time()))
    window = [add_months(first, n) for n in range(months)]
    received: dict[str, list[int]] = {}
    for month, kind, n in (rows.filter(received_at__gte=start).annotate(m=TruncMonth("received_at"))
                           .values_list("m", "case_type").annotate(n=Count("id")).values_list("m", "case_type", "n")):
        day = timezone.localtime(month).date() if isinstance(month, datetime.datetime) else month
        received.setdefault(kind, [0] * months)[window.index(day.replace(day=1))] += n
    before_open = rows.filter(received_at__lt=start).exclude(closed_on__lt=first).count()
    closed = dict(rows.filter(closed_on__gte=first).annotate(m=TruncMonth("closed_on")).values_list("m")
                  .annotate(n=Count("id")).values_list("m", "n"))
    closed = {(k.date() if isinstance(k, datetime.datetime) else k).replace(day=1): v for k, v in closed.items()}
    opened = [sum(column) for column in zip(*received.values(), strict=True)] if received else [0] * months
    open_at_end, running = [], before_open
    for n, month in enumerate(window):
        running += opened[n] - closed.get(month, 0)
        open_at_end.append(running)
    return {"months": window, "received": received, "open": open_at_end,
            "closed": [closed.get(m, 0) for m in window], "last_day": last_of_month(window[-1])}


def workbench(*, user, now: datetime.datetime | None = None) -> dict:
    """What a worker's first page shows: their open cases, what is overdue and due today, the caseloads of the units
    they work at (a province's thousands of workers are on the page of case workers), the trend."""
    now = now or timezone.now()
    return {"mine": my_cases(user=user), "overdue": overdue(user=user, now=now),
            "due_today": due_today(user=user, now=now), "caseloads": caseloads(user=user, oversee=False),
            "trend": trend(user=user, today=timezone.localtime(now).date())}
