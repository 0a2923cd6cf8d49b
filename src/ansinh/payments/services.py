"""Payroll: a month's payment lines for a province or a commune in one INSERT … SELECT.

Idempotent by the database: a line is unique per (person, programme, month) and the insert skips
what exists (ON CONFLICT DO NOTHING), so re-running adds nothing and two runs racing on PostgreSQL
cannot both pay a person. Each line freezes categories (the paid `EnrolmentCategory` rows as one text,
"5.4+5.6"), coefficient, standard level, amount and decision (ARCHITECTURE principle 5).
"""

import datetime
import time
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Exists, F, OuterRef, Sum
from django.utils import timezone
from django_tasks import task

from ansinh.assistance.models import Enrolment, EnrolmentCategory, PaymentMethod, Programme
from ansinh.assistance.selectors import parameters_at
from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.access import covers, require_capability
from ansinh.core.dates import add_months, first_of_month
from ansinh.core.exceptions import DomainError, PermissionDeniedError
from ansinh.core.text import fold

from .access import PAYROLL_RUN
from .extensions import LINES_PAID
from .models import PaymentAgent, PaymentFile, PaymentLine, PayrollRun
from .selectors import access_file, access_run, unissued_lines

LEVEL_KEY = {Programme.MONTHLY_ALLOWANCE: "standard_level", Programme.SOCIAL_PENSION: "social_pension"}


PAID_STATUSES = "('active', 'ended')"  # a suspended or cancelled period is owed nothing

_COLUMNS = """run_id, enrolment_id, person_id, programme, month, categories, coefficient, standard_level, amount,
              decision_number, method, commune_id, province_code, status, created_at"""


def paid_categories_sql(*, commune: bool, arrears: bool = False) -> tuple[str, str]:
    """A line's frozen `categories`: its enrolment's paid rows as one text, joined as `rules.categories_label`
    joins them ("5.4+5.6", in code order). Returns (a join to add after the enrolment `e`, the expression).

    PostgreSQL groups the rows of the statement's own periods once (the run's province and programme, its
    commune, those owed arrears), not every period in the database, and orders inside `string_agg`. SQLite before 3.44 has no ORDER BY inside an aggregate:
    `group_concat` reads each enrolment's rows from an ordered subquery on the (enrolment, category) index,
    which is also its fastest plan."""
    rows, enrolment = EnrolmentCategory._meta.db_table, Enrolment._meta.db_table
    if connection.vendor == "postgresql":
        join = f"""LEFT JOIN (SELECT r.enrolment_id, string_agg(r.category, '+' ORDER BY r.category) AS codes
                              FROM {rows} r JOIN {enrolment} re ON re.id = r.enrolment_id
                              WHERE r.paid AND re.province_code = %(province)s AND re.programme = %(programme)s
                                {"AND re.commune_id = %(commune)s" if commune else ""}
                                {"AND re.arrears_pending" if arrears else ""}
                              GROUP BY r.enrolment_id) c ON c.enrolment_id = e.id"""
        return join, "COALESCE(c.codes, '')"
    return "", f"""COALESCE((SELECT group_concat(category, '+') FROM (
                     SELECT r.category FROM {rows} r WHERE r.enrolment_id = e.id AND r.paid ORDER BY r.category)), '')"""


def payroll_sql(*, commune: bool) -> str:
    """The month's statement, shared with the benchmark's floor."""
    line, enrolment, person = PaymentLine._meta.db_table, Enrolment._meta.db_table, "registry_person"
    join, categories = paid_categories_sql(commune=commune)
    return f"""
        INSERT INTO {line} ({_COLUMNS})
        SELECT %(run)s, e.id, e.person_id, e.programme, %(month)s, {categories}, e.coefficient,
               %(level)s, CAST(ROUND(e.coefficient * %(level)s) AS BIGINT), e.decision_number,
               e.payment_method, e.commune_id, e.province_code, 'pending', %(now)s
        FROM {enrolment} e JOIN {person} p ON p.id = e.person_id {join}
        WHERE e.province_code = %(province)s AND e.programme = %(programme)s AND e.status IN {PAID_STATUSES}
          {"AND e.commune_id = %(commune)s" if commune else ""}
          AND e.start_month <= %(month)s AND (e.end_month IS NULL OR e.end_month >= %(month)s)
          AND (p.date_of_death IS NULL OR p.date_of_death >= %(month)s)
        ON CONFLICT (person_id, programme, month) DO NOTHING
    """


