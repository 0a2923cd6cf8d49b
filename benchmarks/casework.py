"""The case workbench and the overdue list for a province of 200,000 cases, beside the floor.

    .venv/bin/python benchmarks/casework.py [--cases 200000] [--workers 2000] [--repeats 5] [--seed 2026]
                                            [--database-url URL]

Creates a fresh database and, in one province (Cà Mau, set-based SQL): a unit (a commune People's Committee or a
social-work centre) per 20 case workers, the workers as users with their `casework_worker` rows (two supervisors
per unit, the first supervising every case of the unit), N cases received over the last three years (older ones
mostly closed, with a date and a reason; open ones at every stage), a registry person as each case's subject, the
deadlines (one outstanding per open child case, due from 30 days ago to 10 days ahead, a tenth of them today; met
ones for the steps already done), and a few thousand shares and referrals (half of them accepted by a worker of
the receiving unit). Then, for a social worker (about 100 cases), a unit supervisor (about 2,000) and a province
officer (the whole province's figures, but only the cases shared with him by name), times the real selectors as
the workbench page evaluates them — `overdue` and `due_today` (first 50 and count), `my_cases` (first 25 and
count), `caseloads`, `trend`, and `workbench` as a whole — and the floor: the same answer by one hand-written
SQL statement each, which must agree. Prints one JSON object; progress goes to stderr.
"""

import argparse
import contextlib
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
from registry_search import ROOT, database_info, django_setup, fresh_database, log  # noqa: E402

DEFAULT_SQLITE = ROOT / "var" / "bench" / "casework.sqlite3"
PROVINCE = "96"
TZ = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=TZ)
TODAY = NOW.date()
NOW_EPOCH = int(NOW.timestamp())
END_OF_TODAY_EPOCH = int(datetime.datetime.combine(TODAY, datetime.time(23, 59, 59), tzinfo=TZ).timestamp())
TODAY_EPOCH = int(datetime.datetime.combine(TODAY, datetime.time(), tzinfo=datetime.UTC).timestamp())  # for dates
SPAN_SECONDS = 3 * 365 * 86400  # cases received over the last three years
UNIT_WORKERS = 20
USER_BASE = 1000  # the workers' user ids start after it (the province officer is created before them)
PAGE = 50  # the overdue and due-today lists
MINE_PAGE = 25  # the worker's own open cases
PARTS = ("overdue", "due_today", "my_cases", "caseloads", "trend", "workbench")
# multipliers of the row hash: ((i + seed) * M) mod (2^31 - 1), one per drawn attribute
MULTIPLIERS = (1103515245, 2147483629, 1664525, 22695477, 134775813, 16807, 48271, 69069, 1140671485, 214013,
               397204094, 630360016)
CASE_TYPES = ((30, "child_protection"), (45, "elderly"), (60, "disability"), (72, "domestic_violence"),
              (75, "trafficking"), (82, "drug_use"), (90, "mental_health"), (95, "homelessness"), (100, "other"))
SOURCES = ("hotline", "commune", "school", "hospital", "police", "self", "facility", "community", "anonymous")
CLOSE_REASONS = ("goals_met", "goals_met", "goals_met", "age", "no_contact", "moved", "agreement", "adopted", "death")
OPEN_STAGES = ("received", "initial", "assessed", "plan_submitted", "implementing", "implementing", "implementing",
               "implementing", "implementing", "implementing")


