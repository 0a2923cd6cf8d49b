"""Writes of the periodic reports: a unit prepares its report on a plan for a period (the figures of the data filled
in, the reported ones entered), submits it once; the level above returns it with comments or approves it; an
approved report is locked and changed again only after a reopening. The province's own report consolidates its
communes' approved reported figures and computes the others over the whole province."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core import indicators
from ansinh.core.access import access, covers, require_capability
from ansinh.core.dates import ReportingPeriod
from ansinh.core.documents import document_code, next_document_number
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError

from .. import rules
from ..access import REPORTS_PREPARE
from ..models import Line, Plan, Report, Schedule
from ..selectors.reports import due_on
from .catalogue import computed_definition, reported_definition

NUMBER_MAX = Decimal("999999999999")


def period_of(code: str) -> ReportingPeriod:
    """A report's period from its code: a year ("2026") or the first six months ("2026-H1"); the second half is the
    year's report."""
    try:
        period = ReportingPeriod.parse(str(code))
    except ValueError as exc:
        raise DomainError(str(exc), field="period") from None
    if period.kind not in ("half", "year") or (period.kind == "half" and period.index != 1):
        raise DomainError("Kỳ báo cáo là 6 tháng đầu năm (2026-H1) hoặc cả năm (2026).", field="period")
    return period


def _unit_of(user):
    unit = getattr(user, "jurisdiction", None)
    if unit is None or unit.level not in ("commune", "province"):
        raise PermissionDeniedError("Báo cáo định kỳ do xã/phường hoặc tỉnh lập: tài khoản của bạn không thuộc đơn vị "
                                    "nào phải báo cáo.")
    return unit


def _check_version(report: Report, version: int | None) -> None:
    if version is not None and int(version) != report.version:
        raise ConflictError("Báo cáo đã được người khác lưu hoặc xử lý sau khi bạn mở. Hãy tải lại trang.")


def _figure(result: indicators.Result) -> tuple[Decimal, Decimal | None]:
    numerator = Decimal(result.numerator)
    return numerator, (None if result.indicator.denominator_label is None else Decimal(result.denominator or 0))


def _computed(indicator, reader, day: datetime.date, start: datetime.date) -> tuple[Decimal, Decimal | None]:
    return _figure(indicators.compute(indicator, user=reader, day=day, start=start))


def _year_figure(indicator, reader, year: int, share: bool) -> Decimal | None:
    """The indicator's figure for a whole year (on 31 December; a periodic one counts that year)."""
    numerator, denominator = _computed(indicator, reader, datetime.date(year, 12, 31), datetime.date(year, 1, 1))
    return rules.figure(numerator, denominator, share=share)


def _consolidated(report: Report) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """{position: (numerator, denominator)} summed over the approved reports of the province's communes."""
    rows = Line.objects.filter(report__plan=report.plan, report__period=report.period,
                               report__province_code=report.province_code, report__unit__level="commune",
                               report__status=Report.Status.APPROVED, computed=False
                               ).values("position").annotate(n=Sum("numerator"), d=Sum("denominator"))
    return {r["position"]: (r["n"], r["d"]) for r in rows}


def _fill(report: Report, *, today: datetime.date) -> None:
    """The report's lines: one per target of the plan whose period takes in the report's year; the computed ones
    measured again (to the report's day), the reported ones kept as entered — for the province, the sum of its
    communes' approved reports until it enters its own."""
    period = report.reporting_period
    report.data_day = min(period.end, today)
    reader = indicators.reader(report.unit)
    start = datetime.date(period.year, 1, 1)
    kept = {line.position: line for line in report.lines.all()}
    summed = _consolidated(report) if report.unit.level == "province" else {}
    lines = []
    for target in report.plan.targets.filter(period_start__lte=period.year, period_end__gte=period.year):
        line = kept.pop(target.position, None) or Line(report=report, position=target.position)
        line.target, line.target_text, line.target_value = target, target.text, target.value
        line.unit, line.baseline_year, line.at_most = target.unit, target.baseline_year, target.at_most
        indicator = indicators.get(target.indicator) if target.indicator else None
        if indicator is not None:
            line.definition, line.computed = computed_definition(indicator.code), True
            line.share = indicator.denominator_label is not None
            line.numerator, line.denominator = _computed(indicator, reader, report.data_day, start)
            line.baseline = _year_figure(indicator, reader, target.baseline_year, line.share) \
                if target.baseline_year else None
            line.origin = _year_figure(indicator, reader, target.period_start - 1, line.share)
        else:
            line.definition = reported_definition(target.indicator, report.province_code) if target.indicator else None
            line.computed = False
            line.share = bool(line.definition.denominator_label) if line.definition else (
                target.unit == rules.PERCENT and target.baseline_year is None)
            if line.pk is None and target.position in summed:
                line.numerator, line.denominator = summed[target.position]
        lines.append(line)
    Line.objects.filter(pk__in=[line.pk for line in kept.values()]).delete()  # targets no longer in the plan
    for line in lines:
        line.save()


