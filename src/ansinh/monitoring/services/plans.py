"""Writes of plans: a plan with its targets and tasks recorded whole, checked first (all or nothing), and the seed
plans of the provinces loaded from `seeds/` (running it again changes nothing)."""

import datetime
import json
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.db import transaction

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.access import require_capability
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError
from ansinh.core.files import pasted_rows
from ansinh.core.text import fold

from .. import rules, selectors
from ..access import PLANS_MANAGE
from ..models import Plan, Schedule, Target, Task
from .catalogue import catalogue_sync, known_code

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
# the columns' lengths (models): a longer value is refused, never cut
UNIT_MAX = Target._meta.get_field("unit").max_length or 0
LEAD_MAX = Task._meta.get_field("lead").max_length or 0
TIMELINE_MAX = Task._meta.get_field("timeline").max_length or 0
PARENT_MAX = Plan._meta.get_field("parent").max_length or 0
NUMBER_MAX = Plan._meta.get_field("number").max_length or 0


def _decimal(value: Any, where: str) -> Decimal:
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        raise DomainError(f"{where}: giá trị “{value}” không phải là số.", field="targets") from None


def _targets(rows: list[dict], province_code: str) -> list[Target]:
    """The plan's targets checked, each message naming the target by its place and its sentence."""
    errors, made = [], []
    for n, row in enumerate(rows, start=1):
        where = f"Chỉ tiêu {n} (“{str(row.get('text', ''))[:60]}”)"
        code = row.get("indicator") or ""
        if code and not known_code(code, province_code):
            errors.append(f"{where}: không có chỉ số mã “{code}” (tính từ dữ liệu, hoặc do đơn vị của tỉnh báo cáo).")
        try:
            target = rules.Target(value=_decimal(row.get("value"), where), unit=str(row.get("unit") or ""),
                                  period_start=row.get("period_start"), period_end=row.get("period_end"),
                                  baseline_year=row.get("baseline_year"), at_most=bool(row.get("at_most")))
        except DomainError as exc:
            errors.append(exc.message)
            continue
        errors += [f"{where}: {message}" for _field, message in rules.problems(target)]
        if len(target.unit.strip()) > UNIT_MAX:
            errors.append(f"{where}: đơn vị dài quá {UNIT_MAX} ký tự.")
        if not str(row.get("text") or "").strip():
            errors.append(f"{where}: hãy ghi câu của kế hoạch nêu chỉ tiêu này.")
        made.append(Target(position=n, indicator=code, period_start=target.period_start or 0,
                           period_end=target.period_end or 0, value=target.value, unit=target.unit.strip(),
                           baseline_year=target.baseline_year, at_most=target.at_most, text=" ".join(str(row.get("text", "")).split())))
    if errors:
        raise DomainError(" ".join(errors), errors={"targets": errors})
    return made


def _tasks(rows: list[dict]) -> list[Task]:
    errors, made = [], []
    for n, row in enumerate(rows, start=1):
        title = " ".join(str(row.get("title") or "").split())
        if not title:
            errors.append(f"Nhiệm vụ {n}: hãy ghi nội dung nhiệm vụ.")
        lead, timeline = (" ".join(str(row.get(f) or "").split()) for f in ("lead", "timeline"))
        if len(lead) > LEAD_MAX or len(timeline) > TIMELINE_MAX:  # refused, never cut: the plan is kept as written
            errors.append(f"Nhiệm vụ {n}: cơ quan chủ trì dài quá {LEAD_MAX} hoặc thời gian dài quá {TIMELINE_MAX} "
                          "ký tự.")
        made.append(Task(position=n, title=title, lead=lead, timeline=timeline,
                         coordinating=[" ".join(str(c).split()) for c in row.get("coordinating") or [] if str(c).strip()],
                         product=" ".join(str(row.get("product") or "").split())))
    if errors:
        raise DomainError(" ".join(errors), errors={"tasks": errors})
    return made


KINDS = {"half": Schedule.Kind.HALF, "year": Schedule.Kind.YEAR}
LEVELS = {"commune": Schedule.Level.COMMUNE, "province": Schedule.Level.PROVINCE}


def _schedules(rows: list[dict]) -> list[Schedule]:
    """When the plan asks for reports: {"kind": "half" | "year", "level": "commune" | "province", "due": "MM-DD" or
    null, "text": the plan's sentence}."""
    errors, made, seen = [], [], set()
    for n, row in enumerate(rows, start=1):
        kind, level, due = row.get("kind"), row.get("level") or "commune", row.get("due")
        if kind not in KINDS or level not in LEVELS:
            errors.append(f"Kỳ báo cáo {n}: kỳ là “half” (6 tháng) hoặc “year” (năm); cấp là “commune” hoặc "
                          "“province”.")
            continue
        if (kind, level) in seen:
            errors.append(f"Kỳ báo cáo {n}: trùng kỳ và cấp với một kỳ trước.")
        seen.add((kind, level))
        month = day = None
        if due:
            try:
                month, day = (int(part) for part in str(due).split("-"))
                datetime.date(2024, month, day)  # a leap year: 29 February is a day of some years
            except ValueError:
                errors.append(f"Kỳ báo cáo {n}: hạn “{due}” không hợp lệ (MM-DD, ví dụ 06-10).")
        made.append(Schedule(kind=kind, level=level, due_month=month, due_day=day,
                             text=" ".join(str(row.get("text") or "").split())))
    if errors:
        raise DomainError(" ".join(errors), errors={"reports": errors})
    return made


