"""The import pipeline: upload → staging → set-based checks → preview → commit, in the background.

`import_upload` keeps the file and queues it; the worker's `import_stage` reads it row by row into the
kind's staging table (in batches, with progress), checks the rows set-based and leaves the job waiting for
the officer (READY); `import_commit` writes the good rows in ONE transaction, so the registry has all of
them or none. A worker stopped halfway is harmless: staging starts over, and a commit that did not finish
left nothing behind and is queued again (`import_resume`).
"""

import contextlib
import datetime
import hashlib
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Count
from django.utils import timezone
from django_tasks import task
from psycopg.copy import QueuedLibpqWriter

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.access import covers, require_capability
from ansinh.core.exceptions import ConflictError, DomainError
from ansinh.core.files import TableReader, count_rows, open_rows
from ansinh.geo.models import AdministrativeUnit

from .access import IMPORT_RUN
from .kinds import Kind, kind_of
from .models import ImportJob, StagedRow
from .selectors import access_job, errors_flat

BATCH = 5000
UPLOADS = "imports"
EXTENSIONS = (".csv", ".xlsx", ".xls", ".ods", ".txt")


def _directory() -> Path:
    path = Path(settings.MEDIA_ROOT) / UPLOADS
    path.mkdir(parents=True, exist_ok=True)
    return path


def _jurisdiction(user) -> tuple[Any, str]:
    unit = user.jurisdiction
    if unit is None:
        return None, ""
    return (unit if unit.level == "commune" else None), unit.province_code


def import_upload(*, user, kind: str, name: str, chunks: Iterator[bytes], on_existing: str = ImportJob.OnExisting.SKIP,
                  commune: AdministrativeUnit | None = None, background: bool = True) -> ImportJob:
    """Keep an uploaded file and queue it for reading. The job lies in the uploader's jurisdiction (or in
    `commune`, one the uploader covers): what it writes must lie there too; rows naming no commune fall in
    the job's commune when it has one."""
    require_capability(user, IMPORT_RUN, "Bạn không có quyền nhập dữ liệu từ tệp.")
    declared = kind_of(kind)
    if declared.capability:
        require_capability(user, declared.capability, "Bạn không có quyền ghi vào danh sách này.")
    if on_existing not in ImportJob.OnExisting.values:
        raise DomainError("Hãy chọn cách xử lý người đã có trong sổ.", field="on_existing")
    base = os.path.basename(name or "").strip() or "tep"
    if not base.lower().endswith(EXTENSIONS):
        raise DomainError("Chỉ nhận tệp Excel (.xlsx, .xls, .ods) hoặc CSV.", field="file")
    digest, size = hashlib.sha256(), 0
    stamp = timezone.now().strftime("%Y%m%d%H%M%S%f")
    target = _directory() / f"{stamp}-{user.pk}{os.path.splitext(base)[1].lower()}"
    limit = settings.ANSINH_IMPORT_MAX_MB * 2**20
    with open(target, "wb") as out:
        for chunk in chunks:
            size += len(chunk)
            if size > limit:
                out.close()
                target.unlink(missing_ok=True)
                raise DomainError(f"Tệp quá lớn (tối đa {settings.ANSINH_IMPORT_MAX_MB} MB).", field="file")
            digest.update(chunk)
            out.write(chunk)
    if size == 0:
        target.unlink(missing_ok=True)
        raise DomainError("Tệp rỗng.", field="file")
    if commune is not None:
        if commune.level != AdministrativeUnit.Level.COMMUNE or not covers(user, commune):
            raise DomainError("Xã/phường này nằm ngoài địa bàn bạn quản lý.", field="commune")
        province_code = commune.province_code
    else:
        commune, province_code = _jurisdiction(user)
    with transaction.atomic():
        job = ImportJob.objects.create(
            kind=declared.name, file_name=base[:255], file_sha256=digest.hexdigest(), file_size=size,
            stored_as=f"{UPLOADS}/{target.name}", on_existing=on_existing, commune=commune,
            province_code=province_code, created_by=user,
        )
        audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=job, commune=commune,
                     province_code=province_code,
                     changes={"after": {"file": job.file_name, "sha256": job.file_sha256, "size": size, "kind": kind}})
        if background:
            import_stage_task.enqueue(job.pk)
    if not background:
        import_stage(job_id=job.pk)
    job.refresh_from_db()  # a quick worker may have read it already
    return job


