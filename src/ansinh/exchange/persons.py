"""Importing people into the registry: the columns, how a messy row is cleaned, the set-based checks and
the commit. Rows are checked by the registry's own rules (`registry.rules`); the commit writes the rows
that passed with one INSERT … SELECT, updates the people already there with one UPDATE … FROM (when the
officer chose to), logs one audit event per person set-based, and queues likely duplicates for review."""

from typing import Any

from django.db import connection
from django.utils import timezone

from ansinh.core.files import Column, parse_date_parts
from ansinh.core.text import fold, normalize_name
from ansinh.registry import rules
from ansinh.registry.access import REGISTRY_CHANGE
from ansinh.registry.models import DisabilityLevel, Household, HouseholdMember, Person
from ansinh.registry.reference import ETHNICITIES
from ansinh.registry.services import duplicates_scan

from . import sql
from .cells import Communes, Problems, fold_code, strip_prefix, text
from .kinds import Kind, register
from .models import ImportJob, StagedPerson
from .sql import AUDIT_INSERT, Steps, audit, flag, flag_later, inside, json_param, mark_repeats

COLUMNS = [
    Column("citizen_id", "Số định danh cá nhân", ("số định danh", "số cccd", "cccd", "căn cước công dân", "số căn cước",
                                                  "cmnd/cccd", "số cmnd/cccd", "citizen id")),
    Column("full_name", "Họ và tên", ("họ tên", "họ và tên đối tượng", "tên đối tượng", "full name"), required=True),
    Column("birth", "Ngày sinh", ("ngày tháng năm sinh", "ngày/tháng/năm sinh", "năm sinh", "sinh ngày",
                                  "date of birth")),
    Column("sex", "Giới tính", ("nam/nữ", "giới", "sex")),
    Column("ethnicity", "Dân tộc", ("ethnicity",)),
    Column("commune", "Xã/phường", ("xã", "phường", "xã/phường/đặc khu", "mã xã", "mã xã/phường", "tên xã",
                                    "đơn vị hành chính cấp xã", "commune")),
    Column("province", "Tỉnh/thành phố", ("tỉnh", "tỉnh/thành", "tỉnh/tp", "province")),
    Column("district", "Quận/huyện (cũ)", ("quận/huyện", "huyện", "quận", "huyện/thị xã/thành phố", "huyện/quận",
                                           "district")),
    Column("hamlet", "Thôn/ấp/khóm/tổ dân phố", ("thôn", "ấp", "khóm", "thôn/ấp", "thôn/tổ", "tổ dân phố", "thôn, ấp")),
    Column("address", "Địa chỉ", ("địa chỉ thường trú", "nơi ở hiện nay", "address")),
    Column("legacy_address", "Địa chỉ cũ (trước 01/7/2025)", ("địa chỉ cũ",)),
    Column("phone", "Điện thoại", ("số điện thoại", "sđt", "phone")),
    Column("disability_level", "Mức độ khuyết tật", ("khuyết tật", "dạng khuyết tật")),
    Column("household_code", "Mã hộ", ("mã hộ gia đình", "mã số hộ", "mã hộ gđ", "household code")),
    Column("relationship", "Quan hệ với chủ hộ", ("quan hệ", "quan hệ với chủ hộ", "qh với chủ hộ", "relationship")),
]
LABELS = {c.key: c.label for c in COLUMNS}

# the registry's columns a row fills, then what links it to a household
PERSON_FIELDS = ("citizen_id", "full_name", "name_folded", "sort_name", "birth_year", "birth_month", "birth_day", "sex",
                 "ethnicity", "commune_id", "province_code", "hamlet", "address", "legacy_address", "phone",
                 "disability_level")
FIELDS = (*PERSON_FIELDS, "household_code", "relationship")

SEXES = {"nam": "M", "m": "M", "male": "M", "trai": "M", "nu": "F", "f": "F", "female": "F", "gai": "F"}
ETHNICITY_CODES = {fold(name): code for code, name in ETHNICITIES} | {code: code for code, _ in ETHNICITIES} | {
    str(int(code)): code for code, _ in ETHNICITIES} | {"hoa (han)": "04", "h'mong": "08", "mong": "08", "e de": "12"}
DISABILITY = {"": DisabilityLevel.NONE, "khong": DisabilityLevel.NONE, "nhe": DisabilityLevel.MILD,
              "nang": DisabilityLevel.SEVERE, "dac biet nang": DisabilityLevel.ESPECIALLY_SEVERE}
