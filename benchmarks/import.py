"""Importing people at province scale: a CSV of N rows and an XLSX of M rows through the whole exchange
pipeline (`exchange.services.import_upload` reading and checking, then `import_commit` writing), beside the
floor: the same people loaded by COPY (PostgreSQL) or one executemany (SQLite) into the registry.

    .venv/bin/python benchmarks/import.py [--rows 1000000] [--xlsx-rows 200000] [--database-url URL]

Each import runs in a child process so that its peak memory (VmHWM, resident) is its own. One row in 997
carries an impossible date, so the error path is exercised too. Prints one JSON object.
"""

import argparse
import csv
import datetime
import json
import multiprocessing
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from registry_search import ROOT, database_info, django_setup, fresh_database, load_persons, log  # noqa: E402

DEFAULT_SQLITE = ROOT / "var" / "bench" / "import.sqlite3"
FILES = ROOT / "var" / "bench"
PROVINCE = "96"
SEED = 2025
TARGETS = {"csv_seconds": 120.0, "xlsx_seconds": 60.0, "peak_rss_mb": 1024.0}
HEADER = ["Số định danh cá nhân", "Họ và tên", "Ngày sinh", "Giới tính", "Dân tộc", "Xã/phường", "Thôn/ấp",
          "Địa chỉ", "Điện thoại", "Mức độ khuyết tật"]
DISABILITY = {"none": "", "mild": "Nhẹ", "severe": "Nặng", "especially_severe": "Đặc biệt nặng"}


def refs():
    from ansinh.demo.generators import CommuneRef
    from ansinh.geo.models import AdministrativeUnit

    units = AdministrativeUnit.objects.filter(level="commune", province_code=PROVINCE, valid_to__isnull=True)
    return [CommuneRef(c.pk, c.code, c.name, c.kind, c.province_code) for c in units.order_by("code")]


def file_rows(n: int, seed: int, communes):
    """The people the floor loads (same seed), as an officer's spreadsheet shows them."""
    from ansinh.demo import generators
    from ansinh.registry.reference import ETHNICITIES

    names = dict(ETHNICITIES)
    codes = {c.id: c.code for c in communes}
    today = datetime.date.today()
    for number, p in enumerate(generators.persons(random.Random(seed), communes=communes, count=n, today=today)):
        if p["birth_day"]:
            birth = f"{p['birth_day']:02d}/{p['birth_month']:02d}/{p['birth_year']}"
        elif p["birth_month"]:
            birth = f"{p['birth_month']:02d}/{p['birth_year']}"
        else:
            birth = str(p["birth_year"] or "")
        if number % 997 == 996:
            birth = "31/02/1970"
        yield [p["citizen_id"] or "", p["full_name"], birth, "Nam" if p["sex"] == "M" else "Nữ",
               names.get(p["ethnicity"], ""), codes[p["commune_id"]], p["hamlet"], p["address"], p["phone"],
               DISABILITY.get(p["disability_level"], "")]


def write_csv(path: Path, n: int, communes) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        writer.writerows(file_rows(n, SEED, communes))


def write_xlsx(path: Path, n: int, communes) -> None:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Danh sách")
    sheet.append(HEADER)
    for row in file_rows(n, SEED + 1, communes):
        sheet.append(row)
    book.save(path)


def floor(n: int, seed: int, communes) -> dict:
    """The same people into registry_person by the loader of registry_search (COPY / executemany)."""
    from registry_search import Samples

    result = load_persons(n, seed, communes, Samples(random.Random(0), communes[0].id, PROVINCE))
    clear()
    return {"seconds": result["insert_seconds"], "rows_per_second": round(result["rows"] / result["insert_seconds"])}


def clear() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("TRUNCATE registry_person, registry_duplicatecandidate, audit_auditevent, "
                           "exchange_stagedperson CASCADE")
            cursor.execute("VACUUM ANALYZE registry_person")
        else:
            for table in ("registry_duplicatecandidate", "audit_auditevent", "exchange_stagedperson", "registry_person"):
                cursor.execute(f"DELETE FROM {table}")
            cursor.execute("VACUUM")


