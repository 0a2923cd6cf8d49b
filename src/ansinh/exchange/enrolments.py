"""Importing the people already receiving an allowance, as decided in older software: whose (citizen ID of
a person in the registry), which category and coefficient, from which month, by which decision, paid how.

The decision stands as it was taken; the import checks that its coefficient is one the law gives the
category now (`assistance.rules` bands, at this month's parameters), so a wrong or outdated coefficient is
caught before the first payroll rather than paid. One older-software file can be imported twice: as persons
(its people into the registry), then as enrolments (the columns each kind does not know are ignored)."""

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import connection
from django.utils import timezone

from ansinh.assistance.access import ENROLMENT_MANAGE
from ansinh.assistance.models import Enrolment, EnrolmentCategory, PaymentMethod, Programme
from ansinh.assistance.rules import (
    CATEGORIES,
    CHILDREN_READ,
    SOCIAL_PENSION_CATEGORY,
    categories_label,
    category_coefficients,
    coefficient_split,
    format_coefficient,
)
from ansinh.assistance.selectors import parameters_at
from ansinh.core.dates import first_of_month
from ansinh.core.files import Column, parse_date_parts
from ansinh.core.text import fold, normalize_name
from ansinh.registry import rules as registry_rules
from ansinh.registry.models import Person

from .cells import Problems, fold_code, past_day, text
from .kinds import Kind, register
from .models import ImportJob, StagedEnrolment
from .sql import Steps, audit, flag, inside, mark_repeats

COLUMNS = [
    Column("citizen_id", "Số định danh cá nhân", ("số định danh", "số cccd", "cccd", "căn cước công dân",
                                                  "cmnd/cccd", "số cmnd/cccd", "citizen id"), required=True),
    Column("full_name", "Họ và tên", ("họ tên", "họ và tên đối tượng", "tên đối tượng", "full name")),
    Column("programme", "Chính sách", ("chế độ", "loại trợ cấp", "programme")),
    Column("category", "Diện hưởng", ("diện", "diện đối tượng", "đối tượng", "mã diện", "khoản điều 5", "category"),
           required=True),
    Column("coefficient", "Hệ số", ("hệ số trợ cấp", "hệ số hưởng", "coefficient"), required=True),
    Column("children", "Số con đang nuôi", ("số con", "số con đang nuôi (diện 5.4)")),
    Column("start_month", "Hưởng từ tháng", ("tháng bắt đầu hưởng", "thời điểm hưởng", "hưởng từ", "từ tháng",
                                            "ngày hưởng", "start month"), required=True),
    Column("decision_number", "Số quyết định", ("số qđ", "quyết định số", "số quyết định hưởng"), required=True),
    Column("decision_date", "Ngày quyết định", ("ngày qđ", "ngày ký quyết định", "ngày ký"), required=True),
    Column("payment_method", "Hình thức chi trả", ("hình thức nhận", "phương thức chi trả", "nhận qua",
                                                   "payment method")),
]
LABELS = {c.key: c.label for c in COLUMNS}
FIELDS = ("citizen_id", "name_folded", "programme", "category", "category_coefficient", "category2",
          "category2_coefficient", "coefficient", "children_count", "start_month", "decision_number", "decision_date",
          "payment_method")
PROGRAMMES = {"tro cap xa hoi hang thang": Programme.MONTHLY_ALLOWANCE, "tcxh": Programme.MONTHLY_ALLOWANCE,
              "tro cap xa hoi": Programme.MONTHLY_ALLOWANCE, "tro cap huu tri xa hoi": Programme.SOCIAL_PENSION,
              "htxh": Programme.SOCIAL_PENSION, "huu tri xa hoi": Programme.SOCIAL_PENSION}
