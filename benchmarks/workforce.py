"""Every workforce and network indicator for a whole province, beside the floor.

    .venv/bin/python benchmarks/workforce.py [--organisations 20000] [--staff 200000] [--database-url URL]

Creates a fresh database and, in one province (set-based SQL): N organisations (a fifth with a second
period from 2026, in or out of the plan's scope; one in a hundred a facility housing 100 residents, with declared
staff and a standards assessment), M people and M social-work positions with allowances on
both sides of the base salary (a tenth ended), 100 courses and M/2 attendances. Then times each registered
indicator as a province officer sees it, for 01/7/2026 (the day the base salary rose) and the period from
01/01/2026, and the floor: the same numbers by one hand-written SQL statement, which must agree with them.
Prints one JSON object.
"""

import argparse
import datetime
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from registry_search import ROOT, database_info, django_setup, fresh_database, log  # noqa: E402

DEFAULT_SQLITE = ROOT / "var" / "bench" / "workforce.sqlite3"
PROVINCE = "96"
DAY = datetime.date(2026, 7, 1)
START = datetime.date(2026, 1, 1)
TARGET_SECONDS = 2.0  # all indicators of the province, PostgreSQL (issue 10)
CODES = ("workforce.orgs_staffed", "workforce.orgs_staffed_two", "facilities.provides_social_work",
         "facilities.meeting_standards", "facilities.staffing_met", "workforce.staff_trained",
         "workforce.people_trained")
GROUPS = ("child_u18m", "child_18m_6", "child_6_16", "child_sp_18m_6", "child_sp_6_16", "self_care", "dependent",
          "mental_es", "mental_s", "mental_stable", "homeless")
KIND = "CASE WHEN i %% 100 = 0 THEN 'social_assistance' ELSE 'school' END"
# TT 33/2017 Điều 5's carer ratios (residents per carer) as loaded by the facilities' migration; all divide 60
CARER_RATIOS = {"child_u18m": 1, "child_18m_6": 6, "child_6_16": 10, "child_sp_18m_6": 4, "child_sp_6_16": 5,
                "self_care": 10, "dependent": 4, "mental_es": 2, "mental_s": 4, "mental_stable": 10, "homeless": 12}


