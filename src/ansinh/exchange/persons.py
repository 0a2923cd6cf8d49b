"""Importing people into the registry: the columns, how a messy row is cleaned, the set-based checks and
the commit. Rows are checked by the registry's own rules (`registry.rules`); the commit writes the rows
that passed with one INSERT … SELECT, updates the people already there with one UPDATE … FROM (when the
officer chose to), logs one audit event per person set-based, and queues likely duplicates for review."""

import functools
import json
import time
import unicodedata
from typing import Any

from django.db import connection
from django.utils import timezone

from ansinh.core.files import Column, parse_date_parts
from ansinh.core.text import fold, normalize_name
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry import rules
from ansinh.registry.access import REGISTRY_CHANGE
from ansinh.registry.models import DisabilityLevel, Person
from ansinh.registry.reference import ETHNICITIES
from ansinh.registry.services import duplicates_scan

from .kinds import Kind, register
from .models import ImportJob, StagedPerson

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
    Column("hamlet", "Thôn/ấp/khóm/tổ dân phố", ("thôn", "ấp", "khóm", "thôn/ấp", "thôn/tổ", "tổ dân phố", "thôn, ấp")),
    Column("address", "Địa chỉ", ("địa chỉ thường trú", "nơi ở hiện nay", "address")),
    Column("legacy_address", "Địa chỉ cũ (trước 01/7/2025)", ("địa chỉ cũ",)),
    Column("phone", "Điện thoại", ("số điện thoại", "sđt", "phone")),
    Column("disability_level", "Mức độ khuyết tật", ("khuyết tật", "dạng khuyết tật")),
]
LABELS = {c.key: c.label for c in COLUMNS}

FIELDS = ("citizen_id", "full_name", "name_folded", "sort_name", "birth_year", "birth_month", "birth_day", "sex",
          "ethnicity", "commune_id", "province_code", "hamlet", "address", "legacy_address", "phone",
          "disability_level")

SEXES = {"nam": "M", "m": "M", "male": "M", "trai": "M", "nu": "F", "f": "F", "female": "F", "gai": "F"}
ETHNICITY_CODES = {fold(name): code for code, name in ETHNICITIES} | {code: code for code, _ in ETHNICITIES} | {
    str(int(code)): code for code, _ in ETHNICITIES} | {"hoa (han)": "04", "h'mong": "08", "mong": "08", "e de": "12"}
DISABILITY = {"": DisabilityLevel.NONE, "khong": DisabilityLevel.NONE, "nhe": DisabilityLevel.MILD,
              "nang": DisabilityLevel.SEVERE, "dac biet nang": DisabilityLevel.ESPECIALLY_SEVERE}
UNIT_PREFIXES = ("xa ", "phuong ", "dac khu ", "thi tran ")
PROVINCE_PREFIXES = ("tinh ", "thanh pho ", "tp. ", "tp ")


def _strip(name: str, prefixes: tuple[str, ...]) -> str:
    for prefix in prefixes:
        if name.startswith(prefix):
            return name[len(prefix):]
    return name


def _text(value: Any, limit: int) -> str:
    if value is None:
        return ""
    if type(value) is not str:
        value = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)
    if not value.isascii():
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())[:limit]


_fold_code = functools.lru_cache(maxsize=8192)(fold)  # sex, ethnicity, commune and level names repeat endlessly