class Dialect:
    """The few expressions that differ between SQLite and PostgreSQL, and the row hash."""

    def __init__(self, pg: bool, seed: int) -> None:
        self.pg, self.seed = pg, seed

    def series(self, n: int) -> str:
        return (f"SELECT g AS i FROM generate_series(1::bigint, {n}) g" if self.pg else
                f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s")

    def rnd(self, k: int, m: int, i: str = "i") -> str:
        """A value in [0, m) drawn for row `i` (the k-th attribute), the same on both engines for a seed."""
        return f"((({i} + {self.seed}) * {MULTIPLIERS[k]}) % 2147483647 % {m})"

    def ts(self, epoch: str) -> str:
        """A timestamp from Unix seconds."""
        return f"to_timestamp({epoch})" if self.pg else f"datetime({epoch}, 'unixepoch')"

    def day(self, epoch: str) -> str:
        """The UTC date of Unix seconds (used on midnights: a calendar day)."""
        return f"(to_timestamp({epoch}) AT TIME ZONE 'UTC')::date" if self.pg else f"date({epoch}, 'unixepoch')"

    def local_year(self, epoch: str) -> str:
        return (f"CAST(EXTRACT(YEAR FROM to_timestamp({epoch}) AT TIME ZONE 'Asia/Ho_Chi_Minh') AS INTEGER)"
                if self.pg else f"CAST(strftime('%Y', {epoch} + 25200, 'unixepoch') AS INTEGER)")

    def plus_days(self, column: str, days: int) -> str:
        return f"{column} + INTERVAL '{days} days'" if self.pg else f"datetime({column}, '+{days} days')"

    def greatest(self, a: str, b: str) -> str:
        return f"GREATEST({a}, {b})" if self.pg else f"max({a}, {b})"

    def pick(self, k: int, values: tuple[str, ...], i: str = "i") -> str:
        return (f"CASE {self.rnd(k, len(values), i)} "
                + " ".join(f"WHEN {n} THEN '{v}'" for n, v in enumerate(values)) + " END")



def loader(steps: dict[str, float], pg: bool):
    """`run(step, sql)`: one loading statement, its seconds added to `steps[step]`; SQLite set to load fast."""
    from django.db import connection

    if not pg:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
            cursor.execute("PRAGMA cache_size=-400000")

    def run(step: str, sql: str) -> None:
        t0 = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(sql)
        steps[step] = round(steps.get(step, 0.0) + time.perf_counter() - t0, 2)
    return run

def load(cases: int, units: int, slots: int, seed: int, officer_id: int) -> dict[str, Any]:
    """Everything by INSERT … SELECT; returns the seconds of each step."""
    from django.core.management.color import no_style
    from django.db import connection

    from ansinh.accounts.models import User
    from ansinh.casework.models import Case
    from ansinh.facilities.models import Organisation
    from ansinh.geo.models import AdministrativeUnit
    from ansinh.registry.models import Person

    communes = list(AdministrativeUnit.objects.filter(level="commune", province_code=PROVINCE, valid_to__isnull=True)
                    .order_by("id").values_list("id", flat=True))
    lo, count = communes[0], len(communes)
    assert communes == list(range(lo, lo + count)), "commune ids of the province must be contiguous"
    pg = connection.vendor == "postgresql"
    q = Dialect(pg, seed)
    now = q.ts(str(NOW_EPOCH))
    workers = units * slots
    steps: dict[str, float] = {}

    run = loader(steps, pg)
    started = time.perf_counter()
    # units 1..U: a People's Committee, every tenth a social-work centre
    run("organisations", f"""
        INSERT INTO facilities_organisation (id, code, name, name_folded, kind, commune_id, province_code, version,
            created_at, updated_at)
        SELECT i, 'CW-' || i, CASE WHEN i % 10 = 0 THEN 'Trung tâm công tác xã hội ' ELSE 'UBND xã ' END || i,
               CASE WHEN i % 10 = 0 THEN 'trung tam cong tac xa hoi ' ELSE 'ubnd xa ' END || i,
               CASE WHEN i % 10 = 0 THEN 'social_work_centre' ELSE 'commune_committee' END, {lo} + i % {count},
               '{PROVINCE}', 1, {now}, {now}
        FROM ({q.series(units)}) s""")
    run("organisations", """
        INSERT INTO facilities_organisationperiod (organisation_id, valid_from, valid_to, name, kind, ownership,
            commune_id, province_code, in_plan_scope, provides_social_work, basis)
        SELECT id, '2020-01-01', NULL, name, kind, 'public', commune_id, province_code, true,
               kind = 'social_work_centre', '' FROM facilities_organisation""")
    # worker w (1..W) is user USER_BASE + w at unit 1 + (w - 1) % U, in slot (w - 1) / U of the unit:
    # slot 0 supervises every case of the unit, slot 1 supervises too and carries cases, the others carry cases
    unit_of = f"(1 + (i - 1) % {units})"
    run("users_and_workers", f"""
        INSERT INTO accounts_user (id, password, last_login, is_superuser, username, first_name, last_name, email,
            is_staff, is_active, date_joined, role, jurisdiction_id, phone)
        SELECT {USER_BASE} + i, '!', NULL, false, 'ctxh' || i, 'Nhân viên', 'CTXH ' || i, '', false, true, {now},
               'social_worker', {lo} + {unit_of} % {count}, ''
        FROM ({q.series(workers)}) s""")
    run("users_and_workers", f"""
        INSERT INTO casework_worker (user_id, organisation_id, supervisor, active, created_at)
        SELECT {USER_BASE} + i, {unit_of}, (i - 1) / {units} < 2, true, {now} FROM ({q.series(workers)}) s""")
    # case i at unit 1 + (i - 1) % U, received (N - i) / N of three years ago (the newest last), its worker one of
    # the unit's slots 1.. in turn, its supervisor slot 0; closed with a probability from 20 % (new) to 95 % (old)
    case_type = "CASE " + " ".join(f"WHEN t < {upper} THEN '{name}'" for upper, name in CASE_TYPES) + " END"
    run("cases", f"""
        INSERT INTO casework_case (id, organisation_id, year, number, procedure, source, reporter_name, reporter_phone,
            received_at, case_type, risk, summary, worker_id, supervisor_id, stage, separated_on, separation_ended_on,
            returned_on, closed_on, close_reason, close_note, commune_id, province_code, version, created_at,
            updated_at, created_by_id, updated_by_id)
        SELECT i, unit, year, ROW_NUMBER() OVER (PARTITION BY unit, year ORDER BY i),
               CASE WHEN t < 30 OR (t >= 60 AND t < 72 AND {q.rnd(4, 3)} = 0) THEN 'child' ELSE 'adult' END,
               {q.pick(5, SOURCES)}, '', '', {q.ts("received")}, {case_type},
               CASE WHEN {q.rnd(6, 20)} < 2 THEN 'serious' WHEN {q.rnd(6, 20)} < 7 THEN 'high'
                    WHEN {q.rnd(6, 20)} < 14 THEN 'medium' ELSE 'low' END,
               'Nội dung sự việc ' || i, {USER_BASE} + unit + {units} * (1 + ((i - 1) / {units}) % {slots - 1}),
               {USER_BASE} + unit, CASE WHEN closed THEN 'closed' ELSE {q.pick(7, OPEN_STAGES)} END, NULL, NULL, NULL,
               CASE WHEN closed THEN {q.day(f"{TODAY_EPOCH} - 86400 * {q.greatest(f'age / 86400 - 5 - {q.rnd(8, 180)}', '0')}")} END,
               CASE WHEN closed THEN {q.pick(9, CLOSE_REASONS)} ELSE '' END, '', {lo} + unit % {count},
               '{PROVINCE}', 1, {q.ts("received")}, {q.ts("received")}, NULL, NULL
        FROM (SELECT i, unit, t, closed, age, {NOW_EPOCH} - age AS received, {q.local_year(f"{NOW_EPOCH} - age")} AS year
              FROM (SELECT i, {unit_of} AS unit, {q.rnd(3, 100)} AS t,
                           {q.rnd(1, 100)} < 20 + (75 * ({cases} - i)) / {cases} AS closed,
                           (({cases} - i) * {SPAN_SECONDS}) / {cases} + {q.rnd(2, 86400)} AS age
                    FROM ({q.series(cases)}) s) a) b""")
    run("subjects", f"""
        INSERT INTO registry_person (id, full_name, name_folded, sort_name, birth_year, sex, ethnicity, commune_id,
            province_code, hamlet, address, legacy_address, phone, disability_level, pension_status, bank_name,
            bank_account, version, created_at, updated_at)
        SELECT id, 'Người ' || id, 'nguoi ' || id, id || ' nguoi',
               CASE WHEN procedure = 'child' THEN year - 2 - id % 13 ELSE 1940 + id % 60 END,
               CASE WHEN id % 2 = 0 THEN 'F' ELSE 'M' END, '01', commune_id, province_code, '', '', '', '', 'none',
               'none', '', '', 1, {now}, {now}
        FROM casework_case""")
    run("subjects", "INSERT INTO casework_subject (case_id, person_id, main, relation) "
                    "SELECT id, id, true, '' FROM casework_case")
    # one outstanding deadline per open child case: the 12 hours (due from 30 days ago to 12 hours ahead) before
    # the plan, else the end of a day from 30 days ago to 10 days ahead, a tenth of them today
    end_of_day = (f"{END_OF_TODAY_EPOCH} + 86400 * CASE WHEN {q.rnd(10, 10, 'id')} = 0 THEN 0 "
                  f"ELSE {q.rnd(11, 41, 'id')} - 30 END")
    run("deadlines", f"""
        INSERT INTO casework_deadline (case_id, step, due_at, met_at, basis)
        SELECT id, CASE stage WHEN 'assessed' THEN 'plan_draft' WHEN 'plan_submitted' THEN 'plan_approval'
                              WHEN 'implementing' THEN 'separation_end' ELSE 'emergency' END,
               CASE WHEN stage IN ('received', 'initial')
                    THEN {q.ts(f"{NOW_EPOCH} + 43200 - {q.rnd(10, 30 * 86400 + 43200, 'id')}")}
                    ELSE {q.ts(end_of_day)} END, NULL, 'NĐ 56/2017/NĐ-CP'
        FROM casework_case WHERE stage <> 'closed' AND procedure = 'child'""")
    # met: the plan drafted (due 5 days after the report, met after 4) and approved (8, met after 7)
    for step, due, met, stages in (("plan_draft", 5, 4, "'closed', 'plan_submitted', 'implementing'"),
                                   ("plan_approval", 8, 7, "'closed', 'implementing'")):
        run("deadlines", f"""
            INSERT INTO casework_deadline (case_id, step, due_at, met_at, basis)
            SELECT id, '{step}', {q.plus_days("received_at", due)}, {q.plus_days("received_at", met)},
                   'NĐ 56/2017/NĐ-CP Điều 28' FROM casework_case WHERE stage IN ({stages})""")
    # shares: one case in 50 with a colleague of the unit (one in five of them revoked), 20 cases with the officer
    colleague = f"{USER_BASE} + organisation_id + {units} * (1 + ((id - 1) / {units} + 1) % {slots - 1})"
    run("shares_and_referrals", f"""
        INSERT INTO casework_caseshare (case_id, user_id, reason, shared_by_id, shared_at, revoked_at)
        SELECT id, {colleague}, 'Thay khi nghỉ phép', worker_id, received_at,
               CASE WHEN id % 250 = 7 THEN {q.plus_days("received_at", 30)} END
        FROM casework_case WHERE id % 50 = 7""")
    run("shares_and_referrals", f"""
        INSERT INTO casework_caseshare (case_id, user_id, reason, shared_by_id, shared_at, revoked_at)
        SELECT id, {officer_id}, 'Sở theo dõi', supervisor_id, received_at, NULL
        FROM casework_case WHERE id % {max(1, cases // 20)} = 3""")
    # referrals: one case in 80 to the next unit; half accepted by a worker there, three in ten pending
    to_unit = f"(organisation_id % {units} + 1)"
    run("shares_and_referrals", f"""
        INSERT INTO casework_referral (case_id, to_id, reason, consent_by, consent_name, consent_on, head_consent,
            status, receiving_worker_id, responded_at, response_note, created_at, created_by_id)
        SELECT id, {to_unit}, 'Hỗ trợ tâm lý', 'self', 'Người ' || id, {q.day(f"{TODAY_EPOCH} - 86400 * 400")}, true,
               CASE WHEN (id / 80) % 10 < 5 THEN 'accepted' WHEN (id / 80) % 10 < 8 THEN 'pending' ELSE 'refused' END,
               CASE WHEN (id / 80) % 10 < 5
                    THEN {USER_BASE} + {to_unit} + {units} * (1 + (id / 80) % {slots - 1}) END,
               CASE WHEN (id / 80) % 10 < 5 OR (id / 80) % 10 >= 8 THEN {q.plus_days("received_at", 3)} END, '',
               {q.plus_days("received_at", 2)}, worker_id
        FROM casework_case WHERE id % 80 = 11""")
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if pg:
            for sql in connection.ops.sequence_reset_sql(no_style(), [User, Organisation, Person, Case]):
                cursor.execute(sql)
            for table in ("accounts_user", "facilities_organisation", "facilities_organisationperiod",
                          "casework_worker", "casework_case", "registry_person", "casework_subject",
                          "casework_deadline", "casework_caseshare", "casework_referral"):
                cursor.execute(f"VACUUM (ANALYZE) {table}")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA synchronous=NORMAL")
    steps["analyze"] = round(time.perf_counter() - t0, 2)
    return {"seconds": round(time.perf_counter() - started, 2), "steps": steps}


def sizes() -> dict[str, int]:
    from django.db import connection

    queries = {
        "units": "SELECT COUNT(*) FROM facilities_organisation",
        "workers": "SELECT COUNT(*) FROM casework_worker",
        "supervisors": "SELECT COUNT(*) FROM casework_worker WHERE supervisor",
        "cases": "SELECT COUNT(*) FROM casework_case",
        "open_cases": "SELECT COUNT(*) FROM casework_case WHERE stage <> 'closed'",
        "child_cases": "SELECT COUNT(*) FROM casework_case WHERE procedure = 'child'",
        "persons": "SELECT COUNT(*) FROM registry_person",
        "subjects": "SELECT COUNT(*) FROM casework_subject",
        "deadlines": "SELECT COUNT(*) FROM casework_deadline",
        "deadlines_outstanding": "SELECT COUNT(*) FROM casework_deadline WHERE met_at IS NULL",
        "deadlines_overdue": "SELECT COUNT(*) FROM casework_deadline WHERE met_at IS NULL AND due_at < %s",
        "shares": "SELECT COUNT(*) FROM casework_caseshare",
        "referrals": "SELECT COUNT(*) FROM casework_referral",
        "referrals_accepted": "SELECT COUNT(*) FROM casework_referral WHERE status = 'accepted'",
    }
    out = {}
    with connection.cursor() as cursor:
        for key, sql in queries.items():
            cursor.execute(sql, [adapt(NOW)] if "%s" in sql else None)
            out[key] = cursor.fetchone()[0]
    return out


def adapt(value: datetime.date) -> Any:
    """A parameter as the backend takes it (SQLite: the text Django stores)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        return value
    if isinstance(value, datetime.datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return connection.ops.adapt_datefield_value(value)


# --- the application's paths -------------------------------------------------------------------------------


def listed(qs, size: int) -> dict[str, Any]:
    """What a list page loads: its first page of rows, then the count the paginator shows."""
    rows = list(qs[:size])
    return {"count": qs.count(), "page": [row.pk for row in rows]}


def trend_answer(trend: dict) -> dict[str, Any]:
    return {"months": [m.isoformat() for m in trend["months"]],
            "received": {kind: list(v) for kind, v in sorted(trend["received"].items())},
            "open": list(trend["open"]), "closed": list(trend["closed"]), "last_day": trend["last_day"].isoformat()}


def caseload_answer(rows: list[dict]) -> list[list[int]]:
    return [[row["worker"].pk, row["open"]] for row in rows]


def app_part(part: str, user) -> Any:
    from ansinh.casework import selectors

    if part == "overdue":
        return listed(selectors.overdue(user=user, now=NOW), PAGE)
    if part == "due_today":
        return listed(selectors.due_today(user=user, now=NOW), PAGE)
    if part == "my_cases":
        return listed(selectors.my_cases(user=user), MINE_PAGE)
    if part == "caseloads":
        return caseload_answer(selectors.caseloads(user=user))
    if part == "trend":
        return trend_answer(selectors.trend(user=user, today=TODAY))
    # as casework.views.workbench renders it: due today shows the length of its first page, not a count
    board = selectors.workbench(user=user, now=NOW)
    return {"my_cases": listed(board["mine"], MINE_PAGE), "overdue": listed(board["overdue"], PAGE),
            "due_today": {"page": [row.pk for row in board["due_today"][:PAGE]]},
            "caseloads": caseload_answer(board["caseloads"]), "trend": trend_answer(board["trend"])}


# --- the floor: one hand-written statement per part ----------------------------------------------------------


def related_cte(user_id: int) -> str:
    """The cases a user is related to, each relation by its own index."""
    return f"""rel AS (
        SELECT id FROM casework_case WHERE worker_id = {user_id}
        UNION SELECT id FROM casework_case WHERE supervisor_id = {user_id}
        UNION SELECT case_id FROM casework_caseshare WHERE user_id = {user_id} AND revoked_at IS NULL
        UNION SELECT case_id FROM casework_referral WHERE receiving_worker_id = {user_id} AND status = 'accepted')"""


def floor_deadlines(user_id: int, due: str) -> str:
    return f"""
        WITH {related_cte(user_id)}
        SELECT d.id, d.step, d.due_at, c.id, c.year, c.number, c.case_type, c.risk, c.stage, o.code, o.name,
               COUNT(*) OVER ()
        FROM casework_deadline d JOIN rel ON rel.id = d.case_id JOIN casework_case c ON c.id = d.case_id
             JOIN facilities_organisation o ON o.id = c.organisation_id
        WHERE d.met_at IS NULL AND {due} AND c.stage <> 'closed'
        ORDER BY d.due_at, d.id LIMIT {PAGE}"""


def floor_statement(part: str, user, oversee: bool, pg: bool) -> tuple[str, list]:
    uid = user.pk
    if part == "overdue":
        return floor_deadlines(uid, "d.due_at < %s"), [adapt(NOW)]
    if part == "due_today":
        end = NOW.replace(hour=23, minute=59, second=59, microsecond=999999)
        return floor_deadlines(uid, "d.due_at >= %s AND d.due_at <= %s"), [adapt(NOW), adapt(end)]
    if part == "my_cases":
        return f"""
            SELECT c.id, c.year, c.number, c.received_at, c.case_type, c.risk, c.stage, o.code, o.name, u.username,
                   COUNT(*) OVER ()
            FROM casework_case c JOIN facilities_organisation o ON o.id = c.organisation_id
                 JOIN accounts_user u ON u.id = c.worker_id
            WHERE (c.worker_id = {uid} OR c.supervisor_id = {uid}) AND c.stage <> 'closed'
            ORDER BY c.received_at DESC, c.id DESC LIMIT {MINE_PAGE}""", []
    if part == "caseloads":
        visible = f"SELECT organisation_id FROM casework_worker WHERE user_id = {uid} AND active"
        if oversee:
            visible += (" UNION SELECT w.organisation_id FROM casework_worker w JOIN facilities_organisation o "
                        f"ON o.id = w.organisation_id WHERE o.province_code = '{user.jurisdiction.province_code}'")
        # the open cases counted from the units, joined (SQLite walks the whole (worker, stage) index for one unit
        # when they are `organisation_id IN (…)` or a common table expression)
        return f"""
            SELECT w.id, COALESCE(n.n, 0)
            FROM ({visible}) vis JOIN casework_worker w ON w.organisation_id = vis.organisation_id
                 JOIN facilities_organisation o ON o.id = w.organisation_id JOIN accounts_user u ON u.id = w.user_id
                 LEFT JOIN (SELECT c.worker_id, COUNT(*) AS n FROM ({visible}) v JOIN casework_case c
                            ON c.organisation_id = v.organisation_id WHERE c.stage <> 'closed'
                            GROUP BY c.worker_id) n ON n.worker_id = w.user_id
            WHERE w.active
            ORDER BY o.name, u.username""", []
    # trend: received per local month and type, open before the window, closed per month
    first, start = trend_window()
    counted = (f"province_code = '{user.jurisdiction.province_code}'" if oversee
               else "id IN (SELECT id FROM rel)")
    month = ("to_char(received_at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY-MM')" if pg
             else "substr(datetime(received_at, '+7 hours'), 1, 7)")
    closed_month = "to_char(closed_on, 'YYYY-MM')" if pg else "substr(closed_on, 1, 7)"
    return f"""
        {"" if oversee else "WITH " + related_cte(uid)}
        SELECT 'received', {month}, case_type, COUNT(*) FROM casework_case
        WHERE {counted} AND received_at >= %s GROUP BY {month}, case_type
        UNION ALL
        SELECT 'before', NULL, NULL, COUNT(*) FROM casework_case
        WHERE {counted} AND received_at < %s AND (closed_on IS NULL OR closed_on >= %s)
        UNION ALL
        SELECT 'closed', {closed_month}, NULL, COUNT(*) FROM casework_case
        WHERE {counted} AND closed_on >= %s GROUP BY {closed_month}""", [adapt(start), adapt(start), adapt(first), adapt(first)]


def trend_window(months: int = 12) -> tuple[datetime.date, datetime.datetime]:
    from ansinh.core.dates import add_months

    first = add_months(TODAY.replace(day=1), -(months - 1))
    return first, datetime.datetime.combine(first, datetime.time(), tzinfo=TZ)


def floor_answer(part: str, rows: list[tuple]) -> Any:
    if part in ("overdue", "due_today", "my_cases"):
        return {"count": rows[0][-1] if rows else 0, "page": [row[0] for row in rows]}
    if part == "caseloads":
        return [[row[0], row[1]] for row in rows]
    from ansinh.core.dates import add_months, last_of_month

    first, _start = trend_window()
    window = [add_months(first, n) for n in range(12)]
    index = {m.strftime("%Y-%m"): n for n, m in enumerate(window)}
    received: dict[str, list[int]] = {}
    opened, closed, before = [0] * 12, [0] * 12, 0
    for what, month, kind, n in rows:
        if what == "received":
            received.setdefault(kind, [0] * 12)[index[month]] += n
            opened[index[month]] += n
        elif what == "before":
            before = n
        elif month in index:
            closed[index[month]] += n
    open_at_end, running = [], before
    for n in range(12):
        running += opened[n] - closed[n]
        open_at_end.append(running)
    return {"months": [m.isoformat() for m in window], "received": dict(sorted(received.items())),
            "open": open_at_end, "closed": closed, "last_day": last_of_month(window[-1]).isoformat()}


def floor_part(part: str, user, oversee: bool) -> Any:
    from django.db import connection

    pg = connection.vendor == "postgresql"
    if part == "workbench":
        # the workbench shows the caseloads of the user's own units; the province's are on the page of case workers
        board = {p: floor_part(p, user, oversee and p != "caseloads")
                 for p in ("my_cases", "overdue", "due_today", "caseloads", "trend")}
        del board["due_today"]["count"]
        return board
    sql, params = floor_statement(part, user, oversee, pg)
    with connection.cursor() as cursor:
        cursor.execute(sql, params or None)
        rows = cursor.fetchall()
    return floor_answer(part, rows)


# --- timing, queries, plans ------------------------------------------------------------------------------


def timed(fn, repeats: int) -> tuple[float, Any]:
    """Median seconds of `repeats` runs after one warm-up run (whose answer is returned)."""
    answer = fn()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), answer


def statements_of(fn) -> list[tuple[str, Any]]:
    """The statements `fn` sends to the database."""
    from django.db import connection

    seen: list[tuple[str, Any]] = []

    def capture(execute, sql, params, many, context):
        seen.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        fn()
    return seen


def statement_ms(sql: str, params: Any, tries: int = 3) -> float:
    """Best of `tries`: the statement executed and fetched on a bare cursor."""
    from django.db import connection

    best = float("inf")
    with connection.cursor() as cursor:
        for _ in range(tries):
            t0 = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            best = min(best, time.perf_counter() - t0)
    return round(best * 1000, 2)


def explain(sql: str, params: Any) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            return [row[0] for row in cursor.fetchall()]
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[-1] for row in cursor.fetchall()]


def shown(sql: str, params: Any) -> str:
    """The statement with its parameters in place, for reading."""
    text = re.sub(r"\s+", " ", sql).strip()
    if params:
        with contextlib.suppress(TypeError, ValueError):
            text = text % tuple("'" + str(p).replace("'", "''") + "'" if isinstance(p, str) else str(p)
                               for p in params)
    return text


def measure(label: str, user, oversee: bool, repeats: int) -> tuple[dict[str, Any], dict[str, Any]]:
    from django.db import connection

    results: dict[str, Any] = {}
    plans: dict[str, Any] = {}
    for part in PARTS:
        seconds, answer = timed(lambda p=part: app_part(p, user), repeats)
        floor_seconds, floor = timed(lambda p=part: floor_part(p, user, oversee), repeats)
        statements = statements_of(lambda p=part: app_part(p, user))
        row: dict[str, Any] = {
            "seconds": round(seconds, 5), "floor_seconds": round(floor_seconds, 5),
            "ratio": round(seconds / floor_seconds, 2) if floor_seconds else None,
            "queries": len(statements), "floor_agrees": answer == floor,
        }
        if part in ("overdue", "due_today", "my_cases"):
            row["count"], row["rows"] = answer["count"], len(answer["page"])
        elif part == "caseloads":
            row["rows"], row["open_cases"] = len(answer), sum(n for _w, n in answer)
        elif part == "trend":
            row["received_in_window"] = sum(sum(v) for v in answer["received"].values())
            row["open_at_end"] = answer["open"][-1]
        else:
            row["counts"] = {k: answer[k]["count"] for k in ("my_cases", "overdue")}
            row["counts"]["due_today_shown"] = len(answer["due_today"]["page"])
        if part != "workbench":
            timings = [(statement_ms(sql, params), sql, params) for sql, params in statements]
            ms, sql, params = max(timings, key=lambda t: t[0])
            row["statements_ms"] = [t[0] for t in timings]
            plans[part] = {"ms": ms, "sql": shown(sql, params), "plan": explain(sql, params)}
            floor_sql, floor_params = floor_statement(part, user, oversee, connection.vendor == "postgresql")
            plans[part]["floor_ms"] = statement_ms(floor_sql, floor_params or None)
            plans[part]["floor_plan"] = explain(floor_sql, floor_params or None)
        if not row["floor_agrees"]:
            row["answer"], row["floor_answer"] = answer, floor
        results[part] = row
        log(f"  {label} {part}: {seconds * 1000:.1f} ms, floor {floor_seconds * 1000:.1f} ms, "
            f"ratio {row['ratio']}, {row['queries']} queries{'' if row['floor_agrees'] else ', FLOOR DISAGREES'}")
    return results, plans


# --- main ----------------------------------------------------------------------------------------------------


def code_version() -> dict[str, Any]:
    """The commit measured, and whether the casework app differed from it (it is being written alongside)."""

    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", "src/ansinh/casework").splitlines()
    return {"commit": git("rev-parse", "--short", "HEAD"), "casework_uncommitted": [line[3:] for line in changed]}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2_000)
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each part (after a warm-up); median")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}",
                        help="default: a fresh SQLite file under var/bench/; PostgreSQL databases must be named *bench*")
    args = parser.parse_args()
    load_average = [round(x, 2) for x in os.getloadavg()]
    units = max(1, args.workers // UNIT_WORKERS)
    slots = args.workers // units
    if slots < 3:
        sys.exit("--workers must give each unit at least three workers")

    log(f"fresh database: {re.sub(r'//[^@/]*@', '//***@', args.database_url)}")
    fresh_database(args.database_url)
    django_setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    from ansinh.accounts.models import Role, User
    from ansinh.accounts.services import user_create
    from ansinh.geo.models import AdministrativeUnit
    from ansinh.geo.services import admin_units_load

    call_command("migrate", interactive=False, verbosity=0)
    admin_units_load()
    province = AdministrativeUnit.objects.get(level="province", code=PROVINCE, valid_to__isnull=True)
    officer = user_create(actor=None, username="bench_tinh", password="x", role=Role.PROVINCE_OFFICER,
                          jurisdiction=province, validate=False)
    assert officer.pk < USER_BASE
    log(f"loading {units} units, {units * slots:,} workers, {args.cases:,} cases")
    loaded = load(args.cases, units, slots, args.seed, officer.pk)
    log(f"loaded in {loaded['seconds']}s: {loaded['steps']}")
    size = sizes()
    log(f"sizes: {size}")

    users = {
        "social_worker": User.objects.select_related("jurisdiction").get(pk=USER_BASE + 1 + 2 * units),
        "supervisor": User.objects.select_related("jurisdiction").get(pk=USER_BASE + 1),
        "province_officer": User.objects.select_related("jurisdiction").get(pk=officer.pk),
    }
    oversee = {"social_worker": False, "supervisor": False, "province_officer": True}
    described, results, plans = {}, {}, {}
    with connection.cursor() as cursor:
        for label, user in users.items():
            cursor.execute(f"WITH {related_cte(user.pk)} SELECT COUNT(*) FROM rel")
            related = cursor.fetchone()[0]
            described[label] = {"id": user.pk, "username": user.username, "role": user.role,
                                "jurisdiction": str(user.jurisdiction), "related_cases": related}
    for label, user in users.items():
        log(f"timing {label} ({described[label]['related_cases']:,} related cases), {args.repeats} repeats")
        results[label], plans[label] = measure(label, user, oversee[label], args.repeats)

    agree = all(row["floor_agrees"] for parts in results.values() for row in parts.values())
    measured = [(row["seconds"], label, part, row["ratio"]) for label, parts in results.items()
                for part, row in parts.items() if part != "workbench"]
    seconds, label, part, ratio = max(measured)
    worst_ratio = max(measured, key=lambda m: m[3] or 0)
    print(json.dumps({
        "benchmark": "casework",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "code": code_version(),
        "load_average": {"start": load_average, "end": [round(x, 2) for x in os.getloadavg()]},
        "database": database_info(),
        "seed": args.seed, "now": NOW.isoformat(), "repeats": args.repeats,
        "sizes": size,
        "load_seconds": loaded["seconds"], "load_steps_seconds": loaded["steps"],
        "users": described,
        "results": results,
        "workbench_seconds": {label: parts["workbench"]["seconds"] for label, parts in results.items()},
        "slowest_part": {"user": label, "part": part, "seconds": seconds, "ratio_to_floor": ratio},
        "highest_ratio": {"user": worst_ratio[1], "part": worst_ratio[2], "seconds": worst_ratio[0],
                          "ratio_to_floor": worst_ratio[3]},
        "floor_agrees": agree,
        "floor_disagrees_on": [f"{label}.{part}" for label, parts in results.items() for part, row in parts.items()
                               if not row["floor_agrees"]],
        "plans": plans,
    }, ensure_ascii=False, indent=2, default=str))
    connection.close()
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
