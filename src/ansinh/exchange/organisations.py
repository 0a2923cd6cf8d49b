"""Importing organisations into the network (facilities): one row per organisation — schools, hospitals,
facilities, committees… — with its kind, commune, parent body by code and what it is from a day (its first
period). An organisation already in the network (same code) is left as it is: its changes over time are
made from a day on its page, so that its history stays right."""

from typing import Any

from django.utils import timezone

from ansinh.core.files import Column
from ansinh.core.text import fold
from ansinh.facilities.access import FACILITIES_CHANGE
from ansinh.facilities.models import Kind as OrganisationKind
from ansinh.facilities.models import Organisation, OrganisationPeriod, Ownership

from . import sql
from .cells import Communes, Problems, fold_code, past_day, text
from .kinds import Kind, register
from .models import ImportJob, StagedOrganisation
from .sql import Steps, audit, flag, mark_repeats

COLUMNS = [
    Column("code", "Mã", ("mã cơ quan", "mã cơ sở", "mã đơn vị", "code")),
    Column("name", "Tên cơ quan, cơ sở", ("tên", "tên cơ sở", "tên cơ quan", "tên đơn vị", "name"), required=True),
    Column("kind", "Loại", ("loại cơ sở", "loại hình cơ sở", "loại đơn vị", "kind")),
    Column("ownership", "Loại hình", ("công lập/ngoài công lập", "sở hữu", "ownership")),
    Column("commune", "Xã/phường", ("xã", "phường", "xã/phường/đặc khu", "mã xã", "mã xã/phường", "tên xã", "commune")),
    Column("province", "Tỉnh/thành phố", ("tỉnh", "tỉnh/thành", "tỉnh/tp", "province")),
    Column("district", "Quận/huyện (cũ)", ("quận/huyện", "huyện", "quận", "district")),
    Column("parent_code", "Mã cơ quan chủ quản", ("mã đơn vị chủ quản", "mã cơ quan cấp trên", "parent code")),
    Column("in_plan_scope", "Thuộc phạm vi kế hoạch", ("phạm vi kế hoạch", "trong kế hoạch", "in plan scope")),
    Column("provides_social_work", "Cung cấp dịch vụ CTXH", ("dịch vụ ctxh", "cung cấp dịch vụ công tác xã hội",
                                                             "có dịch vụ ctxh", "social work services")),
    Column("valid_from", "Từ ngày", ("ngày thành lập", "từ ngày", "ngày hiệu lực", "valid from")),
    Column("basis", "Căn cứ", ("quyết định thành lập", "số quyết định", "căn cứ", "basis")),
]
LABELS = {c.key: c.label for c in COLUMNS}
FIELDS = ("code", "name", "name_folded", "kind", "ownership", "commune_id", "province_code", "parent_code",
          "in_plan_scope", "provides_social_work", "valid_from", "basis")
KINDS = {fold(str(label)): value for value, label in OrganisationKind.choices} | {value: value for value in
                                                                                 OrganisationKind.values} | {
    "ubnd xa": "commune_committee", "ubnd phuong": "commune_committee", "uy ban nhan dan xa": "commune_committee",
    "so": "department", "co so bao tro xa hoi": "social_assistance", "trung tam bao tro xa hoi": "social_assistance",
    "trung tam ctxh": "social_work_centre", "co so cai nghien": "drug_rehabilitation", "trai giam": "prison",
    "truong": "school", "truong hoc": "school", "benh vien": "hospital", "tram y te": "health_centre",
    "trung tam y te": "health_centre", "toa an": "judicial", "vien kiem sat": "judicial", "hoi": "mass_organisation",
    "khac": "other"}
OWNERSHIPS = {"": Ownership.PUBLIC, "cong lap": Ownership.PUBLIC, "ngoai cong lap": Ownership.NON_PUBLIC,
              "tu thuc": Ownership.NON_PUBLIC, "tu nhan": Ownership.NON_PUBLIC}
YES_NO = {"": False, "khong": False, "k": False, "0": False, "co": True, "x": True, "1": True}