class Communes:
    """Today's communes by code and by name (with or without “Xã”, “Phường”…, without diacritics), within
    what the importing user covers."""

    def __init__(self, job: ImportJob):
        units = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.COMMUNE, valid_to__isnull=True)
        self.by_code: dict[str, tuple[int, str, str]] = {}
        self.by_name: dict[str, list[tuple[int, str, str]]] = {}
        for pk, code, name, province in units.values_list("pk", "code", "name", "province_code"):
            unit = (pk, province, name)
            self.by_code[code] = unit
            folded = fold(name)
            for key in {folded, _strip(folded, UNIT_PREFIXES)}:
                self.by_name.setdefault(key, []).append(unit)
        self.provinces = {
            _strip(fold(name), PROVINCE_PREFIXES): code
            for code, name in AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE,
                                                                valid_to__isnull=True).values_list("code", "name")
        }
        self.default = (job.commune_id, job.commune.province_code, job.commune.name) if job.commune_id else None
        self.only_commune = job.commune_id
        self.only_province = job.province_code

    def find(self, cell: Any, province_cell: Any) -> tuple[int, str, str]:
        """(id, province code, name) of the commune a cell names; a ValueError says why not."""
        if isinstance(cell, float) and cell.is_integer():
            cell = int(cell)
        text = _text(cell, 120)
        if not text:
            if self.default:
                return self.default
            raise ValueError("để trống: ghi mã hoặc tên xã/phường.")
        if text.isdigit():
            unit = self.by_code.get(text.zfill(5))
            if unit is None:
                raise ValueError(f"không có xã/phường mã {text} (danh mục từ 01/7/2025).")
        else:
            folded = _fold_code(text)
            candidates = self.by_name.get(folded) or self.by_name.get(_strip(folded, UNIT_PREFIXES)) or []
            province = self.provinces.get(_strip(_fold_code(_text(province_cell, 120)), PROVINCE_PREFIXES))
            if province_cell not in (None, "") and province is None:
                raise ValueError(f"không có tỉnh/thành phố “{_text(province_cell, 60)}” (34 tỉnh, thành từ 01/7/2025).")
            narrowed = [u for u in candidates if u[1] == (province or self.only_province)] \
                if (province or self.only_province) else candidates
            if not candidates:
                raise ValueError(f"không có xã/phường “{text}” trong danh mục từ 01/7/2025; nếu là tên cũ trước sáp "
                                 "nhập, hãy ghi tên hoặc mã xã/phường mới.")
            if not narrowed:
                raise ValueError(f"không có xã/phường “{text}” trong tỉnh của bạn.")
            if len(narrowed) > 1:
                where = ", ".join(sorted({u[1] for u in narrowed}))
                raise ValueError(f"có {len(narrowed)} xã/phường tên “{text}” (mã tỉnh {where}): ghi mã xã hoặc thêm "
                                 "cột Tỉnh/thành phố.")
            unit = narrowed[0]
        if self.only_commune and unit[0] != self.only_commune:
            raise ValueError(f"{unit[2]} nằm ngoài địa bàn bạn quản lý.")
        if self.only_province and unit[1] != self.only_province:
            raise ValueError(f"{unit[2]} (mã tỉnh {unit[1]}) nằm ngoài địa bàn bạn quản lý.")
        return unit


def cleaner(job: ImportJob):
    communes = Communes(job)
    today = timezone.localdate()

    def clean(cells: dict[str, Any]) -> tuple[tuple, list[tuple[str, str]]]:
        problems: list[tuple[str, str]] = []

        def problem(key: str, message: str) -> None:
            problems.append((LABELS[key], message))

        full_name = normalize_name(_text(cells.get("full_name"), 200))
        if not full_name:
            problem("full_name", "để trống.")
        elif len(full_name) > 120:
            problem("full_name", "dài quá 120 ký tự.")
            full_name = full_name[:120]
        sex_text = _fold_code(_text(cells.get("sex"), 20))
        sex = SEXES.get(sex_text, "")
        if sex_text and not sex:
            problem("sex", f"“{_text(cells.get('sex'), 20)}” không rõ: ghi Nam hoặc Nữ.")
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
        ethnicity_text = _text(cells.get("ethnicity"), 40)
        if ethnicity_text:
            folded_ethnicity = _fold_code(ethnicity_text)
            ethnicity = ETHNICITY_CODES.get(folded_ethnicity.replace("-", " "), "") or ETHNICITY_CODES.get(
                folded_ethnicity, "")
            if not ethnicity:
                problem("ethnicity", f"“{ethnicity_text}” không có trong danh mục 54 dân tộc.")
        commune_id, province_code = None, ""
        try:
            commune_id, province_code, _name = communes.find(cells.get("commune"), cells.get("province"))
        except ValueError as exc:
            problem("commune", str(exc))
        level_text = _strip(_fold_code(_text(cells.get("disability_level"), 40)), ("khuyet tat ", "muc "))
        disability = DISABILITY.get(level_text)
        if disability is None:
            problem("disability_level", f"“{_text(cells.get('disability_level'), 40)}” không rõ: ghi Nhẹ, Nặng hoặc "
                                        "Đặc biệt nặng (để trống nếu không khuyết tật).")
            disability = DisabilityLevel.NONE
        phone = _text(cells.get("phone"), 20).replace(" ", "").replace(".", "")
        if len(phone) == 9 and phone.isdigit():
            phone = "0" + phone  # the leading zero a number cell drops
        folded = fold(full_name)
        values = (citizen_id, full_name, folded, f"{folded.rsplit(' ', 1)[-1]} {folded}" if folded else "", year, month, day, sex, ethnicity,
                  commune_id, province_code, _text(cells.get("hamlet"), 100), _text(cells.get("address"), 255),
                  _text(cells.get("legacy_address"), 255), phone, disability)
        return values, problems

    return clean


# --- set-based checks --------------------------------------------------------------------------------