def _cell(value: Any) -> Any:
    if isinstance(value, datetime.datetime | datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


dumps = json.JSONEncoder(ensure_ascii=False, default=str).encode


def import_stage(*, job_id: int) -> ImportJob:
    """Read the job's file into its staging table and check it; safe to repeat (it starts over)."""
    with transaction.atomic():
        job = ImportJob.objects.select_for_update().get(pk=job_id)
        if job.status not in (ImportJob.Status.QUEUED, ImportJob.Status.STAGING):
            return job
        kind = kind_of(job.kind)
        kind.staging.objects.filter(job=job).delete()
        path = Path(settings.MEDIA_ROOT) / job.stored_as
        job.status, job.rows_read, job.error = ImportJob.Status.STAGING, 0, ""
        job.rows_total = count_rows(path)
        job.save(update_fields=["status", "rows_read", "rows_total", "error"])
    started = time.perf_counter()
    try:
        clean = kind.cleaner(job)
        with open_rows(path, max_bytes=settings.ANSINH_IMPORT_MAX_MB * 2**20) as rows:
            reader = TableReader(rows, kind.columns)
            ImportJob.objects.filter(pk=job.pk).update(header_row=reader.header_row, header=reader.header)
            with _Stager(kind, job) as stager:
                batch: list[tuple] = []
                for number, cells, raw in reader:
                    values, problems = clean(cells)
                    batch.append((job.pk, number, StagedRow.Outcome.ERROR if problems else StagedRow.Outcome.NEW,
                                  json.dumps(problems, ensure_ascii=False) if problems else "[]", "",
                                  dumps([c if type(c) is str else _cell(c) for c in raw]), *values))
                    if len(batch) == BATCH:
                        stager.put(batch)
                        batch = []
                stager.put(batch)
        read = stager.read
        read_at = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":  # the planner must know the rows just copied in
                cursor.execute(f"ANALYZE {kind.staging._meta.db_table}")
            kind.check(cursor, job)
            counts = _counts(kind, job)
            counts["seconds_read"] = round(time.perf_counter() - started, 2)
            counts["seconds_checked"] = round(time.perf_counter() - read_at, 2)
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.READY, counts=counts, rows_read=read,
                                                       rows_total=read)
    except DomainError as exc:
        with transaction.atomic():
            kind.staging.objects.filter(job=job).delete()
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, error=exc.message,
                                                       finished_at=timezone.now())
    except Exception as exc:
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.FAILED, finished_at=timezone.now(),
                                                   error=f"Lỗi hệ thống khi đọc tệp: {exc}"[:2000])
        raise
    job.refresh_from_db()
    return job


class _Stager:
    """Writes the staged rows as they are cleaned, and the progress. PostgreSQL: one COPY for the whole file
    (one transaction: a stopped worker leaves nothing), sent by psycopg's own thread while this one cleans,
    so that the server takes the rows in on the other core; the progress goes through a second connection,
    the first being busy copying. SQLite: one executemany and its progress per batch."""

    def __init__(self, kind: Kind, job: ImportJob):
        self.job, self.read = job, 0
        self.table = kind.staging._meta.db_table
        columns = ["job_id", "number", "outcome", "problems", "conflict", "raw", *kind.fields]
        self.columns, self.placeholders = ", ".join(columns), ", ".join(["%s"] * len(columns))
        self.postgresql = connection.vendor == "postgresql"
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> "_Stager":
        if self.postgresql:
            self._stack.enter_context(transaction.atomic())
            cursor = self._stack.enter_context(connection.cursor()).cursor
            self.copy = self._stack.enter_context(cursor.copy(f"COPY {self.table} ({self.columns}) FROM STDIN",
                                                              writer=QueuedLibpqWriter(cursor)))
            self.progress = connections.create_connection(DEFAULT_DB_ALIAS)
            self._stack.callback(self.progress.close)
        return self

    def put(self, batch: list[tuple]) -> None:
        if not batch:
            return
        if self.postgresql:
            for row in batch:
                self.copy.write_row(row)
            self.read += len(batch)
            with self.progress.cursor() as cursor:
                cursor.execute(f"UPDATE {ImportJob._meta.db_table} SET rows_read = %s WHERE id = %s",
                               [self.read, self.job.pk])
            return
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(f"INSERT INTO {self.table} ({self.columns}) VALUES ({self.placeholders})", batch)
            self.read += len(batch)
            ImportJob.objects.filter(pk=self.job.pk).update(rows_read=self.read)

    def __exit__(self, *exc_info) -> bool | None:
        return self._stack.__exit__(*exc_info)


