"""Registry search at scale: name-prefix and citizen-ID search through the real selector, and the SQL floor.

    .venv/bin/python benchmarks/registry_search.py [--persons 1000000] [--queries 500] [--database-url URL]

Loads N synthetic people over all 3,321 communes into a fresh database (COPY on PostgreSQL, batched
executemany on SQLite), then times the first page of `registry.selectors.person_results(...)` (what
the list page and the API load) for national, province and commune users, the citizen-ID lookup, and
the same statements run straight on a cursor. Prints one JSON
object on stdout; progress goes to stderr.
"""

import argparse
import datetime
import json
import math
import os
import random
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = ROOT / "var" / "bench" / "registry_search.sqlite3"
CHUNK = 50_000
WARMUP = 20
RESULT_LIMIT = 50
NAME_P95_TARGET_MS = 100.0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- database preparation (before Django is set up) -------------------------------------------------


def fresh_database(url: str) -> None:
    """Start from an empty database: delete the SQLite file, or drop and create the PostgreSQL database."""
    parts = urlsplit(url)
    if parts.scheme.startswith("sqlite"):
        path = Path(parts.path[1:] if parts.path.startswith("//") else parts.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(
            f"Refusing to drop database {name!r}: a benchmark database name must contain 'bench'."
        )
    admin_url = urlunsplit(
        (parts.scheme.replace("postgresql", "postgres"), parts.netloc, "/postgres", "", "")
    )
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def django_setup(url: str) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "ansinh.settings.base"
    os.environ["DATABASE_URL"] = url
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


# --- loading ---------------------------------------------------------------------------------------


class Samples:
    """What the queries are drawn from: names and IDs seen while generating (reservoir samples)."""

    def __init__(
        self, rng: random.Random, commune_id: int, province_code: str, size: int = 5000
    ) -> None:
        self.rng, self.size, self.seen = rng, size, {"national": 0, "province": 0}
        self.commune_id, self.province_code = commune_id, province_code
        self.national: list[str] = []
        self.province: list[str] = []
        self.commune: list[str] = []
        self.citizen_ids: list[str] = []
        self.province_count = 0

    def _reservoir(self, key: str, bucket: list, value: Any) -> None:
        self.seen[key] += 1
        if len(bucket) < self.size:
            bucket.append(value)
        else:
            j = self.rng.randrange(self.seen[key])
            if j < self.size:
                bucket[j] = value

    def add(self, p: dict[str, Any]) -> None:
        self._reservoir("national", self.national, (p["full_name"], p["citizen_id"]))
        if p["province_code"] == self.province_code:
            self.province_count += 1
            self._reservoir("province", self.province, p["full_name"])
            if p["commune_id"] == self.commune_id:
                self.commune.append(p["full_name"])


def load_persons(n: int, seed: int, refs, samples: Samples) -> dict[str, float]:
    from django.db import connection
    from django.utils import timezone

    from ansinh.demo import generators

    rng = random.Random(seed)
    today = datetime.date.today()
    now = timezone.now()
    columns = [*generators.PERSON_COLUMNS, "version", "created_at", "updated_at"]
    people = generators.persons(rng, communes=refs, count=n, today=today)
    generate = insert = 0.0
    loaded = 0
    vendor = connection.vendor
    cursor = connection.cursor()
    date_columns = [columns.index(c) for c in ("disability_certificate_date", "date_of_death")]
    stamp = connection.ops.adapt_datetimefield_value(now) if vendor == "sqlite" else now
    raw = connection.connection
    if vendor == "sqlite":
        raw.execute("PRAGMA journal_mode=OFF")
        raw.execute("PRAGMA synchronous=OFF")
        raw.execute("PRAGMA cache_size=-400000")
        sql = f"INSERT INTO registry_person ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
        raw.execute("BEGIN")
    started = time.perf_counter()
    while loaded < n:
        t0 = time.perf_counter()
        chunk = []
        for p in people:
            samples.add(p)
            chunk.append([*generators.person_row(p), 1, stamp, stamp])
            if len(chunk) >= CHUNK:
                break
        t1 = time.perf_counter()
        generate += t1 - t0
        if not chunk:
            break
        if vendor == "sqlite":
            for row in chunk:
                for i in date_columns:
                    if row[i] is not None:
                        row[i] = row[i].isoformat()
            raw.executemany(sql, chunk)
        else:
            with cursor.cursor.copy(
                f"COPY registry_person ({', '.join(columns)}) FROM STDIN"
            ) as copy:
                for row in chunk:
                    copy.write_row(row)
        insert += time.perf_counter() - t1
        loaded += len(chunk)
        if loaded % 200_000 < CHUNK or loaded == n:
            rate = loaded / (time.perf_counter() - started)
            log(f"  {loaded:,} / {n:,} persons ({rate:,.0f} rows/s)")
    if vendor == "sqlite":
        raw.execute("COMMIT")
        raw.execute("PRAGMA synchronous=NORMAL")
    total = time.perf_counter() - started
    return {
        "rows": loaded,
        "seconds": round(total, 2),
        "generate_seconds": round(generate, 2),
        "insert_seconds": round(insert, 2),
        "rows_per_second": round(loaded / total),
    }


def analyze() -> float:
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # VACUUM also sets the visibility map, as autovacuum would on a live database.
            cursor.execute("VACUUM (ANALYZE) registry_person")
            cursor.execute("ANALYZE geo_administrativeunit")
        else:
            cursor.execute("ANALYZE")
    return round(time.perf_counter() - started, 2)


# --- queries ---------------------------------------------------------------------------------------


def name_prefix(rng: random.Random, full_name: str) -> tuple[str, str]:
    """A prefix someone would type: `Nguyễn Thị H`, `tran van`, `lan`, `hùng`; folded or not, at random."""
    from ansinh.core.text import fold

    words = full_name.split()
    if rng.random() < 0.5 and len(words) >= 2:
        kind = "full_name"
        r = rng.random()
        if r < 0.45 and len(words) >= 3:
            text = " ".join(words[:-1]) + " " + words[-1][: rng.randint(1, 2)]  # Nguyễn Thị H
        elif r < 0.8:
            text = " ".join(words[:-1])  # tran van
        else:
            text = full_name  # a whole name
    else:
        kind = "given_name"
        given = words[-1]
        text = (
            given if len(given) <= 3 or rng.random() < 0.6 else given[: rng.randint(3, len(given))]
        )
    text = fold(text) if rng.random() < 0.6 else text.lower() if rng.random() < 0.5 else text
    return kind, text


def percentiles(values_ms: list[float]) -> dict[str, float]:
    ordered = sorted(values_ms)

    def rank(p: float) -> float:
        return ordered[max(0, math.ceil(p * len(ordered)) - 1)]

    return {
        "n": len(ordered),
        "p50_ms": round(rank(0.50), 3),
        "p95_ms": round(rank(0.95), 3),
        "p99_ms": round(rank(0.99), 3),
        "mean_ms": round(statistics.fmean(ordered), 3),
        "max_ms": round(ordered[-1], 3),
    }


def page(user, text: str) -> list:
    """What the list page and the API load: the first page of `person_results`."""
    from ansinh.registry.selectors import person_results

    return person_results(user=user, search=text)[0:RESULT_LIMIT]


def time_selector(user, searches: list[str]) -> tuple[list[float], list[int]]:
    for text in searches[:WARMUP]:
        page(user, text)
    times, rows = [], []
    for text in searches:
        t0 = time.perf_counter()
        found = page(user, text)
        times.append((time.perf_counter() - t0) * 1000)
        rows.append(len(found))
    return times, rows


def time_count(user, searches: list[str]) -> list[float]:
    """What a paginated list page also pays: the count, capped at 1,001."""
    from ansinh.registry.selectors import person_results

    for text in searches[:WARMUP]:
        person_results(user=user, search=text).count()
    times = []
    for text in searches:
        t0 = time.perf_counter()
        person_results(user=user, search=text).count()
        times.append((time.perf_counter() - t0) * 1000)
    return times


def compiled(user, text: str) -> list[tuple[str, tuple]]:
    """The statements one page costs, compiled: one per search condition (the ordered keys up to
    the end of the page), then the rows of the page by primary key."""
    from ansinh.registry.selectors import PERSON_ORDER, person_results

    results = person_results(user=user, search=text)
    ids = [p.pk for p in results[0:RESULT_LIMIT]]
    statements = [
        b.order_by(*PERSON_ORDER).values_list(*PERSON_ORDER)[:RESULT_LIMIT].query.sql_with_params()
        for b in results.branches
    ] or [results.rows.order_by(*PERSON_ORDER)[:RESULT_LIMIT].query.sql_with_params()]
    if results.branches:
        statements.append(results.rows.filter(pk__in=ids or [0]).query.sql_with_params())
    return statements


def time_raw(user, searches: list[str]) -> list[float]:
    """The floor: the same statements, compiled beforehand, executed and fetched on a bare cursor."""
    from django.db import connection

    work = [compiled(user, text) for text in searches]
    times = []
    with connection.cursor() as cursor:
        for statements in work[:WARMUP]:
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
        for statements in work:
            t0 = time.perf_counter()
            for sql, params in statements:
                cursor.execute(sql, params)
                cursor.fetchall()
            times.append((time.perf_counter() - t0) * 1000)
    return times


def explain(user, text: str) -> list[dict[str, Any]]:
    """The plan of every statement a first page runs."""
    return [explain_one(sql, params, text) for sql, params in compiled(user, text)]


def explain_one(sql: str, params: tuple, text: str) -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
            plan = [row[0] for row in cursor.fetchall()]
            joined = "\n".join(plan)
            indexes = sorted(
                set(
                    re.findall(
                        r"(?:Index Scan|Index Only Scan|Bitmap Index Scan)(?: Backward)? (?:using|on) (\w+)",
                        joined,
                    )
                )
            )
            seq_scan = bool(re.search(r"Seq Scan on registry_person", joined))
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
            plan = [row[-1] for row in cursor.fetchall()]
            joined = "\n".join(plan)
            indexes = sorted(set(re.findall(r"USING (?:COVERING )?INDEX (\w+)", joined)))
            seq_scan = bool(re.search(r"SCAN registry_person(?! USING)", joined))
    person_indexes = [i for i in indexes if not i.startswith("geo_")]
    return {
        "search": text,
        "sql": sql % tuple(repr(p) for p in params) if params else sql,
        "plan": plan,
        "index_used": bool(person_indexes) and not seq_scan,
        "indexes": indexes,
        "full_scan": seq_scan,
    }


def database_info() -> dict[str, Any]:
    from django.db import connection

    info: dict[str, Any] = {"vendor": connection.vendor}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT version()")
            info["version"] = cursor.fetchone()[0]
            for setting in (
                "server_version",
                "lc_collate",
                "shared_buffers",
                "work_mem",
                "effective_cache_size",
                "random_page_cost",
                "jit",
            ):
                cursor.execute(f"SHOW {setting}")
                info[setting] = cursor.fetchone()[0]
            cursor.execute("SELECT pg_size_pretty(pg_total_relation_size('registry_person'))")
            info["person_table_total_size"] = cursor.fetchone()[0]
        else:
            cursor.execute("SELECT sqlite_version()")
            info["version"] = cursor.fetchone()[0]
            info["file_size_mb"] = round(
                Path(connection.settings_dict["NAME"]).stat().st_size / 1e6, 1
            )
    return info


# --- main ------------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--persons", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2025)
    parser.add_argument(
        "--database-url",
        default=f"sqlite:///{DEFAULT_SQLITE}",
        help="default: a fresh SQLite file under var/bench/; PostgreSQL databases must be named *bench*",
    )
    args = parser.parse_args()

    log(f"fresh database: {re.sub(r'//[^@/]*@', '//***@', args.database_url)}")
    fresh_database(args.database_url)
    django_setup(args.database_url)

    from django.core.management import call_command
    from django.db import connection

    from ansinh.accounts.models import Role
    from ansinh.accounts.services import user_create
    from ansinh.demo.generators import CommuneRef
    from ansinh.geo.models import AdministrativeUnit
    from ansinh.geo.services import admin_units_load

    t0 = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    admin_units_load()
    setup_seconds = round(time.perf_counter() - t0, 2)
    communes = list(
        AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True).order_by("code")
    )
    refs = [CommuneRef(c.pk, c.code, c.name, c.kind, c.province_code) for c in communes]
    rng = random.Random(args.seed)
    home = rng.choice(communes)
    province = AdministrativeUnit.objects.get(
        level="province", code=home.province_code, valid_to__isnull=True
    )
    samples = Samples(random.Random(args.seed + 1), home.pk, home.province_code)
    log(
        f"migrated and loaded {len(communes):,} communes in {setup_seconds}s; generating {args.persons:,} persons"
    )

    load = load_persons(args.persons, args.seed, refs, samples)
    load["analyze_seconds"] = analyze()
    log(
        f"loaded in {load['seconds']}s ({load['rows_per_second']:,} rows/s), analyze {load['analyze_seconds']}s"
    )

    admin = user_create(
        actor=None,
        username="bench_admin",
        password="x",
        role=Role.ADMINISTRATOR,
        jurisdiction=None,
        validate=False,
    )
    officer = user_create(
        actor=None,
        username="bench_xa",
        password="x",
        role=Role.COMMUNE_OFFICER,
        jurisdiction=home,
        validate=False,
    )
    provincial = user_create(
        actor=None,
        username="bench_tinh",
        password="x",
        role=Role.PROVINCE_OFFICER,
        jurisdiction=province,
        validate=False,
    )

    q = args.queries
    qrng = random.Random(args.seed + 2)
    national = [name_prefix(qrng, qrng.choice(samples.national)[0]) for _ in range(q)]
    in_province = [name_prefix(qrng, qrng.choice(samples.province))[1] for _ in range(q)]
    in_commune = (
        [name_prefix(qrng, qrng.choice(samples.commune))[1] for _ in range(q)]
        if samples.commune
        else []
    )
    ids = [cid for _, cid in samples.national if cid]
    id_searches = [qrng.choice(ids) for _ in range(q)]
    texts = [text for _, text in national]

    results: dict[str, Any] = {}
    log("timing name search (national administrator)")
    times, rows = time_selector(admin, texts)
    results["name_national"] = {**percentiles(times), "mean_rows": round(statistics.fmean(rows), 1)}
    for kind in ("full_name", "given_name"):
        picked = [(t, r) for (k, _), t, r in zip(national, times, rows, strict=True) if k == kind]
        if picked:
            results[f"name_national_{kind}"] = {
                **percentiles([t for t, _ in picked]),
                "mean_rows": round(statistics.fmean(r for _, r in picked), 1),
            }
    slowest = sorted(zip(times, texts, strict=True), reverse=True)[:5]
    results["name_national"]["slowest"] = [{"search": s, "ms": round(t, 1)} for t, s in slowest]
    log("timing name search (province officer, commune officer)")
    times, rows = time_selector(provincial, in_province)
    results["name_province"] = {**percentiles(times), "mean_rows": round(statistics.fmean(rows), 1)}
    if in_commune:
        times, rows = time_selector(officer, in_commune)
        results["name_commune"] = {
            **percentiles(times),
            "mean_rows": round(statistics.fmean(rows), 1),
        }
    log("timing the page count (Paginator) for the national name searches")
    results["name_national_count"] = percentiles(time_count(admin, texts))
    log("timing citizen-ID lookup")
    times, rows = time_selector(admin, id_searches)
    results["citizen_id"] = {**percentiles(times), "mean_rows": round(statistics.fmean(rows), 2)}
    log("timing the raw-SQL floor")
    results["raw_sql_name_national"] = percentiles(time_raw(admin, texts))
    results["raw_sql_citizen_id"] = percentiles(time_raw(admin, id_searches))

    full = next(
        (t for k, t in national if k == "full_name" and len(t.split()) >= 3), "nguyen thi h"
    )
    given = next((t for k, t in national if k == "given_name"), "lan")
    plans = {
        "name_national_full_name": explain(admin, full),
        "name_national_given_name": explain(admin, given),
        "name_national_common_prefix": explain(admin, "nguyen van"),
        "name_province": explain(provincial, in_province[0]),
        "citizen_id": explain(admin, id_searches[0]),
    }
    if in_commune:
        plans["name_commune"] = explain(officer, in_commune[0])

    name_p95 = max(
        results[k]["p95_ms"]
        for k in ("name_national", "name_province", "name_commune")
        if k in results
    )
    output = {
        "benchmark": "registry_search",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": database_info(),
        "persons": load["rows"],
        "communes": len(communes),
        "queries_per_kind": q,
        "result_limit": RESULT_LIMIT,
        "seed": args.seed,
        "setup_seconds": setup_seconds,
        "load": load,
        "scopes": {
            "commune": {"code": home.code, "name": home.name, "persons": len(samples.commune)},
            "province": {
                "code": province.code,
                "name": province.name,
                "persons": samples.province_count,
            },
        },
        "results": results,
        "orm_overhead_ratio": {
            "name_national_p50": round(
                results["name_national"]["p50_ms"]
                / max(results["raw_sql_name_national"]["p50_ms"], 1e-6),
                2,
            ),
            "citizen_id_p50": round(
                results["citizen_id"]["p50_ms"]
                / max(results["raw_sql_citizen_id"]["p50_ms"], 1e-6),
                2,
            ),
        },
        "explain": plans,
        "index_used_for_name_search": all(step["index_used"] for step in plans["name_national_full_name"]),
        "target": {
            "name_search_p95_ms": NAME_P95_TARGET_MS,
            "worst_name_p95_ms": name_p95,
            "met": name_p95 < NAME_P95_TARGET_MS,
        },
    }
    connection.close()
    print(json.dumps(output, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