def check(cursor, job: ImportJob) -> None:
    """Repeated rows and people already in the registry, in a few statements over the whole file (each
    groups the rows once, then updates the later rows of a group through an index: linear, not row × row):
    - a row repeating an earlier row (same ID, or no ID and the same name, birth and commune) is skipped;
    - a row with the ID of an earlier row but other details is an error naming that row;
    - a row whose ID is in the registry is that person: updated or skipped as the officer chose, or an
      error when the person lies outside the officer's jurisdiction (without saying who it is)."""
    staged = StagedPerson._meta.db_table
    birth = ("COALESCE({t}.birth_year, 0) = COALESCE({u}.birth_year, 0) AND COALESCE({t}.birth_month, 0) = "
             "COALESCE({u}.birth_month, 0) AND COALESCE({t}.birth_day, 0) = COALESCE({u}.birth_day, 0)")
    same_as_first = (f"{staged}.name_folded = f.name_folded AND {staged}.commune_id = f.commune_id AND "
                     + birth.format(t=staged, u="f"))
    cursor.execute(f"""
        UPDATE {staged}
        SET other_number = g.first_number,
            outcome = CASE WHEN {same_as_first} THEN 'skip' ELSE 'error' END,
            conflict = CASE WHEN {same_as_first} THEN '' ELSE 'same_id' END
        FROM (SELECT citizen_id, MIN(number) AS first_number FROM {staged}
              WHERE job_id = %s AND outcome = 'new' AND citizen_id IS NOT NULL
              GROUP BY citizen_id HAVING COUNT(*) > 1) g
        JOIN {staged} f ON f.job_id = %s AND f.number = g.first_number
        WHERE {staged}.job_id = %s AND {staged}.outcome = 'new' AND {staged}.citizen_id = g.citizen_id
          AND {staged}.number > g.first_number""", [job.pk, job.pk, job.pk])
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


def match_existing(cursor, job: ImportJob) -> None:
    """Rows whose ID is already in the registry: the person they are (after a merge, the one kept)."""
    staged, person = StagedPerson._meta.db_table, Person._meta.db_table
    cursor.execute(f"""
        UPDATE {staged} SET person_id = (SELECT COALESCE(p.merged_into_id, p.id) FROM {person} p
                                         WHERE p.citizen_id = {staged}.citizen_id)
        WHERE job_id = %s AND outcome IN ('new', 'update', 'skip') AND citizen_id IS NOT NULL AND other_number IS NULL
          AND EXISTS (SELECT 1 FROM {person} p WHERE p.citizen_id = {staged}.citizen_id)""", [job.pk])
    unit = job.commune if job.commune_id else None
    if unit is not None:
        inside = "p.commune_id = %s"
        params: list[Any] = [unit.pk]
    elif job.province_code:
        inside, params = "p.province_code = %s", [job.province_code]
    else:
        inside, params = "1 = 1", []
    cursor.execute(f"""
        UPDATE {staged} SET outcome = 'error', conflict = 'outside'
        WHERE job_id = %s AND person_id IS NOT NULL AND outcome <> 'error' AND other_number IS NULL
          AND NOT EXISTS (SELECT 1 FROM {person} p WHERE p.id = {staged}.person_id AND {inside})""", [job.pk, *params])
    cursor.execute(f"""
        UPDATE {staged} SET outcome = %s
        WHERE job_id = %s AND person_id IS NOT NULL AND outcome IN ('new', 'update', 'skip') AND other_number IS NULL""",
                   [job.on_existing, job.pk])


# --- commit ------------------------------------------------------------------------------------------


def _json(value: dict) -> tuple[str, str]:
    """A JSON parameter and its placeholder (PostgreSQL's jsonb needs a cast from text)."""
    placeholder = "CAST(%s AS jsonb)" if connection.vendor == "postgresql" else "%s"
    return placeholder, json.dumps(value, ensure_ascii=False)


