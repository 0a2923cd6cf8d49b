"""Emergency assistance for a province of 1,000,000 affected lines: the indicator, the waiting list, an event's page
and the writes of a village list, each beside the floor.

    .venv/bin/python benchmarks/emergency.py [--lines 1000000] [--repeats 5] [--seed 2026] [--database-url URL]

Creates a fresh database and, in one province (Cà Mau, set-based SQL): an event per 20,000 lines over the last two
years (each in 5–20 of the province's communes, the newest started 30 days ago), a registry person per line (and
480 more in the commune the writes use), N `emergency_affected` lines in the events' communes, detected in the
30 days after their event started, the deadline two days later; most decided 0–4 days after detection (one
decision per event, commune and day, numbered in the commune's yearly sequence) and delivered 0–3 days after
that, some waiting (undecided, or decided and not delivered), some closed without aid; one aid per open line (rice
for hunger, the law's cash where it sets one, goods otherwise), a delivery per delivered aid, an audit event per
line. Then, for a province officer and a commune officer, times the real code as the pages evaluate it —
`indicators.helped_promptly` for the year, the waiting list (`selectors.waiting` through its FilterSet, the first 25
and the count), the event list (`selectors.events`, first 25 and count), the newest event's `summary` and `totals`
— and the writes of a commune officer on the newest event: `affected_paste` of a 500-row village list (480 people
found in the registry by citizen ID, 20 registered on the spot), then `aids_propose_minimums`, `decision_make` and
`deliver_decision` for them, each run in a transaction rolled back. Beside each, the floor: the same answer by
hand-written SQL (one statement per read; the INSERT … SELECT / UPDATE statements of each write, with its audit
rows), which must agree. Prints one JSON object; progress goes to stderr.
"""

import argparse
import datetime
import json
import os
import re
import statistics
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from casework import Dialect as CaseworkDialect  # noqa: E402
from casework import adapt, explain, loader, shown, statement_ms, statements_of, timed  # noqa: E402
from registry_search import ROOT, database_info, django_setup, fresh_database, log  # noqa: E402

DEFAULT_SQLITE = ROOT / "var" / "bench" / "emergency.sqlite3"
PROVINCE = "96"
TODAY = datetime.date(2026, 12, 4)
NOW_EPOCH = int(datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.UTC).timestamp())
YEAR_START = TODAY.replace(month=1, day=1)
LINES_PER_EVENT = 20_000
SPAN_DAYS = 730  # the events started over the last two years
NEWEST_DAYS = 30  # the newest started 30 days ago; lines are detected in the 30 days after their event started
PAGE = 25  # the waiting list and the event list (core.web.PAGE_SIZE)
PASTED, NEW = 500, 20  # the village list pasted: 480 found by citizen ID, 20 registered on the spot
READS = ("helped_promptly", "waiting", "events", "summary", "totals")
# multipliers of the row hash mod 2^31 - 1, one per drawn attribute (casework's, then Fishman & Moore's)
MULTIPLIERS = (1103515245, 2147483629, 1664525, 22695477, 134775813, 16807, 48271, 69069, 1140671485, 214013,
               397204094, 630360016, 742938285, 950706376, 1226874159, 62089911, 1343714438, 2027812808, 784588716,
               1781259119)
KINDS = ("storm", "flood", "landslide", "erosion", "fire", "crop_failure", "lean_season", "flood", "storm", "tet")
# (share out of 100, damage) of the lines
DAMAGES = ((45, "hunger"), (65, "badly_damaged"), (70, "house_lost"), (75, "relocated"), (80, "injury"),
           (100, "livelihood"))
FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Hoàng", "Võ", "Phan", "Trương", "Bùi", "Đặng", "Đỗ", "Ngô", "Hồ",
          "Dương", "Lý")
MIDDLE_M = ("Văn", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Công", "Văn")
MIDDLE_F = ("Thị", "Ngọc", "Kim", "Thanh", "Thị", "Mỹ", "Bích", "Thu")
GIVEN_M = ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khánh", "Long", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Thắng",
           "Tuấn", "Vinh")
GIVEN_F = ("Anh", "Châu", "Giang", "Hà", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Phương", "Thảo",
           "Trang", "Vân", "Yến")
# the damage as the officer types it in the pasted list, and its code
TYPED = (("thiếu đói", "hunger"), ("thiếu đói", "hunger"), ("thiếu đói", "hunger"), ("thiếu đói", "hunger"),
         ("hư hỏng nặng", "badly_damaged"), ("hư hỏng nặng", "badly_damaged"), ("sập nhà", "house_lost"),
         ("di dời", "relocated"), ("bị thương", "injury"), ("mất sinh kế", "livelihood"))


class Dialect(CaseworkDialect):
    """Casework's expressions, with more attributes drawn, and dates counted in days before `TODAY`."""

    def rnd(self, k: int, m: int | str, i: str = "i") -> str:
        return f"((({i} + {self.seed}) * {MULTIPLIERS[k]}) % 2147483647 % ({m}))"

    def before(self, days: str) -> str:
        """The date `days` (an expression, NULL gives NULL) before TODAY."""
        return (f"(DATE '{TODAY.isoformat()}' - CAST({days} AS INTEGER))" if self.pg
                else f"date(julianday('{TODAY.isoformat()}') - ({days}))")

    def year(self, column: str) -> str:
        return (f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)" if self.pg
                else f"CAST(strftime('%Y', {column}) AS INTEGER)")

    def zpad(self, expr: str, width: int) -> str:
        return f"lpad(CAST({expr} AS TEXT), {width}, '0')" if self.pg else f"printf('%0{width}d', {expr})"

    def json(self, *pairs: str) -> str:
        """A JSON object of alternating keys (quoted literals) and value expressions."""
        return f"{'jsonb_build_object' if self.pg else 'json_object'}({', '.join(pairs)})"


def choose(index: str, values: tuple[str, ...]) -> str:
    return f"CASE {index} " + " ".join(f"WHEN {n} THEN '{v}'" for n, v in enumerate(values)) + " END"


def literal(value: Any) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(int(value))
    return "'" + str(value).replace("'", "''") + "'"


def damage_label(column: str) -> str:
    from ansinh.emergency.models import Damage

    return f"CASE {column} " + " ".join(f"WHEN '{d.value}' THEN {literal(str(d.label))}" for d in Damage) + " END"


# --- loading --------------------------------------------------------------------------------------------------