def _counts(kind: Kind, job: ImportJob) -> dict[str, Any]:
    by_outcome = dict(kind.staging.objects.filter(job=job).values_list("outcome").annotate(n=Count("pk")))
    rows = sum(by_outcome.values())
    return {"rows": rows, "valid": rows - by_outcome.get("error", 0), "new": by_outcome.get("new", 0),
            "update": by_outcome.get("update", 0), "skip": by_outcome.get("skip", 0),
            "errors": by_outcome.get("error", 0)}


def import_commit(*, user, job: ImportJob, expected_version: int, background: bool = True) -> ImportJob:
    """The officer confirms the preview: the good rows are written by the worker in one transaction."""
    access_job(user, job, "commit")
    kind = kind_of(job.kind)
    if kind.capability:
        require_capability(user, kind.capability, "Bạn không có quyền ghi vào danh sách này.")
    with transaction.atomic():
        current = ImportJob.objects.select_for_update().get(pk=job.pk)
        if current.version != expected_version:
            raise ConflictError("Lần nhập này vừa được người khác xác nhận hoặc hủy. Hãy tải lại trang.")
        if current.status != ImportJob.Status.READY:
            raise DomainError(f"Lần nhập đang ở trạng thái “{current.get_status_display()}”, không xác nhận được.")
        if not current.counts.get("valid"):
            raise DomainError("Không có dòng hợp lệ nào để nhập.")
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.COMMITTING, committed_by=user,
                                                   committed_at=timezone.now(), version=current.version + 1)
        if background:
            import_commit_task.enqueue(job.pk)
    if not background:
        import_write(job_id=job.pk)
    job.refresh_from_db()
    return job


def import_write(*, job_id: int) -> ImportJob:
    """Write a confirmed job in one transaction: the registry gets every good row or none. Repeating it is
    safe: a job already written is left alone."""
    started = time.perf_counter()
    try:
        with transaction.atomic():
            job = ImportJob.objects.select_for_update().get(pk=job_id)
            if job.status != ImportJob.Status.COMMITTING:
                return job
            kind = kind_of(job.kind)
            with connection.cursor() as cursor:
                result: dict[str, Any] = dict(kind.commit(cursor, job, job.committed_by))
            result["seconds_written"] = round(time.perf_counter() - started, 2)
            job.status, job.result, job.finished_at = ImportJob.Status.DONE, result, timezone.now()
            job.save(update_fields=["status", "result", "finished_at"])
            audit_record(actor=job.committed_by, action=AuditEvent.Action.IMPORT, instance=job, commune=job.commune,
                         province_code=job.province_code,
                         changes={"file": job.file_name, "sha256": job.file_sha256, "kind": job.kind,
                                  "counts": job.counts, "result": result})
    except Exception as exc:
        ImportJob.objects.filter(pk=job_id).update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now(),
            error=f"Ghi vào sổ không thành công, không có dòng nào được ghi: {exc}"[:2000])
        raise
    return job


