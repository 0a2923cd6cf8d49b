"""Importing the social-work workforce: one row per position — a registry person (by citizen ID) doing social work
at an organisation of the network (by code) as a title and engagement, with a monthly allowance, from a day. The
checks are those of the page (`workforce.services.position_create`), set-based: one full-time post a day, an
organisation that existed on the first day, a person and an organisation inside the officer's jurisdiction."""

from typing import Any

from django.utils import timezone

from ansinh.core.files import Column
from ansinh.core.text import fold
from ansinh.facilities.models import Organisation, OrganisationPeriod
from ansinh.registry.models import Person
from ansinh.workforce.access import WORKFORCE_CHANGE
from ansinh.workforce.models import Engagement, Grade, Position, Title

from . import sql
from .cells import Problems, amount, fold_code, past_day, text
from .kinds import Kind, register
from .models import ImportJob, StagedPosition
from .sql import Steps, audit, flag, mark_repeats

COLUMNS = [
    Column("citizen_id", "Số định danh", ("số định danh cá nhân", "số cccd", "cccd", "citizen id"), required=True),
    Column("code", "Mã cơ quan, cơ sở", ("mã cơ sở", "mã đơn vị", "mã cơ quan", "organisation code"), required=True),
    Column("job_title", "Vị trí việc làm", ("vị trí", "chức vụ", "job")),
    Column("title", "Chức danh", ("loại cán bộ", "title")),
    Column("grade", "Mã chức danh nghề nghiệp", ("mã ngạch", "hạng", "grade")),
    Column("engagement", "Hình thức", ("chuyên trách/kiêm nhiệm", "hình thức làm việc", "engagement")),
    Column("monthly_allowance", "Phụ cấp hằng tháng", ("phụ cấp", "mức phụ cấp", "phụ cấp (đồng)", "allowance")),
    Column("start_date", "Từ ngày", ("ngày bắt đầu", "từ ngày", "start")),
    Column("end_date", "Đến ngày", ("ngày kết thúc", "đến ngày", "end")),
]
LABELS = {c.key: c.label for c in COLUMNS}
FIELDS = ("citizen_id", "code", "job_title", "title", "grade", "engagement", "monthly_allowance", "start_date",
          "end_date", "row_key")
TITLES = {fold(str(label)): value for value, label in Title.choices} | {v: v for v in Title.values} | {
    "nhan vien": Title.EMPLOYEE, "ctv": Title.COLLABORATOR, "cong tac vien ctxh": Title.COLLABORATOR}
ENGAGEMENTS = {fold(str(label)): value for value, label in Engagement.choices} | {v: v for v in Engagement.values} | {
    "ctv": Engagement.COLLABORATOR, "khong chuyen trach": Engagement.PART_TIME, "ban thoi gian": Engagement.PART_TIME}
GRADES = {fold(value): value for value in Grade.values} | {"": ""}


def cleaner(job: ImportJob):
    today = timezone.localdate()

    def clean(cells: dict[str, Any]) -> tuple[tuple, list[tuple[str, str]]]:
        problem = Problems(LABELS)
        citizen_id = "".join(text(cells.get("citizen_id"), 20).split())
        if not citizen_id:
            problem("citizen_id", "để trống.")
        elif len(citizen_id) != 12 or not citizen_id.isdigit():
            problem("citizen_id", "cần 12 chữ số.")
        code = text(cells.get("code"), 60).replace(" ", "").upper()
        if not code:
            problem("code", "để trống.")
        elif len(code) > 30:
            problem("code", "dài quá 30 ký tự.")
        choices = {}
        for key, table, empty in (("title", TITLES, None), ("engagement", ENGAGEMENTS, None), ("grade", GRADES, "")):
            raw = text(cells.get(key), 60)
            choices[key] = table.get(fold_code(raw), empty if not raw else None)
            if choices[key] is None:
                problem(key, f"“{raw}” không rõ: ghi một giá trị trong danh sách chọn." if raw else "để trống.")
        allowance = None
        try:
            allowance = amount(cells.get("monthly_allowance"))
        except ValueError as exc:
            problem("monthly_allowance", str(exc))
        start = end = None
        try:
            start = past_day(cells.get("start_date"), today)
        except ValueError as exc:
            problem("start_date", str(exc))
        if text(cells.get("end_date"), 20):
            try:
                end = past_day(cells.get("end_date"), today.replace(year=today.year + 10))
            except ValueError as exc:
                problem("end_date", str(exc))
        if start and end and end < start:
            problem("end_date", "trước ngày bắt đầu.")
        key = f"{citizen_id}|{code}|{start}" if citizen_id and code and start else None
        values = (citizen_id[:12] or None, code[:30] or None, text(cells.get("job_title"), 120),
                  choices["title"] or "", choices["grade"] or "", choices["engagement"] or "", allowance, start, end,
                  key)
        return values, problem

    return clean