@transaction.atomic
def report_prepare(*, user, plan: Plan, period: str, today: datetime.date | None = None) -> Report:
    """The user's unit's report on the plan for the period: opened (and its computed figures measured again while it
    is being written), or started with the figures of the data filled in."""
    require_capability(user, REPORTS_PREPARE)
    unit = _unit_of(user)
    from ..selectors import access_plan
    plan = access_plan(user, plan)
    reporting = period_of(period)
    kinds = {s.kind for s in plan.schedules.all()}
    if reporting.kind not in kinds:
        asked = ", ".join(str(Schedule.Kind(k).label).lower() for k in sorted(kinds)) or "không có kỳ nào"
        raise DomainError(f"Kế hoạch {plan.number} không yêu cầu báo cáo {str(Schedule.Kind(reporting.kind).label).lower()}"
                          f" (các kỳ báo cáo: {asked}).", field="period")
    if reporting.year < plan.issued_on.year:
        raise DomainError(f"Kế hoạch {plan.number} ban hành năm {plan.issued_on.year}: không có báo cáo năm "
                          f"{reporting.year}.", field="period")
    today = today or timezone.localdate()
    if reporting.start > today:
        raise DomainError(f"Kỳ {reporting.label} chưa bắt đầu.", field="period")
    report = Report.objects.select_for_update().filter(plan=plan, period=reporting.code, unit=unit).first()
    if report is not None:
        if report.editable:
            _fill(report, today=today)
            report.save(update_fields=["data_day"])
        return report
    report = Report.objects.create(plan=plan, kind=reporting.kind, period=reporting.code, unit=unit,
                                   province_code=unit.province_code, data_day=min(reporting.end, today),
                                   due_on=due_on(plan, reporting.kind, unit.level, reporting.year))
    _fill(report, today=today)
    report.save(update_fields=["data_day"])
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=report, commune=_commune(report),
                 province_code=report.province_code, changes={"plan": plan.number, "period": reporting.code})
    return report


def _commune(report: Report):
    return report.unit if report.unit.level == "commune" else None


def _number(value: Any, where: str, errors: list[str]) -> Decimal | None:
    if value is None or str(value).strip() == "":
        return None
    try:
        text = str(value).strip()
        if "," in text:  # written the Vietnamese way: 1.234,5
            text = text.replace(".", "").replace(",", ".")
        number = Decimal(text)
    except InvalidOperation:
        errors.append(f"{where}: “{value}” không phải là số.")
        return None
    if not number.is_finite() or number < 0 or number > NUMBER_MAX:
        errors.append(f"{where}: số liệu phải là số không âm.")
        return None
    return number


def _editable(user, report: Report, version: int | None) -> Report:
    report = access(Report.objects.select_for_update(of=("self",)), user, report, "prepare")
    if report.unit_id != getattr(getattr(user, "jurisdiction", None), "pk", None):
        raise PermissionDeniedError("Chỉ đơn vị lập báo cáo mới sửa và nộp được báo cáo của mình.")
    _check_version(report, version)
    if report.status == Report.Status.SUBMITTED:
        raise DomainError("Báo cáo đã nộp và đang chờ cấp trên duyệt: không sửa được.")
    if report.status == Report.Status.APPROVED:
        raise DomainError("Báo cáo đã được duyệt nên số liệu đã khóa; muốn sửa phải đề nghị cấp trên mở lại.")
    return report


TEXTS = ("narrative", "difficulties", "proposals")


@transaction.atomic
def report_save(*, user, report: Report, version: int | None, narrative: str = "", difficulties: str = "",
                proposals: str = "", figures: dict[int, dict] | None = None,
                today: datetime.date | None = None) -> Report:
    """The report's texts and its reported figures ({position: {"numerator", "denominator", "note"}}), checked
    whole: every wrong figure is named by its target, and nothing is saved while one is wrong."""
    report = _editable(user, report, version)
    lines = {line.position: line for line in report.lines.all()}
    errors: list[str] = []
    for position, entry in (figures or {}).items():
        line = lines.get(int(position))
        if line is None:
            errors.append(f"Chỉ tiêu {position}: không có trong báo cáo này.")
            continue
        where = f"Chỉ tiêu {line.position} (“{line.target_text[:60]}”)"
        line.note = " ".join(str(entry.get("note") or "").split())
        if line.computed:
            continue  # measured from the data, not entered
        numerator = _number(entry.get("numerator"), where, errors)
        denominator = _number(entry.get("denominator"), where, errors) if line.share else None
        if line.share and numerator is not None:
            if denominator is None or denominator == 0:
                errors.append(f"{where}: tỷ lệ cần cả mẫu số lớn hơn 0.")
            elif numerator > denominator:
                errors.append(f"{where}: tử số ({numerator:f}) lớn hơn mẫu số ({denominator:f}) — tỷ lệ quá 100%.")
        line.numerator, line.denominator = numerator, denominator
    if errors:
        raise DomainError(" ".join(errors), errors={"figures": errors})
    before = {name: getattr(report, name) for name in TEXTS}
    report.narrative, report.difficulties, report.proposals = narrative.strip(), difficulties.strip(), proposals.strip()
    for line in lines.values():
        line.save(update_fields=["numerator", "denominator", "note"])
    _fill(report, today=today or timezone.localdate())
    report.version += 1  # a returned report stays returned until it is submitted again
    report.save()
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=report, commune=_commune(report),
                 province_code=report.province_code,
                 changes={"texts": [n for n in TEXTS if before[n] != getattr(report, n)],
                          "figures": sorted(int(p) for p in (figures or {}))})
    return report