def _sync(existing, made: list, fields: tuple[str, ...], model) -> None:
    """The plan's targets or tasks set to `made`, row by row by position: a row kept where it was (a task keeps its
    updates), changed where it differs, added or removed at the end."""
    kept = {row.position: row for row in existing}
    changed, added = [], []
    for row in made:
        old = kept.pop(row.position, None)
        if old is None:
            added.append(row)
        elif any(getattr(old, f) != getattr(row, f) for f in fields):
            for f in fields:
                setattr(old, f, getattr(row, f))
            changed.append(old)
    model.objects.filter(pk__in=[row.pk for row in kept.values()]).delete()
    model.objects.bulk_update(changed, list(fields))
    model.objects.bulk_create(added)


TARGET_FIELDS = ("indicator", "period_start", "period_end", "value", "unit", "baseline_year", "at_most", "text")
TASK_FIELDS = ("title", "lead", "coordinating", "product", "timeline")


@transaction.atomic
def plan_record(*, user, data: dict, plan: Plan | None = None, version: int | None = None) -> tuple[Plan, str]:
    """A plan in the shape `selectors.plan_document` gives (number, issuer, date, title, parent, province_code,
    targets, tasks, reports): created, changed where it differs ("updated"), or left as it is ("unchanged"). `plan`:
    the plan being edited (else found by province, number and date); `version`: the version the editor read — a
    plan saved by someone else since is refused, not overwritten. A user records their own province's plans."""
    if user is not None:
        require_capability(user, PLANS_MANAGE)
        unit = getattr(user, "jurisdiction", None)
        if unit is not None and unit.province_code != str(data.get("province_code")):
            raise PermissionDeniedError("Bạn chỉ ghi được kế hoạch của tỉnh mình.")
    for field, label in (("number", "số, ký hiệu"), ("issuer", "cơ quan ban hành"), ("title", "tên kế hoạch"),
                         ("province_code", "mã tỉnh")):
        if not str(data.get(field) or "").strip():
            raise DomainError(f"Kế hoạch thiếu {label}.", field=field)
    try:
        issued_on = datetime.date.fromisoformat(str(data.get("date")))
    except ValueError:
        raise DomainError(f"Ngày ban hành “{data.get('date')}” không hợp lệ (YYYY-MM-DD).", field="date") from None
    targets, tasks = _targets(data.get("targets") or [], str(data["province_code"])), _tasks(data.get("tasks") or [])
    schedules = _schedules(data.get("reports") or [])
    number = "".join(str(data["number"]).split())
    if len(number) > NUMBER_MAX:
        raise DomainError(f"Số, ký hiệu dài quá {NUMBER_MAX} ký tự.", field="number")
    same = Plan.objects.select_for_update().filter(province_code=data["province_code"], number=number,
                                                   issued_on=issued_on).first()
    if plan is not None:
        plan = Plan.objects.select_for_update().get(pk=plan.pk)
        if same is not None and same.pk != plan.pk:
            raise DomainError(f"Tỉnh đã có kế hoạch số {number} ngày {issued_on:%d/%m/%Y}.", field="number")
    else:
        plan = same
    if plan is not None and version is not None and int(version) != plan.version:
        raise ConflictError("Kế hoạch đã được người khác sửa sau khi bạn mở. Hãy tải lại trang.")
    if plan is not None and selectors.plan_document(plan, complete=True) == selectors.normalised(data) \
            and (plan.number, plan.issued_on) == (number, issued_on):
        return plan, "unchanged"
    outcome = "updated" if plan is not None else "created"
    if plan is None:
        plan = Plan(province_code=str(data["province_code"]))
    plan.number, plan.issued_on = number, issued_on
    plan.title, plan.issuer = " ".join(str(data["title"]).split()), " ".join(str(data["issuer"]).split())
    plan.parent = " ".join(str(data.get("parent") or "").split())
    if len(plan.parent) > PARENT_MAX:
        raise DomainError(f"Văn bản được thực hiện dài quá {PARENT_MAX} ký tự.", field="parent")
    plan.version = (plan.version or 0) + 1 if plan.pk else 1
    plan.save()
    for parts in (targets, tasks, schedules):
        for part in parts:
            part.plan = plan
    _sync(list(plan.targets.all()), targets, TARGET_FIELDS, Target)
    _sync(list(plan.tasks.all()), tasks, TASK_FIELDS, Task)
    plan.schedules.all().delete()
    Schedule.objects.bulk_create(schedules)
    audit_record(actor=user, action=AuditEvent.Action.CREATE if outcome == "created" else AuditEvent.Action.UPDATE,
                 instance=plan, commune=None, province_code=plan.province_code,
                 changes={"number": plan.number, "targets": len(targets), "tasks": len(tasks)})
    return plan, outcome