def import_cancel(*, user, job: ImportJob, expected_version: int) -> ImportJob:
    """Drop a job that is not written: its staged rows go, the registry never saw them."""
    access_job(user, job, "cancel")
    with transaction.atomic():
        current = ImportJob.objects.select_for_update().get(pk=job.pk)
        if current.version != expected_version:
            raise ConflictError("Lần nhập này vừa được người khác xác nhận hoặc hủy. Hãy tải lại trang.")
        if current.status in (ImportJob.Status.COMMITTING, ImportJob.Status.DONE):
            raise DomainError("Lần nhập đã được xác nhận, không hủy được.")
        kind_of(current.kind).staging.objects.filter(job=current).delete()
        ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.CANCELLED, finished_at=timezone.now(),
                                                   version=current.version + 1)
        audit_record(actor=user, action=AuditEvent.Action.DELETE, instance=current, commune=current.commune,
                     province_code=current.province_code, changes={"cancelled": current.file_name})
    job.refresh_from_db()
    return job


@task()
def import_stage_task(job_id: int) -> str:
    return import_stage(job_id=job_id).status


@task()
def import_commit_task(job_id: int) -> str:
    return import_write(job_id=job_id).status


def import_resume() -> int:
    """Queue again what a stopped worker left: reading starts over, an unfinished commit wrote nothing. After
    a database restart PostgreSQL empties the staging table (it is not logged): a job whose rows are gone is
    read again from its file, and the officer confirms it again."""
    count = 0
    for job in ImportJob.objects.filter(status__in=[ImportJob.Status.QUEUED, ImportJob.Status.STAGING,
                                                    ImportJob.Status.READY, ImportJob.Status.COMMITTING]):
        staged = kind_of(job.kind).staging.objects.filter(job=job).exists()
        if job.status == ImportJob.Status.READY and (staged or not job.counts.get("rows")):
            continue
        if job.status == ImportJob.Status.COMMITTING and staged:
            import_commit_task.enqueue(job.pk)
        else:
            ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED, counts={})
            import_stage_task.enqueue(job.pk)
        count += 1
    return count


class _DryRun(Exception):
    """Raised to roll a dry run back once its summary is taken."""


def _file_chunks(path: str) -> Iterator[bytes]:
    with open(path, "rb") as source:
        yield from iter(lambda: source.read(2**20), b"")


def import_file(*, user, kind: str, path: str, on_existing: str = ImportJob.OnExisting.SKIP,
                commune_code: str | None = None, dry_run: bool = False) -> dict[str, Any]:
    """The command's import: read, check and (unless `dry_run`) write a file in this process, with the user's
    jurisdiction, and say what happened. A dry run rolls everything back: the database is as it was."""
    commune = None
    if commune_code:
        commune = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.COMMUNE, valid_to__isnull=True,
                                                    code=commune_code.zfill(5)).first()
        if commune is None:
            raise DomainError(f"Không có xã/phường mã {commune_code}.", field="commune")
    summary: dict[str, Any] = {}
    stored: list[str] = []
    try:
        with transaction.atomic():
            job = import_upload(user=user, kind=kind, name=os.path.basename(path), chunks=_file_chunks(path),
                                on_existing=on_existing, commune=commune, background=False)
            stored.append(job.stored_as)
            if job.status == ImportJob.Status.FAILED:
                raise DomainError(job.error, field="file")
            counts = job.counts
            result = {"created": 0, "updated": 0, "skipped": counts["skip"], "duplicates_queued": 0}
            if counts["valid"]:
                job = import_commit(user=user, job=job, expected_version=job.version, background=False)
                result = job.result
            summary = {"rows": counts["rows"], "valid": counts["valid"], "created": result["created"],
                       "updated": result["updated"], "skipped": result["skipped"],
                       "duplicates_queued": result["duplicates_queued"], "errors": errors_flat(job)}
            if dry_run:
                raise _DryRun
    except _DryRun:
        summary["dry_run"] = True
    finally:
        if dry_run:
            for name in stored:
                (Path(settings.MEDIA_ROOT) / name).unlink(missing_ok=True)
    return summary