CONFLICTS = {
    "same_row": ("Số định danh", "trùng người, cơ quan và ngày bắt đầu với dòng {other} nhưng khác phụ cấp hoặc "
                 "hình thức."),
    "no_person": ("Số định danh", "không có người này trong sổ đối tượng: hãy đăng ký trước."),
    "outside": ("Số định danh", "người hoặc cơ quan, cơ sở nằm ngoài địa bàn bạn quản lý."),
    "no_org": ("Mã cơ quan, cơ sở", "không có cơ quan, cơ sở mã này."),
    "org_closed": ("Từ ngày", "cơ quan, cơ sở chưa thành lập hoặc đã giải thể vào ngày này."),
    "full_taken": ("Hình thức", "người này đang giữ một vị trí chuyên trách khác trong thời gian này."),
    "full_twice": ("Hình thức", "người này đã có vị trí chuyên trách trùng thời gian ở dòng {other}."),
}

_OVERLAP = "{a}.start_date <= COALESCE({b}.end_date, '9999-12-31') AND {b}.start_date <= COALESCE({a}.end_date, '9999-12-31')"


def check(cursor, job: ImportJob) -> None:
    """Repeated rows; people and organisations found by key (an error outside the jurisdiction, naming nobody);
    the organisation open on the first day; one full-time post a day, against the workforce and within the file;
    a position already there is skipped."""
    staged = StagedPosition._meta.db_table
    person, organisation = Person._meta.db_table, Organisation._meta.db_table
    period, position = OrganisationPeriod._meta.db_table, Position._meta.db_table
    mark_repeats(cursor, staged, job, "row_key", conflict="same_row",
                 same=f"{staged}.monthly_allowance = f.monthly_allowance AND {staged}.engagement = f.engagement")
    sql.match_existing(cursor, staged, job, key="citizen_id", target=person, found="person_id", outcome="new")
    flag(cursor, staged, job, "no_person", "person_id IS NULL AND citizen_id IS NOT NULL")
    cursor.execute(f"""
        UPDATE {staged} SET organisation_id = (SELECT o.id FROM {organisation} o WHERE o.code = {staged}.code)
        WHERE job_id = %s AND outcome = 'new'""", [job.pk])
    flag(cursor, staged, job, "no_org", "organisation_id IS NULL AND code IS NOT NULL")
    where, params = sql.inside(job, "o")
    flag(cursor, staged, job, "outside", f"""NOT EXISTS (SELECT 1 FROM {organisation} o
        WHERE o.id = {staged}.organisation_id AND {where})""", params)
    flag(cursor, staged, job, "org_closed", f"""NOT EXISTS (SELECT 1 FROM {period} p
        WHERE p.organisation_id = {staged}.organisation_id AND p.valid_from <= {staged}.start_date
          AND (p.valid_to IS NULL OR p.valid_to > {staged}.start_date))""")
    cursor.execute(f"""
        UPDATE {staged} SET outcome = 'skip' WHERE job_id = %s AND outcome = 'new' AND EXISTS (
            SELECT 1 FROM {position} p WHERE p.person_id = {staged}.person_id
              AND p.organisation_id = {staged}.organisation_id AND p.start_date = {staged}.start_date)""", [job.pk])
    flag(cursor, staged, job, "full_taken", f"""engagement = 'full_time' AND EXISTS (SELECT 1 FROM {position} p
        WHERE p.person_id = {staged}.person_id AND p.engagement = 'full_time' AND
        {_OVERLAP.format(a="p", b=staged)})""")
    cursor.execute(f"""
        UPDATE {staged} SET outcome = 'error', conflict = 'full_twice', other_number = (
            SELECT MIN(e.number) FROM {staged} e WHERE e.job_id = {staged}.job_id AND e.number < {staged}.number
              AND e.outcome = 'new' AND e.person_id = {staged}.person_id AND e.engagement = 'full_time'
              AND {_OVERLAP.format(a="e", b=staged)})
        WHERE job_id = %s AND outcome = 'new' AND engagement = 'full_time' AND EXISTS (
            SELECT 1 FROM {staged} e WHERE e.job_id = {staged}.job_id AND e.number < {staged}.number
              AND e.outcome = 'new' AND e.person_id = {staged}.person_id AND e.engagement = 'full_time'
              AND {_OVERLAP.format(a="e", b=staged)})""", [job.pk])