PAYMENT_METHODS = {"tai khoan": PaymentMethod.BANK, "tai khoan ngan hang": PaymentMethod.BANK,
                   "ngan hang": PaymentMethod.BANK, "chuyen khoan": PaymentMethod.BANK, "atm": PaymentMethod.BANK,
                   "buu dien": PaymentMethod.AGENT, "to chuc dich vu chi tra": PaymentMethod.AGENT,
                   "to chuc dich vu chi tra / buu dien": PaymentMethod.AGENT, "dich vu chi tra": PaymentMethod.AGENT,
                   "tien mat": PaymentMethod.CASH, "tien mat tai xa": PaymentMethod.CASH, "": PaymentMethod.AGENT}


def category_code(written: str) -> str | None:
    """"5.3", "5.5c", "5.5.c", "k3", "Khoản 3 Điều 5", "khoản 5 điểm c", "điểm c khoản 5", "HTXH" → a code."""
    folded = fold(written).replace(" ", "")
    if folded in ("htxh", "huutrixahoi", "trocaphuutrixahoi"):
        return SOCIAL_PENSION_CATEGORY
    match = (re.fullmatch(r"(?:5\.|k)?(\d)\.?([a-d])?", folded)
             or re.fullmatch(r"khoan(\d)(?:diem([a-d]))?(?:dieu5)?", folded))
    if match:
        number, point = match.groups()
    else:
        match = re.fullmatch(r"diem([a-d])khoan(\d)(?:dieu5)?", folded)
        if not match:
            return None
        point, number = match.groups()
    code = f"5.{number}{point or ''}"
    return code if code in CATEGORIES else None


def _shown(value: Decimal) -> str:
    """A coefficient as the officer writes it: 1,5."""
    return format_coefficient(value).replace(".", ",")


def _month(value: Any, today: datetime.date) -> datetime.date:
    year, month, _day = parse_date_parts(value, today=today)
    if month is None:
        raise ValueError("cần tháng và năm (ví dụ 03/2024).")
    return datetime.date(year, month, 1)