def arrears_sql(*, commune: bool, months: int) -> str:
    """Truy lĩnh: the earlier months still owed on periods flagged `arrears_pending` (a decision signed
    after the month payment starts), each at that month's own standard level."""
    line, enrolment, person = PaymentLine._meta.db_table, Enrolment._meta.db_table, "registry_person"
    values = ", ".join(f"(%(m{i})s, %(l{i})s)" for i in range(months))
    join, categories = paid_categories_sql(commune=commune, arrears=True)
    return f"""
        WITH owed(month, level) AS (VALUES {values})
        INSERT INTO {line} ({_COLUMNS})
        SELECT %(run)s, e.id, e.person_id, e.programme, o.month, {categories}, e.coefficient,
               o.level, CAST(ROUND(e.coefficient * o.level) AS BIGINT), e.decision_number,
               e.payment_method, e.commune_id, e.province_code, 'pending', %(now)s
        FROM {enrolment} e JOIN {person} p ON p.id = e.person_id
             JOIN owed o ON o.month >= e.start_month AND (e.end_month IS NULL OR o.month <= e.end_month) {join}
        WHERE e.province_code = %(province)s AND e.programme = %(programme)s AND e.status IN {PAID_STATUSES}
          AND e.arrears_pending {"AND e.commune_id = %(commune)s" if commune else ""}
          AND (p.date_of_death IS NULL OR p.date_of_death >= o.month)
        ON CONFLICT (person_id, programme, month) DO NOTHING
    """


def _pay_arrears(cursor, params: dict, *, month, province_code, programme, commune) -> int:
    pending = Enrolment.objects.filter(province_code=province_code, programme=programme, arrears_pending=True,
                                       start_month__lt=month)
    if commune is not None:
        pending = pending.filter(commune=commune)
    earliest = pending.order_by("start_month").values_list("start_month", flat=True).first()
    if earliest is None:
        return 0
    owed = []
    cursor_month = max(earliest, add_months(month, -ARREARS_MONTHS_MAX))
    while cursor_month < month:
        level = parameters_at(cursor_month, province_code)[0].get(LEVEL_KEY[Programme(programme)])
        if level:
            owed.append((cursor_month, int(level)))
        cursor_month = add_months(cursor_month, 1)
    added = 0
    if owed:
        values = {f"m{i}": m for i, (m, _) in enumerate(owed)} | {f"l{i}": lv for i, (_, lv) in enumerate(owed)}
        cursor.execute(arrears_sql(commune=commune is not None, months=len(owed)), params | values)
        added = max(cursor.rowcount, 0)
    pending.update(arrears_pending=False)
    return added


ARREARS_MONTHS_MAX = 60


def payroll_request(
    *, user, month: datetime.date, province_code: str, commune=None, programme: str = Programme.MONTHLY_ALLOWANCE,
    background: bool = True,
) -> PayrollRun:
    """Ask for a month's payroll in the user's jurisdiction: the run is recorded (and audited) at once and
    its lines are written by the worker (`payroll_execute`), or here with `background=False`."""
    month = first_of_month(month)
    require_capability(user, PAYROLL_RUN, "Bạn không có quyền lập danh sách chi trả.")
    unit = user.jurisdiction
    if commune is not None:
        if not covers(user, commune):
            raise PermissionDeniedError("Xã này ngoài địa bàn của bạn.")
        province_code = commune.province_code
    elif unit is not None and (unit.level == "commune" or unit.province_code != province_code):
        raise PermissionDeniedError("Chỉ lập danh sách chi trả trong địa bàn của bạn.")
    level = parameters_at(month, province_code)[0].get(LEVEL_KEY[Programme(programme)])
    if not level:
        raise DomainError(f"Chưa có mức chuẩn áp dụng cho tháng {month:%m/%Y}.", field="month")
    with transaction.atomic():
        run = PayrollRun.objects.create(
            month=month, programme=programme, province_code=province_code, commune=commune,
            standard_level=int(level), created_by=user,
        )
        audit_record(
            actor=user, action=AuditEvent.Action.CREATE, instance=run, commune=commune, province_code=province_code,
            changes={"after": {"month": str(month), "programme": programme, "standard_level": int(level)}},
        )
        if background:
            payroll_task.enqueue(run.pk)  # the queue row commits with the run
    if not background:
        payroll_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def payroll_generate(**kwargs) -> PayrollRun:
    """`payroll_request` done in this process (commands, benchmarks, demo seeding, tests)."""
    return payroll_request(**kwargs, background=False)