RELATIONSHIPS = {
    "chu ho": "head", "vo/chong": "spouse", "con": "child", "cha/me": "parent", "ong/ba": "grandparent",
    "chau": "grandchild", "anh/chi/em": "sibling", "cha/me vo/chong": "parent_in_law", "con dau/con re": "child_in_law",
    "khac": "other",
    "vo": "spouse", "chong": "spouse", "cha": "parent", "me": "parent", "bo": "parent",
    "ong": "grandparent", "ba": "grandparent", "anh": "sibling", "chi": "sibling", "em": "sibling",
    "con dau": "child_in_law", "con re": "child_in_law", "cha vo": "parent_in_law", "me vo": "parent_in_law",
    "cha chong": "parent_in_law", "me chong": "parent_in_law", "bo vo": "parent_in_law", "bo chong": "parent_in_law",
    "chau noi": "grandchild", "chau ngoai": "grandchild", "con nuoi": "child"}
def cleaner(job: ImportJob):
    communes = Communes(job)
    today = timezone.localdate()

    def clean(cells: dict[str, Any]) -> tuple[tuple, list[tuple[str, str]]]:
        problem = Problems(LABELS)

        full_name = normalize_name(text(cells.get("full_name"), 200))
        if not full_name:
            problem("full_name", "để trống.")
        elif len(full_name) > 120:
            problem("full_name", "dài quá 120 ký tự.")
            full_name = full_name[:120]
        sex_text = fold_code(text(cells.get("sex"), 20))
        sex = SEXES.get(sex_text, "")
        if sex_text and not sex:
            problem("sex", f"“{text(cells.get('sex'), 20)}” không rõ: ghi Nam hoặc Nữ.")
        year = month = day = None
        birth = cells.get("birth")
        if birth not in (None, "") and not (isinstance(birth, str) and not birth.strip()):
            try:
                year, month, day = parse_date_parts(birth, today=today)
            except ValueError as exc:
                problem("birth", str(exc))
            else:
                for message in rules.validate_birth_parts(year, month, day, today=today):
                    problem("birth", message)
        citizen_id = None
        try:
            citizen_id = rules.clean_citizen_id(cells.get("citizen_id"))
        except ValueError as exc:
            problem("citizen_id", str(exc))
        if citizen_id:
            if not sex and not sex_text and citizen_id.isdigit() and len(citizen_id) == 12:
                sex = "F" if int(citizen_id[3]) % 2 else "M"  # digit 4 tells the sex (LEGAL_FACTS §8)
            for message in rules.validate_citizen_id(citizen_id, birth_year=year, sex=sex or None):
                problem("citizen_id", message)
            citizen_id = citizen_id[:12]
        if not sex and not sex_text:
            problem("sex", "để trống: ghi Nam hoặc Nữ.")
        ethnicity = ""
        ethnicity_text = text(cells.get("ethnicity"), 40)
        if ethnicity_text:
            folded_ethnicity = fold_code(ethnicity_text)
            ethnicity = ETHNICITY_CODES.get(folded_ethnicity.replace("-", " "), "") or ETHNICITY_CODES.get(
                folded_ethnicity, "")
            if not ethnicity:
                problem("ethnicity", f"“{ethnicity_text}” không có trong danh mục 54 dân tộc.")
        commune_id, province_code, old_address = None, "", ""
        try:
            commune_id, province_code, _name, old_address = communes.find(cells.get("commune"), cells.get("province"),
                                                                          cells.get("district"))
        except ValueError as exc:
            problem("commune", str(exc))
        level_text = strip_prefix(fold_code(text(cells.get("disability_level"), 40)), ("khuyet tat ", "muc "))
        disability = DISABILITY.get(level_text)
        if disability is None:
            problem("disability_level", f"“{text(cells.get('disability_level'), 40)}” không rõ: ghi Nhẹ, Nặng hoặc "
                                        "Đặc biệt nặng (để trống nếu không khuyết tật).")
            disability = DisabilityLevel.NONE
        phone = text(cells.get("phone"), 20).replace(" ", "").replace(".", "")
        if len(phone) == 9 and phone.isdigit():
            phone = "0" + phone  # the leading zero a number cell drops
        household_code = text(cells.get("household_code"), 40).replace(" ", "").upper()
        relationship_text = text(cells.get("relationship"), 40)
        relationship = RELATIONSHIPS.get(fold_code(relationship_text), "") if relationship_text else ""
        if relationship_text and not relationship:
            problem("relationship", f"“{relationship_text}” không rõ: ghi Chủ hộ, Vợ/Chồng, Con, Cha/Mẹ, Ông/Bà, "
                                    "Cháu, Anh/Chị/Em, Con dâu/Con rể, Cha/Mẹ vợ/chồng hoặc Khác.")
        if len(household_code) > 30:
            problem("household_code", "dài quá 30 ký tự.")
        elif household_code and not relationship_text:
            problem("relationship", "để trống: ghi quan hệ với chủ hộ (Chủ hộ nếu là chủ hộ).")
        elif relationship and not household_code:
            problem("household_code", "để trống: ghi mã hộ của người này.")
        folded = fold(full_name)
        values = (citizen_id, full_name, folded, f"{folded.rsplit(' ', 1)[-1]} {folded}" if folded else "", year, month, day, sex, ethnicity,
                  commune_id, province_code, text(cells.get("hamlet"), 100), text(cells.get("address"), 255),
                  text(cells.get("legacy_address"), 255) or old_address, phone, disability, household_code[:30] or None,
                  relationship)
        return values, problem

    return clean