def commit(cursor, job: ImportJob, user) -> dict[str, Any]:
    """The new positions, and one audit event each naming the import."""
    staged, position = StagedPosition._meta.db_table, Position._meta.db_table
    person, organisation = Person._meta.db_table, Organisation._meta.db_table
    now, step = timezone.now(), Steps()
    check(cursor, job)  # the registry and the network may have changed since the file was read
    step("check")
    cursor.execute(f"""
        INSERT INTO {position} (person_id, organisation_id, job, title, grade, engagement, monthly_allowance,
                                start_date, end_date, end_reason, version, created_at, created_by_id)
        SELECT person_id, organisation_id, job_title, title, grade, engagement, monthly_allowance, start_date,
               end_date, '', 1, %s, %s
        FROM {staged} WHERE job_id = %s AND outcome = 'new'""", [now, user.pk, job.pk])
    created = max(cursor.rowcount, 0)
    audit(cursor, action="create", object_type="workforce.position", job=job, user=user, now=now,
          select=f"""SELECT p.id AS id, pe.full_name || ' — ' || o.name AS label, o.commune_id, o.province_code
                     FROM {staged} s JOIN {position} p ON p.person_id = s.person_id
                       AND p.organisation_id = s.organisation_id AND p.start_date = s.start_date
                     JOIN {person} pe ON pe.id = s.person_id JOIN {organisation} o ON o.id = s.organisation_id
                     WHERE s.job_id = %s AND s.outcome = 'new'""", params=[job.pk])
    step("insert")
    cursor.execute(f"SELECT COUNT(*) FROM {staged} WHERE job_id = %s AND outcome = 'skip'", [job.pk])
    return {"created": created, "updated": 0, "skipped": cursor.fetchone()[0], "duplicates_queued": 0,
            "steps": step.seconds}


INSTRUCTIONS = (
    "Mỗi dòng là một người làm công tác xã hội tại một cơ quan, cơ sở. Dòng tiêu đề có thể ở bất kỳ dòng nào trong "
    "20 dòng đầu; thứ tự cột tùy ý; tên cột không dấu cũng được.",
    "Bắt buộc: Số định danh (người đã có trong sổ đối tượng của địa bàn); Mã cơ quan, cơ sở (xem danh sách cơ quan, "
    "cơ sở); Chức danh; Hình thức; Phụ cấp hằng tháng (đồng, 0 nếu không có); Từ ngày.",
    "Một người chỉ giữ một vị trí chuyên trách trong cùng thời gian. Đến ngày: để trống nếu đang làm.",
    "Vị trí đã có (cùng người, cơ quan, ngày bắt đầu) được bỏ qua. Dòng có lỗi không được nhập; tải báo cáo lỗi, "
    "sửa và nhập lại các dòng đó.",
)

STAFF = register(Kind(
    name="staff", label="Nhân lực công tác xã hội", columns=COLUMNS, staging=StagedPosition, fields=FIELDS,
    cleaner=cleaner, check=check, commit=commit, instructions=INSTRUCTIONS, capability=WORKFORCE_CHANGE,
    example=[["096190123456", "TH-32071", "Nhân viên CTXH trường học", "Cộng tác viên", "", "Cộng tác viên",
              "2.530.000", "01/09/2025", ""]],
    choices={"title": tuple(str(label) for _value, label in Title.choices),
             "engagement": tuple(str(label) for _value, label in Engagement.choices),
             "grade": tuple(Grade.values)},
    conflicts=CONFLICTS, beside="workforce.position", order=50,
))