def payroll_execute(*, run_id: int) -> PayrollRun:
    """Write a run's lines in one transaction. Safe to repeat (a restarted worker, a re-queued run): a run
    already done is left alone, and the lines themselves are unique per person, programme and month."""
    started = time.perf_counter()
    with transaction.atomic():
        run = PayrollRun.objects.select_for_update().get(pk=run_id)
        if run.status == PayrollRun.Status.DONE:
            return run
        PayrollRun.objects.filter(pk=run.pk).update(status=PayrollRun.Status.RUNNING, started_at=timezone.now())
    try:
        with transaction.atomic():
            run = PayrollRun.objects.select_for_update().get(pk=run_id)
            params: dict[str, Any] = {"run": run.pk, "month": run.month, "level": run.standard_level, "now": timezone.now(),
                      "province": run.province_code, "programme": run.programme, "commune": run.commune_id}
            with connection.cursor() as cursor:
                cursor.execute(payroll_sql(commune=run.commune_id is not None), params)
                created = max(cursor.rowcount, 0)
                created += _pay_arrears(cursor, params, month=run.month, province_code=run.province_code,
                                        programme=run.programme, commune=run.commune)
            run.lines_created = created
            run.seconds = round(time.perf_counter() - started, 3)
            run.status, run.finished_at, run.error = PayrollRun.Status.DONE, timezone.now(), ""
            run.save(update_fields=["lines_created", "seconds", "status", "finished_at", "error"])
    except Exception as exc:
        PayrollRun.objects.filter(pk=run_id).update(status=PayrollRun.Status.FAILED, finished_at=timezone.now(),
                                                    error=str(exc)[:2000])
        raise
    return run


@task()
def payroll_task(run_id: int) -> int:
    """The worker's part of `payroll_request`."""
    return payroll_execute(run_id=run_id).lines_created


def payroll_resume() -> int:
    """Queue again every run a stopped worker left unfinished (queued or running): called when a worker
    starts. Repeating a run adds nothing twice."""
    pending = list(PayrollRun.objects.filter(status__in=[PayrollRun.Status.QUEUED, PayrollRun.Status.RUNNING])
                   .values_list("pk", flat=True))
    for pk in pending:
        payroll_task.enqueue(pk)
    return len(pending)


# --- payment files and reconciliation -------------------------------------------------------------------


@transaction.atomic
def payment_files_issue(*, user, run: PayrollRun) -> list[PaymentFile]:
    """Hand the run's lines (and earlier failed ones) to the agents: one file per agent for bank and agent
    payments in the communes it serves, one per commune for cash. From then on a line belongs to its file."""
    access_run(user, run, "issue")
    if run.status != PayrollRun.Status.DONE:
        raise DomainError("Danh sách chi trả đang được lập; hãy giao tệp khi đã lập xong.", field="run")
    files = []
    agents = PaymentAgent.objects.filter(province_code=run.province_code).annotate(n=Count("communes")).order_by("-n", "id")
    for agent in agents:  # agents for some communes before agents for the whole province
        lines = unissued_lines(run).filter(method__in=[PaymentMethod.BANK, PaymentMethod.AGENT])
        if agent.n:
            lines = lines.filter(commune__in=agent.communes.all())
        files.append(_file_for(user=user, run=run, agent=agent, lines=lines))
    cash_communes = unissued_lines(run).filter(method=PaymentMethod.CASH).values_list("commune", flat=True).distinct()
    for commune_id in list(cash_communes):
        lines = unissued_lines(run).filter(method=PaymentMethod.CASH, commune_id=commune_id)
        files.append(_file_for(user=user, run=run, agent=None, lines=lines, commune_id=commune_id))
    return [f for f in files if f is not None]


def _file_for(*, user, run, agent, lines, commune_id=None) -> PaymentFile | None:
    if not lines.exists():
        return None
    file = PaymentFile.objects.create(run=run, agent=agent, province_code=run.province_code,
                                      commune_id=commune_id or run.commune_id, issued_by=user)
    lines.update(file=file, status=PaymentLine.Status.PENDING, attempts=F("attempts") + 1)  # one UPDATE
    totals = PaymentLine.objects.filter(file=file).aggregate(n=Count("id"), amount=Sum("amount"))
    file.line_count, file.total = totals["n"], totals["amount"] or 0
    file.save(update_fields=["line_count", "total"])
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=file, commune=file.commune,
                 province_code=file.province_code,
                 changes={"after": {"agent": str(agent or "tiền mặt"), "lines": file.line_count, "total": file.total}})
    return file


RESULT_PAID = {"da chi", "da chi tra", "paid", "thanh cong", "ok"}
RESULT_FAILED = {"khong thanh cong", "khong chi duoc", "that bai", "failed", "loi"}


