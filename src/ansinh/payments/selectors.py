"""Reads of payroll runs and lines, always scoped."""

import datetime

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from ansinh.assistance.models import Enrolment, EnrolmentCategory, Programme
from ansinh.core.access import access
from ansinh.core.dates import add_months, first_of_month

from .models import EMERGENCY, PaymentFile, PaymentLine, PayrollRun


def run_list(*, user):
    return PayrollRun.objects.visible_to(user).select_related("commune", "created_by").order_by("-month", "-id")


def access_run(user, run: PayrollRun | int, action: str = "view") -> PayrollRun:
    return access(PayrollRun.objects.select_related("commune"), user, run, action)


def run_get(*, user, pk) -> PayrollRun:
    return access_run(user, pk)


def run_progress(*, run: PayrollRun) -> dict:
    """What the waiting page says of a run still with the worker: how long it has run, and how long the
    last finished run of the same scope took (one INSERT … SELECT has no partial count to show)."""
    previous = (PayrollRun.objects.filter(status=PayrollRun.Status.DONE, province_code=run.province_code,
                                          commune=run.commune, programme=run.programme)
                .exclude(pk=run.pk).order_by("-finished_at").values_list("seconds", flat=True).first())
    elapsed = (timezone.now() - run.started_at).total_seconds() if run.started_at else None
    return {"elapsed": round(elapsed) if elapsed is not None else None,
            "previous": max(1, round(previous)) if previous is not None else None}


def run_lines(*, user, run: PayrollRun):
    qs = PaymentLine.objects.visible_to(user).filter(run=run).select_related("person", "commune")
    return qs.order_by("commune__name", "person__sort_name", "month", "id")


def person_lines(*, user, person):
    """A person's payment lines the user may see, newest month first (a line paid by another province's
    commune before a move stays out of sight)."""
    return PaymentLine.objects.visible_to(user).filter(person=person).select_related("commune").order_by("-month", "-id")


def by_category(lines, *, by_month: bool = False) -> list[dict]:
    """Lines and their amounts per category (`category`, `n`, `amount`, and `month` with `by_month`), in one query.

    A line paid under one category (its frozen `categories` text) counts there with its whole amount. A line
    paid under several ("5.4+5.6") counts in each and its amount is split by its enrolment's paid rows
    (`EnrolmentCategory`): each takes ROUND(its coefficient × the line's standard level), and the first in code
    order also takes what is left of the line's amount, so the categories always add up to the total, even if
    a share was rounded or the rows changed after the line was frozen. Only those few lines are joined."""
    try:
        inner, params = lines.values("id", "enrolment_id", "month", "amount", "standard_level", "categories"
                                     ).query.sql_with_params()
    except EmptyResultSet:  # nothing the user may see
        return []
    month = "month, " if by_month else ""
    with connection.cursor() as cursor:
        cursor.execute(f"""
            SELECT {month}category, COUNT(*), SUM(amount) FROM (
                SELECT month, categories AS category, amount FROM ({inner}) single WHERE categories NOT LIKE '%%+%%'
                UNION ALL
                SELECT month, category, share + CASE WHEN position = 1 THEN amount - line_sum ELSE 0 END FROM (
                    SELECT l.month, COALESCE(c.category, '') AS category, l.amount,
                           COALESCE(ROUND(c.coefficient * l.standard_level), 0) AS share,
                           SUM(COALESCE(ROUND(c.coefficient * l.standard_level), 0)) OVER (PARTITION BY l.id) AS line_sum,
                           ROW_NUMBER() OVER (PARTITION BY l.id ORDER BY c.category) AS position
                    FROM ({inner}) l LEFT JOIN {EnrolmentCategory._meta.db_table} c
                         ON c.enrolment_id = l.enrolment_id AND c.paid
                    WHERE l.categories LIKE '%%+%%'
                ) shares
            ) parts
            GROUP BY {month}category""", [*params, *params])
        rows = cursor.fetchall()
    if by_month:
        return [{"month": _date(m), "category": c, "n": n, "amount": int(a)} for m, c, n, a in rows]
    return sorted(({"category": c, "n": n, "amount": int(a)} for c, n, a in rows),
                  key=lambda r: (-r["amount"], r["category"]))


def _date(value) -> datetime.date:
    # a raw query on SQLite gives dates as text
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)