def cleaner(job: ImportJob):
    communes = Communes(job)
    today = timezone.localdate()

    def clean(cells: dict[str, Any]) -> tuple[tuple, list[tuple[str, str]]]:
        problem = Problems(LABELS)

        def code_of(key: str) -> str:
            code = text(cells.get(key), 60).replace(" ", "").upper()
            if len(code) > 30:
                problem(key, "dài quá 30 ký tự.")
            return code[:30]

        code = code_of("code")
        name = text(cells.get("name"), 300)
        if not name:
            problem("name", "để trống.")
        elif len(name) > 255:
            problem("name", "dài quá 255 ký tự.")
        kind_text = text(cells.get("kind"), 80)
        kind = KINDS.get(fold_code(kind_text), "")
        if not kind:
            problem("kind", f"“{kind_text}” không rõ: ghi một loại trong danh sách chọn." if kind_text else "để trống.")
        ownership = OWNERSHIPS.get(fold_code(text(cells.get("ownership"), 40)))
        if ownership is None:
            problem("ownership", "ghi Công lập hoặc Ngoài công lập.")
        flags = []
        for key in ("in_plan_scope", "provides_social_work"):
            value = YES_NO.get(fold_code(text(cells.get(key), 20)))
            if value is None:
                problem(key, "ghi Có hoặc Không.")
            flags.append(bool(value))
        commune_id, province_code = None, ""
        try:
            commune_id, province_code, _name, _old = communes.find(cells.get("commune"), cells.get("province"),
                                                                   cells.get("district"))
        except ValueError as exc:
            problem("commune", str(exc))
        valid_from = None
        try:
            valid_from = past_day(cells.get("valid_from"), today)
        except ValueError as exc:
            problem("valid_from", str(exc))
        values = (code or None, name[:255], fold(name)[:255], kind, ownership or "", commune_id, province_code,
                  code_of("parent_code") or None, *flags, valid_from, text(cells.get("basis"), 255))
        return values, problem

    return clean


CONFLICTS = {
    "same_code": ("Mã", "trùng mã với dòng {other} nhưng khác tên hoặc xã/phường."),
    "outside": ("Mã", "mã này đã có, ở ngoài địa bàn bạn quản lý."),
    "no_parent": ("Mã cơ quan chủ quản", "không có cơ quan, cơ sở mã này (trong danh sách hay trong tệp)."),
    "parent_out": ("Mã cơ quan chủ quản", "cơ quan chủ quản phải ở cùng tỉnh."),
    "own_parent": ("Mã cơ quan chủ quản", "là mã của chính dòng này."),
}


def check(cursor, job: ImportJob) -> None:
    """Repeated codes, organisations already in the network (left as they are; an error outside the
    jurisdiction), and parent bodies: in the network or in the file, in the same province."""
    staged, organisation = StagedOrganisation._meta.db_table, Organisation._meta.db_table
    mark_repeats(cursor, staged, job, "code", conflict="same_code",
                 same=f"{staged}.name_folded = f.name_folded AND {staged}.commune_id = f.commune_id")
    match_existing(cursor, job)
    flag(cursor, staged, job, "own_parent", "parent_code = code")
    cursor.execute(f"""
        UPDATE {staged} SET parent_id = (SELECT o.id FROM {organisation} o WHERE o.code = {staged}.parent_code)
        WHERE job_id = %s AND parent_code IS NOT NULL AND outcome = 'new'""", [job.pk])
    flag(cursor, staged, job, "no_parent", f"""parent_code IS NOT NULL AND parent_id IS NULL AND NOT EXISTS (
        SELECT 1 FROM {staged} p WHERE p.job_id = {staged}.job_id AND p.code = {staged}.parent_code
        AND p.outcome = 'new')""")
    flag(cursor, staged, job, "parent_out", f"""parent_id IS NOT NULL AND EXISTS (
        SELECT 1 FROM {organisation} o WHERE o.id = {staged}.parent_id AND o.province_code <> {staged}.province_code)
        OR parent_id IS NULL AND parent_code IS NOT NULL AND EXISTS (
        SELECT 1 FROM {staged} p WHERE p.job_id = {staged}.job_id AND p.code = {staged}.parent_code
        AND p.province_code <> {staged}.province_code)""")


def match_existing(cursor, job: ImportJob) -> None:
    """Rows whose code is in the network: skipped, or an error when that organisation lies outside."""
    sql.match_existing(cursor, StagedOrganisation._meta.db_table, job, key="code",
                       target=Organisation._meta.db_table, found="organisation_id", outcome="skip")


