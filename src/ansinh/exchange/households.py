"""Importing households into the registry: one row per household (its code, commune, address, its head by
citizen ID, one year's poverty review). The people of a household come in by the persons list, linked by the
household code; so a province imports its households first, then its people."""

from typing import Any

from django.utils import timezone

from ansinh.core.files import Column
from ansinh.registry import rules
from ansinh.registry.access import REGISTRY_CHANGE
from ansinh.registry.models import (
    Household,
    HouseholdMember,
    HouseholdPoverty,
    Person,
    PovertyStatus,
)

from . import sql
from .cells import Communes, Problems, fold_code, past_day, strip_prefix, text
from .kinds import Kind, register
from .models import ImportJob, StagedHousehold
from .sql import Steps, audit, flag, flag_later, inside, mark_repeats

COLUMNS = [
    Column("code", "Mã hộ", ("mã hộ gia đình", "mã số hộ", "mã hộ gđ", "household code"), required=True),
    Column("commune", "Xã/phường", ("xã", "phường", "xã/phường/đặc khu", "mã xã", "mã xã/phường", "tên xã",
                                    "đơn vị hành chính cấp xã", "commune")),
    Column("province", "Tỉnh/thành phố", ("tỉnh", "tỉnh/thành", "tỉnh/tp", "province")),
    Column("district", "Quận/huyện (cũ)", ("quận/huyện", "huyện", "quận", "huyện/quận", "district")),
    Column("hamlet", "Thôn/ấp/khóm/tổ dân phố", ("thôn", "ấp", "khóm", "thôn/ấp", "thôn/tổ", "tổ dân phố", "thôn, ấp")),
    Column("address", "Địa chỉ", ("địa chỉ thường trú", "địa chỉ hộ", "address")),
    Column("head_citizen_id", "Số định danh chủ hộ", ("cccd chủ hộ", "số cccd chủ hộ", "số định danh của chủ hộ",
                                                      "mã định danh chủ hộ")),
    Column("poverty", "Phân loại hộ", ("hộ nghèo/cận nghèo", "phân loại", "loại hộ", "phân loại hộ nghèo")),
    Column("poverty_year", "Năm rà soát", ("năm", "năm phân loại", "năm rà soát hộ nghèo")),
    Column("decision_number", "Số quyết định", ("số qđ", "quyết định số", "số quyết định công nhận")),
    Column("decision_date", "Ngày quyết định", ("ngày qđ", "ngày ký quyết định")),
]
LABELS = {c.key: c.label for c in COLUMNS}
FIELDS = ("code", "commune_id", "province_code", "hamlet", "address", "head_citizen_id", "poverty", "poverty_year",
          "decision_number", "decision_date")
POVERTY = {"ho ngheo": PovertyStatus.POOR, "ngheo": PovertyStatus.POOR, "ho can ngheo": PovertyStatus.NEAR_POOR,
           "can ngheo": PovertyStatus.NEAR_POOR, "khong ngheo": PovertyStatus.NOT_POOR,
           "ho khong ngheo": PovertyStatus.NOT_POOR, "thoat ngheo": PovertyStatus.NOT_POOR}


def cleaner(job: ImportJob):
    communes = Communes(job)
    today = timezone.localdate()

    def clean(cells: dict[str, Any]) -> tuple[tuple, list[tuple[str, str]]]:
        problem = Problems(LABELS)

        code = text(cells.get("code"), 60).replace(" ", "").upper()
        if not code:
            problem("code", "để trống.")
        elif len(code) > 30:
            problem("code", "dài quá 30 ký tự.")
        commune_id, province_code = None, ""
        try:
            commune_id, province_code, _name, _old = communes.find(cells.get("commune"), cells.get("province"),
                                                                   cells.get("district"))
        except ValueError as exc:
            problem("commune", str(exc))
        head = None
        try:
            head = rules.clean_citizen_id(cells.get("head_citizen_id"))
        except ValueError as exc:
            problem("head_citizen_id", str(exc))
        else:
            for message in rules.validate_citizen_id(head) if head else ():
                problem("head_citizen_id", message)
        poverty_text = text(cells.get("poverty"), 40)
        poverty = POVERTY.get(strip_prefix(fold_code(poverty_text), ("phan loai ",)), "") if poverty_text else ""
        if poverty_text and not poverty:
            problem("poverty", f"“{poverty_text}” không rõ: ghi Hộ nghèo, Hộ cận nghèo hoặc Không nghèo.")
        year = None
        year_cell = cells.get("poverty_year")
        if year_cell not in (None, ""):
            try:
                year = int(float(str(year_cell).strip()))
            except ValueError:
                problem("poverty_year", f"“{text(year_cell, 20)}” không phải một năm.")
            else:
                if not 2000 <= year <= today.year + 1:
                    problem("poverty_year", f"năm {year} nằm ngoài 2000–{today.year + 1}.")
                    year = None
        if poverty and year is None and not any(p[0] == LABELS["poverty_year"] for p in problem):
            problem("poverty_year", "để trống: ghi năm rà soát của phân loại hộ.")
        if year is not None and not poverty_text:
            problem("poverty", "để trống: ghi phân loại hộ của năm rà soát.")
        decided = None
        if cells.get("decision_date") not in (None, ""):
            try:
                decided = past_day(cells.get("decision_date"), today)
            except ValueError as exc:
                problem("decision_date", str(exc))
        decision_number = text(cells.get("decision_number"), 60)
        if len(decision_number) > 50:
            problem("decision_number", "dài quá 50 ký tự.")
        if (decision_number or decided) and not poverty:
            problem("poverty", "để trống: số, ngày quyết định đi cùng phân loại hộ.")
        values = (code[:30] or None, commune_id, province_code, text(cells.get("hamlet"), 100),
                  text(cells.get("address"), 255), head, poverty, year, decision_number[:50], decided)
        return values, problem

    return clean