def plans_load_seeds(*, user=None) -> dict[str, int]:
    """The provinces' plans of `seeds/` (one JSON file each), as the texts state them."""
    counts = {"created": 0, "updated": 0, "unchanged": 0}
    catalogue_sync()
    for path in sorted(SEEDS.glob("*.json")):
        with path.open(encoding="utf-8") as f:
            _plan, outcome = plan_record(user=user, data=json.load(f))
        counts[outcome] += 1
    return counts


# --- a plan typed or pasted on its page ---------------------------------------------------------------------

TARGET_COLUMNS = ("Từ năm", "Đến năm", "Giá trị", "Đơn vị", "Năm gốc", "Dưới (x)", "Mã chỉ số", "Câu của kế hoạch")
TASK_COLUMNS = ("Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp (cách nhau bởi ;)", "Sản phẩm", "Thời gian")
REPORT_COLUMNS = ("Kỳ (6 tháng / năm)", "Cấp (xã / tỉnh)", "Hạn (ngày/tháng)", "Câu của kế hoạch")


def _year(text: str, where: str, errors: list[str]) -> int | None:
    if not text:
        return None
    if not text.isdigit() or not 1900 <= int(text) <= 2100:
        errors.append(f"{where}: năm “{text}” không hợp lệ.")
        return None
    return int(text)


def plan_from_text(*, header: dict, targets: str, tasks: str, reports: str) -> dict:
    """A plan's data from its page: the header's fields, and its targets, tasks and reporting periods pasted from a
    spreadsheet (tab-separated; `|` when typed — a task's coordinating agencies are separated by `;` inside their
    cell), in the order of `TARGET_COLUMNS`, `TASK_COLUMNS`, `REPORT_COLUMNS`. Every line's mistakes are named by
    its box and line; nothing is recorded while one is wrong."""
    errors: list[str] = []
    data = dict(header, targets=[], tasks=[], reports=[])
    for line, cells in pasted_rows(targets, headers=("tu nam",)):
        where = f"Chỉ tiêu, dòng {line}"
        cells += [""] * (len(TARGET_COLUMNS) - len(cells))
        start, end = _year(cells[0], where, errors), _year(cells[1], where, errors)
        value = cells[2].replace(".", "").replace(",", ".") if "," in cells[2] else cells[2]
        data["targets"].append({"period_start": start, "period_end": end, "value": value or None, "unit": cells[3],
                                "baseline_year": _year(cells[4], where, errors),
                                "at_most": cells[5].strip().lower() in ("x", "có", "dưới"),
                                "indicator": cells[6] or None, "text": cells[7]})
    for _line, cells in pasted_rows(tasks, headers=("nhiem vu",)):
        cells += [""] * (len(TASK_COLUMNS) - len(cells))
        data["tasks"].append({"title": cells[0], "lead": cells[1],
                              "coordinating": [c.strip() for c in cells[2].split(";") if c.strip()],
                              "product": cells[3], "timeline": cells[4]})
    kinds = {"6 thang": "half", "nam": "year", "half": "half", "year": "year"}
    levels = {"xa": "commune", "tinh": "province", "commune": "commune", "province": "province"}
    for line, cells in pasted_rows(reports, headers=("ky", "ky (6 thang / nam)")):
        where = f"Kỳ báo cáo, dòng {line}"
        cells += [""] * (len(REPORT_COLUMNS) - len(cells))
        kind, level = kinds.get(fold(cells[0])), levels.get(fold(cells[1]) or "xa")
        if kind is None or level is None:
            errors.append(f"{where}: kỳ là “6 tháng” hoặc “năm”, cấp là “xã” hoặc “tỉnh”.")
            continue
        due = None
        if cells[2]:
            parts = cells[2].replace("-", "/").split("/")
            if len(parts) != 2 or not all(p.isdigit() for p in parts):
                errors.append(f"{where}: hạn “{cells[2]}” phải là ngày/tháng, ví dụ 10/6.")
                continue
            due = f"{int(parts[1]):02d}-{int(parts[0]):02d}"
        data["reports"].append({"kind": kind, "level": level, "due": due, "text": cells[3]})
    for n, target in enumerate(data["targets"], start=1):
        if target["value"] is None:
            errors.append(f"Chỉ tiêu {n}: hãy ghi giá trị.")
    if errors:
        raise DomainError(" ".join(errors), errors={"targets": errors})
    return data
