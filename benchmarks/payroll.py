"""Monthly payroll at scale: `payments.services.payroll_generate` for N active enrolments, beside the floor.

    .venv/bin/python benchmarks/payroll.py [--enrolments 1000000] [--database-url URL]

Creates a fresh database, N people and N active enrolments in one province (set-based SQL), then
times the payroll for a month (seconds, lines/s, Python peak memory), the re-run (must add nothing),
and the floor: the same rows written by one bare INSERT … SELECT. Prints one JSON object.
"""

import argparse
import datetime
import json
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from registry_search import ROOT, database_info, django_setup, fresh_database, log  # noqa: E402

DEFAULT_SQLITE = ROOT / "var" / "bench" / "payroll.sqlite3"
PROVINCE = "96"
MONTH = datetime.date(2026, 3, 1)
TARGET_SECONDS = 60.0
# the 5.6 coefficient of person i (child or elderly especially severe, especially severe, severe)
DISABILITY = "CASE WHEN i %% 3 = 0 THEN 2.5 WHEN i %% 3 = 1 THEN 2.0 ELSE 1.5 END"


def load(n: int) -> float:
    """N people and N enrolments spread over the province's communes, written by the database itself, with their
    category rows: every enrolment paid under 5.6; one in 20 also under 5.4 (1 child, so 1,0 more), and one in 10
    also qualified under 5.8 but not paid (Điều 6 k.2), so the payroll's "5.4+5.6" texts come from real grouping."""
    from django.db import connection

    from ansinh.geo.models import AdministrativeUnit

    communes = list(AdministrativeUnit.objects.filter(level="commune", province_code=PROVINCE, valid_to__isnull=True)
                    .order_by("id").values_list("id", flat=True))
    lo, count = communes[0], len(communes)
    assert communes == list(range(lo, lo + count)), "commune ids of the province must be contiguous"
    pg = connection.vendor == "postgresql"
    series = ("SELECT g AS i FROM generate_series(1, %(n)s) g" if pg else
              "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %(n)s) SELECT i FROM s")
    now = "now()" if pg else "datetime('now')"
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if not pg:
            cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute(f"""
            INSERT INTO registry_person (id, full_name, name_folded, sort_name, birth_year, sex, ethnicity, commune_id,
                province_code, hamlet, address, legacy_address, phone, disability_level, pension_status, bank_name,
                bank_account, version, created_at, updated_at)
            SELECT i, 'Người ' || i, 'nguoi ' || i, i || ' nguoi', 1950 + i %% 70, CASE WHEN i %% 2 = 0 THEN 'F' ELSE 'M' END,
                   '01', {lo} + i %% {count}, '{PROVINCE}', '', '', '', '', 'severe', 'none', '', '', 1, {now}, {now}
            FROM ({series}) s""", {"n": n})
        cursor.execute(f"""
            INSERT INTO assistance_enrolment (person_id, programme, coefficient, children_count, studying,
                start_month, status, end_reason, arrears_pending, decision_number, decision_date, payment_method,
                commune_id, province_code, version, created_at)
            SELECT i, 'tcxh', {DISABILITY} + CASE WHEN i %% 20 = 0 THEN 1.0 ELSE 0 END,
                   CASE WHEN i %% 20 = 0 THEN 1 ELSE 0 END, false,
                   '2025-01-01', 'active', '', false, i || '/QĐ-UBND', '2025-01-01', 'agent', {lo} + i %% {count},
                   '{PROVINCE}', 1, {now}
            FROM ({series}) s""", {"n": n})
        for category, coefficient, paid, which in [("5.6", DISABILITY.replace("i %%", "person_id %%"), "true", "1 = 1"),
                                                   ("5.4", "1.0", "true", "person_id %% 20 = 0"),
                                                   ("5.8", "1.5", "false", "person_id %% 10 = 0")]:
            cursor.execute(f"""INSERT INTO assistance_enrolmentcategory (enrolment_id, category, coefficient, paid)
                               SELECT id, '{category}', {coefficient}, {paid} FROM assistance_enrolment
                               WHERE {which}""", {"n": n})
        if pg:
            cursor.execute("SELECT setval(pg_get_serial_sequence('registry_person', 'id'), %s)", [n])
            cursor.execute("VACUUM (ANALYZE) registry_person")
            cursor.execute("VACUUM (ANALYZE) assistance_enrolment")
            cursor.execute("VACUUM (ANALYZE) assistance_enrolmentcategory")
        else:
            cursor.execute("ANALYZE")
    return round(time.perf_counter() - started, 2)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--enrolments", type=int, default=1_000_000)
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}")
    args = parser.parse_args()

    fresh_database(args.database_url)
    django_setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    from ansinh.accounts.models import Role
    from ansinh.accounts.services import user_create
    from ansinh.geo.models import AdministrativeUnit
    from ansinh.geo.services import admin_units_load
    from ansinh.payments.models import PaymentLine, PayrollRun
    from ansinh.payments.services import payroll_generate, payroll_sql

    call_command("migrate", interactive=False, verbosity=0)
    admin_units_load()
    log(f"loading {args.enrolments:,} people and enrolments")
    load_seconds = load(args.enrolments)
    log(f"loaded in {load_seconds}s")
    province = AdministrativeUnit.objects.get(level="province", code=PROVINCE, valid_to__isnull=True)
    officer = user_create(actor=None, username="bench_tinh", password="x", role=Role.PROVINCE_OFFICER,
                          jurisdiction=province, validate=False)

    log("payroll")
    tracemalloc.start()
    t0 = time.perf_counter()
    run = payroll_generate(user=officer, month=MONTH, province_code=PROVINCE)
    seconds = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    total = PaymentLine.objects.filter(run=run).count()

    log("re-run (must add nothing)")
    t0 = time.perf_counter()
    rerun = payroll_generate(user=officer, month=MONTH, province_code=PROVINCE)
    rerun_seconds = time.perf_counter() - t0

    log("payment file: issue to one agent, export CSV and XLSX")
    from ansinh.core.files import csv_bytes as csv_bytes_of
    from ansinh.core.files import xlsx_bytes
    from ansinh.payments import exports
    from ansinh.payments.models import PaymentAgent
    from ansinh.payments.services import payment_files_issue

    PaymentAgent.objects.create(code="BENCH", name="Bưu điện (benchmark)", province_code=PROVINCE)
    t0 = time.perf_counter()
    files = payment_files_issue(user=officer, run=run)
    issue_seconds = time.perf_counter() - t0
    lines = PaymentLine.objects.filter(file=files[0]).order_by("id")
    t0 = time.perf_counter()
    csv_bytes = len(csv_bytes_of(exports.lines_table(lines)))
    csv_seconds = time.perf_counter() - t0
    sample = min(total, 100_000)  # XLSX is slower: timed on the first 100,000 lines
    t0 = time.perf_counter()
    xlsx_bytes(exports.lines_table(lines[:sample]))
    xlsx_seconds = time.perf_counter() - t0

    log("floor: the same rows by one bare INSERT … SELECT")
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {PaymentLine._meta.db_table}")
        cursor.execute(f"DELETE FROM {files[0]._meta.db_table}")
    floor_sql = payroll_sql(commune=False).replace("ON CONFLICT (person_id, programme, month) DO NOTHING", "")
    with connection.cursor() as cursor:
        t0 = time.perf_counter()
        cursor.execute(floor_sql, {"run": run.pk, "month": MONTH, "level": run.standard_level,
                                   "now": datetime.datetime.now(datetime.UTC), "province": PROVINCE,
                                   "programme": "tcxh", "commune": None})
        floor_rows = cursor.rowcount
        floor_seconds = time.perf_counter() - t0

    rate = total / seconds if seconds else 0
    floor_rate = floor_rows / floor_seconds if floor_seconds else 0
    print(json.dumps({
        "benchmark": "payroll",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": database_info(),
        "enrolments": args.enrolments,
        "load_seconds": load_seconds,
        "payroll": {"seconds": round(seconds, 2), "lines": total, "lines_per_second": round(rate),
                    "python_peak_memory_mb": round(peak / 2**20, 2)},
        "rerun": {"seconds": round(rerun_seconds, 2), "lines_added": rerun.lines_created},
        "floor": {"seconds": round(floor_seconds, 2), "lines": floor_rows, "lines_per_second": round(floor_rate)},
        "ratio_to_floor": round(rate / floor_rate, 2) if floor_rate else None,
        "payment_file": {
            "issue_seconds": round(issue_seconds, 2), "lines": files[0].line_count,
            "csv_seconds": round(csv_seconds, 2), "csv_lines_per_second": round(total / csv_seconds),
            "csv_mb": round(csv_bytes / 2**20, 1),
            "xlsx_lines": sample, "xlsx_seconds": round(xlsx_seconds, 2),
            "xlsx_lines_per_second": round(sample / xlsx_seconds),
        },
        "runs": PayrollRun.objects.count(),
        "target": {"seconds": TARGET_SECONDS, "met": seconds < TARGET_SECONDS and rate >= floor_rate / 3
                   and rerun.lines_created == 0},
    }, ensure_ascii=False, indent=2))
    connection.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