def run_summary(*, user, run: PayrollRun) -> dict:
    """Totals of a run by category and by commune, and its arrears (months before the run's month)."""
    lines = PaymentLine.objects.visible_to(user).filter(run=run)
    return {
        "total": lines.aggregate(n=Count("id"), amount=Sum("amount")),
        "arrears": lines.filter(month__lt=run.month).aggregate(n=Count("id"), amount=Sum("amount")),
        "by_category": by_category(lines),
        "by_commune": list(lines.values("commune__name").annotate(n=Count("id"), amount=Sum("amount"))
                           .order_by("-amount")),
        "by_status": dict(lines.values_list("status").annotate(n=Count("id")).order_by()),
    }


def monthly_totals(*, user, months: int = 12) -> list[dict]:
    """Beneficiaries and spending per month (lines by the month they pay), newest `months` months."""
    rows = (PaymentLine.objects.visible_to(user).values("month")
            .annotate(n=Count("person_id", distinct=True), amount=Sum("amount")).order_by("-month")[:months])
    return list(reversed(rows))


def file_list(*, user, run=None):
    qs = PaymentFile.objects.visible_to(user).select_related("agent", "run", "commune")
    return qs.filter(run=run) if run is not None else qs


def access_file(user, file: PaymentFile | int, action: str = "view") -> PaymentFile:
    """A payment file: an agent's own, or one of the officer's jurisdiction."""
    return access(PaymentFile.objects.select_related("agent", "run", "commune"), user, file, action)


def file_get(*, user, pk) -> PaymentFile:
    return access_file(user, pk)


def file_lines(*, file: PaymentFile):
    """The lines of a file the user may see (the file itself was reached through `file_get`)."""
    return PaymentLine.objects.filter(file=file).select_related("person", "commune").order_by(
        "commune__name", "person__sort_name", "month", "id")


def unissued_lines(run: PayrollRun):
    """Lines waiting for a file in the run's scope: never issued, or failed and so carried to this one. A
    failed line of a person whose payment is suspended now waits until it is resumed."""
    suspended = Enrolment.objects.filter(person=OuterRef("person"), programme=OuterRef("programme"),
                                         end_month__isnull=True, status=Enrolment.Status.SUSPENDED)
    lines = PaymentLine.objects.filter(province_code=run.province_code, month__lte=run.month).filter(
        Q(status=PaymentLine.Status.PENDING, file__isnull=True)
        | Q(Q(status=PaymentLine.Status.FAILED) & ~Exists(suspended)))
    if run.programme == EMERGENCY:  # a one-off run hands out its own lines, not a month's waiting ones
        lines = lines.filter(run=run)
    return lines.filter(commune=run.commune) if run.commune_id else lines


def unissued_count(*, run: PayrollRun) -> int:
    return unissued_lines(run).count()


def monthly_by_category(*, user, months: int = 12) -> tuple[list[str], dict[str, list[int]]]:
    """Spending per month (the month paid for) split by category (`by_category`), for a stacked chart: labels,
    series."""
    lines = PaymentLine.objects.visible_to(user)
    recent = list(lines.values_list("month", flat=True).distinct().order_by("-month")[:months])
    ordered = sorted(recent)
    series: dict[str, list[int]] = {}
    for row in by_category(lines.filter(month__in=recent), by_month=True):
        values = series.setdefault(row["category"], [0] * len(ordered))
        values[ordered.index(row["month"])] = row["amount"] // 1_000_000
    return [m.strftime("%m/%Y") for m in ordered], dict(sorted(series.items()))


UNCOLLECTED_MONTHS = 3  # TT 02/2021 Điều 2: không nhận trợ cấp từ 3 tháng liên tục trở lên → tạm dừng


def uncollected(*, user, through: datetime.date, months: int = UNCOLLECTED_MONTHS) -> list[Enrolment]:
    """Open active periods whose person's payment failed for each of the `months` months up to `through`
    (the agent could not pay: not collected, away, wrong account): candidates for suspension. One query per
    programme; the last failure reason comes along."""
    through = first_of_month(through)
    start = add_months(through, -(months - 1))
    failed = PaymentLine.objects.filter(status=PaymentLine.Status.FAILED, month__gte=start, month__lte=through)
    rows: list[Enrolment] = []
    for programme in Programme.values:
        streaks = (failed.filter(programme=programme).values("person_id").annotate(n=Count("month", distinct=True))
                   .filter(n=months).values("person_id"))
        last_reason = failed.filter(person_id=OuterRef("person_id"), programme=programme).order_by("-month")
        rows += list(
            Enrolment.objects.visible_to(user).filter(end_month__isnull=True, status=Enrolment.Status.ACTIVE,
                                                     programme=programme, person_id__in=streaks)
            .annotate(last_failure=Subquery(last_reason.values("failure_reason")[:1]))
            .select_related("person", "commune").prefetch_related("category_rows").order_by("commune__name", "person__sort_name")
        )
    return rows
