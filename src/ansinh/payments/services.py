"""Payroll: a month's payment lines for a province or a commune in one INSERT … SELECT.

Idempotent by the database: a line is unique per (person, programme, month) and the insert skips
what exists (ON CONFLICT DO NOTHING), so re-running adds nothing and two runs racing on PostgreSQL
cannot both pay a person. Each line freezes categories, coefficient, standard level, amount and
decision (ARCHITECTURE principle 5).
"""

import datetime
import time

from django.db import connection, transaction
from django.utils import timezone

from ansinh.accounts.permissions import PAYROLL_RUN, can
from ansinh.assistance import rules
from ansinh.assistance.models import Enrolment, Programme
from ansinh.assistance.rules import first_of_month
from ansinh.assistance.selectors import parameters_at
from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.exceptions import DomainError, PermissionDeniedError
from ansinh.core.scoping import covers

from .models import PaymentLine, PayrollRun

LEVEL_KEY = {Programme.MONTHLY_ALLOWANCE: "standard_level", Programme.SOCIAL_PENSION: "social_pension"}


PAID_STATUSES = "('active', 'ended')"  # a suspended or cancelled period is owed nothing

_COLUMNS = """run_id, enrolment_id, person_id, programme, month, categories, coefficient, standard_level, amount,
              decision_number, method, commune_id, province_code, status, created_at"""


def payroll_sql(*, commune: bool) -> str:
    """The month's statement, shared with the benchmark's floor."""
    line, enrolment, person = PaymentLine._meta.db_table, Enrolment._meta.db_table, "registry_person"
    return f"""
        INSERT INTO {line} ({_COLUMNS})
        SELECT %(run)s, e.id, e.person_id, e.programme, %(month)s, e.categories, e.coefficient,
               %(level)s, CAST(ROUND(e.coefficient * %(level)s) AS BIGINT), e.decision_number,
               e.payment_method, e.commune_id, e.province_code, 'pending', %(now)s
        FROM {enrolment} e JOIN {person} p ON p.id = e.person_id
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
    return f"""
        WITH owed(month, level) AS (VALUES {values})
        INSERT INTO {line} ({_COLUMNS})
        SELECT %(run)s, e.id, e.person_id, e.programme, o.month, e.categories, e.coefficient,
               o.level, CAST(ROUND(e.coefficient * o.level) AS BIGINT), e.decision_number,
               e.payment_method, e.commune_id, e.province_code, 'pending', %(now)s
        FROM {enrolment} e JOIN {person} p ON p.id = e.person_id
             JOIN owed o ON o.month >= e.start_month AND (e.end_month IS NULL OR o.month <= e.end_month)
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
    cursor_month = max(earliest, rules.add_months(month, -ARREARS_MONTHS_MAX))
    while cursor_month < month:
        level = parameters_at(cursor_month, province_code)[0].get(LEVEL_KEY[Programme(programme)])
        if level:
            owed.append((cursor_month, int(level)))
        cursor_month = rules.add_months(cursor_month, 1)
    added = 0
    if owed:
        values = {f"m{i}": m for i, (m, _) in enumerate(owed)} | {f"l{i}": lv for i, (_, lv) in enumerate(owed)}
        cursor.execute(arrears_sql(commune=commune is not None, months=len(owed)), params | values)
        added = max(cursor.rowcount, 0)
    pending.update(arrears_pending=False)
    return added


ARREARS_MONTHS_MAX = 60


def payroll_generate(
    *, user, month: datetime.date, province_code: str, commune=None, programme: str = Programme.MONTHLY_ALLOWANCE,
) -> PayrollRun:
    """Lines for every enrolment active in `month` in the province (or one commune) not yet paid for it."""
    month = first_of_month(month)
    if not can(user, PAYROLL_RUN):
        raise PermissionDeniedError("Bạn không có quyền lập danh sách chi trả.")
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
    started = time.perf_counter()
    with transaction.atomic():
        run = PayrollRun.objects.create(
            month=month, programme=programme, province_code=province_code, commune=commune,
            standard_level=int(level), created_by=user,
        )
        params = {"run": run.pk, "month": month, "level": int(level), "now": timezone.now(),
                  "province": province_code, "programme": programme, "commune": getattr(commune, "pk", None)}
        with connection.cursor() as cursor:
            cursor.execute(payroll_sql(commune=commune is not None), params)
            run.lines_created = max(cursor.rowcount, 0)
            run.lines_created += _pay_arrears(cursor, params, month=month, province_code=province_code,
                                              programme=programme, commune=commune)
        run.seconds = round(time.perf_counter() - started, 3)
        run.save(update_fields=["lines_created", "seconds"])
        audit_record(
            actor=user, action=AuditEvent.Action.CREATE, instance=run, commune=commune, province_code=province_code,
            changes={"after": {"month": str(month), "programme": programme, "standard_level": int(level),
                               "lines_created": run.lines_created}},
        )
    return run


def run_exported(*, user, run: PayrollRun, fmt: str) -> None:
    """A payment file leaves the system: who took which list, in the audit log."""
    with transaction.atomic():
        audit_record(actor=user, action=AuditEvent.Action.EXPORT, instance=run, commune=run.commune,
                     province_code=run.province_code, changes={"format": fmt, "month": str(run.month)})