def commit(cursor, job: ImportJob, user) -> dict[str, Any]:
    """The new organisations, each with its first period (its parent found by code, in the network or among the
    rows just written), and one audit event each; a row without a code is given `CS-<job>-<row>`."""
    staged, organisation = StagedOrganisation._meta.db_table, Organisation._meta.db_table
    period = OrganisationPeriod._meta.db_table
    now, step = timezone.now(), Steps()
    match_existing(cursor, job)
    step("match")
    cursor.execute(f"""
        UPDATE {staged} SET code = 'CS-' || CAST(job_id AS varchar(20)) || '-' || CAST(number AS varchar(20))
        WHERE job_id = %s AND outcome = 'new' AND code IS NULL""", [job.pk])
    cursor.execute(f"""
        INSERT INTO {organisation} (code, name, name_folded, kind, commune_id, province_code, version, created_at,
                                    updated_at)
        SELECT code, name, name_folded, kind, commune_id, province_code, 1, %s, %s
        FROM {staged} WHERE job_id = %s AND outcome = 'new'""", [now, now, job.pk])
    created = max(cursor.rowcount, 0)
    cursor.execute(f"""
        UPDATE {staged} SET organisation_id = (SELECT o.id FROM {organisation} o WHERE o.code = {staged}.code),
                            parent_id = COALESCE(parent_id, (SELECT o.id FROM {organisation} o
                                                              WHERE o.code = {staged}.parent_code))
        WHERE job_id = %s AND outcome = 'new'""", [job.pk])
    cursor.execute(f"""
        INSERT INTO {period} (organisation_id, valid_from, valid_to, name, kind, ownership, parent_id, commune_id,
                              province_code, in_plan_scope, provides_social_work, basis)
        SELECT organisation_id, valid_from, NULL, name, kind, ownership, parent_id, commune_id, province_code,
               in_plan_scope, provides_social_work, basis
        FROM {staged} WHERE job_id = %s AND outcome = 'new'""", [job.pk])
    audit(cursor, action="create", object_type="facilities.organisation", job=job, user=user, now=now,
          select=f"""SELECT organisation_id AS id, name AS label, commune_id, province_code FROM {staged}
                     WHERE job_id = %s AND outcome = 'new'""", params=[job.pk])
    step("insert")
    cursor.execute(f"SELECT COUNT(*) FROM {staged} WHERE job_id = %s AND outcome = 'skip'", [job.pk])
    return {"created": created, "updated": 0, "skipped": cursor.fetchone()[0], "duplicates_queued": 0,
            "steps": step.seconds}


INSTRUCTIONS = (
    "Mỗi dòng là một cơ quan, cơ sở (trường học, bệnh viện, trạm y tế, cơ sở trợ giúp xã hội, UBND xã…). Dòng "
    "tiêu đề có thể ở bất kỳ dòng nào trong 20 dòng đầu; thứ tự cột tùy ý; tên cột không dấu cũng được.",
    "Bắt buộc: Tên; Loại (chọn trong danh sách); Xã/phường (mã hoặc tên; cán bộ xã bỏ trống được); Từ ngày "
    "(ngày thành lập, hoặc ngày bắt đầu được ghi nhận).",
    "Mã: để trống thì hệ thống đặt. Cơ quan, cơ sở đã có mã trong danh sách được bỏ qua: thay đổi của nó ghi theo "
    "ngày trên trang của cơ quan, cơ sở đó.",
    "Mã cơ quan chủ quản: mã của một cơ quan đã có, hoặc của một dòng khác trong tệp, cùng tỉnh.",
    "Loại hình: Công lập (mặc định) hoặc Ngoài công lập. Thuộc phạm vi kế hoạch, Cung cấp dịch vụ CTXH: Có hoặc "
    "Không (để trống là Không).",
    "Dòng có lỗi không được nhập; tải báo cáo lỗi (các dòng lỗi kèm cột Lỗi), sửa và nhập lại các dòng đó.",
)

ORGANISATIONS = register(Kind(
    name="organisations", label="Cơ quan, cơ sở", columns=COLUMNS, staging=StagedOrganisation, fields=FIELDS,
    cleaner=cleaner, check=check, commit=commit, instructions=INSTRUCTIONS, capability=FACILITIES_CHANGE,
    example=[["", "Trường THCS Tân Thành", "Trường học", "Công lập", "Tân Thành", "Cà Mau", "", "UBND-32071", "Có",
              "Không", "01/09/2020", "QĐ 12/QĐ-UBND"]],
    choices={"kind": tuple(str(label) for _value, label in OrganisationKind.choices),
             "ownership": ("Công lập", "Ngoài công lập"), "in_plan_scope": ("Có", "Không"),
             "provides_social_work": ("Có", "Không")},
    conflicts=CONFLICTS, beside="facilities.organisation", order=40,
))
