"""What every kind's checks and commit say in SQL the same way: the rows of a job lying in the importing
officer's jurisdiction, later rows repeating an earlier one, one audit event per record written (set-based),
and the time each step took."""

import json
import time
from typing import Any

from django.db import connection

from .models import ImportJob

AUDIT_INSERT = ("INSERT INTO audit_auditevent (at, actor_id, action, object_type, object_id, object_repr, changes, "
                "commune_id, province_code)")


def json_param(value: dict) -> tuple[str, str]:
    """A JSON parameter and its placeholder (PostgreSQL's jsonb needs a cast from text)."""
    placeholder = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    return placeholder, json.dumps(value, ensure_ascii=False)


def inside(job: ImportJob, alias: str) -> tuple[str, list[Any]]:
    """A condition on the record `alias` (with `commune_id` and `province_code`): it lies where the job may
    write — the commune of a commune officer's job, the province of a province officer's, anywhere else."""
    if job.commune_id:
        return f"{alias}.commune_id = %s", [job.commune_id]
    if job.province_code:
        return f"{alias}.province_code = %s", [job.province_code]
    return "1 = 1", []


def mark_repeats(cursor, table: str, job: ImportJob, key: str, same: str, conflict: str, where: str = "") -> None:
    """Later rows with the `key` (a column) of an earlier row: skipped when `same` (a condition on the row and
    `f`, the first one) holds, else an error naming the first row. Groups the job's rows once and joins the
    groups back: linear, never row against row."""
    cursor.execute(f"""
        UPDATE {table}
        SET other_number = g.first_number,
            outcome = CASE WHEN {same} THEN 'skip' ELSE 'error' END,
            conflict = CASE WHEN {same} THEN '' ELSE %s END
        FROM (SELECT {key}, MIN(number) AS first_number FROM {table}
              WHERE job_id = %s AND outcome = 'new' AND {key} IS NOT NULL {where}
              GROUP BY {key} HAVING COUNT(*) > 1) g
        JOIN {table} f ON f.job_id = %s AND f.number = g.first_number
        WHERE {table}.job_id = %s AND {table}.outcome = 'new' AND {table}.{key} = g.{key}
          AND {table}.number > g.first_number""", [conflict, job.pk, job.pk, job.pk])


def match_existing(cursor, table: str, job: ImportJob, *, key: str, target: str, found: str, record: str = "t.id",
                   outcome: str | None = None) -> None:
    """Rows whose `key` is already in `target` (alias `t`, with the same column): `found` is set to that record
    (`record`: which, e.g. the one kept after a merge); one outside the job's jurisdiction makes the row an error
    that names nobody; the others take `outcome` (by default the officer's choice: update or skip)."""
    known = f"SELECT 1 FROM {target} t WHERE t.{key} = {table}.{key}"
    cursor.execute(f"""
        UPDATE {table} SET {found} = (SELECT {record} FROM {target} t WHERE t.{key} = {table}.{key})
        WHERE job_id = %s AND outcome IN ('new', 'update', 'skip') AND {key} IS NOT NULL AND other_number IS NULL
          AND EXISTS ({known})""", [job.pk])  # only the rows found: a million rows are not all rewritten
    where, params = inside(job, "t")
    cursor.execute(f"""
        UPDATE {table} SET outcome = 'error', conflict = 'outside'
        WHERE job_id = %s AND {found} IS NOT NULL AND outcome <> 'error' AND other_number IS NULL
          AND NOT EXISTS (SELECT 1 FROM {target} t WHERE t.id = {table}.{found} AND {where})""", [job.pk, *params])
    cursor.execute(f"""
        UPDATE {table} SET outcome = %s
        WHERE job_id = %s AND {found} IS NOT NULL AND outcome IN ('new', 'update', 'skip') AND other_number IS NULL""",
                   [outcome or job.on_existing, job.pk])


def flag_later(cursor, table: str, job: ImportJob, key: str, conflict: str, where: str = "1 = 1") -> None:
    """Rows still to be written, meeting `where`, whose `key` an earlier such row has: errors naming it (one
    head per household, one household per head)."""
    cursor.execute(f"""
        UPDATE {table} SET outcome = 'error', conflict = %s, other_number = g.first_number
        FROM (SELECT {key}, MIN(number) AS first_number FROM {table}
              WHERE job_id = %s AND {key} IS NOT NULL AND outcome IN ('new', 'update') AND {where}
              GROUP BY {key} HAVING COUNT(*) > 1) g
        WHERE {table}.job_id = %s AND {table}.outcome IN ('new', 'update') AND {table}.{key} = g.{key}
          AND {table}.number > g.first_number AND {where}""", [conflict, job.pk, job.pk])


def flag(cursor, table: str, job: ImportJob, conflict: str, condition: str, params: list[Any] = ()) -> None:
    """Rows still to be written that meet `condition` become errors with `conflict`."""
    cursor.execute(f"""
        UPDATE {table} SET outcome = 'error', conflict = %s
        WHERE job_id = %s AND outcome IN ('new', 'update') AND ({condition})""", [conflict, job.pk, *params])


def audit(cursor, *, action: str, object_type: str, select: str, params: list[Any], job: ImportJob, user, now) -> None:
    """One audit event per record `select` gives as (id, repr, commune_id, province_code), naming the import."""
    placeholder, changes = json_param({"import": job.pk, "file": job.file_name})
    cursor.execute(f"""
        {AUDIT_INSERT}
        SELECT %s, %s, %s, %s, CAST(r.id AS varchar(40)), SUBSTR(r.label, 1, 200), {placeholder}, r.commune_id,
               r.province_code
        FROM ({select}) r""", [now, user.pk, action, object_type, changes, *params])


class Steps:
    """Seconds each step of a commit took, for the result and the benchmark."""

    def __init__(self):
        self.seconds: dict[str, float] = {}
        self._clock = time.perf_counter()

    def __call__(self, name: str) -> None:
        now = time.perf_counter()
        self.seconds[name] = round(now - self._clock, 2)
        self._clock = now