CONFLICTS = {
    "same_code": ("Mã hộ", "trùng mã hộ với dòng {other} nhưng khác xã/phường, địa chỉ hoặc chủ hộ."),
    "outside": ("Mã hộ", "mã hộ này đã có trong sổ, ở ngoài địa bàn bạn quản lý."),
    "no_head": ("Số định danh chủ hộ", "chưa có người này trong sổ: nhập danh sách người trước, hoặc để trống rồi "
                                       "ghi Chủ hộ ở cột Quan hệ với chủ hộ của danh sách người."),
    "head_out": ("Số định danh chủ hộ", "người này ở ngoài địa bàn bạn quản lý."),
    "head_other": ("Số định danh chủ hộ", "người này đang là thành viên hộ khác."),
    "two_heads": ("Số định danh chủ hộ", "dòng {other} đã ghi người này là chủ hộ."),
    "has_head": ("Số định danh chủ hộ", "hộ này đã có chủ hộ khác trong sổ."),
}


def check(cursor, job: ImportJob) -> None:
    """Repeated codes in the file, households already in the registry (updated or skipped as the officer chose,
    an error outside the jurisdiction), and heads: registered, inside, in no other household, one each."""
    staged, household = StagedHousehold._meta.db_table, Household._meta.db_table
    person, member = Person._meta.db_table, HouseholdMember._meta.db_table
    t = staged
    mark_repeats(cursor, staged, job, "code", conflict="same_code",
                 same=(f"{t}.commune_id = f.commune_id AND {t}.address = f.address AND {t}.hamlet = f.hamlet AND "
                       f"COALESCE({t}.head_citizen_id, '') = COALESCE(f.head_citizen_id, '') AND "
                       f"{t}.poverty = f.poverty AND COALESCE({t}.poverty_year, 0) = COALESCE(f.poverty_year, 0)"))
    match_existing(cursor, job)
    cursor.execute(f"""
        UPDATE {staged} SET head_id = (SELECT COALESCE(p.merged_into_id, p.id) FROM {person} p
                                       WHERE p.citizen_id = {staged}.head_citizen_id)
        WHERE job_id = %s AND head_citizen_id IS NOT NULL AND outcome IN ('new', 'update')""", [job.pk])
    flag(cursor, staged, job, "no_head", "head_citizen_id IS NOT NULL AND head_id IS NULL")
    where, params = inside(job, "p")
    flag(cursor, staged, job, "head_out", f"""head_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM {person} p WHERE p.id = {staged}.head_id AND {where})""", params)
    flag(cursor, staged, job, "head_other", f"""head_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM {member} m WHERE m.person_id = {staged}.head_id AND m.left_on IS NULL
        AND m.household_id <> COALESCE({staged}.household_id, 0))""")
    flag(cursor, staged, job, "has_head", f"""head_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM {household} h WHERE h.id = {staged}.household_id AND h.head_id IS NOT NULL
        AND h.head_id <> {staged}.head_id)""")
    flag_later(cursor, staged, job, "head_id", "two_heads")


def match_existing(cursor, job: ImportJob) -> None:
    """Rows whose code is in the registry: that household, updated or skipped, or an error outside."""
    sql.match_existing(cursor, StagedHousehold._meta.db_table, job, key="code", target=Household._meta.db_table,
                       found="household_id")