CONFLICTS = {
    "same_id": ("Số định danh cá nhân", "trùng với dòng {other} nhưng khác họ tên, ngày sinh hoặc xã/phường."),
    "outside": ("Số định danh cá nhân", "đã có trong sổ, ở ngoài địa bàn bạn quản lý: đề nghị cấp tỉnh chuyển hồ sơ."),
    "no_hh": ("Mã hộ", "chưa có hộ mã này trong sổ: nhập danh sách hộ trước (hoặc thêm hộ trên trang Hộ gia đình)."),
    "hh_out": ("Mã hộ", "hộ này ở ngoài địa bàn bạn quản lý."),
    "has_head": ("Quan hệ với chủ hộ", "hộ này đã có chủ hộ khác trong sổ."),
    "two_heads": ("Quan hệ với chủ hộ", "dòng {other} đã là chủ hộ của hộ này."),
    "other_hh": ("Mã hộ", "người này đang là thành viên hộ khác: cho ra khỏi hộ đó trên trang hộ trước."),
}


# --- set-based checks --------------------------------------------------------------------------------


def check(cursor, job: ImportJob) -> None:
    """Repeated rows, people already in the registry and the households named, in a few statements over the
    whole file (each groups the rows once and joins the groups back: linear, not row × row):
    - a row repeating an earlier row (same ID, or no ID and the same name, birth and commune) is skipped;
    - a row with the ID of an earlier row but other details is an error naming that row;
    - a row whose ID is in the registry is that person: updated or skipped as the officer chose, or an
      error when the person lies outside the officer's jurisdiction (without saying who it is);
    - a household code must be in the registry and in the jurisdiction, with one head."""
    staged = StagedPerson._meta.db_table
    birth = ("COALESCE({t}.birth_year, 0) = COALESCE({u}.birth_year, 0) AND COALESCE({t}.birth_month, 0) = "
             "COALESCE({u}.birth_month, 0) AND COALESCE({t}.birth_day, 0) = COALESCE({u}.birth_day, 0)")
    mark_repeats(cursor, staged, job, "citizen_id", conflict="same_id",
                 same=(f"{staged}.name_folded = f.name_folded AND {staged}.commune_id = f.commune_id AND "
                       + birth.format(t=staged, u="f")))
    cursor.execute(f"""
        UPDATE {staged} SET outcome = 'skip', other_number = g.first_number
        FROM (SELECT name_folded, commune_id, COALESCE(birth_year, 0) AS y, COALESCE(birth_month, 0) AS m,
                     COALESCE(birth_day, 0) AS d, MIN(number) AS first_number
              FROM {staged} WHERE job_id = %s AND outcome = 'new' AND citizen_id IS NULL
              GROUP BY name_folded, commune_id, COALESCE(birth_year, 0), COALESCE(birth_month, 0),
                       COALESCE(birth_day, 0)
              HAVING COUNT(*) > 1) g
        WHERE {staged}.job_id = %s AND {staged}.outcome = 'new' AND {staged}.citizen_id IS NULL
          AND {staged}.name_folded = g.name_folded AND {staged}.commune_id = g.commune_id
          AND COALESCE({staged}.birth_year, 0) = g.y AND COALESCE({staged}.birth_month, 0) = g.m
          AND COALESCE({staged}.birth_day, 0) = g.d AND {staged}.number > g.first_number""", [job.pk, job.pk])
    match_existing(cursor, job)
    link_households(cursor, job)