def load(organisations: int, staff: int) -> float:
    from django.db import connection

    from ansinh.geo.models import AdministrativeUnit

    communes = list(AdministrativeUnit.objects.filter(level="commune", province_code=PROVINCE, valid_to__isnull=True)
                    .order_by("id").values_list("id", flat=True))
    lo, count = communes[0], len(communes)
    assert communes == list(range(lo, lo + count)), "commune ids of the province must be contiguous"
    pg = connection.vendor == "postgresql"

    def series(n: str) -> str:
        return (f"SELECT g AS i FROM generate_series(1, %({n})s) g" if pg else
                f"WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < %({n})s) SELECT i FROM s")

    now = "now()" if pg else "datetime('now')"

    def d(day: str) -> str:
        return f"DATE '{day}'" if pg else f"'{day}'"

    params = {"orgs": organisations, "staff": staff, "courses": 100, "attend": staff // 2,
              "homes": organisations // 100, "residents": min(staff, organisations // 100 * 100)}
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if not pg:
            cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute(f"""
            INSERT INTO registry_person (id, full_name, name_folded, sort_name, birth_year, sex, ethnicity, commune_id,
                province_code, hamlet, address, legacy_address, phone, disability_level, pension_status, bank_name,
                bank_account, version, created_at, updated_at)
            SELECT i, 'Người ' || i, 'nguoi ' || i, i || ' nguoi', 1970 + i %% 30, 'F', '01', {lo} + i %% {count},
                   '{PROVINCE}', '', '', '', '', 'none', 'none', '', '', 1, {now}, {now}
            FROM ({series("staff")}) s""", params)
        cursor.execute(f"""
            INSERT INTO facilities_organisation (id, code, name, name_folded, kind, commune_id, province_code, version,
                created_at, updated_at)
            SELECT i, 'B-' || i, 'Cơ sở ' || i, 'co so ' || i, {KIND}, {lo} + i %% {count}, '{PROVINCE}', 1, {now},
                   {now}
            FROM ({series("orgs")}) s""", params)
        # every organisation from 2020; one in five changes on 01/3/2026 (scope or services)
        cursor.execute(f"""
            INSERT INTO facilities_organisationperiod (organisation_id, valid_from, valid_to, name, kind, ownership,
                commune_id, province_code, in_plan_scope, provides_social_work, basis)
            SELECT i, '2020-01-01', CASE WHEN i %% 5 = 0 THEN {d('2026-03-01')} END, 'Cơ sở ' || i, {KIND}, 'public',
                   {lo} + i %% {count}, '{PROVINCE}', i %% 10 <> 0 OR i %% 100 = 0, i %% 2 = 0, ''
            FROM ({series("orgs")}) s""", params)
        cursor.execute(f"""
            INSERT INTO facilities_organisationperiod (organisation_id, valid_from, valid_to, name, kind, ownership,
                commune_id, province_code, in_plan_scope, provides_social_work, basis)
            SELECT i, '2026-03-01', NULL, 'Cơ sở ' || i, {KIND}, 'public', {lo} + i %% {count}, '{PROVINCE}',
                   i %% 4 <> 0 OR i %% 100 = 0, i %% 3 = 0, ''
            FROM ({series("orgs")}) s WHERE i %% 5 = 0""", params)
        # person i works at organisation 1 + i % N: allowances from 1.500.000 to 3.300.000 đ in steps of 200.000,
        # differing between the people of one organisation
        cursor.execute(f"""
            INSERT INTO workforce_position (person_id, organisation_id, job, title, grade, engagement,
                monthly_allowance, start_date, end_date, end_reason, version, created_at)
            SELECT i, 1 + i %% %(orgs)s, '', 'cong_tac_vien', '', 'collaborator', 1500000 + ((i / %(orgs)s) %% 10) * 200000,
                   CASE WHEN i %% 7 = 0 THEN {d('2026-08-01')} ELSE {d('2023-01-01')} END,
                   CASE WHEN i %% 10 = 0 AND i %% 7 <> 0 THEN {d('2026-06-30')} END, '', 1, {now}
            FROM ({series("staff")}) s""", params)
        cursor.execute(f"""
            INSERT INTO workforce_course (id, title, kind, organiser, start_date, end_date, funding, amount,
                province_code, version, created_at)
            SELECT i, 'Khóa ' || i, 'short', 'Sở', '2025-06-01', '2025-06-05', 'local', 0, '{PROVINCE}', 1, {now}
            FROM ({series("courses")}) s""", params)
        # attendance: person 2i on course 1 + i % 100, completed on a day of 2025–2026 (some not yet)
        cursor.execute(f"""
            INSERT INTO workforce_attendance (course_id, person_id, completed_on, note, created_at)
            SELECT 1 + i %% 100, 2 * i,
                   CASE WHEN i %% 9 = 0 THEN NULL WHEN i %% 2 = 0 THEN {d('2025-11-20')} ELSE {d('2026-04-10')} END, '', {now}
            FROM ({series("attend")}) s""", params)
        # every 100th organisation houses people: person j lives at home 100 × (1 + j % homes), its care group
        # one of the eleven in turn (a thirteenth left on 01/5/2026); each home declared its staff on 01/01/2026
        # (again on 01/8/2026, after the day measured) and was assessed on 01/6/2025 (a third meeting the standards)
        group_of = "CASE i %% 11 " + " ".join(f"WHEN {k} THEN '{g}'" for k, g in enumerate(GROUPS)) + " END"
        cursor.execute(f"""
            INSERT INTO facilities_resident (organisation_id, person_id, care_group, admitted_on, emergency, basis,
                discharged_on, discharge_reason, version, created_at)
            SELECT 100 * (1 + i %% %(homes)s), i, {group_of}, {d('2025-01-01')}, false, '',
                   CASE WHEN i %% 13 = 0 THEN {d('2026-05-01')} END, '', 1, {now}
            FROM ({series("residents")}) s""", params)
        for as_of in ("2026-01-01", "2026-08-01"):
            for k, function in enumerate(("carer", "social_worker", "psychologist", "medical", "nutrition")):
                cursor.execute(f"""
                    INSERT INTO facilities_staffcount (organisation_id, function, count, as_of, created_at)
                    SELECT 100 * i, '{function}', {22 if function == "carer" else 0} + (i + {k}) %% 12, {d(as_of)},
                           {now}
                    FROM ({series("homes")}) s""", params)
        cursor.execute(f"""
            INSERT INTO facilities_standardassessment (organisation_id, assessed_on, meets, basis, note, created_at)
            SELECT 100 * i, {d('2025-06-01')}, i %% 3 = 0, 'QĐ', '', {now} FROM ({series("homes")}) s""", params)
        if pg:
            for table in ("facilities_resident", "facilities_staffcount", "facilities_standardassessment",
                          "registry_person", "facilities_organisation", "facilities_organisationperiod",
                          "workforce_position", "workforce_course", "workforce_attendance"):
                cursor.execute(f"VACUUM (ANALYZE) {table}")
        else:
            cursor.execute("ANALYZE")
    return round(time.perf_counter() - started, 2)


FLOOR = """
WITH scope AS (
  SELECT p.organisation_id, o.commune_id, p.provides_social_work
  FROM facilities_organisationperiod p JOIN facilities_organisation o ON o.id = p.organisation_id
  WHERE o.province_code = %(province)s AND p.in_plan_scope AND p.valid_from <= %(day)s
    AND (p.valid_to IS NULL OR p.valid_to > %(day)s)),
held AS (
  SELECT p.organisation_id, p.person_id, p.monthly_allowance, o.commune_id
  FROM workforce_position p JOIN facilities_organisation o ON o.id = p.organisation_id
  WHERE o.province_code = %(province)s AND p.start_date <= %(day)s AND (p.end_date IS NULL OR p.end_date >= %(day)s)),
staff AS (
  SELECT organisation_id, COUNT(DISTINCT person_id) AS n FROM held WHERE monthly_allowance >= %(base)s
  GROUP BY organisation_id),
orgs AS (
  SELECT s.commune_id, COUNT(*) AS total, SUM(CASE WHEN st.n >= 1 THEN 1 ELSE 0 END) AS one,
         SUM(CASE WHEN st.n >= 2 THEN 1 ELSE 0 END) AS two,
         SUM(CASE WHEN s.provides_social_work THEN 1 ELSE 0 END) AS providing
  FROM scope s LEFT JOIN staff st ON st.organisation_id = s.organisation_id GROUP BY s.commune_id),
trained AS (
  SELECT DISTINCT person_id FROM workforce_attendance WHERE completed_on >= %(start)s AND completed_on <= %(day)s),
people AS (
  SELECT h.commune_id, COUNT(DISTINCT h.person_id) AS total, COUNT(DISTINCT t.person_id) AS trained
  FROM held h LEFT JOIN trained t ON t.person_id = h.person_id GROUP BY h.commune_id),
standards AS (
  SELECT s.commune_id, COUNT(*) AS total,
         SUM(CASE WHEN (SELECT a.meets FROM facilities_standardassessment a WHERE a.organisation_id = s.organisation_id
                        AND a.assessed_on <= %(day)s ORDER BY a.assessed_on DESC LIMIT 1) THEN 1 ELSE 0 END) AS met
  FROM scope s JOIN facilities_organisationperiod p ON p.organisation_id = s.organisation_id
   AND p.valid_from <= %(day)s AND (p.valid_to IS NULL OR p.valid_to > %(day)s)
  WHERE p.kind IN ('social_assistance', 'social_work_centre', 'drug_rehabilitation') GROUP BY s.commune_id),
present AS (
  SELECT r.organisation_id, o.commune_id, r.care_group, COUNT(*) AS n
  FROM facilities_resident r JOIN facilities_organisation o ON o.id = r.organisation_id
  WHERE o.province_code = %(province)s AND r.admitted_on <= %(day)s
    AND (r.discharged_on IS NULL OR r.discharged_on > %(day)s)
  GROUP BY r.organisation_id, o.commune_id, r.care_group),
need AS (
  SELECT organisation_id, commune_id, (CAST(SUM(n * CASE care_group {carer_sixtieths} END) AS INTEGER) + 59) / 60
         AS carer, (CAST(SUM(n) AS INTEGER) + 99) / 100 AS social_worker,
         (CAST(SUM(n) AS INTEGER) + 49) / 50 AS medical, (CAST(SUM(n) AS INTEGER) + 19) / 20 AS nutrition
  FROM present GROUP BY organisation_id, commune_id),
declared AS (
  SELECT c.organisation_id, c.function, c.count FROM facilities_staffcount c
  WHERE c.as_of = (SELECT MAX(c2.as_of) FROM facilities_staffcount c2 WHERE c2.organisation_id = c.organisation_id
                   AND c2.function = c.function AND c2.as_of <= %(day)s)),
have AS (
  SELECT organisation_id, SUM(CASE WHEN function = 'carer' THEN count ELSE 0 END) AS carer,
         SUM(CASE WHEN function = 'social_worker' THEN count ELSE 0 END) AS social_worker,
         SUM(CASE WHEN function = 'psychologist' THEN count ELSE 0 END) AS psychologist,
         SUM(CASE WHEN function = 'medical' THEN count ELSE 0 END) AS medical,
         SUM(CASE WHEN function = 'nutrition' THEN count ELSE 0 END) AS nutrition
  FROM declared GROUP BY organisation_id),
staffing AS (
  SELECT n.commune_id, COUNT(*) AS total,
         SUM(CASE WHEN COALESCE(h.carer, 0) >= n.carer AND COALESCE(h.social_worker, 0) >= n.social_worker
                   AND COALESCE(h.psychologist, 0) >= 1 AND COALESCE(h.medical, 0) >= n.medical
                   AND COALESCE(h.nutrition, 0) >= n.nutrition THEN 1 ELSE 0 END) AS met
  FROM need n LEFT JOIN have h ON h.organisation_id = n.organisation_id GROUP BY n.commune_id),
done AS (
  SELECT pe.commune_id, COUNT(*) AS n FROM workforce_attendance a JOIN registry_person pe ON pe.id = a.person_id
  WHERE pe.province_code = %(province)s AND a.completed_on >= %(start)s AND a.completed_on <= %(day)s
  GROUP BY pe.commune_id)
SELECT 'orgs', commune_id, total, one, two, providing FROM orgs
UNION ALL SELECT 'people', commune_id, total, trained, 0, 0 FROM people
UNION ALL SELECT 'done', commune_id, n, 0, 0, 0 FROM done
UNION ALL SELECT 'standards', commune_id, total, met, 0, 0 FROM standards
UNION ALL SELECT 'staffing', commune_id, total, met, 0, 0 FROM staffing
""".replace("{carer_sixtieths}", " ".join(f"WHEN '{g}' THEN {60 // r}" for g, r in CARER_RATIOS.items()))


def floor_figures(rows) -> dict[str, dict[int, tuple]]:
    """The floor's rows as each indicator's {commune: (numerator, denominator)}."""
    figures: dict[str, dict[int, tuple]] = {code: {} for code in CODES}
    for what, commune, total, a, b, c in rows:
        if what == "orgs":
            figures["workforce.orgs_staffed"][commune] = (int(a), int(total))
            figures["workforce.orgs_staffed_two"][commune] = (int(b), int(total))
            figures["facilities.provides_social_work"][commune] = (int(c), int(total))
        elif what == "people":
            figures["workforce.staff_trained"][commune] = (int(a), int(total))
        elif what == "standards":
            figures["facilities.meeting_standards"][commune] = (int(a), int(total))
        elif what == "staffing":
            figures["facilities.staffing_met"][commune] = (int(a), int(total))
        else:
            figures["workforce.people_trained"][commune] = (int(total), None)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=20_000)
    parser.add_argument("--staff", type=int, default=200_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each; the best is reported")
    parser.add_argument("--database-url", default=f"sqlite:///{DEFAULT_SQLITE}")
    args = parser.parse_args()

    fresh_database(args.database_url)
    django_setup(args.database_url)
    from django.core.management import call_command
    from django.db import connection

    from ansinh.accounts.models import Role
    from ansinh.accounts.services import user_create
    from ansinh.core import indicators
    from ansinh.geo.models import AdministrativeUnit
    from ansinh.geo.services import admin_units_load
    from ansinh.workforce.indicators import base_salary_on

    call_command("migrate", interactive=False, verbosity=0)
    admin_units_load()
    log(f"loading {args.organisations:,} organisations and {args.staff:,} staff")
    load_seconds = load(args.organisations, args.staff)
    log(f"loaded in {load_seconds}s")
    province = AdministrativeUnit.objects.get(level="province", code=PROVINCE, valid_to__isnull=True)
    officer = user_create(actor=None, username="bench_tinh", password="x", role=Role.PROVINCE_OFFICER,
                          jurisdiction=province, validate=False)

    timings: dict[str, float] = {}
    results: dict[str, dict] = {}
    for code in CODES:
        indicator = indicators.get(code)
        best = float("inf")
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            result = indicators.compute(indicator, user=officer, day=DAY, start=START)
            best = min(best, time.perf_counter() - t0)
        timings[code], results[code] = round(best, 3), result.by_commune
        log(f"{code}: {best:.3f}s, {result.numerator}/{result.denominator}")

    log("floor: the same figures by one SQL statement")
    base = base_salary_on(DAY)
    floor_best = float("inf")
    for _ in range(args.repeat):
        with connection.cursor() as cursor:
            t0 = time.perf_counter()
            cursor.execute(FLOOR, {"province": PROVINCE, "day": DAY, "start": START, "base": base})
            rows = cursor.fetchall()
            floor_best = min(floor_best, time.perf_counter() - t0)
    floor = floor_figures(rows)
    agree = all(floor[code] == results[code] for code in CODES)
    total = sum(timings.values())
    print(json.dumps({
        "benchmark": "workforce",
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "database": database_info(),
        "organisations": args.organisations, "staff": args.staff, "day": DAY.isoformat(),
        "base_salary": int(base) if base is not None else None,
        "load_seconds": load_seconds,
        "indicators_seconds": timings,
        "all_indicators_seconds": round(total, 3),
        "floor_seconds": round(floor_best, 3),
        "ratio_to_floor": round(total / floor_best, 2) if floor_best else None,
        "figures": {code: [sum(n for n, _d in results[code].values()),
                           None if code == "workforce.people_trained" else
                           sum(d or 0 for _n, d in results[code].values())] for code in CODES},
        "floor_agrees": agree,
        "floor_disagrees_on": [code for code in CODES if floor[code] != results[code]],
        "target": {"seconds": TARGET_SECONDS, "met": total < TARGET_SECONDS and total <= 3 * floor_best and agree},
    }, ensure_ascii=False, indent=2))
    connection.close()
    return 0 if agree else 1


if __name__ == "__main__":
    sys.exit(main())