def cleaner(job: ImportJob):
    today = timezone.localdate()
    values = parameters_at(first_of_month(today), job.province_code)[0]

    def clean(cells: dict[str, Any]) -> tuple[tuple, list[tuple[str, str]]]:
        problem = Problems(LABELS)

        citizen_id = None
        try:
            citizen_id = registry_rules.clean_citizen_id(cells.get("citizen_id"))
        except ValueError as exc:
            problem("citizen_id", str(exc))
        if citizen_id is None and not problem:
            problem("citizen_id", "để trống: người hưởng phải có trong sổ, tìm theo số định danh.")
        name = fold(normalize_name(text(cells.get("full_name"), 200)))[:120]
        written = [c for c in re.split(r"[+,;&]| và ", text(cells.get("category"), 60)) if c.strip()]
        categories = [category_code(c) for c in written]
        if not written:
            problem("category", "để trống: ghi diện (5.1 … 5.8, 5.5a … 5.5d, hoặc HTXH).")
        for shown, code in zip(written, categories, strict=True):
            if code is None:
                problem("category", f"“{shown.strip()}” không phải một diện của Điều 5 NĐ 20/2021 (ghi 5.1 … 5.8, "
                                    "5.5a … 5.5d) hay HTXH (trợ cấp hưu trí xã hội).")
        codes = sorted({c for c in categories if c})
        if len(codes) > 2:
            problem("category", "nhiều nhất hai diện cùng hưởng (khoản 4 cùng một diện khác, Điều 6 khoản 2).")
        programme_text = fold_code(text(cells.get("programme"), 60))
        programme = PROGRAMMES.get(programme_text) if programme_text else (
            Programme.SOCIAL_PENSION if codes == [SOCIAL_PENSION_CATEGORY] else Programme.MONTHLY_ALLOWANCE)
        if programme is None:
            problem("programme", f"“{text(cells.get('programme'), 60)}” không rõ: ghi Trợ cấp xã hội hằng tháng "
                                 "hoặc Trợ cấp hưu trí xã hội.")
        elif codes and (programme == Programme.SOCIAL_PENSION) != (codes == [SOCIAL_PENSION_CATEGORY]):
            problem("category", "trợ cấp hưu trí xã hội ghi diện HTXH; trợ cấp xã hội hằng tháng ghi diện của Điều 5.")
        children = 0
        if cells.get("children") not in (None, ""):
            try:
                children = int(Decimal(str(cells.get("children")).strip()))
                if not 0 <= children <= CHILDREN_READ:
                    raise ValueError
            except (InvalidOperation, ValueError):
                problem("children", f"“{text(cells.get('children'), 20)}” không phải số con từ 0 đến {CHILDREN_READ}.")
                children = 0
        coefficient = None
        try:
            coefficient = Decimal(text(cells.get("coefficient"), 20).replace(",", ".")).quantize(Decimal("0.01"))
            if not Decimal(0) < coefficient < Decimal(100):
                raise InvalidOperation
        except InvalidOperation:
            problem("coefficient", f"“{text(cells.get('coefficient'), 20)}” không phải một hệ số (ví dụ 1,5).")
            coefficient = None
        parts: list[Decimal] | None = None
        if coefficient is not None and codes and len(codes) <= 2:
            parts = coefficient_split(codes, coefficient, values, children)
            if parts is None:
                allowed = "; ".join(f"{c}: " + ", ".join(_shown(v) for v in category_coefficients(c, values, children)[:6])
                                    for c in codes)
                problem("coefficient", f"{_shown(coefficient)} không phải hệ số luật cho diện "
                                       f"{categories_label(codes)} hiện nay ({allowed}).")
        start = None
        try:
            start = _month(cells.get("start_month"), today)
            if start > first_of_month(today):
                problem("start_month", "sau tháng này: chỉ nhập người đang hưởng.")
        except ValueError as exc:
            problem("start_month", str(exc) if cells.get("start_month") not in (None, "") else "để trống.")
        decided = None
        try:
            decided = past_day(cells.get("decision_date"), today)
        except ValueError as exc:
            problem("decision_date", str(exc))
        decision_number = text(cells.get("decision_number"), 60)
        if not decision_number:
            problem("decision_number", "để trống.")
        elif len(decision_number) > 40:
            problem("decision_number", "dài quá 40 ký tự.")
        method = PAYMENT_METHODS.get(fold_code(text(cells.get("payment_method"), 60)))
        if method is None:
            problem("payment_method", f"“{text(cells.get('payment_method'), 60)}” không rõ: ghi Tài khoản ngân hàng, "
                                      "Bưu điện (tổ chức dịch vụ chi trả) hoặc Tiền mặt.")
        parts = parts or [None, None]
        first, second = (codes + ["", ""])[:2]
        row = (citizen_id[:12] if citizen_id else None, name, programme or "", first, parts[0], second,
               parts[1] if len(parts) > 1 else None, coefficient, children, start, decision_number[:40], decided,
               method or "")
        return row, problem

    return clean


CONFLICTS = {
    "same_id": ("Số định danh cá nhân", "trùng với dòng {other} nhưng khác diện, hệ số hoặc quyết định."),
    "no_person": ("Số định danh cá nhân", "chưa có người này trong sổ: nhập danh sách người trước (có thể từ chính "
                                          "tệp này, loại danh sách Người)."),
    "outside": ("Số định danh cá nhân", "người này ở ngoài địa bàn bạn quản lý."),
    "other_name": ("Họ và tên", "khác họ tên của người có số định danh này trong sổ: kiểm tra lại số định danh."),
    "dead": ("Số định danh cá nhân", "người này đã mất theo sổ đăng ký."),
    "other_prog": ("Chính sách", "người này đang hưởng chính sách khác; chỉ hưởng một mức cao nhất (NĐ 176/2025 "
                                 "Điều 3 khoản 1): điều chỉnh trên trang đối tượng."),
    "too_early": ("Hưởng từ tháng", "trước năm sinh của người này theo sổ."),
}