def load(lines: int, seed: int) -> dict[str, Any]:
    """Everything by INSERT … SELECT; returns the seconds of each step and what the writes will use."""
    from django.core.management.color import no_style
    from django.db import connection

    from ansinh.core.text import fold
    from ansinh.emergency import selectors
    from ansinh.emergency.models import Affected, Aid, Event, EventKind
    from ansinh.geo.models import AdministrativeUnit
    from ansinh.registry.models import Person

    communes = list(AdministrativeUnit.objects.filter(level="commune", province_code=PROVINCE, valid_to__isnull=True)
                    .order_by("id").values_list("id", flat=True))
    lo, count = communes[0], len(communes)
    assert communes == list(range(lo, lo + count)), "commune ids of the province must be contiguous"
    pg = connection.vendor == "postgresql"
    q = Dialect(pg, seed)
    now = q.ts(str(NOW_EPOCH))
    events = max(1, lines // LINES_PER_EVENT)
    terms = selectors.terms(TODAY, PROVINCE)  # the same amounts over the two years (since 01/7/2024)
    steps: dict[str, float] = {}

    run = loader(steps, pg)
    started = time.perf_counter()
    # event e started 730 - 700 e / E days ago (the newest 30 days ago, still going on), over k = 5–20 communes
    # from the o-th of the province on (wrapping)

    def start(e: str) -> str:
        return f"{SPAN_DAYS} - ({e} * {SPAN_DAYS - NEWEST_DAYS}) / {events}"

    def event_of(i: str) -> str:
        return f"(1 + (({i} - 1) * {events}) / {lines})"

    labels = tuple(str(EventKind(kind).label) for kind in KINDS)
    run("events", f"""
        INSERT INTO emergency_event (id, kind, name, started_on, ended_on, province_code, note, version, created_at,
            created_by_id)
        SELECT i, {choose(f"(i % {len(KINDS)})", KINDS)},
               {choose(f"(i % {len(KINDS)})", labels)} || ' (đợt ' || i || ')',
               {q.before(start('i'))}, CASE WHEN i < {events} THEN {q.before(f"{start('i')} - 20")} END, '{PROVINCE}',
               '', 1, {now}, NULL
        FROM ({q.series(events)}) s""")
    offset, width = q.rnd(0, count, "e.id"), f"5 + {q.rnd(1, 16, 'e.id')}"
    run("events", f"""
        INSERT INTO emergency_event_communes (event_id, administrativeunit_id)
        SELECT e.id, {lo} + ({offset} + j.i - 1) % {count}
        FROM emergency_event e, ({q.series(20)}) j WHERE j.i <= {width} AND j.i <= {count}""")
    # line i (and its person, id i) is in event 1 + (i - 1) E / N, in one of its communes
    name = (f"{choose('f', FAMILY)} || ' ' || CASE WHEN sex = 'F' THEN {choose('m', MIDDLE_F)} "
            f"ELSE {choose('m', MIDDLE_M)} END || ' ' || CASE WHEN sex = 'F' THEN {choose('g', GIVEN_F)} "
            f"ELSE {choose('g', GIVEN_M)} END")
    folded_given = (f"CASE WHEN sex = 'F' THEN {choose('g', tuple(fold(v) for v in GIVEN_F))} "
                    f"ELSE {choose('g', tuple(fold(v) for v in GIVEN_M))} END")
    folded = (f"{choose('f', tuple(fold(v) for v in FAMILY))} || ' ' || CASE WHEN sex = 'F' THEN "
              f"{choose('m', tuple(fold(v) for v in MIDDLE_F))} ELSE {choose('m', tuple(fold(v) for v in MIDDLE_M))} "
              f"END || ' ' || {folded_given}")
    digit = "(CASE WHEN born >= 2000 THEN 2 ELSE 0 END + CASE WHEN sex = 'F' THEN 1 ELSE 0 END)"

    def people(rows: str, prefix: str, serial: str) -> str:
        """The registry people of `rows` (i, commune); citizen ID: `prefix`, sex and century, year, `serial`."""
        return f"""
            INSERT INTO registry_person (id, citizen_id, full_name, name_folded, sort_name, birth_year, birth_month,
                birth_day, sex, ethnicity, province_code, hamlet, address, legacy_address, phone, disability_level,
                disability_certificate_date, date_of_death, pension_status, bank_name, bank_account, version,
                created_at, updated_at, commune_id, created_by_id, merged_into_id)
            SELECT i, CASE WHEN {serial} < 1000000 THEN '{prefix}' || {digit} || {q.zpad('born % 100', 2)}
                                                        || {q.zpad(serial, 6)} END,
                   {name}, {folded}, {folded_given} || ' ' || {folded}, born, NULL, NULL, sex, '01', '{PROVINCE}',
                   'Ấp ' || hamlet, '', '', '', 'none', NULL, NULL, 'none', '', '', 1, {now}, {now}, commune, NULL, NULL
            FROM (SELECT i, commune, 1940 + {q.rnd(12, 70)} AS born,
                         CASE WHEN {q.rnd(13, 2)} = 0 THEN 'M' ELSE 'F' END AS sex, {q.rnd(14, 16)} AS f,
                         {q.rnd(15, 8)} AS m, {q.rnd(16, 16)} AS g, 1 + {q.rnd(17, 12)} AS hamlet
                  FROM ({rows}) r) p"""

    run("people", people(f"""
        SELECT i, {lo} + ({q.rnd(0, count, 'e')} + {q.rnd(2, f"5 + {q.rnd(1, 16, 'e')}")}) % {count} AS commune
        FROM (SELECT i, {event_of('i')} AS e FROM ({q.series(lines)}) s) t""", "096", "i - 1"))
    with connection.cursor() as cursor:  # the newest event's first commune: where the writes happen
        cursor.execute(f"SELECT MIN(id) FROM emergency_event_communes WHERE event_id = {events}")
        (through,) = cursor.fetchone()
        cursor.execute(f"SELECT administrativeunit_id FROM emergency_event_communes WHERE id = {through}")
        (commune,) = cursor.fetchone()
    extra = PASTED - NEW  # registry people of that commune not yet on the newest event's list
    run("people", people(f"SELECT {lines} + i AS i, {commune} AS commune FROM ({q.series(extra)}) s", "001",
                         f"i - {lines}"))
    # status, in days before TODAY: closed (3 %), never decided (1.5 %), decided and not delivered (1.5 %), else
    # decided 0–4 days after detection and delivered 0–3 days after that, when that day has come
    damage = "CASE " + " ".join(f"WHEN {q.rnd(8, 100, 'id')} < {upper} THEN '{d}'" for upper, d in DAMAGES) + " END"
    closed = q.greatest(f"det - 1 - {q.rnd(5, 5, 'id')}", "0")
    run("lines", f"""
        INSERT INTO emergency_affected (id, event_id, person_id, household_id, commune_id, province_code, hamlet,
            damage, people, vulnerable, days_treated, detected_on, due_on, decided_on, delivered_on, note, closed_on,
            closed_reason, created_at, created_by_id)
        SELECT id, e, id, NULL, commune_id, '{PROVINCE}', hamlet, damage, people, vulnerable,
               CASE WHEN damage = 'injury' THEN 1 + {q.rnd(10, 10, 'id')} END, {q.before('det')},
               {q.before(f'det - {terms.decision_days}')}, {q.before('dec')},
               {q.before("CASE WHEN r >= 60 AND dec - gap >= 0 THEN dec - gap END")}, '',
               {q.before(f"CASE WHEN r < 30 THEN {closed} END")},
               CASE WHEN r < 30 THEN 'Đã được hỗ trợ từ nguồn khác' ELSE '' END, {now}, NULL
        FROM (SELECT id, e, commune_id, hamlet, det, r, damage, people, vulnerable, {q.rnd(7, 4, 'id')} AS gap,
                     CASE WHEN r >= 45 AND det - {q.rnd(6, 5, 'id')} >= 0 THEN det - {q.rnd(6, 5, 'id')} END AS dec
              FROM (SELECT id, e, commune_id, hamlet, {start('e')} - {q.rnd(3, 30, 'id')} AS det,
                           {q.rnd(4, 1000, 'id')} AS r, {damage} AS damage, 1 + {q.rnd(11, 6, 'id')} AS people,
                           {q.rnd(9, 10, 'id')} < 3 AS vulnerable
                    FROM (SELECT id, commune_id, hamlet, {event_of('id')} AS e
                          FROM registry_person WHERE id <= {lines}) p) a) b""")
    # a decision per event, commune and day, numbered in the commune's sequence of its year
    run("decisions", f"""
        INSERT INTO emergency_decision (event_id, commune_id, province_code, number, decided_on, urgent, reviewed_on,
            signer, created_at, created_by_id)
        SELECT event_id, commune_id, '{PROVINCE}', CASE WHEN n < 10 THEN '0' ELSE '' END || n || '/QĐ-UBND',
               decided_on, false, decided_on, 'Chủ tịch UBND xã', {now}, NULL
        FROM (SELECT event_id, commune_id, decided_on,
                     ROW_NUMBER() OVER (PARTITION BY commune_id, {q.year('decided_on')}
                                        ORDER BY decided_on, event_id) AS n
              FROM (SELECT DISTINCT event_id, commune_id, decided_on FROM emergency_affected
                    WHERE decided_on IS NOT NULL) d) x
        ORDER BY decided_on, event_id, commune_id""")
    run("decisions", f"""
        INSERT INTO core_documentnumber (issuer, year, last)
        SELECT c.code, d.y, COUNT(*) FROM (SELECT commune_id, {q.year('decided_on')} AS y FROM emergency_decision) d
        JOIN geo_administrativeunit c ON c.id = d.commune_id GROUP BY c.code, d.y""")
    # one aid per open line (its id the line's): rice for hunger, the law's cash where it sets one, goods otherwise
    cash = (f"CASE WHEN damage = 'house_lost' AND vulnerable THEN {int(terms.house_lost)} "
            f"WHEN damage = 'badly_damaged' AND vulnerable THEN {int(terms.house_repair)} "
            f"WHEN damage = 'relocated' THEN {int(terms.relocation)} "
            f"WHEN damage = 'injury' AND days_treated >= {terms.injury_days} "
            f"THEN {int(terms.injury_multiple * terms.standard_level)} END")
    run("aids", "CREATE INDEX bench_decision_key ON emergency_decision (event_id, commune_id, decided_on)")
    run("aids", f"""
        INSERT INTO emergency_aid (id, affected_id, kind, quantity, months, goods, basis, minimum, decision_id,
            delivered, version, created_at)
        SELECT id, id, kind, quantity, CASE WHEN kind = 'rice' THEN 1 END,
               CASE WHEN kind = 'goods' THEN 'Mì, nước uống, mùng' ELSE '' END,
               CASE kind WHEN 'rice' THEN 'NĐ 20/2021/NĐ-CP Điều 12 khoản 1' WHEN 'cash' THEN 'NĐ 20/2021/NĐ-CP Điều 15'
                         ELSE 'NĐ 20/2021/NĐ-CP Điều 12 khoản 2' END,
               CASE WHEN kind <> 'goods' THEN quantity END, decision_id,
               CASE WHEN delivered_on IS NOT NULL THEN quantity ELSE 0 END, 1, {now}
        FROM (SELECT f.id, f.delivered_on, d.id AS decision_id,
                     CASE WHEN f.damage = 'hunger' THEN 'rice' WHEN cash IS NOT NULL THEN 'cash' ELSE 'goods' END
                         AS kind,
                     CASE WHEN f.damage = 'hunger' THEN f.people * {terms.rice_kg} ELSE COALESCE(cash, 500000) END
                         AS quantity
              FROM (SELECT id, event_id, commune_id, decided_on, delivered_on, damage, people, {cash} AS cash
                    FROM emergency_affected WHERE closed_on IS NULL) f
                   LEFT JOIN emergency_decision d ON d.event_id = f.event_id AND d.commune_id = f.commune_id
                                                    AND d.decided_on = f.decided_on) a""")
    run("aids", "DROP INDEX bench_decision_key")
    run("deliveries", f"""
        INSERT INTO emergency_delivery (aid_id, delivered_on, quantity, receiver, created_at, created_by_id)
        SELECT a.id, f.delivered_on, a.quantity, p.full_name, {now}, NULL
        FROM emergency_affected f JOIN emergency_aid a ON a.id = f.id JOIN registry_person p ON p.id = f.person_id
        WHERE f.delivered_on IS NOT NULL ORDER BY a.id""")
    run("audit", f"""
        INSERT INTO audit_auditevent (at, action, object_type, object_id, object_repr, changes, actor_id, commune_id,
            province_code)
        SELECT {now}, 'create', 'emergency.affected', CAST(id AS TEXT), '', {q.json("'event'", "event_id")}, NULL,
               commune_id, province_code
        FROM emergency_affected ORDER BY id""")
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        if pg:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Person, Event, Affected, Aid]):
                cursor.execute(sql)
            for table in ("registry_person", "emergency_event", "emergency_event_communes", "emergency_affected",
                          "emergency_decision", "emergency_aid", "emergency_delivery", "audit_auditevent",
                          "core_documentnumber"):
                cursor.execute(f"VACUUM (ANALYZE) {table}")
        else:
            cursor.execute("ANALYZE")
            cursor.execute("PRAGMA synchronous=NORMAL")
    steps["analyze"] = round(time.perf_counter() - t0, 2)
    return {"seconds": round(time.perf_counter() - started, 2), "steps": steps, "events": events,
            "commune_id": commune, "extra_people": list(range(lines + 1, lines + extra + 1))}