@transaction.atomic
def payment_file_reconcile(*, user, file: PaymentFile, rows: list[dict]) -> dict:
    """Apply an agent's result file: every line of the file, paid (with the date) or failed (with the
    reason). Anything wrong in any row and nothing is applied: the messages name the rows."""
    access_file(user, file, "reconcile")
    locked = PaymentFile.objects.select_for_update().get(pk=file.pk)
    if locked.status == PaymentFile.Status.RECONCILED:
        raise DomainError("Tệp này đã được đối soát.", field="file")
    expected = dict(PaymentLine.objects.filter(file=locked).values_list("id", "amount"))
    errors, paid, failed, seen = [], {}, {}, set()
    for row in rows:
        n, line_id = row["row"], row.get("line")
        if line_id not in expected:
            errors.append(f"Dòng {n}: mã dòng “{row.get('line_text', '')}” không thuộc tệp này.")
            continue
        if line_id in seen:
            errors.append(f"Dòng {n}: mã dòng {line_id} lặp lại.")
            continue
        seen.add(line_id)
        result = fold(row.get("result") or "")
        if row.get("amount") is not None and row["amount"] != expected[line_id]:
            errors.append(f"Dòng {n}: số tiền {row['amount']} khác số tiền đã giao ({expected[line_id]}).")
        elif result in RESULT_PAID:
            if row.get("date_error"):
                errors.append(f"Dòng {n}: ngày chi “{row['date_error']}” không hợp lệ (dd/mm/yyyy).")
            else:
                paid[line_id] = row.get("paid_on")
        elif result in RESULT_FAILED:
            if not (row.get("reason") or "").strip():
                errors.append(f"Dòng {n}: chi không thành công cần ghi lý do.")
            else:
                failed[line_id] = row["reason"].replace("\x00", "").strip()[:200]
        else:
            errors.append(f"Dòng {n}: kết quả “{row.get('result') or ''}” không hợp lệ "
                          "(ghi “Đã chi” hoặc “Không thành công”).")
    missing = set(expected) - seen
    if missing:
        sample = ", ".join(str(i) for i in sorted(missing)[:10])
        errors.append(f"Thiếu kết quả của {len(missing)} dòng (mã dòng {sample}{'…' if len(missing) > 10 else ''}).")
    if errors:
        raise DomainError("Tệp kết quả có lỗi, chưa áp dụng dòng nào.", errors={"file": errors})
    today = timezone.localdate()
    by_date: dict = {}
    for line_id, day in paid.items():
        by_date.setdefault(day or today, []).append(line_id)
    for day, ids in by_date.items():
        PaymentLine.objects.filter(id__in=ids).update(status=PaymentLine.Status.PAID, paid_on=day, failure_reason="")
    for react in LINES_PAID:  # one-off lines tell their app (emergency cash: the aid is delivered)
        react(user=user, paid={line_id: day or today for line_id, day in paid.items()})
    for reason in set(failed.values()):
        ids = [i for i, r in failed.items() if r == reason]
        PaymentLine.objects.filter(id__in=ids).update(status=PaymentLine.Status.FAILED, failure_reason=reason)
    locked.status, locked.reconciled_at = PaymentFile.Status.RECONCILED, timezone.now()
    locked.save(update_fields=["status", "reconciled_at"])
    summary = {"paid": len(paid), "failed": len(failed)}
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=locked, commune=locked.commune,
                 province_code=locked.province_code, changes={**summary, "failed_lines": failed})
    return summary


def merge_payment_lines(*, user, survivor, duplicate) -> dict:
    """The registry merges two records of one person (`registry.extensions.MERGE_PARTS`): their payment lines
    go to the survivor, except where both were paid for the same month of a programme. Those lines stay with
    the merged record, both kept: the merge has found a double payment, and the months are listed so that the
    officer recovers one of them (a line is never paid twice: `payment_line_once_per_month`)."""
    paid_to_survivor = PaymentLine.objects.filter(person=survivor, programme=OuterRef("programme"),
                                                  month=OuterRef("month"))
    twice = list(PaymentLine.objects.filter(person=duplicate).filter(Exists(paid_to_survivor))
                 .order_by("month", "programme").values_list("pk", "programme", "month", "amount"))
    moved = PaymentLine.objects.filter(person=duplicate).exclude(pk__in=[pk for pk, *_ in twice]).update(person=survivor)
    outcome: dict = {"payment_lines_moved": moved}
    if twice:
        months = [f"{month:%m/%Y}" for _, _, month, _ in twice]
        outcome["paid_twice"] = [{"line": pk, "programme": programme, "month": str(month), "amount": amount}
                                 for pk, programme, month, amount in twice]
        outcome["note"] = (f"Hai hồ sơ cùng được chi trả {len(twice)} tháng ({', '.join(months)}): cần thu hồi số tiền đã "
                           f"chi trùng ({sum(a for *_, a in twice):,} đồng); các dòng chi trả của hồ sơ bị gộp được giữ "
                           "lại để đối chiếu.".replace(",", "."))
    return outcome
