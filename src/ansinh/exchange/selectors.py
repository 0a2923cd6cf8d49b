"""Reads of imports: the jobs a user may see, and a job's problems row by row (the preview, the error
report and the command's summary all read them here)."""

from collections.abc import Iterator, Mapping
from typing import Any

from ansinh.core.access import access
from ansinh.core.files import Table

from .kinds import kind_of
from .models import ImportJob, StagedRow


def jobs(*, user):
    return ImportJob.objects.visible_to(user).select_related("created_by", "commune")


def access_job(user, job: ImportJob | int, action: str = "view") -> ImportJob:
    return access(ImportJob.objects.select_related("created_by", "commune", "committed_by"), user, job, action)


def problems_of(row: Mapping[str, Any], conflicts: Mapping[str, tuple[str, str]]) -> list[tuple[str, str]]:
    """The messages of one staged row: what its own cells broke, then what the checks across rows found."""
    problems = [tuple(p) for p in row["problems"]]
    if row["conflict"]:
        column, message = conflicts[row["conflict"]]
        problems.append((column, message.format(other=row["other_number"])))
    return problems


def error_rows(job: ImportJob, *, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """The rows that will not be written because of an error, in file order: number, raw cells, problems."""
    kind = kind_of(job.kind)
    rows = (kind.staging.objects.filter(job=job, outcome=StagedRow.Outcome.ERROR).order_by("number")
            .values("number", "raw", "problems", "conflict", "other_number"))
    if limit is not None:
        rows = rows[:limit]
    for row in rows.iterator(chunk_size=2000):
        yield {"number": row["number"], "raw": row["raw"], "problems": problems_of(row, kind.conflicts)}


def errors_flat(job: ImportJob) -> list[dict[str, Any]]:
    """[{"row", "column", "message"}] — one entry per problem (the command's summary, the API)."""
    return [{"row": row["number"], "column": column, "message": message}
            for row in error_rows(job) for column, message in row["problems"]]


def error_table(job: ImportJob) -> Table:
    """The error report: the file's own header and rows, with the row number first and the errors last."""
    header = ["Dòng", *job.header, "Lỗi"]
    width = len(job.header)

    def rows():
        for row in error_rows(job):
            cells = (list(row["raw"]) + [""] * width)[:width]
            yield [row["number"], *cells, "; ".join(f"{column}: {message}" for column, message in row["problems"])]

    return Table(headers=header, rows=rows(), sheet="Dòng lỗi")