def sizes() -> dict[str, int]:
    from django.db import connection

    queries = {
        "events": "SELECT COUNT(*) FROM emergency_event",
        "event_communes": "SELECT COUNT(*) FROM emergency_event_communes",
        "persons": "SELECT COUNT(*) FROM registry_person",
        "lines": "SELECT COUNT(*) FROM emergency_affected",
        "lines_this_year": "SELECT COUNT(*) FROM emergency_affected WHERE detected_on >= %s",
        "people_listed": "SELECT SUM(people) FROM emergency_affected",
        "closed": "SELECT COUNT(*) FROM emergency_affected WHERE closed_on IS NOT NULL",
        "waiting": "SELECT COUNT(*) FROM emergency_affected WHERE delivered_on IS NULL AND closed_on IS NULL",
        "undecided": "SELECT COUNT(*) FROM emergency_affected WHERE decided_on IS NULL AND closed_on IS NULL",
        "decided_by_the_deadline": "SELECT COUNT(*) FROM emergency_affected WHERE decided_on <= due_on",
        "decisions": "SELECT COUNT(*) FROM emergency_decision",
        "aids": "SELECT COUNT(*) FROM emergency_aid",
        "aids_undecided": "SELECT COUNT(*) FROM emergency_aid WHERE decision_id IS NULL",
        "deliveries": "SELECT COUNT(*) FROM emergency_delivery",
        "audit_events": "SELECT COUNT(*) FROM audit_auditevent",
    }
    out = {}
    with connection.cursor() as cursor:
        for key, sql in queries.items():
            cursor.execute(sql, [adapt(YEAR_START)] if "%s" in sql else None)
            out[key] = cursor.fetchone()[0]
    return out