def link_households(cursor, job: ImportJob) -> None:
    """Rows naming a household: it must be in the registry (imported first) and in the jurisdiction; one head
    per household (the file's first, and none where the household has another); a person already in the
    registry may join only if in no other household now."""
    staged, household, member = StagedPerson._meta.db_table, Household._meta.db_table, HouseholdMember._meta.db_table
    named = "job_id = %s AND household_code IS NOT NULL AND outcome IN ('new', 'update')"
    cursor.execute(f"SELECT 1 FROM {staged} WHERE {named} LIMIT 1", [job.pk])
    if cursor.fetchone() is None:
        return
    cursor.execute(f"""
        UPDATE {staged} SET household_id = (SELECT h.id FROM {household} h WHERE h.code = {staged}.household_code)
        WHERE {named}""", [job.pk])
    flag(cursor, staged, job, "no_hh", "household_code IS NOT NULL AND household_id IS NULL")
    where, params = inside(job, "h")
    flag(cursor, staged, job, "hh_out", f"""household_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM {household} h WHERE h.id = {staged}.household_id AND {where})""", params)
    flag(cursor, staged, job, "has_head", f"""relationship = 'head' AND EXISTS (
        SELECT 1 FROM {household} h WHERE h.id = {staged}.household_id AND h.head_id IS NOT NULL
        AND h.head_id <> COALESCE({staged}.person_id, 0))""")
    flag_later(cursor, staged, job, "household_id", "two_heads", where="relationship = 'head'")
    flag(cursor, staged, job, "other_hh", f"""person_id IS NOT NULL AND household_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM {member} m WHERE m.person_id = {staged}.person_id AND m.left_on IS NULL
        AND m.household_id <> {staged}.household_id)""")


def match_existing(cursor, job: ImportJob) -> None:
    """Rows whose ID is already in the registry: the person they are (after a merge, the one kept)."""
    sql.match_existing(cursor, StagedPerson._meta.db_table, job, key="citizen_id", target=Person._meta.db_table,
                       found="person_id", record="COALESCE(t.merged_into_id, t.id)")


# --- commit ------------------------------------------------------------------------------------------


def _reserve_ids(cursor, job: ImportJob) -> bool:
    """Give the new rows their person ids before the insert when some of them join a household (the
    membership rows need them); False when none does, and the ids come from the insert itself."""
    staged, person = StagedPerson._meta.db_table, Person._meta.db_table
    cursor.execute(f"SELECT 1 FROM {staged} WHERE job_id = %s AND outcome = 'new' AND household_id IS NOT NULL LIMIT 1",
                   [job.pk])
    if cursor.fetchone() is None:
        return False
    if connection.vendor == "postgresql":
        cursor.execute(f"""UPDATE {staged} SET person_id = nextval(pg_get_serial_sequence('{person}', 'id'))
                           WHERE job_id = %s AND outcome = 'new'""", [job.pk])
    else:  # one writer at a time: the ids above the highest ever given are free
        cursor.execute(f"""SELECT MAX(COALESCE((SELECT MAX(id) FROM {person}), 0),
                                  COALESCE((SELECT seq FROM sqlite_sequence WHERE name = '{person}'), 0))""")
        highest = cursor.fetchone()[0]
        cursor.execute(f"""
            UPDATE {staged} SET person_id = %s + w.n
            FROM (SELECT number, ROW_NUMBER() OVER (ORDER BY number) AS n FROM {staged}
                  WHERE job_id = %s AND outcome = 'new') w
            WHERE {staged}.job_id = %s AND {staged}.number = w.number""", [highest, job.pk, job.pk])
    return True