def check(cursor, job: ImportJob) -> None:
    """Repeated people in the file, then each row's person: registered, inside, alive, the same name, not
    receiving the other programme; one already receiving this programme is skipped (nothing to add)."""
    staged = StagedEnrolment._meta.db_table
    mark_repeats(cursor, staged, job, "citizen_id", conflict="same_id",
                 same=(f"{staged}.programme = f.programme AND {staged}.category = f.category AND "
                       f"{staged}.category2 = f.category2 AND {staged}.coefficient = f.coefficient AND "
                       f"{staged}.start_month = f.start_month AND {staged}.decision_number = f.decision_number"))
    match_people(cursor, job)


def match_people(cursor, job: ImportJob) -> None:
    staged, person, enrolment = StagedEnrolment._meta.db_table, Person._meta.db_table, Enrolment._meta.db_table
    cursor.execute(f"""
        UPDATE {staged} SET person_id = (SELECT COALESCE(p.merged_into_id, p.id) FROM {person} p
                                         WHERE p.citizen_id = {staged}.citizen_id)
        WHERE job_id = %s AND outcome IN ('new', 'skip') AND other_number IS NULL""", [job.pk])
    flag(cursor, staged, job, "no_person", "person_id IS NULL")
    where, params = inside(job, "p")
    flag(cursor, staged, job, "outside", f"""NOT EXISTS (
        SELECT 1 FROM {person} p WHERE p.id = {staged}.person_id AND {where})""", params)
    flag(cursor, staged, job, "other_name", f"""name_folded <> '' AND EXISTS (
        SELECT 1 FROM {person} p WHERE p.id = {staged}.person_id AND p.name_folded <> {staged}.name_folded)""")
    flag(cursor, staged, job, "dead", f"""EXISTS (
        SELECT 1 FROM {person} p WHERE p.id = {staged}.person_id AND p.date_of_death IS NOT NULL)""")
    flag(cursor, staged, job, "too_early", f"""EXISTS (
        SELECT 1 FROM {person} p WHERE p.id = {staged}.person_id AND p.birth_year > {_year("start_month")})""")
    flag(cursor, staged, job, "other_prog", f"""EXISTS (
        SELECT 1 FROM {enrolment} e WHERE e.person_id = {staged}.person_id AND e.end_month IS NULL
        AND e.programme <> {staged}.programme)""")
    cursor.execute(f"""
        UPDATE {staged} SET outcome = 'skip'
        WHERE job_id = %s AND outcome = 'new' AND EXISTS (
            SELECT 1 FROM {enrolment} e WHERE e.person_id = {staged}.person_id AND e.end_month IS NULL
            AND e.programme = {staged}.programme)""", [job.pk])