# --- the reads: the application's, and the floor's ------------------------------------------------------------


def as_date(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) else value


def number(value: Any) -> Any:
    return int(value) if isinstance(value, Decimal) else value


def paged(filterset_class, queryset) -> tuple[int, list]:
    """What a ScopedListView evaluates: the FilterSet (no query string) over the selector, then page 1."""
    from django.core.paginator import Paginator

    page = Paginator(filterset_class(None, queryset=queryset, request=None).qs, PAGE).get_page(None)
    return page.paginator.count, list(page.object_list)


def summary_answer(figures: dict[str, Any], first: Any) -> dict[str, Any]:
    """`selectors.summary`'s arithmetic on the floor's figures."""
    figures = {k: number(v) or 0 for k, v in figures.items()}
    first = as_date(first)
    share = round(100 * figures["people_prompt"] / figures["people_open"]) if figures["people_open"] else None
    return {**figures, "prompt_share": share, "longest_wait": (TODAY - first).days if first else None}


def app_part(part: str, user, event) -> Any:
    from ansinh.emergency import indicators, selectors
    from ansinh.emergency.filters import EventFilterSet, WaitingFilterSet

    if part == "helped_promptly":
        rows = indicators.helped_promptly(user=user, day=TODAY, start=YEAR_START)
        return sorted([commune, helped, listed] for commune, (helped, listed) in rows.items())
    if part == "waiting":  # as views.WaitingList renders it (its context computes the wait and the overdue flag)
        count, rows = paged(WaitingFilterSet, selectors.waiting(user=user, today=TODAY))
        return {"count": count, "page": [[line.pk, line.event.name, line.commune.name, line.person.full_name,
                                          (TODAY - line.detected_on).days,
                                          line.decided_on is None and line.due_on < TODAY] for line in rows]}
    if part == "events":  # as views.EventList renders it: the page of events, then their figures
        count, rows = paged(EventFilterSet, selectors.events(user=user))
        rows = selectors.with_counts(rows, user=user)
        return {"count": count, "page": [[e.pk, e.affected_count, e.waiting_count, e.people_total] for e in rows]}
    if part == "summary":
        return selectors.summary(user=user, event=event, today=TODAY)
    return selectors.totals(user=user, event=event)


def scope(user, alias: str = "a") -> str:
    """The user's lines: the commune of a commune officer, else the province."""
    unit = user.jurisdiction
    return f"{alias}.commune_id = {unit.pk}" if unit.level == "commune" else f"{alias}.province_code = '{PROVINCE}'"


def floor_statement(part: str, user, event) -> tuple[str, list]:
    if part == "helped_promptly":
        return f"""
            SELECT a.commune_id, SUM(CASE WHEN a.decided_on <= a.due_on AND a.delivered_on <= %s THEN a.people END),
                   SUM(a.people)
            FROM emergency_affected a
            WHERE {scope(user)} AND a.detected_on >= %s AND a.detected_on <= %s
                  AND (a.closed_on IS NULL OR a.closed_on > %s)
            GROUP BY a.commune_id""", [adapt(TODAY), adapt(YEAR_START), adapt(TODAY), adapt(TODAY)]
    if part == "waiting":
        return f"""
            SELECT a.id, e.name, c.name, p.full_name, a.detected_on, a.decided_on, a.due_on, COUNT(*) OVER ()
            FROM emergency_affected a JOIN emergency_event e ON e.id = a.event_id
                 JOIN geo_administrativeunit c ON c.id = a.commune_id JOIN registry_person p ON p.id = a.person_id
            WHERE {scope(user)} AND a.delivered_on IS NULL AND a.closed_on IS NULL AND a.detected_on <= %s
            ORDER BY a.detected_on, a.id LIMIT {PAGE}""", [adapt(TODAY)]
    if part == "events":
        unit = user.jurisdiction
        visible = (f"id IN (SELECT event_id FROM emergency_event_communes WHERE administrativeunit_id = {unit.pk})"
                   if unit.level == "commune" else f"province_code = '{PROVINCE}'")
        # the page of events first, then their lines counted
        return f"""
            WITH page AS (SELECT id, started_on, COUNT(*) OVER () AS n FROM emergency_event WHERE {visible}
                          ORDER BY started_on DESC, id DESC LIMIT {PAGE})
            SELECT page.id, page.n, COUNT(a.id),
                   COUNT(CASE WHEN a.delivered_on IS NULL AND a.closed_on IS NULL THEN a.id END), SUM(a.people)
            FROM page LEFT JOIN emergency_affected a ON a.event_id = page.id AND {scope(user)}
            GROUP BY page.id, page.n, page.started_on ORDER BY page.started_on DESC, page.id DESC""", []
    if part == "summary":
        prompt = "a.delivered_on IS NOT NULL AND a.decided_on <= a.due_on"
        return f"""
            SELECT COUNT(a.id), SUM(a.people), COUNT(a.delivered_on),
                   SUM(CASE WHEN a.closed_on IS NULL THEN a.people END), COUNT(a.closed_on),
                   COUNT(CASE WHEN a.closed_on IS NULL AND a.delivered_on IS NULL THEN 1 END),
                   COUNT(CASE WHEN a.closed_on IS NULL AND a.decided_on IS NULL AND a.due_on < %s THEN 1 END),
                   COUNT(CASE WHEN {prompt} THEN 1 END), SUM(CASE WHEN {prompt} THEN a.people END),
                   MIN(CASE WHEN a.closed_on IS NULL AND a.delivered_on IS NULL THEN a.detected_on END)
            FROM emergency_affected a WHERE a.event_id = {event.pk} AND {scope(user)}""", [adapt(TODAY)]
    return f"""
        SELECT d.kind, SUM(CASE WHEN d.decision_id IS NOT NULL THEN d.quantity END), SUM(d.delivered),
               SUM(CASE WHEN d.decision_id IS NULL THEN d.quantity END)
        FROM emergency_aid d JOIN emergency_affected a ON a.id = d.affected_id
        WHERE a.event_id = {event.pk} AND {scope(user)} GROUP BY d.kind""", []