def child(path: str, username: str, results) -> None:
    """One import as an officer would run it, in its own process: read and check, then write."""
    from ansinh.accounts.models import User
    from ansinh.exchange.models import ImportJob
    from ansinh.exchange.services import import_commit, import_upload
    from ansinh.registry.models import Person

    def chunks():
        with open(path, "rb") as source:
            yield from iter(lambda: source.read(2**20), b"")

    user = User.objects.get(username=username)
    t0 = time.perf_counter()
    job = import_upload(user=user, kind="persons", name=Path(path).name, chunks=chunks(), background=False)
    t1 = time.perf_counter()
    if job.status != ImportJob.Status.READY:
        results.put({"status": job.status, "error": job.error})
        return
    job = import_commit(user=user, job=job, expected_version=job.version, background=False)
    t2 = time.perf_counter()
    with open("/proc/self/status") as status:
        hwm = next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    results.put({"status": job.status, "counts": job.counts, "result": job.result, "read_check_seconds": round(t1 - t0, 2),
                 "write_seconds": round(t2 - t1, 2), "seconds": round(t2 - t0, 2),
                 "rows_per_second": round(job.counts["rows"] / (t2 - t0)), "peak_rss_mb": round(hwm / 1024, 1),
                 "people": Person.objects.count()})


def measure(path: Path, username: str) -> dict:
    from django.db import connections

    connections.close_all()  # the child opens its own
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    process = context.Process(target=child, args=(str(path), username, results))
    process.start()
    result = results.get()
    process.join()
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows of the CSV file")
    parser.add_argument("--xlsx-rows", type=int, default=200_000, help="rows of the XLSX file")
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}")
    args = parser.parse_args()

    fresh_database(args.database_url)
    django_setup(args.database_url)
    from django.core.management import call_command

    from ansinh.accounts.models import Role
    from ansinh.accounts.services import user_create
    from ansinh.geo.models import AdministrativeUnit
    from ansinh.geo.services import admin_units_load, former_communes_load

    call_command("migrate", interactive=False, verbosity=0)
    admin_units_load()
    former_communes_load()  # as a province has them: old names are looked up when a name is not today's
    province = AdministrativeUnit.objects.get(level="province", code=PROVINCE, valid_to__isnull=True)
    user_create(actor=None, username="bench_tinh", password="x", role=Role.PROVINCE_OFFICER, jurisdiction=province,
                validate=False)
    communes = refs()
    FILES.mkdir(parents=True, exist_ok=True)
    out: dict = {"benchmark": "import", "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                 "database": database_info(), "targets": TARGETS}
    for kind, rows, seed, write in (("csv", args.rows, SEED, write_csv), ("xlsx", args.xlsx_rows, SEED + 1, write_xlsx)):
        if not rows:
            continue
        path = FILES / f"import-{rows}.{kind}"
        log(f"writing {rows:,} rows to {path.name}")
        t0 = time.perf_counter()
        write(path, rows, communes)
        log(f"written in {time.perf_counter() - t0:.1f}s ({path.stat().st_size / 2**20:.0f} MB); floor")
        measured = {"rows": rows, "file_mb": round(path.stat().st_size / 2**20, 1), "floor": floor(rows, seed, communes)}
        log(f"floor {measured['floor']['seconds']}s; import")
        measured["import"] = measure(path, "bench_tinh")
        if "error" in measured["import"]:
            sys.exit(f"import failed: {measured['import']}")
        measured["ratio_to_floor"] = round(measured["floor"]["seconds"] / measured["import"]["seconds"], 3)
        log(f"import {measured['import']['seconds']}s, peak {measured['import']['peak_rss_mb']} MB")
        out[kind] = measured
        django_setup(args.database_url)
        clear()
    out["target_met"] = {
        "csv": "csv" in out and out["csv"]["import"]["seconds"] < TARGETS["csv_seconds"]
        and out["csv"]["import"]["peak_rss_mb"] < TARGETS["peak_rss_mb"],
        "xlsx": "xlsx" in out and out["xlsx"]["import"]["seconds"] < TARGETS["xlsx_seconds"],
    }
    print(json.dumps(out, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