def commit(cursor, job: ImportJob, user) -> dict[str, Any]:
    """Write the job's good rows in the caller's transaction: new people, then (if chosen) changes to the
    people already there — a blank cell keeps what the registry has —, one audit event each, and the likely
    duplicates the new people make queued for review."""
    staged, person = StagedPerson._meta.db_table, Person._meta.db_table
    now = timezone.now()
    steps: dict[str, float] = {}
    clock = time.perf_counter()

    def step(name: str) -> None:
        nonlocal clock
        steps[name] = round(time.perf_counter() - clock, 2)
        clock = time.perf_counter()

    match_existing(cursor, job)  # someone may have registered one of these IDs since the preview
    step("match")
    columns = ", ".join(FIELDS)
    insert = f"""
        INSERT INTO {person} ({columns}, disability_certificate_date, date_of_death, pension_status, bank_name,
                              bank_account, merged_into_id, version, created_at, updated_at, created_by_id)
        SELECT {columns}, NULL, NULL, 'none', '', '', NULL, 1, %s, %s, %s
        FROM {staged} WHERE job_id = %s AND outcome = 'new'"""
    audit_columns = ("INSERT INTO audit_auditevent (at, actor_id, action, object_type, object_id, object_repr, "
                     "changes, commune_id, province_code)")
    placeholder, changes = _json({"import": job.pk, "file": job.file_name})
    if connection.vendor == "postgresql":
        # The job's status commits with its rows, and a job found unfinished is written again: the commit need
        # not wait for the disk (a crash loses both or neither), which spares the flush of a million rows.
        cursor.execute("SET LOCAL synchronous_commit TO OFF")
        # one statement writes the people and their audit events: the ids come back from the insert itself
        cursor.execute(f"""
            WITH created AS ({insert} RETURNING id, full_name, commune_id, province_code)
            {audit_columns}
            SELECT %s, %s, 'create', 'registry.person', CAST(id AS varchar(40)), SUBSTR(full_name, 1, 200),
                   {placeholder}, commune_id, province_code FROM created""",
                       [now, now, user.pk, job.pk, now, user.pk, changes])
        created = max(cursor.rowcount, 0)
    else:  # SQLite writes one transaction at a time, and AUTOINCREMENT only goes up: the new ids are the highest
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {person}")
        highest = cursor.fetchone()[0]
        cursor.execute(insert, [now, now, user.pk, job.pk])
        created = max(cursor.rowcount, 0)
        cursor.execute(f"""
            {audit_columns}
            SELECT %s, %s, 'create', 'registry.person', CAST(id AS varchar(40)), SUBSTR(full_name, 1, 200),
                   {placeholder}, commune_id, province_code FROM {person} WHERE id > %s""",
                       [now, user.pk, changes, highest])
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
        cursor.execute(f"""
            {audit_columns}
            SELECT %s, %s, 'update', 'registry.person', CAST(person_id AS varchar(40)), SUBSTR(full_name, 1, 200),
                   {placeholder}, commune_id, province_code
            FROM {staged} WHERE job_id = %s AND outcome = 'update'""", [now, user.pk, changes, job.pk])
    step("update")
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
    return {"created": created, "updated": updated, "skipped": skipped, "duplicates_queued": queued, "steps": steps}


INSTRUCTIONS = (
    "Mỗi dòng là một người. Dòng tiêu đề có thể ở bất kỳ dòng nào trong 20 dòng đầu; thứ tự cột tùy ý; tên cột "
    "viết hoa, viết thường hay không dấu đều được.",
    "Bắt buộc: Họ và tên; Giới tính (Nam/Nữ — bỏ trống được nếu có số định danh); Xã/phường (mã 5 chữ số hoặc "
    "tên theo danh mục từ 01/7/2025; cán bộ xã bỏ trống được: lấy xã của mình).",
    "Số định danh cá nhân: 12 chữ số; hãy định dạng cột là Văn bản để Excel không bỏ số 0 ở đầu hay đổi sang số "
    "mũ. Người đã có số định danh trong sổ sẽ được cập nhật hoặc bỏ qua tùy lựa chọn khi nhập.",
    "Ngày sinh: ngày/tháng/năm (05/03/1950), tháng/năm (03/1950) hoặc chỉ năm (1950).",
    "Dân tộc: tên hoặc mã (01 Kinh … 54 Rơ Măm). Mức độ khuyết tật: Nhẹ, Nặng, Đặc biệt nặng; để trống nếu không.",
    "Dòng có lỗi không được nhập; tải báo cáo lỗi (các dòng lỗi kèm cột Lỗi), sửa và nhập lại các dòng đó.",
)

PERSONS = register(Kind(
    name="persons", label="Người (sổ đăng ký)", columns=COLUMNS, staging=StagedPerson, fields=FIELDS,
    cleaner=cleaner, check=check, commit=commit, instructions=INSTRUCTIONS, capability=REGISTRY_CHANGE,
    example=[["096180000123", "Nguyễn Văn An", "05/03/1950", "Nam", "Kinh", "Tân Thành", "Cà Mau", "Ấp 3", "",
              "", "0912345678", ""]],
    choices={"sex": ("Nam", "Nữ"), "ethnicity": tuple(name for _code, name in ETHNICITIES),
             "disability_level": ("Nhẹ", "Nặng", "Đặc biệt nặng")},
))