def floor_part(part: str, user, event) -> Any:
    from django.db import connection

    from ansinh.emergency.models import AidKind

    sql, params = floor_statement(part, user, event)
    with connection.cursor() as cursor:
        cursor.execute(sql, params or None)
        rows = cursor.fetchall()
    if part == "helped_promptly":
        return sorted([commune, number(helped) or 0, number(listed) or 0] for commune, helped, listed in rows)
    if part == "waiting":
        return {"count": rows[0][-1] if rows else 0,
                "page": [[pk, event_name, commune, person, (TODAY - as_date(detected)).days,
                          decided is None and as_date(due) < TODAY]
                         for pk, event_name, commune, person, detected, decided, due, _n in rows]}
    if part == "events":
        return {"count": rows[0][1] if rows else 0,
                "page": [[pk, lines, waiting, number(people)] for pk, _n, lines, waiting, people in rows]}
    if part == "summary":
        keys = ("lines", "people_total", "helped", "people_open", "closed", "waiting", "overdue", "prompt",
                "people_prompt")
        return summary_answer(dict(zip(keys, rows[0][:-1], strict=True)), rows[0][-1])
    found = {kind: {"decided": number(d) or 0, "delivered": number(v) or 0, "proposed": number(p) or 0}
             for kind, d, v, p in rows}
    return {kind: found.get(kind, {"decided": 0, "delivered": 0, "proposed": 0}) for kind in AidKind.values}


def measure_reads(label: str, user, event, repeats: int) -> tuple[dict[str, Any], dict[str, Any]]:
    results: dict[str, Any] = {}
    plans: dict[str, Any] = {}
    for part in READS:
        seconds, answer = timed(lambda p=part: app_part(p, user, event), repeats)
        floor_seconds, floor = timed(lambda p=part: floor_part(p, user, event), repeats)
        statements = statements_of(lambda p=part: app_part(p, user, event))
        row: dict[str, Any] = {
            "seconds": round(seconds, 5), "floor_seconds": round(floor_seconds, 5),
            "ratio": round(seconds / floor_seconds, 2) if floor_seconds else None,
            "queries": len(statements), "floor_agrees": answer == floor,
        }
        if part == "helped_promptly":
            row["communes"] = len(answer)
            row["people_helped_promptly"] = sum(r[1] for r in answer)
            row["people_listed"] = sum(r[2] for r in answer)
        elif part in ("waiting", "events"):
            row["count"], row["rows"] = answer["count"], len(answer["page"])
        elif part == "summary":
            row["lines"], row["waiting"] = answer["lines"], answer["waiting"]
        else:
            row["decided"] = {kind: v["decided"] for kind, v in answer.items()}
        timings = [(statement_ms(sql, params), sql, params) for sql, params in statements]
        ms, sql, params = max(timings, key=lambda t: t[0])
        row["statements_ms"] = [t[0] for t in timings]
        floor_sql, floor_params = floor_statement(part, user, event)
        plans[part] = {"ms": ms, "sql": shown(sql, params), "plan": explain(sql, params),
                       "floor_ms": statement_ms(floor_sql, floor_params or None),
                       "floor_plan": explain(floor_sql, floor_params or None)}
        if not row["floor_agrees"]:
            row["answer"], row["floor_answer"] = answer, floor
        results[part] = row
        log(f"  {label} {part}: {seconds * 1000:.1f} ms, floor {floor_seconds * 1000:.1f} ms, ratio {row['ratio']}, "
            f"{row['queries']} queries{'' if row['floor_agrees'] else ', FLOOR DISAGREES'}")
    return results, plans


# --- the writes: a village list pasted, then its aid proposed, decided and handed out ---------------------------


class Village:
    """The list a commune officer pastes into the newest event: the 480 registry people of the commune not yet on
    it (by citizen ID, each with the hamlet, damage, people, poverty and days treated typed) and 20 new people."""

    def __init__(self, extra_people: list[int]) -> None:
        from ansinh.emergency.services.events import COLUMNS
        from ansinh.registry.models import Person

        self.rows: list[tuple] = []  # as typed: name, citizen ID, year, sex, hamlet, damage, people, poor, days
        self.lines: list[tuple] = []  # as the floor takes them: citizen ID, hamlet, damage, people, poor, days
        self.new: list[tuple] = []  # the people registered on the spot: name, citizen ID, year, sex, hamlet
        known = Person.objects.filter(pk__in=extra_people).order_by("pk").values_list(
            "full_name", "citizen_id", "birth_year", "sex", "hamlet")
        families, givens = ("Thạch", "Danh", "Kim", "Lâm"), ("Sa Rết", "Sô Phol", "Chanh Đa", "Sóc Khum", "Ra Ni")
        born = [1950 + 2 * n for n in range(NEW)]
        new = [(f"{families[n % 4]} {givens[n // 4]}", f"079{2 * (born[n] >= 2000) + n % 2}{born[n] % 100:02d}"
                                                        f"{900000 + n:06d}", born[n], "MF"[n % 2], f"Ấp {1 + n % 12}")
               for n in range(NEW)]
        self.new = new
        for n, (full_name, citizen_id, year, sex, hamlet) in enumerate([*known, *new]):
            typed, damage = TYPED[n % len(TYPED)]
            people, poor = 1 + n % 5, n % 3 == 0
            days = 2 + n % 5 if damage == "injury" else None
            self.rows.append((full_name, citizen_id, year, "Nữ" if sex == "F" else "Nam", hamlet, typed, people,
                              "x" if poor else "", "" if days is None else days))
            self.lines.append((citizen_id, hamlet, damage, people, poor, days))
        self.text = "\n".join("\t".join(str(cell) for cell in row) for row in [COLUMNS, *self.rows])


