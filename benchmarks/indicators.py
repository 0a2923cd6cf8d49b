"""Every computed indicator for a province of 1,000,000 people, all communes at once, beside the floor; the stored
roll-ups' refresh and the dashboard pages that read them.

    .venv/bin/python benchmarks/indicators.py [--persons 1000000] [--repeats 5] [--seed 2026] [--database-url URL]

Creates a fresh database and, in one province (Cà Mau, set-based SQL), the data of every registered indicator: the
cases of `casework.py`, the people and monthly allowances of `payroll.py`, the affected lines of `emergency.py`, the
organisations, staff and facilities of `workforce.py` (each by its own loader, imported), then the rest of the
province's N people, everyone in a household with the poverty reviews of 2024 and 2025, the payroll lines of the
twelve months of 2026 (bank, agent or cash; most paid), the children of the priority groups with the supports and
services they received. Then times, as a province officer, each indicator of `core.indicators` for 04/12/2026 and
the period from 01/01/2026, beside the floor — one hand-written statement giving the same figure for every commune,
which must agree —; the refresh of the stored roll-ups (`monitoring.services.rollups_refresh`), every year and this
year; and the server time of the dashboard pages that read them (a plan, one of its targets, the list of plans).
Prints one JSON object; progress goes to stderr.
"""

import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
import casework  # noqa: E402
import emergency  # noqa: E402
import payroll  # noqa: E402
import workforce  # noqa: E402
from casework import adapt, explain, loader, shown, statement_ms, statements_of, timed  # noqa: E402
from registry_search import ROOT, database_info, django_setup, fresh_database, log  # noqa: E402

DEFAULT_SQLITE = ROOT / "var" / "bench" / "indicators.sqlite3"
PROVINCE = "96"
PLAN = "62/KH-UBND"  # the dashboard measured: Cà Mau's plan for social work to 2030
DAY = datetime.date(2026, 12, 4)
START = datetime.date(2026, 1, 1)
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TARGET_MS = 2000.0  # a province's dashboard over 1,000,000 people (issue 13)
# Each loader numbers its people (and casework its units) from 1; before the next one runs, they are moved up by a
# multiple of these, with every reference to them.
PERSON_SHIFT = 100_000_000
UNIT_SHIFT = 10_000_000
LEVEL = 500_000  # mức chuẩn trợ giúp xã hội since 01/7/2024 (NĐ 76/2024/NĐ-CP)


# --- loading -------------------------------------------------------------------------------------------------------


def move_up(model, by: int, below: int) -> int:
    """Move the rows of `model` whose id is under `below` up by `by`, and every reference to them, in one
    transaction (the foreign keys are checked at its end)."""
    from django.apps import apps
    from django.db import connection, transaction

    table, pk = model._meta.db_table, model._meta.pk.column
    references = [(m._meta.db_table, f.column) for m in apps.get_models(include_auto_created=True)
                  for f in m._meta.concrete_fields if f.is_relation and f.related_model is model]
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {pk} = {pk} + {by} WHERE {pk} < {below}")
        moved = cursor.rowcount
        for ref_table, column in references:
            cursor.execute(f"UPDATE {ref_table} SET {column} = {column} + {by} WHERE {column} < {below}")
    return moved