def commit(cursor, job: ImportJob, user) -> dict[str, Any]:
    """Write the job's good rows in the caller's transaction: new people, then (if chosen) changes to the
    people already there — a blank cell keeps what the registry has —, their households, one audit event
    each, and the likely duplicates the new people make queued for review."""
    staged, person = StagedPerson._meta.db_table, Person._meta.db_table
    now = timezone.now()
    step = Steps()
    match_existing(cursor, job)  # someone may have registered one of these IDs since the preview
    step("match")
    reserved = _reserve_ids(cursor, job)
    columns = ", ".join(PERSON_FIELDS)
    insert = f"""
        INSERT INTO {person} ({"id, " if reserved else ""}{columns}, disability_certificate_date, date_of_death,
                              pension_status, bank_name, bank_account, merged_into_id, version, created_at, updated_at,
                              created_by_id)
        SELECT {"person_id, " if reserved else ""}{columns}, NULL, NULL, 'none', '', '', NULL, 1, %s, %s, %s
        FROM {staged} WHERE job_id = %s AND outcome = 'new' ORDER BY sort_name"""
    # In name order, the registry's name indexes (list order, search, province and commune lists) take the
    # rows page after page instead of all over: a million people go in a third faster.
    placeholder, changes = json_param({"import": job.pk, "file": job.file_name})
    if connection.vendor == "postgresql":
        cursor.execute("SET LOCAL work_mem TO '256MB'")  # room to sort a million staged rows in memory
        # The job's status commits with its rows, and a job found unfinished is written again: the commit need
        # not wait for the disk (a crash loses both or neither), which spares the flush of a million rows.
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        # one statement writes the people and their audit events: the ids come back from the insert itself
        cursor.execute(f"""
            WITH created AS ({insert} RETURNING id, full_name, commune_id, province_code)
            {AUDIT_INSERT}
            SELECT %s, %s, 'create', 'registry.person', CAST(id AS varchar(40)), SUBSTR(full_name, 1, 200),
                   {placeholder}, commune_id, province_code FROM created""",
                       [now, now, user.pk, job.pk, now, user.pk, changes])
        created = max(cursor.rowcount, 0)
    else:  # SQLite writes one transaction at a time, and AUTOINCREMENT only goes up: the new ids are the highest
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {person}")
        highest = cursor.fetchone()[0]
        cursor.execute(insert, [now, now, user.pk, job.pk])
        created = max(cursor.rowcount, 0)
        audit(cursor, action="create", object_type="registry.person", job=job, user=user, now=now,
              select=f"SELECT id, full_name AS label, commune_id, province_code FROM {person} WHERE id > %s",
              params=[highest])
    step("insert")
    updated = 0
    if job.on_existing == ImportJob.OnExisting.UPDATE:
        keep = ", ".join(
            f"{c} = COALESCE(NULLIF(s.{c}, ''), {person}.{c})" for c in
            ("full_name", "name_folded", "sort_name", "sex", "ethnicity", "hamlet", "address", "legacy_address", "phone"))
        cursor.execute(f"""
            UPDATE {person} SET {keep},
                   birth_year = COALESCE(s.birth_year, {person}.birth_year),
                   birth_month = CASE WHEN s.birth_year IS NULL THEN {person}.birth_month ELSE s.birth_month END,
                   birth_day = CASE WHEN s.birth_year IS NULL THEN {person}.birth_day ELSE s.birth_day END,
                   commune_id = s.commune_id, province_code = s.province_code,
                   disability_level = CASE WHEN s.disability_level = 'none' THEN {person}.disability_level
                                           ELSE s.disability_level END,
                   version = {person}.version + 1, updated_at = %s
            FROM {staged} s WHERE s.person_id = {person}.id AND s.job_id = %s AND s.outcome = 'update'""", [now, job.pk])
        updated = max(cursor.rowcount, 0)
        audit(cursor, action="update", object_type="registry.person", job=job, user=user, now=now,
              select=f"""SELECT person_id AS id, full_name AS label, commune_id, province_code FROM {staged}
                         WHERE job_id = %s AND outcome = 'update'""", params=[job.pk])
    step("update")
    joined = _join_households(cursor, job, user, now) if reserved or updated else 0
    step("households")
    if connection.vendor == "postgresql" and created + updated > 10_000:
        cursor.execute(f"ANALYZE {person}")  # the duplicate search below plans on the registry as it is now
    cursor.execute(f"SELECT COUNT(*) FROM {staged} WHERE job_id = %s AND outcome = 'skip'", [job.pk])
    skipped = cursor.fetchone()[0]
    cursor.execute(f"SELECT DISTINCT province_code FROM {staged} WHERE job_id = %s AND outcome = 'new'", [job.pk])
    queued = 0
    for (province_code,) in cursor.fetchall():
        found = duplicates_scan(province_code=province_code)
        queued += found["same_name"] + found["similar_name"]
    step("duplicates")
    return {"created": created, "updated": updated, "skipped": skipped, "duplicates_queued": queued,
            "household_members": joined, "steps": step.seconds}