class Writes:
    """The commune officer's writes on the newest event, each in a transaction rolled back, and the floor's."""

    def __init__(self, officer, event, commune, village: Village) -> None:
        self.officer, self.event, self.commune, self.village = officer, event, commune, village
        self.detected_on = TODAY - datetime.timedelta(days=1)  # the list of yesterday, decided and handed out today

    # the application

    def paste(self) -> None:
        from ansinh.emergency.services import affected_paste

        affected_paste(user=self.officer, event=self.event, commune=self.commune, text=self.village.text,
                       detected_on=self.detected_on)

    def aid(self) -> dict[str, float]:
        from ansinh.emergency.services import aids_propose_minimums, decision_make, deliver_decision

        seconds = {}
        t0 = time.perf_counter()
        aids_propose_minimums(user=self.officer, event=self.event, commune=self.commune)
        t1 = time.perf_counter()
        decision = decision_make(user=self.officer, event=self.event, commune=self.commune, decided_on=TODAY,
                                 reviewed_on=TODAY, signer="Chủ tịch UBND xã")
        t2 = time.perf_counter()
        deliver_decision(user=self.officer, decision=decision, delivered_on=TODAY)
        t3 = time.perf_counter()
        seconds["aids_propose_minimums"], seconds["decision_make"], seconds["deliver_decision"] = \
            t1 - t0, t2 - t1, t3 - t2
        return seconds

    # the floor

    def floor_paste(self) -> None:
        from django.db import connection
        from django.utils import timezone

        from ansinh.core.text import fold, normalize_name, sort_key

        q = Dialect(connection.vendor == "postgresql", 0)
        now, uid, c, e = adapt(timezone.now()), self.officer.pk, self.commune, self.event
        people = ", ".join(
            f"({literal(n)}, {literal(fold(n))}, {literal(sort_key(n))}, {literal(cid)}, {year}, {literal(sex)}, "
            f"{literal(hamlet)})"
            for n, cid, year, sex, hamlet in ((normalize_name(n), cid, y, s, h)
                                              for n, cid, y, s, h in self.village.new))
        numbers = ", ".join(literal(cid) for _n, cid, *_rest in self.village.new)
        listed = ", ".join(f"({', '.join(literal(v) for v in line)})" for line in self.village.lines)
        with connection.cursor() as cursor:
            cursor.execute(f"""
                INSERT INTO registry_person (full_name, name_folded, sort_name, citizen_id, birth_year, sex, hamlet,
                    ethnicity, province_code, address, legacy_address, phone, disability_level, pension_status,
                    bank_name, bank_account, version, created_at, updated_at, commune_id, created_by_id)
                SELECT v.column1, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7, '',
                       '{c.province_code}', '', '', '', 'none', 'none', '', '', 1, %s, %s, {c.pk}, {uid}
                FROM (VALUES {people}) v""", [now, now])
            cursor.execute(f"""
                INSERT INTO audit_auditevent (at, action, object_type, object_id, object_repr, changes, actor_id,
                    commune_id, province_code)
                SELECT %s, 'create', 'registry.person', CAST(id AS TEXT), full_name,
                       {q.json("'after'", q.json("'full_name'", "full_name", "'citizen_id'", "citizen_id",
                                                 "'birth_year'", "birth_year", "'sex'", "sex", "'commune_id'",
                                                 "commune_id", "'hamlet'", "hamlet"))}, {uid}, commune_id,
                       province_code
                FROM registry_person WHERE citizen_id IN ({numbers})""", [now])
            cursor.execute(f"""
                INSERT INTO emergency_affected (event_id, person_id, household_id, commune_id, province_code, hamlet,
                    damage, people, vulnerable, days_treated, detected_on, due_on, decided_on, delivered_on, note,
                    closed_on, closed_reason, created_at, created_by_id)
                SELECT {e.pk}, p.id, NULL, p.commune_id, p.province_code, COALESCE(NULLIF(v.column2, ''), p.hamlet),
                       v.column3, v.column4, v.column5, v.column6, %s, %s, NULL, NULL, '', NULL, '', %s, {uid}
                FROM (VALUES {listed}) v JOIN registry_person p ON p.citizen_id = v.column1
                RETURNING id""",
                           [adapt(self.detected_on), adapt(self.detected_on + datetime.timedelta(days=2)), now])
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute(f"""
                INSERT INTO audit_auditevent (at, action, object_type, object_id, object_repr, changes, actor_id,
                    commune_id, province_code)
                SELECT %s, 'create', 'emergency.affected', CAST(a.id AS TEXT),
                       p.full_name || ' — ' || {damage_label('a.damage')},
                       {q.json("'after'", q.json("'event'", literal(e.name), "'person'", "p.full_name", "'damage'",
                                                 damage_label("a.damage"), "'people'", "a.people", "'detected_on'",
                                                 literal(f"{self.detected_on:%d/%m/%Y}")))},
                       {uid}, a.commune_id, a.province_code
                FROM emergency_affected a JOIN registry_person p ON p.id = a.person_id
                WHERE a.event_id = {e.pk} AND a.id BETWEEN %s AND %s""", [now, min(ids), max(ids)])

    def floor_aid(self) -> dict[str, float]:
        from django.db import connection
        from django.utils import timezone

        from ansinh.emergency import selectors

        q = Dialect(connection.vendor == "postgresql", 0)
        terms = selectors.terms(self.detected_on, self.event.province_code)
        now, uid, c, e, today = adapt(timezone.now()), self.officer.pk, self.commune, self.event, adapt(TODAY)
        mine = f"SELECT id FROM emergency_affected WHERE event_id = {e.pk} AND commune_id = {c.pk}"
        cash = (f"CASE WHEN damage = 'house_lost' AND vulnerable THEN {int(terms.house_lost)} "
                f"WHEN damage = 'badly_damaged' AND vulnerable THEN {int(terms.house_repair)} "
                f"WHEN damage = 'relocated' THEN {int(terms.relocation)} "
                f"WHEN damage = 'injury' AND days_treated >= {terms.injury_days} "
                f"THEN {int(terms.injury_multiple * terms.standard_level)} END")

        def audit(cursor, object_type: str, object_id: str, changes: str) -> None:
            cursor.execute(f"""
                INSERT INTO audit_auditevent (at, action, object_type, object_id, object_repr, changes, actor_id,
                    commune_id, province_code)
                VALUES (%s, 'create', '{object_type}', {object_id}, '', {changes}, {uid}, {c.pk}, '{c.province_code}')
                """, [now])

        seconds = {}
        with connection.cursor() as cursor:
            t0 = time.perf_counter()
            cursor.execute(f"""
                INSERT INTO emergency_aid (affected_id, kind, quantity, months, goods, basis, minimum, decision_id,
                    delivered, version, created_at)
                SELECT id, kind, quantity, CASE WHEN kind = 'rice' THEN 1 END, '',
                       CASE WHEN kind = 'rice' THEN 'NĐ 20/2021/NĐ-CP Điều 12 khoản 1' ELSE 'NĐ 20/2021/NĐ-CP' END,
                       quantity, NULL, 0, 1, %s
                FROM (SELECT f.id, CASE WHEN f.damage = 'hunger' THEN 'rice' ELSE 'cash' END AS kind,
                             CASE WHEN f.damage = 'hunger' THEN f.people * {terms.rice_kg} ELSE {cash} END AS quantity
                      FROM emergency_affected f
                      WHERE f.event_id = {e.pk} AND f.commune_id = {c.pk} AND f.closed_on IS NULL
                            AND NOT EXISTS (SELECT 1 FROM emergency_aid a WHERE a.affected_id = f.id)) x
                WHERE quantity IS NOT NULL""", [now])
            if cursor.rowcount:
                audit(cursor, "emergency.event", f"'{e.pk}'", q.json("'proposed'", str(cursor.rowcount)))
            t1 = time.perf_counter()
            cursor.execute(f"UPDATE core_documentnumber SET last = last + 1 WHERE issuer = '{c.code}' "
                           f"AND year = {TODAY.year} RETURNING last")
            (last,) = cursor.fetchone()
            cursor.execute(f"""
                INSERT INTO emergency_decision (event_id, commune_id, province_code, number, decided_on, urgent,
                    reviewed_on, signer, created_at, created_by_id)
                VALUES ({e.pk}, {c.pk}, '{c.province_code}', '{last:02d}/QĐ-UBND', %s, false, %s, 'Chủ tịch UBND xã',
                        %s, {uid}) RETURNING id""", [today, today, now])
            (decision,) = cursor.fetchone()
            cursor.execute(f"UPDATE emergency_aid SET decision_id = {decision}, version = version + 1 "
                           f"WHERE decision_id IS NULL AND affected_id IN ({mine})")
            decided = cursor.rowcount
            cursor.execute(f"UPDATE emergency_affected SET decided_on = %s WHERE decided_on IS NULL AND id IN "
                           f"(SELECT affected_id FROM emergency_aid WHERE decision_id = {decision})", [today])
            audit(cursor, "emergency.decision", f"'{decision}'", q.json("'aids'", str(decided)))
            t2 = time.perf_counter()
            cursor.execute(f"""
                INSERT INTO emergency_delivery (aid_id, delivered_on, quantity, receiver, created_at, created_by_id)
                SELECT a.id, %s, a.quantity - a.delivered, p.full_name, %s, {uid}
                FROM emergency_aid a JOIN emergency_affected f ON f.id = a.affected_id
                     JOIN registry_person p ON p.id = f.person_id
                WHERE a.decision_id = {decision} AND a.delivered < a.quantity""", [today, now])
            cursor.execute(f"UPDATE emergency_aid SET delivered = quantity, version = version + 1 "
                           f"WHERE decision_id = {decision} AND delivered < quantity")
            owed = cursor.rowcount
            cursor.execute(f"UPDATE emergency_affected SET delivered_on = %s WHERE id IN "
                           f"(SELECT affected_id FROM emergency_aid WHERE decision_id = {decision}) "
                           f"AND (delivered_on IS NULL OR delivered_on > %s)", [today, today])
            audit(cursor, "emergency.decision", f"'{decision}'", q.json("'aids'", str(owed)))
            t3 = time.perf_counter()
        seconds["aids_propose_minimums"], seconds["decision_make"], seconds["deliver_decision"] = \
            t1 - t0, t2 - t1, t3 - t2
        return seconds

    # what both leave behind

    def digest(self) -> dict[str, Any]:
        from django.db import connection

        e, c = self.event.pk, self.commune.pk
        queries = {
            "lines": f"""SELECT COUNT(*), SUM(people), SUM(CASE WHEN vulnerable THEN 1 ELSE 0 END), COUNT(days_treated),
                                COUNT(DISTINCT damage), COUNT(decided_on), COUNT(delivered_on), MAX(due_on)
                         FROM emergency_affected WHERE event_id = {e} AND commune_id = {c}""",
            "lines_decided_today": f"SELECT COUNT(*) FROM emergency_affected WHERE event_id = {e} AND commune_id = {c} "
                                   "AND decided_on = %s",
            "aids": f"""SELECT COUNT(*), SUM(d.quantity), SUM(d.delivered), COUNT(d.decision_id), SUM(d.version),
                               COUNT(d.minimum), SUM(CASE WHEN d.kind = 'rice' THEN d.quantity ELSE 0 END)
                        FROM emergency_aid d JOIN emergency_affected a ON a.id = d.affected_id
                        WHERE a.event_id = {e} AND a.commune_id = {c}""",
            "decisions": f"SELECT COUNT(*), MAX(number) FROM emergency_decision WHERE event_id = {e} "
                         f"AND commune_id = {c} AND decided_on = %s",
            "deliveries_today": "SELECT COUNT(*), SUM(quantity) FROM emergency_delivery WHERE delivered_on = %s",
            "persons": "SELECT COUNT(*) FROM registry_person",
            "audit_events": "SELECT COUNT(*) FROM audit_auditevent",
        }
        out = {}
        with connection.cursor() as cursor:
            for key, sql in queries.items():
                cursor.execute(sql, [adapt(TODAY)] if "%s" in sql else None)
                row = [number(v) for v in cursor.fetchone()]
                row = [str(as_date(v)) if key == "lines" and n == 7 else v for n, v in enumerate(row)]
                out[key] = row if len(row) > 1 else row[0]
        return out