def _issuer(report: Report) -> tuple[str, str]:
    """(issuing body as the report's number names it, its code): a commune's People's Committee, or the province's
    department of health for the province (social protection since 01/3/2025, NĐ 42/2025)."""
    return ("UBND", "UBND") if report.unit.level == "commune" else ("SYT", "SYT")


@transaction.atomic
def report_submit(*, user, report: Report, version: int | None, today: datetime.date | None = None) -> Report:
    """Submitted once: its figures measured again and frozen, a number taken from the unit's yearly sequence the
    first time. Submitting it again while it waits, or after approval, is refused."""
    report = _editable(user, report, version)
    missing = []
    if not report.narrative.strip():
        missing.append("phần tình hình, kết quả thực hiện")
    if missing:
        raise DomainError(f"Chưa nộp được: hãy viết {', '.join(missing)}.", field="narrative")
    now = timezone.now()
    _fill(report, today=today or timezone.localdate())
    if not report.number:
        body, _code = _issuer(report)
        year = timezone.localtime(now).year
        sequence = next_document_number(issuer=f"{body}:{report.unit.code}", year=year)
        report.number = document_code(sequence, kind="BÁO CÁO", body=body)
    report.status, report.submitted_at, report.submitted_by = Report.Status.SUBMITTED, now, user
    report.version += 1
    report.save()
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=report, commune=_commune(report),
                 province_code=report.province_code, changes={"status": "submitted", "number": report.number})
    return report


def _reviewable(user, report: Report, version: int | None) -> Report:
    """The report for its reviewer: the level above its unit (the province for a commune's, the national level for
    a province's), within the reviewer's jurisdiction."""
    report = access(Report.objects.select_for_update(of=("self",)), user, report, "review")
    unit = getattr(user, "jurisdiction", None)
    if report.unit.level == "province":
        above = unit is None
    else:
        above = unit is None or (unit.level == "province" and covers(user, report.unit))
    if not above:
        raise PermissionDeniedError("Báo cáo này do cấp trên trực tiếp của đơn vị lập duyệt.")
    _check_version(report, version)
    return report


def _review(user, report: Report, version: int | None, *, was: str, becomes: str, refused: str, comment: str = "",
            audited: dict) -> Report:
    """One step of the level above: the report in state `was` (else `refused`) put in state `becomes`, with the
    reviewer's comment or reason, who and when; audited with `audited`."""
    report = _reviewable(user, report, version)
    if report.status != was:
        raise DomainError(refused)
    report.status, report.comment = becomes, comment
    report.reviewed_at, report.reviewed_by, report.version = timezone.now(), user, report.version + 1
    report.save()
    audit_record(actor=user, action=AuditEvent.Action.UPDATE, instance=report, commune=_commune(report),
                 province_code=report.province_code, changes=audited)
    return report


@transaction.atomic
def report_return(*, user, report: Report, version: int | None, comment: str) -> Report:
    """Returned to its unit with the reviewer's comments, to be corrected and submitted again."""
    if not comment.strip():
        raise DomainError("Hãy ghi ý kiến: đơn vị cần sửa gì.", field="comment")
    return _review(user, report, version, was=Report.Status.SUBMITTED, becomes=Report.Status.RETURNED,
                   refused="Chỉ trả lại được báo cáo đã nộp và đang chờ duyệt.", comment=comment.strip(),
                   audited={"status": "returned", "comment": comment.strip()})


@transaction.atomic
def report_approve(*, user, report: Report, version: int | None) -> Report:
    """Approved: its figures are locked."""
    return _review(user, report, version, was=Report.Status.SUBMITTED, becomes=Report.Status.APPROVED,
                   refused="Chỉ duyệt được báo cáo đã nộp và đang chờ duyệt.", audited={"status": "approved"})


@transaction.atomic
def report_reopen(*, user, report: Report, version: int | None, reason: str) -> Report:
    """An approved report opened again for its unit to correct, with the reason (audited)."""
    if not reason.strip():
        raise DomainError("Hãy ghi lý do mở lại báo cáo đã duyệt.", field="reason")
    return _review(user, report, version, was=Report.Status.APPROVED, becomes=Report.Status.RETURNED,
                   refused="Chỉ mở lại được báo cáo đã duyệt.", comment=reason.strip(),
                   audited={"status": "reopened", "reason": reason.strip()})