def _join_households(cursor, job: ImportJob, user, now) -> int:
    """The rows naming a household join it (unless already in one); a head becomes the household's head.
    One audit event per household changed."""
    staged, household, member = StagedPerson._meta.db_table, Household._meta.db_table, HouseholdMember._meta.db_table
    joining = f"""FROM {staged} s WHERE s.job_id = %s AND s.outcome IN ('new', 'update') AND s.household_id IS NOT NULL
                  AND NOT EXISTS (SELECT 1 FROM {member} m WHERE m.person_id = s.person_id AND m.left_on IS NULL)"""
    audit(cursor, action="update", object_type="registry.household", job=job, user=user, now=now,
          select=f"""SELECT h.id, h.code AS label, h.commune_id, h.province_code FROM {household} h
                     WHERE h.id IN (SELECT s.household_id {joining})""", params=[job.pk])
    cursor.execute(f"""
        INSERT INTO {member} (household_id, person_id, relationship, joined_on, left_on)
        SELECT s.household_id, s.person_id, s.relationship, %s, NULL {joining}""", [timezone.localdate(), job.pk])
    joined = max(cursor.rowcount, 0)
    heads = f"""FROM {staged} s WHERE s.job_id = %s AND s.outcome IN ('new', 'update') AND s.relationship = 'head'
                AND s.household_id = {household}.id"""
    cursor.execute(f"""
        UPDATE {household} SET head_id = (SELECT s.person_id {heads}), version = version + 1, updated_at = %s
        WHERE head_id IS NULL AND EXISTS (SELECT 1 {heads})""", [job.pk, now, job.pk])
    return joined


INSTRUCTIONS = (
    "Mỗi dòng là một người. Dòng tiêu đề có thể ở bất kỳ dòng nào trong 20 dòng đầu; thứ tự cột tùy ý; tên cột "
    "viết hoa, viết thường hay không dấu đều được.",
    "Bắt buộc: Họ và tên; Giới tính (Nam/Nữ — bỏ trống được nếu có số định danh); Xã/phường (mã 5 chữ số hoặc "
    "tên; cán bộ xã bỏ trống được: lấy xã của mình).",
    "Xã/phường ghi theo tên trước 01/7/2025 cũng được nhận khi xã cũ nhập trọn vào một xã/phường mới (thêm cột "
    "Quận/huyện (cũ) nếu tên xã cũ trùng nhau trong tỉnh); địa chỉ cũ được giữ ở cột Địa chỉ cũ. Xã cũ bị chia cho "
    "nhiều xã/phường mới thì phải ghi tên xã/phường mới.",
    "Số định danh cá nhân: 12 chữ số; hãy định dạng cột là Văn bản để Excel không bỏ số 0 ở đầu hay đổi sang số "
    "mũ. Người đã có số định danh trong sổ sẽ được cập nhật hoặc bỏ qua tùy lựa chọn khi nhập.",
    "Ngày sinh: ngày/tháng/năm (05/03/1950), tháng/năm (03/1950) hoặc chỉ năm (1950).",
    "Dân tộc: tên hoặc mã (01 Kinh … 54 Rơ Măm). Mức độ khuyết tật: Nhẹ, Nặng, Đặc biệt nặng; để trống nếu không.",
    "Mã hộ và Quan hệ với chủ hộ (không bắt buộc): người được đưa vào hộ đã có trong sổ — nhập danh sách hộ trước "
    "(mẫu Hộ gia đình), rồi danh sách người. Mỗi hộ một Chủ hộ.",
    "Dòng có lỗi không được nhập; tải báo cáo lỗi (các dòng lỗi kèm cột Lỗi), sửa và nhập lại các dòng đó.",
)

PERSONS = register(Kind(
    name="persons", label="Người (sổ đăng ký)", columns=COLUMNS, staging=StagedPerson, fields=FIELDS,
    cleaner=cleaner, check=check, commit=commit, instructions=INSTRUCTIONS, capability=REGISTRY_CHANGE,
    example=[["096180000123", "Nguyễn Văn An", "05/03/1950", "Nam", "Kinh", "Tân Thành", "Cà Mau", "", "Ấp 3", "",
              "", "0912345678", "", "", ""]],
    conflicts=CONFLICTS, beside="registry.person", order=20,
    choices={"sex": ("Nam", "Nữ"), "ethnicity": tuple(name for _code, name in ETHNICITIES),
             "disability_level": ("Nhẹ", "Nặng", "Đặc biệt nặng"),
             "relationship": ("Chủ hộ", "Vợ/Chồng", "Con", "Cha/Mẹ", "Ông/Bà", "Cháu", "Anh/Chị/Em", "Cha/Mẹ vợ/chồng",
                              "Con dâu/Con rể", "Khác")},
))