def rolled_back(prepare, work, digest) -> tuple[Any, dict[str, Any], list[tuple[float, str]]]:
    """`prepare()` (not timed), then `work()`: its result (else its seconds), the `digest()` of what it left, and
    the seconds and text of each statement it sent; all rolled back."""
    from django.db import connection, transaction

    with transaction.atomic():
        if prepare is not None:
            prepare()
        seen: list[tuple[float, str]] = []

        def capture(execute, sql, params, many, context):
            t0 = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                seen.append((time.perf_counter() - t0, sql))

        t0 = time.perf_counter()
        with connection.execute_wrapper(capture):
            result = work()
        result = result if result is not None else time.perf_counter() - t0
        state = digest()
        transaction.set_rollback(True)
    return result, state, seen


def measure_write(label: str, prepare, work, floor_prepare, floor_work, digest, repeats: int) -> dict[str, Any]:
    """Median of `repeats` rolled-back runs after a warm-up, per step; the application's and the floor's."""
    runs: dict[str, list] = {"app": [], "floor": []}
    states: dict[str, list] = {"app": [], "floor": []}
    profile: dict[str, list[tuple[float, str]]] = {}
    for side, (before, fn) in (("app", (prepare, work)), ("floor", (floor_prepare, floor_work))):
        for n in range(repeats + 1):
            result, state, statements = rolled_back(before, fn, digest)
            states[side].append(state)
            profile[side] = statements
            if n:  # the first is the warm-up
                runs[side].append(result if isinstance(result, dict) else {"total": result})
    steps = list(runs["app"][0])
    row: dict[str, Any] = {}
    for step in steps:
        app = statistics.median(r[step] for r in runs["app"])
        floor = statistics.median(r[step] for r in runs["floor"])
        row[step] = {"seconds": round(app, 5), "floor_seconds": round(floor, 5),
                     "ratio": round(app / floor, 2) if floor else None}
    if len(steps) > 1:
        app = statistics.median(sum(r.values()) for r in runs["app"])
        floor = statistics.median(sum(r.values()) for r in runs["floor"])
        row["total"] = {"seconds": round(app, 5), "floor_seconds": round(floor, 5),
                        "ratio": round(app / floor, 2) if floor else None}
    same = all(s == states["app"][0] for s in states["app"]) and all(s == states["app"][0] for s in states["floor"])
    queries = {side: len(seen) for side, seen in profile.items()}
    row.update({"queries": queries["app"], "floor_queries": queries["floor"], "floor_agrees": same,
                "state": states["app"][0],
                # of the last run: the time spent in the database, and the slowest statements
                "statements_seconds": round(sum(t for t, _sql in profile["app"]), 5),
                "floor_statements_seconds": round(sum(t for t, _sql in profile["floor"]), 5),
                "slowest_statements": [[round(t * 1000, 2), shown(sql, None)[:300]]
                                       for t, sql in sorted(profile["app"], reverse=True)[:6]]})
    if not same:
        row["floor_state"] = states["floor"][0]
    total = row.get("total", row[steps[0]])
    log(f"  {label}: {total['seconds'] * 1000:.1f} ms, floor {total['floor_seconds'] * 1000:.1f} ms, ratio "
        f"{total['ratio']}, {queries['app']} queries{'' if same else ', FLOOR DISAGREES'}")
    return row