def _year(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"EXTRACT(YEAR FROM {column})"
    return f"CAST(strftime('%%Y', {column}) AS INTEGER)"


def commit(cursor, job: ImportJob, user) -> dict[str, Any]:
    """The good rows become open enrolment periods from their month, with their categories, one audit event
    each. Months before the import were paid by the older software: nothing is owed (no arrears)."""
    staged, person, enrolment = StagedEnrolment._meta.db_table, Person._meta.db_table, Enrolment._meta.db_table
    category = EnrolmentCategory._meta.db_table
    now, step = timezone.now(), Steps()
    match_people(cursor, job)  # someone may have enrolled one of these people since the preview
    step("match")
    cursor.execute(f"""
        INSERT INTO {enrolment} (person_id, programme, coefficient, children_count, studying, start_month, end_month,
                                 status, end_reason, arrears_pending, decision_number, decision_date, payment_method,
                                 commune_id, province_code, version, created_at)
        SELECT s.person_id, s.programme, s.coefficient, s.children_count, %s, s.start_month, NULL, 'active', '', %s,
               s.decision_number, s.decision_date, s.payment_method, p.commune_id, p.province_code, 1, %s
        FROM {staged} s JOIN {person} p ON p.id = s.person_id
        WHERE s.job_id = %s AND s.outcome = 'new'""", [False, False, now, job.pk])
    created = max(cursor.rowcount, 0)
    opened = f"""FROM {staged} s JOIN {enrolment} e ON e.person_id = s.person_id AND e.programme = s.programme
                 AND e.end_month IS NULL WHERE s.job_id = %s AND s.outcome = 'new'"""
    for slot in ("category", "category2"):
        cursor.execute(f"""
            INSERT INTO {category} (enrolment_id, category, coefficient, paid)
            SELECT e.id, s.{slot}, s.{slot}_coefficient, %s {opened} AND s.{slot} <> ''""", [True, job.pk])
    audit(cursor, action="create", object_type="assistance.enrolment", job=job, user=user, now=now,
          select=f"SELECT e.id, s.decision_number AS label, e.commune_id, e.province_code {opened}", params=[job.pk])
    step("insert")
    cursor.execute(f"SELECT COUNT(*) FROM {staged} WHERE job_id = %s AND outcome = 'skip'", [job.pk])
    skipped = cursor.fetchone()[0]
    return {"created": created, "updated": 0, "skipped": skipped, "duplicates_queued": 0, "steps": step.seconds}


INSTRUCTIONS = (
    "Mỗi dòng là một người đang hưởng, theo quyết định đã có (từ phần mềm cũ hoặc sổ theo dõi). Người phải có trong "
    "sổ đăng ký trước, tìm theo Số định danh cá nhân: nếu tệp của phần mềm cũ có cả thông tin người, nhập tệp đó "
    "hai lần — loại Người (sổ đăng ký), rồi loại Đối tượng đang hưởng.",
    "Diện hưởng: 5.1 … 5.8, 5.5a … 5.5d (khoản, điểm của Điều 5 NĐ 20/2021; “Khoản 3 Điều 5” cũng được), hoặc HTXH "
    "cho trợ cấp hưu trí xã hội. Hai diện cùng hưởng (khoản 4 cùng diện khác) ghi 5.4+5.6 với tổng hệ số.",
    "Hệ số phải là hệ số luật cho diện đó hiện nay (Điều 6 NĐ 20/2021; khoản 4: hệ số mỗi con × số con — ghi Số con "
    "đang nuôi). Hệ số sai hoặc đã cũ bị báo lỗi để sửa trước kỳ chi trả đầu tiên.",
    "Hưởng từ tháng: tháng/năm (03/2024). Ngày quyết định: ngày/tháng/năm. Hình thức chi trả: Tài khoản ngân hàng, "
    "Bưu điện (tổ chức dịch vụ chi trả — mặc định) hoặc Tiền mặt.",
    "Các tháng trước khi nhập coi như đã chi trả ở phần mềm cũ (không truy lĩnh). Người đang hưởng chính sách này "
    "trong sổ được bỏ qua.",
    "Dòng có lỗi không được nhập; tải báo cáo lỗi (các dòng lỗi kèm cột Lỗi), sửa và nhập lại các dòng đó.",
)

ENROLMENTS = register(Kind(
    name="enrolments", label="Đối tượng đang hưởng (từ phần mềm cũ)", columns=COLUMNS, staging=StagedEnrolment,
    fields=FIELDS, cleaner=cleaner, check=check, commit=commit, instructions=INSTRUCTIONS, capability=ENROLMENT_MANAGE,
    example=[["096180000123", "Nguyễn Văn An", "Trợ cấp xã hội hằng tháng", "5.6", "2,5", "", "03/2024",
              "45/QĐ-UBND", "10/03/2024", "Bưu điện"]],
    choices={"programme": ("Trợ cấp xã hội hằng tháng", "Trợ cấp hưu trí xã hội"),
             "payment_method": ("Tài khoản ngân hàng", "Bưu điện", "Tiền mặt")},
    conflicts=CONFLICTS, beside="assistance.enrolment", order=30,
))
