"""The stored roll-ups of the computed indicators: each indicator computed for every commune of a province at once
(one grouped query per indicator and year) and stored with the time it was computed, so that a dashboard reads
figures instead of computing them. Refreshed in the background — when a dashboard finds them older than
`MAX_AGE`, on the officer's request, or from `ansinh figures refresh` on a schedule — with its progress shown;
a worker that stops leaves the run queued or running and the next one takes it up again."""

import datetime
import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from ansinh.core import indicators

from ..models import Plan, Rollup, RollupPart, RollupRun, RollupStamp, Target

MAX_AGE = datetime.timedelta(hours=1)
log = logging.getLogger(__name__)


def years_needed(province_code: str, today: datetime.date) -> list[int]:
    """The years the province's targets are measured in: from the year before each period (where its straight path
    starts) and each baseline year, to the end of the period or this year."""
    years = {today.year}
    for start, end, baseline in Target.objects.filter(plan__province_code=province_code).values_list(
            "period_start", "period_end", "baseline_year"):
        years.update(range(start - 1, min(end, today.year) + 1))
        if baseline:
            years.add(baseline)
    return sorted(y for y in years if y <= today.year)


def _province(province_code: str):
    from ansinh.geo.selectors import province_by_code
    return province_by_code(province_code)


def rollups_refresh(*, province_code: str, today: datetime.date | None = None, all_years: bool = False,
                    run: RollupRun | None = None) -> dict[str, int]:
    """Every computed indicator for every commune of the province, for this year (to today) and for each past year
    a target needs that is not stored yet (or all of them again); each indicator-year replaced in one transaction.
    {"steps": computed, "rows": stored}."""
    today = today or timezone.localdate()
    reader = indicators.reader(_province(province_code))
    stored = set(RollupStamp.objects.filter(province_code=province_code).values_list("code", "year"))
    steps = [(indicator, year) for indicator in indicators.all_indicators()
             for year in years_needed(province_code, today)
             if all_years or year == today.year or (indicator.code, year) not in stored]
    if run is not None:
        RollupRun.objects.filter(pk=run.pk).update(steps=len(steps), done=0)
    rows = 0
    for n, (indicator, year) in enumerate(steps, start=1):
        day = today if year == today.year else datetime.date(year, 12, 31)
        by_commune = indicator.compute(user=reader, day=day, start=datetime.date(year, 1, 1))
        now = timezone.now()
        with transaction.atomic():
            Rollup.objects.filter(province_code=province_code, code=indicator.code, year=year).delete()
            Rollup.objects.bulk_create([
                Rollup(code=indicator.code, commune_id=commune, province_code=province_code, year=year, day=day,
                       numerator=numerator or 0, denominator=denominator, computed_at=now)
                for commune, (numerator, denominator) in by_commune.items()], batch_size=1000)
            RollupPart.objects.filter(province_code=province_code, code=indicator.code, year=year).delete()
            if indicator.breakdown is not None:
                parts = indicator.breakdown(user=reader, day=day, start=datetime.date(year, 1, 1))
                RollupPart.objects.bulk_create([
                    RollupPart(code=indicator.code, commune_id=commune, province_code=province_code, year=year,
                               sex=sex or "", band=band, numerator=numerator or 0, denominator=denominator)
                    for (commune, sex, band), (numerator, denominator) in parts.items()], batch_size=1000)
            RollupStamp.objects.update_or_create(province_code=province_code, code=indicator.code, year=year,
                                                 defaults={"day": day, "computed_at": now})
            if run is not None:
                RollupRun.objects.filter(pk=run.pk).update(done=n)
        rows += len(by_commune)
    return {"steps": len(steps), "rows": rows}


def rollups_request(*, province_code: str, all_years: bool = False, now: bool = False) -> RollupRun:
    """Queue a refresh of the province's roll-ups, unless one is already queued or running; `now`: run it here
    and now instead (the demo, a command)."""
    with transaction.atomic():
        run, created = RollupRun.objects.select_for_update().get_or_create(
            province_code=province_code, defaults={"requested_at": timezone.now(), "all_years": all_years})
        if not created and run.status in (RollupRun.Status.QUEUED, RollupRun.Status.RUNNING):
            return run
        if not created:
            run.status, run.requested_at, run.all_years, run.error = RollupRun.Status.QUEUED, timezone.now(), \
                all_years, ""
            run.steps = run.done = 0
            run.save()
        if not now:
            transaction.on_commit(lambda: rollups_task.enqueue(province_code))
    return rollups_execute(province_code=province_code) if now else run


def rollups_stale(province_code: str) -> bool:
    """Are the province's figures older than `MAX_AGE` (or never computed), with no refresh under way?"""
    run = RollupRun.objects.filter(province_code=province_code).first()
    if run is None:
        return True
    if run.status in (RollupRun.Status.QUEUED, RollupRun.Status.RUNNING):
        return False
    return run.finished_at is None or timezone.now() - run.finished_at > MAX_AGE


def rollups_execute(*, province_code: str) -> RollupRun:
    """The worker's part: run the province's queued refresh, keeping its state."""
    run = RollupRun.objects.get(province_code=province_code)
    RollupRun.objects.filter(pk=run.pk).update(status=RollupRun.Status.RUNNING, started_at=timezone.now())
    try:
        rollups_refresh(province_code=province_code, all_years=run.all_years, run=run)
    except Exception as exc:  # the run says it failed; the next request starts again
        log.exception("roll-ups of %s failed", province_code)
        RollupRun.objects.filter(pk=run.pk).update(status=RollupRun.Status.FAILED, error=str(exc)[:2000])
        raise
    RollupRun.objects.filter(pk=run.pk).update(status=RollupRun.Status.DONE, finished_at=timezone.now())
    run.refresh_from_db()
    return run


@task()
def rollups_task(province_code: str) -> int:
    return rollups_execute(province_code=province_code).done


def rollups_resume() -> int:
    """Queue again every refresh a stopped worker left queued or running."""
    pending = list(RollupRun.objects.filter(status__in=[RollupRun.Status.QUEUED, RollupRun.Status.RUNNING])
                   .values_list("province_code", flat=True))
    for code in pending:
        rollups_task.enqueue(code)
    return len(pending)


def provinces_with_plans() -> list[str]:
    return sorted(set(Plan.objects.values_list("province_code", flat=True)))