# --- main ------------------------------------------------------------------------------------------------------


def code_version() -> dict[str, Any]:
    """The commit measured, and whether the emergency app differed from it (it is being written alongside)."""

    def git(*command: str) -> str:
        done = subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    changed = git("status", "--porcelain", "--", "src/ansinh/emergency").splitlines()
    return {"commit": git("rev-parse", "--short", "HEAD"), "emergency_uncommitted": [line[3:] for line in changed]}


def busy() -> list[str]:
    """What else was using the processor (the benchmark shares the machine with test runs)."""
    done = subprocess.run(["ps", "-eo", "pcpu,args", "--sort=-pcpu"], capture_output=True, text=True, check=False)
    rows = [line.strip()[:120] for line in done.stdout.splitlines()[1:]]
    return [row for row in rows if float(row.split()[0]) >= 5.0 and "emergency.py" not in row
            and "ansinh_bench" not in row][:6]  # not the benchmark itself, nor its own PostgreSQL backend


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=1_000_000)
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each part (after a warm-up); median")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}",
                        help="default: a fresh SQLite file under var/bench/; a PostgreSQL database's name must "
                             "contain 'bench'")
    args = parser.parse_args()
    if args.lines < 1000:
        sys.exit("--lines must be at least 1,000")
    load_average = [round(x, 2) for x in os.getloadavg()]
    code_at_start = code_version()
    busy_at_start = busy()

    log(f"fresh database: {re.sub(r'//[^@/]*@', '//***@', args.database_url)}")
    fresh_database(args.database_url)
    django_setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    from ansinh.accounts.models import Role, User
    from ansinh.accounts.services import user_create
    from ansinh.emergency.models import Event
    from ansinh.geo.models import AdministrativeUnit
    from ansinh.geo.services import admin_units_load

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    admin_units_load()
    setup_seconds = round(time.perf_counter() - t0, 2)
    log(f"loading {args.lines:,} lines")
    loaded = load(args.lines, args.seed)
    log(f"loaded in {loaded['seconds']}s: {loaded['steps']}")
    size = sizes()
    log(f"sizes: {size}")

    province = AdministrativeUnit.objects.get(level="province", code=PROVINCE, valid_to__isnull=True)
    commune = AdministrativeUnit.objects.get(pk=loaded["commune_id"])
    made = {"province_officer": user_create(actor=None, username="bench_tinh", password="x",
                                            role=Role.PROVINCE_OFFICER, jurisdiction=province, validate=False),
            "commune_officer": user_create(actor=None, username="bench_xa", password="x",
                                           role=Role.COMMUNE_OFFICER, jurisdiction=commune, validate=False)}
    users = {label: User.objects.select_related("jurisdiction").get(pk=user.pk) for label, user in made.items()}
    event = Event.objects.get(pk=loaded["events"])
    described = {label: {"id": user.pk, "username": user.username, "role": user.role,
                         "jurisdiction": str(user.jurisdiction)} for label, user in users.items()}
    results: dict[str, Any] = {}
    plans: dict[str, Any] = {}
    for label, user in users.items():
        log(f"timing {label} ({user.jurisdiction}), {args.repeats} repeats")
        results[label], plans[label] = measure_reads(label, user, event, args.repeats)

    log(f"timing the writes of {users['commune_officer'].username} on event {event.pk} in {commune}")
    writes = Writes(users["commune_officer"], event, commune, Village(loaded["extra_people"]))
    results["writes"] = {
        "affected_paste": measure_write("affected_paste", None, writes.paste, None, writes.floor_paste,
                                        writes.digest, args.repeats),
        "aid_propose_decide_deliver": measure_write("aids_propose_minimums + decision_make + deliver_decision",
                                                    writes.paste, writes.aid, writes.paste, writes.floor_aid,
                                                    writes.digest, args.repeats),
    }

    reads = [(row["seconds"], label, part, row["ratio"]) for label, parts in results.items() if label != "writes"
             for part, row in parts.items()]
    agree = all(row["floor_agrees"] for label, parts in results.items() for row in parts.values())
    slowest = max(reads)
    worst = max(reads, key=lambda m: m[3] or 0)
    print(json.dumps({
        "benchmark": "emergency",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "code": {"start": code_at_start, "end": code_version()},
        "load_average": {"start": load_average, "end": [round(x, 2) for x in os.getloadavg()]},
        "other_processes": {"start": busy_at_start, "end": busy()},
        "database": database_info(),
        "seed": args.seed, "today": TODAY.isoformat(), "repeats": args.repeats, "lines": args.lines,
        "sizes": size,
        "setup_seconds": setup_seconds, "load_seconds": loaded["seconds"], "load_steps_seconds": loaded["steps"],
        "users": described,
        "event": {"id": event.pk, "name": event.name, "started_on": event.started_on.isoformat(),
                  "writes_in": {"id": commune.pk, "code": commune.code, "name": commune.name}},
        "results": results,
        "slowest_read": {"user": slowest[1], "part": slowest[2], "seconds": slowest[0], "ratio_to_floor": slowest[3]},
        "highest_read_ratio": {"user": worst[1], "part": worst[2], "seconds": worst[0], "ratio_to_floor": worst[3]},
        "floor_agrees": agree,
        "floor_disagrees_on": [f"{label}.{part}" for label, parts in results.items() for part, row in parts.items()
                               if not row["floor_agrees"]],
        "plans": plans,
    }, ensure_ascii=False, indent=2, default=str))
    connection.close()
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