class Sizes:
    """How much of each kind of data to load for N people (the defaults keep the proportions of a province)."""

    def __init__(self, args) -> None:
        n = args.persons
        self.persons = n
        self.enrolments = args.enrolments if args.enrolments is not None else n // 10
        self.organisations = args.organisations if args.organisations is not None else n // 50
        self.staff = args.staff if args.staff is not None else n // 5
        self.cases = args.cases if args.cases is not None else n // 5
        self.workers = args.workers if args.workers is not None else max(60, self.cases // 100)
        self.lines = args.lines if args.lines is not None else max(1000, n // 10)
        self.children = args.children if args.children is not None else n // 50
        self.units = max(1, self.workers // casework.UNIT_WORKERS)
        self.slots = self.workers // self.units
        taken = self.enrolments + self.staff + self.cases + self.lines + emergency.PASTED - emergency.NEW
        if taken > n:
            sys.exit(f"--persons {n:,} is fewer than the people the other loaders make ({taken:,})")
        if self.slots < 3:
            sys.exit("--workers must give each unit at least three workers")

    def as_dict(self) -> dict[str, int]:
        return {k: v for k, v in vars(self).items() if isinstance(v, int)}


def load(sizes: Sizes, seed: int, officer_id: int) -> dict[str, Any]:
    """The other benchmarks' loaders one after the other (their people moved out of the way of the next), then
    the rest of the province by INSERT … SELECT; returns the seconds of each step."""
    from django.core.management.color import no_style
    from django.db import connection

    from ansinh.facilities.models import Organisation
    from ansinh.payments.models import PayrollRun
    from ansinh.registry.models import Person

    pg = connection.vendor == "postgresql"
    steps: dict[str, float] = {}
    started = time.perf_counter()

    def timed_step(step: str, fn, *args):
        t0 = time.perf_counter()
        result = fn(*args)
        steps[step] = round(steps.get(step, 0.0) + time.perf_counter() - t0, 2)
        return result

    log(f"  casework.py: {sizes.cases:,} cases, {sizes.units * sizes.slots:,} workers")
    done = timed_step("casework", casework.load, sizes.cases, sizes.units, sizes.slots, seed, officer_id)
    steps.update({f"casework.{k}": v for k, v in done["steps"].items()})
    timed_step("move_people_aside", move_up, Person, PERSON_SHIFT, PERSON_SHIFT)
    timed_step("move_people_aside", move_up, Organisation, UNIT_SHIFT, UNIT_SHIFT)
    log(f"  payroll.py: {sizes.enrolments:,} people with a monthly allowance")
    timed_step("payroll", payroll.load, sizes.enrolments)
    timed_step("move_people_aside", move_up, Person, 2 * PERSON_SHIFT, PERSON_SHIFT)
    log(f"  emergency.py: {sizes.lines:,} affected lines")
    done = timed_step("emergency", emergency.load, sizes.lines, seed)
    steps.update({f"emergency.{k}": v for k, v in done["steps"].items()})
    timed_step("move_people_aside", move_up, Person, 3 * PERSON_SHIFT, PERSON_SHIFT)
    log(f"  workforce.py: {sizes.organisations:,} organisations, {sizes.staff:,} staff")
    timed_step("workforce", workforce.load, sizes.organisations, sizes.staff)

    q = emergency.Dialect(pg, seed)
    run = loader(steps, pg)
    communes = list(casework_communes())
    lo, count = communes[0], len(communes)
    now = q.ts(str(casework.NOW_EPOCH))
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM registry_person")
        (have,) = cursor.fetchone()
    rest = sizes.persons - have
    log(f"  the rest of the province: {rest:,} people, households, poverty reviews")
    # born 1930–2026 (a sixth of them children), seven in ten with the day and month, the others the year only
    run("people", f"""
        INSERT INTO registry_person (id, full_name, name_folded, sort_name, birth_year, birth_month, birth_day, sex,
            ethnicity, commune_id, province_code, hamlet, address, legacy_address, phone, disability_level,
            pension_status, bank_name, bank_account, version, created_at, updated_at)
        SELECT {4 * PERSON_SHIFT} + i, 'Người ' || i, 'nguoi ' || i, i || ' nguoi', 1930 + {q.rnd(0, 97)},
               CASE WHEN {q.rnd(1, 10)} < 7 THEN 1 + {q.rnd(2, 12)} END,
               CASE WHEN {q.rnd(1, 10)} < 7 THEN 1 + {q.rnd(3, 28)} END, CASE WHEN i % 2 = 0 THEN 'F' ELSE 'M' END,
               '01', {lo} + {q.rnd(4, count)}, '{PROVINCE}', 'Ấp ' || (1 + {q.rnd(5, 12)}), '', '', '', 'none',
               'none', '', '', 1, {now}, {now}
        FROM ({q.series(rest)}) s""")
    # households of about 3.3 people: everyone of a commune in the order of their ids, four, three, three, …
    run("households", f"""
        CREATE TEMPORARY TABLE bench_member AS
        SELECT p.id AS person_id, p.commune_id, c.code || '-' || CAST(k AS TEXT) AS code
        FROM (SELECT id, commune_id,
                     (ROW_NUMBER() OVER (PARTITION BY commune_id ORDER BY id) - 1) * 10 / 33 AS k
              FROM registry_person WHERE province_code = '{PROVINCE}') p
             JOIN geo_administrativeunit c ON c.id = p.commune_id""")
    run("households", f"""
        INSERT INTO registry_household (code, head_id, commune_id, province_code, hamlet, address, version,
            created_at, updated_at)
        SELECT code, MIN(person_id), commune_id, '{PROVINCE}', '', '', 1, {now}, {now}
        FROM bench_member GROUP BY code, commune_id""")
    run("households", """
        INSERT INTO registry_householdmember (household_id, person_id, relationship, joined_on, left_on)
        SELECT h.id, m.person_id, CASE WHEN h.head_id = m.person_id THEN 'head' ELSE 'other' END, NULL, NULL
        FROM bench_member m JOIN registry_household h ON h.code = m.code""")
    run("households", "DROP TABLE bench_member")
    # the reviews (QĐ 24/2021/QĐ-TTg): 3 % poor and 4 % near-poor in 2025, 3.5 % and 4.5 % in 2024, a household
    # leaving the lists recorded as not poor
    for year, other, poor, near in ((2025, 2024, 30, 70), (2024, 2025, 35, 80)):
        mine = q.rnd(6 if year == 2025 else 7, 1000, "id")
        theirs = q.rnd(7 if year == 2025 else 6, 1000, "id")
        theirs_near = 80 if year == 2025 else 70
        run("poverty", f"""
            INSERT INTO registry_householdpoverty (household_id, year, status, decision_number, decision_date)
            SELECT id, {year}, CASE WHEN r < {poor} THEN 'poor' WHEN r < {near} THEN 'near_poor' ELSE 'not_poor' END,
                   'QĐ-UBND/{year}', {q.before(str((DAY - datetime.date(year, 12, 15)).days))}
            FROM (SELECT id, {mine} AS r, {theirs} AS o FROM registry_household) h
            WHERE r < {near} OR (o < {theirs_near} AND {year} > {other})""")
    # the allowances of payroll.py: paid by bank (45 %), agent (35 %) or cash; 4 % ended on 30/6/2026, 1 %
    # cancelled, 1 % suspended
    kind = q.rnd(8, 100, "id")
    run("enrolments", f"""
        UPDATE assistance_enrolment SET
            payment_method = CASE WHEN {q.rnd(9, 100, 'id')} < 45 THEN 'bank'
                                  WHEN {q.rnd(9, 100, 'id')} < 80 THEN 'agent' ELSE 'cash' END,
            status = CASE WHEN {kind} < 4 THEN 'ended' WHEN {kind} < 5 THEN 'cancelled'
                          WHEN {kind} < 6 THEN 'suspended' ELSE status END,
            end_month = CASE WHEN {kind} < 4 THEN {q.before(str((DAY - datetime.date(2026, 6, 1)).days))}
                             WHEN {kind} < 5 THEN start_month ELSE end_month END""")
    months = [datetime.date(2026, m, 1) for m in range(1, 13)]
    runs = [PayrollRun.objects.create(month=m, programme="tcxh", province_code=PROVINCE, standard_level=LEVEL,
                                      status="done", lines_created=0) for m in months]
    values = ", ".join(f"({r.pk}, {literal_date(pg, r.month)}, {r.month.month})" for r in runs)
    log(f"  payroll lines of 2026 for {sizes.enrolments:,} allowances")
    # each month's line paid (92 %) on a day of the month, failed (3 %) or still pending; December's after the 4th
    # are not paid yet on the day measured
    state = q.rnd(10, 100, "e.id * 12 + r.m")
    run("payroll_lines", f"""
        INSERT INTO payments_paymentline (run_id, enrolment_id, person_id, programme, month, categories, coefficient,
            standard_level, amount, decision_number, method, commune_id, province_code, status, file_id, attempts,
            paid_on, failure_reason, created_at)
        SELECT r.run_id, e.id, e.person_id, e.programme, r.month, '5.6', e.coefficient, {LEVEL},
               CAST(ROUND(e.coefficient * {LEVEL}) AS BIGINT), e.decision_number, e.payment_method, e.commune_id,
               e.province_code, CASE WHEN {state} < 92 THEN 'paid' WHEN {state} < 95 THEN 'failed' ELSE 'pending' END,
               NULL, CASE WHEN {state} < 95 THEN 1 ELSE 0 END,
               CASE WHEN {state} < 92 THEN {plus_days(pg, 'r.month', f"3 + {q.rnd(11, 25, 'e.id * 12 + r.m')}")} END,
               CASE WHEN {state} >= 92 AND {state} < 95 THEN 'Sai số tài khoản' ELSE '' END, {now}
        FROM assistance_enrolment e
             JOIN (SELECT column1 AS run_id, column2 AS month, column3 AS m FROM (VALUES {values}) v) r
               ON r.month >= e.start_month AND (e.end_month IS NULL OR r.month <= e.end_month)
        WHERE e.province_code = '{PROVINCE}' AND e.programme = 'tcxh' AND e.status IN ('active', 'ended')
        ORDER BY r.month, e.id""")
    run("payroll_lines", "UPDATE payments_payrollrun SET lines_created = (SELECT COUNT(*) FROM payments_paymentline l "
                         "WHERE l.run_id = payments_payrollrun.id)")
    log(f"  {sizes.children:,} children of the priority groups, their supports and services")
    # children under 16 (born 2010 or later, some of 2010 just too old), one group each (seven in nine a priority
    # group of the plans), one in ten a second group; a tenth of the groups ended on 31/3/2026, a tenth recorded
    # since 01/9/2026, a few from after the day measured
    groups = ("a", "b", "c", "dd", "x1", "x2", "x3", "d", "h")
    run("children", f"""
        INSERT INTO casework_circumstance (person_id, "group", since, until, note, created_at, created_by_id)
        SELECT id, {q.pick(12, groups, 'id')},
               CASE WHEN {q.rnd(13, 50, 'id')} = 0 THEN {q.before('-10')} WHEN {q.rnd(13, 10, 'id')} = 1
                    THEN {q.before(str((DAY - datetime.date(2026, 9, 1)).days))}
                    ELSE {q.before(str((DAY - datetime.date(2024, 6, 1)).days))} END,
               CASE WHEN {q.rnd(13, 10, 'id')} = 2 THEN {q.before(str((DAY - datetime.date(2026, 3, 31)).days))} END,
               '', {now}, NULL
        FROM (SELECT id FROM registry_person WHERE province_code = '{PROVINCE}' AND birth_year >= 2010
              ORDER BY {q.rnd(14, 1000003, 'id')}, id LIMIT {sizes.children}) c""")
    run("children", f"""
        INSERT INTO casework_circumstance (person_id, "group", since, until, note, created_at, created_by_id)
        SELECT person_id, 'x2', since, NULL, '', {now}, NULL FROM casework_circumstance
        WHERE "group" <> 'x2' AND {q.rnd(15, 10, 'person_id')} = 0""")
    # a quarter of them received a support (half in 2026, half in 2025: outside the period)
    run("children", f"""
        INSERT INTO casework_support (person_id, kind, given_on, provider, amount, note, created_at, created_by_id)
        SELECT person_id, 'in_kind',
               CASE WHEN {q.rnd(16, 2, 'person_id')} = 0 THEN {q.before('100')} ELSE {q.before('400')} END,
               'UBND xã', 500000, '', {now}, NULL
        FROM (SELECT DISTINCT person_id FROM casework_circumstance WHERE {q.rnd(17, 4, 'person_id')} = 0) c""")
    # a service under one case in five, given on a day of the last two years
    run("children", f"""
        INSERT INTO casework_service (case_id, kind, given_on, provider, cost, note, created_by_id)
        SELECT id, 'counselling', {q.before(q.rnd(18, 700, 'id'))}, '', 0, '', NULL
        FROM casework_case WHERE {q.rnd(19, 5, 'id')} = 0""")

    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if pg:
            from django.apps import apps

            for sql in connection.ops.sequence_reset_sql(no_style(), apps.get_models()):
                cursor.execute(sql)
            cursor.execute("VACUUM (ANALYZE)")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA synchronous=NORMAL")
    steps["analyze"] = round(time.perf_counter() - t0, 2)
    return {"seconds": round(time.perf_counter() - started, 2), "steps": steps}


def casework_communes() -> list[int]:
    from ansinh.geo.models import AdministrativeUnit

    communes = list(AdministrativeUnit.objects.filter(level="commune", province_code=PROVINCE, valid_to__isnull=True)
                    .order_by("id").values_list("id", flat=True))
    assert communes == list(range(communes[0], communes[0] + len(communes))), "commune ids must be contiguous"
    return communes


def literal_date(pg: bool, day: datetime.date) -> str:
    return f"DATE '{day.isoformat()}'" if pg else f"'{day.isoformat()}'"


def plus_days(pg: bool, column: str, days: str) -> str:
    return f"({column} + CAST({days} AS INTEGER))" if pg else f"date({column}, '+' || ({days}) || ' days')"


def sizes_loaded() -> dict[str, int]:
    from django.db import connection

    queries = {
        "persons": "SELECT COUNT(*) FROM registry_person",
        "households": "SELECT COUNT(*) FROM registry_household",
        "household_members": "SELECT COUNT(*) FROM registry_householdmember",
        "poverty_2025_poor": "SELECT COUNT(*) FROM registry_householdpoverty WHERE year = 2025 AND status = 'poor'",
        "poverty_records": "SELECT COUNT(*) FROM registry_householdpoverty",
        "enrolments": "SELECT COUNT(*) FROM assistance_enrolment",
        "payment_lines": "SELECT COUNT(*) FROM payments_paymentline",
        "payment_lines_paid": "SELECT COUNT(*) FROM payments_paymentline WHERE status = 'paid'",
        "organisations": "SELECT COUNT(*) FROM facilities_organisation",
        "organisation_periods": "SELECT COUNT(*) FROM facilities_organisationperiod",
        "positions": "SELECT COUNT(*) FROM workforce_position",
        "attendances": "SELECT COUNT(*) FROM workforce_attendance",
        "residents": "SELECT COUNT(*) FROM facilities_resident",
        "cases": "SELECT COUNT(*) FROM casework_case",
        "case_subjects": "SELECT COUNT(*) FROM casework_subject",
        "case_services": "SELECT COUNT(*) FROM casework_service",
        "circumstances": "SELECT COUNT(*) FROM casework_circumstance",
        "supports": "SELECT COUNT(*) FROM casework_support",
        "affected_lines": "SELECT COUNT(*) FROM emergency_affected",
        "communes": f"SELECT COUNT(*) FROM geo_administrativeunit WHERE level = 'commune' AND province_code = "
                    f"'{PROVINCE}' AND valid_to IS NULL",
    }
    out = {}
    with connection.cursor() as cursor:
        for key, sql in queries.items():
            cursor.execute(sql)
            out[key] = cursor.fetchone()[0]
    return out


# --- the floor: one statement per indicator ------------------------------------------------------------------------

SCOPE = "facilities_organisationperiod p JOIN facilities_organisation o ON o.id = p.organisation_id"
IN_SCOPE = ("o.province_code = %(province)s AND p.in_plan_scope AND p.valid_from <= %(day)s "
            "AND (p.valid_to IS NULL OR p.valid_to > %(day)s)")
HELD = "p.start_date <= %(day)s AND (p.end_date IS NULL OR p.end_date >= %(day)s)"


def staffed_floor(least: int) -> str:
    return f"""
        SELECT o.commune_id, SUM(CASE WHEN s.n >= {least} THEN 1 ELSE 0 END), COUNT(*)
        FROM {SCOPE}
             LEFT JOIN (SELECT organisation_id, COUNT(DISTINCT person_id) AS n FROM workforce_position p
                        WHERE p.monthly_allowance >= %(base)s AND {HELD} GROUP BY organisation_id) s
                    ON s.organisation_id = p.organisation_id
        WHERE {IN_SCOPE} GROUP BY o.commune_id"""


# TT 33/2017 Điều 5 as workforce.py's floor computes it: carers in sixtieths of a carer per resident of each group
CARERS = " ".join(f"WHEN '{g}' THEN {60 // r}" for g, r in workforce.CARER_RATIOS.items())

FLOORS: dict[str, str] = {
    "registry.poor_households": """
        SELECT h.commune_id, COUNT(v.household_id), COUNT(*)
        FROM registry_household h
             LEFT JOIN registry_householdpoverty v ON v.household_id = h.id AND v.year = %(last_year)s
                                                   AND v.status = 'poor'
        WHERE h.province_code = %(province)s GROUP BY h.commune_id""",
    "assistance.allowance_recipients": """
        SELECT commune_id, COUNT(DISTINCT person_id), NULL FROM assistance_enrolment
        WHERE province_code = %(province)s AND programme = 'tcxh' AND status <> 'cancelled'
          AND start_month <= %(month)s AND (end_month IS NULL OR end_month >= %(month)s)
        GROUP BY commune_id""",
    "payments.paid_cashless": """
        SELECT commune_id, SUM(CASE WHEN method = 'bank' THEN 1 ELSE 0 END), COUNT(*) FROM payments_paymentline
        WHERE province_code = %(province)s AND month >= %(first_month)s AND month <= %(month)s AND status = 'paid'
          AND paid_on <= %(day)s
        GROUP BY commune_id""",
    "facilities.provides_social_work": f"""
        SELECT o.commune_id, SUM(CASE WHEN p.provides_social_work THEN 1 ELSE 0 END), COUNT(*)
        FROM {SCOPE} WHERE {IN_SCOPE} GROUP BY o.commune_id""",
    "facilities.staffing_met": f"""
        WITH need AS (
          SELECT organisation_id, commune_id, (CAST(SUM(n * CASE care_group {CARERS} END) AS INTEGER) + 59) / 60
                 AS carer, (CAST(SUM(n) AS INTEGER) + 99) / 100 AS social_worker,
                 (CAST(SUM(n) AS INTEGER) + 49) / 50 AS medical, (CAST(SUM(n) AS INTEGER) + 19) / 20 AS nutrition
          FROM (SELECT r.organisation_id, o.commune_id, r.care_group, COUNT(*) AS n
                FROM facilities_resident r JOIN facilities_organisation o ON o.id = r.organisation_id
                WHERE o.province_code = %(province)s AND r.admitted_on <= %(day)s
                  AND (r.discharged_on IS NULL OR r.discharged_on > %(day)s)
                GROUP BY r.organisation_id, o.commune_id, r.care_group) present
          GROUP BY organisation_id, commune_id),
        have AS (
          SELECT c.organisation_id, SUM(CASE WHEN c.function = 'carer' THEN c.count ELSE 0 END) AS carer,
                 SUM(CASE WHEN c.function = 'social_worker' THEN c.count ELSE 0 END) AS social_worker,
                 SUM(CASE WHEN c.function = 'psychologist' THEN c.count ELSE 0 END) AS psychologist,
                 SUM(CASE WHEN c.function = 'medical' THEN c.count ELSE 0 END) AS medical,
                 SUM(CASE WHEN c.function = 'nutrition' THEN c.count ELSE 0 END) AS nutrition
          FROM facilities_staffcount c
          WHERE c.organisation_id IN (SELECT organisation_id FROM need)
            AND c.as_of = (SELECT MAX(c2.as_of) FROM facilities_staffcount c2 WHERE c2.organisation_id = c.organisation_id
                           AND c2.function = c.function AND c2.as_of <= %(day)s)
          GROUP BY c.organisation_id)
        SELECT n.commune_id,
               SUM(CASE WHEN COALESCE(h.carer, 0) >= n.carer AND COALESCE(h.social_worker, 0) >= n.social_worker
                         AND COALESCE(h.psychologist, 0) >= 1 AND COALESCE(h.medical, 0) >= n.medical
                         AND COALESCE(h.nutrition, 0) >= n.nutrition THEN 1 ELSE 0 END), COUNT(*)
        FROM need n LEFT JOIN have h ON h.organisation_id = n.organisation_id GROUP BY n.commune_id""",
    "facilities.meeting_standards": f"""
        SELECT o.commune_id,
               SUM(CASE WHEN (SELECT a.meets FROM facilities_standardassessment a
                              WHERE a.organisation_id = p.organisation_id AND a.assessed_on <= %(day)s
                              ORDER BY a.assessed_on DESC LIMIT 1) THEN 1 ELSE 0 END), COUNT(*)
        FROM {SCOPE}
        WHERE {IN_SCOPE} AND p.kind IN ('social_assistance', 'social_work_centre', 'drug_rehabilitation')
        GROUP BY o.commune_id""",
    "workforce.orgs_staffed": staffed_floor(1),
    "workforce.orgs_staffed_two": staffed_floor(2),
    "workforce.staff_trained": f"""
        SELECT o.commune_id, COUNT(DISTINCT t.person_id), COUNT(DISTINCT p.person_id)
        FROM workforce_position p JOIN facilities_organisation o ON o.id = p.organisation_id
             LEFT JOIN (SELECT DISTINCT person_id FROM workforce_attendance
                        WHERE completed_on >= %(start)s AND completed_on <= %(day)s) t ON t.person_id = p.person_id
        WHERE o.province_code = %(province)s AND {HELD} GROUP BY o.commune_id""",
    "workforce.people_trained": """
        SELECT pe.commune_id, COUNT(*), NULL
        FROM workforce_attendance a JOIN registry_person pe ON pe.id = a.person_id
        WHERE pe.province_code = %(province)s AND a.completed_on >= %(start)s AND a.completed_on <= %(day)s
        GROUP BY pe.commune_id""",
    "casework.people_supported": """
        SELECT c.commune_id, COUNT(DISTINCT s.person_id), NULL
        FROM casework_case c JOIN casework_subject s ON s.case_id = c.id
        WHERE c.province_code = %(province)s AND c.received_at < %(after_day)s
          AND (c.closed_on IS NULL OR c.closed_on >= %(start)s)
        GROUP BY c.commune_id""",
    # under 16 on the day (Luật Trẻ em Điều 1; a birth year alone counts from 1 January), in a priority group then
    "casework.priority_children_supported": """
        SELECT p.commune_id,
               SUM(CASE WHEN p.id IN (SELECT person_id FROM assistance_enrolment WHERE start_month <= %(month)s
                                      AND status IN ('active', 'ended')
                                      AND (end_month IS NULL OR end_month >= %(first_month)s))
                          OR p.id IN (SELECT person_id FROM casework_support
                                      WHERE given_on >= %(start)s AND given_on <= %(day)s)
                          OR p.id IN (SELECT j.person_id FROM casework_subject j
                                      JOIN casework_service v ON v.case_id = j.case_id
                                      WHERE v.given_on >= %(start)s AND v.given_on <= %(day)s)
                        THEN 1 ELSE 0 END), COUNT(*)
        FROM registry_person p
        WHERE p.id IN (SELECT person_id FROM casework_circumstance
                       WHERE "group" IN ('a', 'c', 'b', 'dd', 'x1', 'x2', 'x3') AND since <= %(day)s
                         AND (until IS NULL OR until >= %(day)s))
          AND p.province_code = %(province)s
          AND (p.birth_year > %(born_year)s OR (p.birth_year = %(born_year)s
               AND (COALESCE(p.birth_month, 1) > %(born_month)s OR (COALESCE(p.birth_month, 1) = %(born_month)s
                    AND COALESCE(p.birth_day, 1) > %(born_day)s))))
        GROUP BY p.commune_id""",
    "emergency.helped_promptly": """
        SELECT commune_id, SUM(CASE WHEN decided_on <= due_on AND delivered_on <= %(day)s THEN people ELSE 0 END),
               SUM(people)
        FROM emergency_affected
        WHERE province_code = %(province)s AND detected_on >= %(start)s AND detected_on <= %(day)s
          AND (closed_on IS NULL OR closed_on > %(day)s)
        GROUP BY commune_id""",
}


def floor_params() -> dict[str, Any]:
    from ansinh.workforce.indicators import base_salary_on

    base = base_salary_on(DAY)
    after_day = datetime.datetime.combine(DAY + datetime.timedelta(days=1), datetime.time(), tzinfo=TZ)
    return {"province": PROVINCE, "day": adapt(DAY), "start": adapt(START), "month": adapt(DAY.replace(day=1)),
            "first_month": adapt(START.replace(day=1)), "last_year": DAY.year - 1, "after_day": adapt(after_day),
            "base": base if base is not None else -1, "born_year": DAY.year - 16, "born_month": DAY.month,
            "born_day": DAY.day}


def floor_rows(code: str, params: dict[str, Any]) -> dict[int, tuple[int, int | None]]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(FLOORS[code], params)
        rows = cursor.fetchall()
    return normal({commune: (n, d) for commune, n, d in rows})


def normal(by_commune: dict) -> dict[int, tuple[int, int | None]]:
    """{commune: (numerator, denominator)} with plain ints (sums come back as Decimal on some engines)."""
    return {int(c): (int(n or 0), None if d is None else int(d)) for c, (n, d) in by_commune.items()}


def missing_floors() -> list[str]:
    from ansinh.core import indicators

    return [i.code for i in indicators.all_indicators() if i.code not in FLOORS]


# --- measuring -----------------------------------------------------------------------------------------------------


def measure_indicators(officer, repeats: int) -> tuple[dict[str, Any], dict[str, Any]]:
    from ansinh.core import indicators

    params = floor_params()
    results: dict[str, Any] = {}
    statements: dict[str, list] = {}
    for indicator in indicators.all_indicators():
        code = indicator.code

        def app(i=indicator):
            return normal(indicators.compute(i, user=officer, day=DAY, start=START).by_commune)

        seconds, answer = timed(app, repeats)
        floor_seconds, floor = timed(lambda c=code: floor_rows(c, params), repeats)
        sent = statements_of(app)
        statements[code] = sent
        agree = answer == floor
        row: dict[str, Any] = {
            "ms": round(seconds * 1000, 2), "floor_ms": round(floor_seconds * 1000, 2),
            "ratio": round(seconds / floor_seconds, 2) if floor_seconds else None,
            "queries": len(sent), "statements_ms": [statement_ms(sql, p) for sql, p in sent],
            "communes": len(answer), "numerator": sum(n for n, _d in answer.values()),
            "denominator": None if indicator.denominator_label is None else sum(d or 0 for _n, d in answer.values()),
            "floor_agrees": agree,
        }
        if not agree:
            row["differs"] = {str(c): [answer.get(c), floor.get(c)] for c in sorted(set(answer) | set(floor))
                              if answer.get(c) != floor.get(c)}
        results[code] = row
        log(f"  {code}: {row['ms']:.1f} ms, floor {row['floor_ms']:.1f} ms, ratio {row['ratio']}, "
            f"{row['queries']} queries, {row['numerator']:,}/{row['denominator']}"
            f"{'' if agree else ', FLOOR DISAGREES'}")
    return results, statements


def plans_of(code: str, sent: list, params: dict[str, Any]) -> dict[str, Any]:
    """The plans of the statements an indicator sends and of its floor."""
    return {"statements": [{"ms": statement_ms(sql, p), "sql": shown(sql, p), "plan": explain(sql, p)}
                           for sql, p in sent],
            "floor_sql": re.sub(r"\s+", " ", FLOORS[code]).strip(),
            "floor_plan": explain(FLOORS[code], params)}


def measure_rollups(officer) -> dict[str, Any]:
    from ansinh.monitoring.models import Plan, Rollup
    from ansinh.monitoring.services import plans_load_seeds
    from ansinh.monitoring.services.rollups import rollups_refresh, rollups_request, years_needed

    t0 = time.perf_counter()
    plans_load_seeds()
    seeds_seconds = time.perf_counter() - t0
    out: dict[str, Any] = {"plans_load_seeds_seconds": round(seeds_seconds, 2),
                           "plans": Plan.objects.filter(province_code=PROVINCE).count(),
                           "years": years_needed(PROVINCE, DAY)}
    for label, every in (("all_years", True), ("this_year", False)):
        t0 = time.perf_counter()
        done = rollups_refresh(province_code=PROVINCE, today=DAY, all_years=every)
        seconds = time.perf_counter() - t0
        out[label] = {"seconds": round(seconds, 2), **done}
        log(f"  rollups_refresh({label}): {seconds:.1f} s, {done['steps']} steps, {done['rows']:,} rows")
    # the dashboard queues a refresh when the figures are older than an hour: a finished run, as the command leaves
    t0 = time.perf_counter()
    run = rollups_request(province_code=PROVINCE, all_years=False, now=True)
    out["request_now_this_year"] = {"seconds": round(time.perf_counter() - t0, 2), "steps": run.steps,
                                    "status": run.status}
    out["rows_stored"] = Rollup.objects.filter(province_code=PROVINCE).count()
    return out


def measure_pages(officer, repeats: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ansinh.monitoring.models import Plan, RollupRun

    plan = Plan.objects.get(province_code=PROVINCE, number=PLAN)
    target = plan.targets.exclude(indicator="").order_by("position").first()
    pages = {"plan_dashboard": f"/ke-hoach/{plan.pk}/",
             "target": f"/ke-hoach/{plan.pk}/chi-tieu/{target.position}/",
             "plan_list": "/ke-hoach/"}
    client = Client()
    client.force_login(officer)
    runs_before = list(RollupRun.objects.values_list("status", "finished_at"))
    out: dict[str, Any] = {"plan": {"id": plan.pk, "number": plan.number, "targets": plan.targets.count(),
                                    "measured_targets": plan.targets.exclude(indicator="").count()},
                           "target": {"position": target.position, "indicator": target.indicator}}
    for name, url in pages.items():
        def get(u=url):
            response = client.get(u)
            if response.status_code != 200:
                raise SystemExit(f"GET {u}: {response.status_code}")
            return len(response.content)

        seconds, size = timed(get, repeats)
        with CaptureQueriesContext(connection) as captured:
            get()
        out[name] = {"url": url, "ms": round(seconds * 1000, 1), "queries": len(captured.captured_queries),
                     "bytes": size,
                     "slowest_queries": [[round(float(q["time"]) * 1000, 1), shown(q["sql"], None)[:300]] for q in
                                         sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:3]]}
        log(f"  GET {url}: {out[name]['ms']} ms, {out[name]['queries']} queries")
    out["refresh_queued_by_pages"] = list(RollupRun.objects.values_list("status", "finished_at")) != runs_before
    return out


# --- main ----------------------------------------------------------------------------------------------------------


def code_version() -> dict[str, Any]:
    """The commit measured, and the files of the code that differed from it (others edit alongside)."""

    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout

    changed = git("status", "--porcelain", "--", "src/ansinh").splitlines()
    return {"commit": git("rev-parse", "--short", "HEAD").strip(), "uncommitted": [line[3:] for line in changed]}


def busy() -> list[str]:
    """What else was using the processor."""
    done = subprocess.run(["ps", "-eo", "pcpu,args", "--sort=-pcpu"], capture_output=True, text=True, check=False)
    rows = [line.strip()[:120] for line in done.stdout.splitlines()[1:]]
    return [row for row in rows if float(row.split()[0]) >= 5.0 and "indicators.py" not in row
            and "ansinh_bench" not in row][:6]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000, help="people of the province, all loaders'")
    parser.add_argument("--enrolments", type=int, default=None, help="monthly allowances (default persons / 10)")
    parser.add_argument("--organisations", type=int, default=None, help="default persons / 50")
    parser.add_argument("--staff", type=int, default=None, help="social-work positions (default persons / 5)")
    parser.add_argument("--cases", type=int, default=None, help="default persons / 5")
    parser.add_argument("--workers", type=int, default=None, help="case workers (default cases / 100)")
    parser.add_argument("--lines", type=int, default=None, help="emergency affected lines (default persons / 10)")
    parser.add_argument("--children", type=int, default=None, help="children of the priority groups "
                                                                     "(default persons / 50)")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each (after a warm-up); median")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}",
                        help="default: a fresh SQLite file under var/bench/; a PostgreSQL database's name must "
                             "contain 'bench'")
    args = parser.parse_args()
    sizes = Sizes(args)
    load_average = [round(x, 2) for x in os.getloadavg()]
    code_at_start = code_version()
    busy_at_start = busy()

    log(f"fresh database: {re.sub(r'//[^@/]*@', '//***@', args.database_url)}")
    fresh_database(args.database_url)
    # the dashboards are requested by Django's test client; a refresh they queue would run at once, not wait
    os.environ["ANSINH_ALLOWED_HOSTS"] = "testserver"
    os.environ["ANSINH_TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    django_setup(args.database_url)
    missing = missing_floors()
    if missing:
        sys.exit(f"no floor statement for {', '.join(missing)}: add one to FLOORS in benchmarks/indicators.py")
    from django.core.management import call_command
    from django.db import connection

    import ansinh
    from ansinh.accounts.models import Role, User
    from ansinh.accounts.services import user_create
    from ansinh.geo.models import AdministrativeUnit
    from ansinh.geo.services import admin_units_load

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    admin_units_load()
    province = AdministrativeUnit.objects.get(level="province", code=PROVINCE, valid_to__isnull=True)
    made = user_create(actor=None, username="bench_tinh", password="x", role=Role.PROVINCE_OFFICER,
                       jurisdiction=province, validate=False)
    assert made.pk < casework.USER_BASE
    setup_seconds = round(time.perf_counter() - t0, 2)
    log(f"loading {sizes.persons:,} people of {province.name} and their data: {sizes.as_dict()}")
    loaded = load(sizes, args.seed, made.pk)
    log(f"loaded in {loaded['seconds']} s: {loaded['steps']}")
    size = sizes_loaded()
    log(f"sizes: {size}")
    officer = User.objects.select_related("jurisdiction").get(pk=made.pk)

    log(f"timing every indicator for {DAY:%d/%m/%Y} from {START:%d/%m/%Y}, {args.repeats} repeats")
    results, sent = measure_indicators(officer, args.repeats)
    params = floor_params()
    slowest = max(results, key=lambda c: results[c]["ms"])
    far = [c for c, r in results.items() if c != slowest and (r["ratio"] or 0) > 3 and r["ms"] > 100]
    plans = {code: plans_of(code, sent[code], params) for code in [slowest, *far]}

    log("refreshing the stored roll-ups")
    rollups = measure_rollups(officer)
    log(f"timing the dashboard pages, {args.repeats} repeats")
    pages = measure_pages(officer, args.repeats)

    agree = all(r["floor_agrees"] for r in results.values())
    total = sum(r["ms"] for r in results.values())
    floor_total = sum(r["floor_ms"] for r in results.values())
    print(json.dumps({
        "benchmark": "indicators",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "code": {"start": code_at_start, "end": code_version(), "source": str(Path(ansinh.__file__).parent)},
        "load_average": {"start": load_average, "end": [round(x, 2) for x in os.getloadavg()]},
        "other_processes": {"start": busy_at_start, "end": busy()},
        "database": database_info(),
        "seed": args.seed, "day": DAY.isoformat(), "start": START.isoformat(), "repeats": args.repeats,
        "asked": sizes.as_dict(),
        "sizes": size,
        "setup_seconds": setup_seconds, "load_seconds": loaded["seconds"], "load_steps_seconds": loaded["steps"],
        "user": {"id": officer.pk, "username": officer.username, "role": officer.role,
                 "jurisdiction": str(officer.jurisdiction)},
        "indicators": results,
        "all_indicators_ms": round(total, 1), "all_floors_ms": round(floor_total, 1),
        "ratio_to_floor": round(total / floor_total, 2) if floor_total else None,
        "slowest_indicator": {"code": slowest, **{k: results[slowest][k] for k in ("ms", "floor_ms", "ratio")}},
        "rollups": rollups,
        "pages": pages,
        "floor_agrees": agree,
        "floor_disagrees_on": [c for c, r in results.items() if not r["floor_agrees"]],
        "target": {"dashboard_ms": TARGET_MS, "met": pages["plan_dashboard"]["ms"] < TARGET_MS},
        "plans": plans,
    }, ensure_ascii=False, indent=2, default=str))
    connection.close()
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