def commit(cursor, job: ImportJob, user) -> dict[str, Any]:
    """New households, then (if chosen) changes to those already there — a blank cell keeps what the registry
    has —, their heads as members, the poverty review of the year given (replacing that year's), one audit
    event per household."""
    staged, household = StagedHousehold._meta.db_table, Household._meta.db_table
    member, poverty = HouseholdMember._meta.db_table, HouseholdPoverty._meta.db_table
    now, step = timezone.now(), Steps()
    match_existing(cursor, job)
    step("match")
    cursor.execute(f"""
        INSERT INTO {household} (code, head_id, commune_id, province_code, hamlet, address, version, created_at,
                                 updated_at)
        SELECT code, head_id, commune_id, province_code, hamlet, address, 1, %s, %s
        FROM {staged} WHERE job_id = %s AND outcome = 'new'""", [now, now, job.pk])
    created = max(cursor.rowcount, 0)
    cursor.execute(f"""
        UPDATE {staged} SET household_id = (SELECT h.id FROM {household} h WHERE h.code = {staged}.code)
        WHERE job_id = %s AND outcome = 'new'""", [job.pk])
    audit(cursor, action="create", object_type="registry.household", job=job, user=user, now=now,
          select=f"""SELECT household_id AS id, code AS label, commune_id, province_code FROM {staged}
                     WHERE job_id = %s AND outcome = 'new'""", params=[job.pk])
    step("insert")
    updated = 0
    if job.on_existing == ImportJob.OnExisting.UPDATE:
        cursor.execute(f"""
            UPDATE {household} SET
                   hamlet = COALESCE(NULLIF(s.hamlet, ''), {household}.hamlet),
                   address = COALESCE(NULLIF(s.address, ''), {household}.address),
                   commune_id = s.commune_id, province_code = s.province_code,
                   head_id = COALESCE(s.head_id, {household}.head_id),
                   version = {household}.version + 1, updated_at = %s
            FROM {staged} s WHERE s.household_id = {household}.id AND s.job_id = %s AND s.outcome = 'update'""",
                       [now, job.pk])
        updated = max(cursor.rowcount, 0)
        audit(cursor, action="update", object_type="registry.household", job=job, user=user, now=now,
              select=f"""SELECT household_id AS id, code AS label, commune_id, province_code FROM {staged}
                         WHERE job_id = %s AND outcome = 'update'""", params=[job.pk])
    step("update")
    writing = "s.job_id = %s AND s.outcome IN ('new', 'update')"
    cursor.execute(f"""
        INSERT INTO {member} (household_id, person_id, relationship, joined_on, left_on)
        SELECT s.household_id, s.head_id, 'head', %s, NULL FROM {staged} s
        WHERE {writing} AND s.head_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM {member} m WHERE m.person_id = s.head_id AND m.left_on IS NULL)""",
                   [timezone.localdate(), job.pk])
    heads = max(cursor.rowcount, 0)
    cursor.execute(f"""
        UPDATE {poverty} SET status = s.poverty, decision_number = s.decision_number, decision_date = s.decision_date
        FROM {staged} s WHERE {writing} AND s.poverty <> '' AND {poverty}.household_id = s.household_id
          AND {poverty}.year = s.poverty_year""", [job.pk])
    reviews = max(cursor.rowcount, 0)
    cursor.execute(f"""
        INSERT INTO {poverty} (household_id, year, status, decision_number, decision_date)
        SELECT s.household_id, s.poverty_year, s.poverty, s.decision_number, s.decision_date FROM {staged} s
        WHERE {writing} AND s.poverty <> '' AND NOT EXISTS (
            SELECT 1 FROM {poverty} r WHERE r.household_id = s.household_id AND r.year = s.poverty_year)""", [job.pk])
    reviews += max(cursor.rowcount, 0)
    step("members and poverty")
    cursor.execute(f"SELECT COUNT(*) FROM {staged} WHERE job_id = %s AND outcome = 'skip'", [job.pk])
    skipped = cursor.fetchone()[0]
    return {"created": created, "updated": updated, "skipped": skipped, "duplicates_queued": 0,
            "heads": heads, "poverty_reviews": reviews, "steps": step.seconds}


INSTRUCTIONS = (
    "Mỗi dòng là một hộ. Dòng tiêu đề có thể ở bất kỳ dòng nào trong 20 dòng đầu; thứ tự cột tùy ý; tên cột viết "
    "hoa, viết thường hay không dấu đều được.",
    "Bắt buộc: Mã hộ (tối đa 30 ký tự, duy nhất trong cả nước — nên ghi kèm mã xã, ví dụ 32071-0001); Xã/phường "
    "(mã hoặc tên, kể cả tên trước 01/7/2025 khi xã cũ nhập trọn vào một xã mới; cán bộ xã bỏ trống được).",
    "Số định danh chủ hộ: người đã có trong sổ (nhập danh sách người trước), hoặc để trống rồi nhập danh sách người "
    "với cột Mã hộ và Quan hệ với chủ hộ = Chủ hộ. Hộ đã có mã trong sổ được cập nhật hoặc bỏ qua tùy lựa chọn.",
    "Phân loại hộ: Hộ nghèo, Hộ cận nghèo hoặc Không nghèo, kèm Năm rà soát (và số, ngày quyết định nếu có); "
    "phân loại của năm đó trong sổ được thay bằng phân loại trong tệp.",
    "Dòng có lỗi không được nhập; tải báo cáo lỗi (các dòng lỗi kèm cột Lỗi), sửa và nhập lại các dòng đó.",
)

HOUSEHOLDS = register(Kind(
    name="households", label="Hộ gia đình", columns=COLUMNS, staging=StagedHousehold, fields=FIELDS,
    cleaner=cleaner, check=check, commit=commit, instructions=INSTRUCTIONS, capability=REGISTRY_CHANGE,
    example=[["32071-0001", "Tân Thành", "Cà Mau", "", "Ấp 3", "", "096180000123", "Hộ nghèo", 2025,
              "123/QĐ-UBND", "15/12/2025"]],
    choices={"poverty": ("Hộ nghèo", "Hộ cận nghèo", "Không nghèo")},
    conflicts=CONFLICTS, beside="registry.household", order=10,
))
