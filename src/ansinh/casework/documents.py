"""The printable forms (biểu mẫu) of a case file as DOCX, laid out by `core.documents.OfficialDocument`
(NĐ 30/2020/NĐ-CP): for a child the forms of NĐ 56/2017/NĐ-CP (Mẫu 01–07), for an adult those of
TT 02/2020/TT-BLĐTBXH (Mẫu 01–06), numbered as in `rules.FORMS`.

A form is printable once the step it records is done. The forms are the case file, so they carry the
case's confidential content (NĐ 56/2017 Điều 24; TT 02/2020 Điều 9); the reporter's identity is on the
receiving form (Mẫu 01) alone and is struck from the free text of every other form. The forms' titles
follow what each records; their exact wording was not checked against the annexes (LEGAL_FACTS.md §4, §5).

A title's first words are its kind (`core.documents.KINDS`), printed as the document's title with the rest
as its summary: a PHIẾU for a form filled in as a step is done (receiving, assessing, following the plan),
not numbered; the KẾ HOẠCH; the chairman's QUYẾT ĐỊNH; for the child's Mẫu 06 a BÁO CÁO, the officer's
reassessment reported to the commune chairman who decides to close the case or plan again (NĐ 56/2017
Điều 30), signed by the officer alone; for the adult's Mẫu 06 a BIÊN BẢN, the signed record of the closing
(TT 02/2020 Điều 8).
"""

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from ansinh.core.documents import KINDS, OfficialDocument, address_line, in_sentence, place_of
from ansinh.core.templatetags.ansinh import number as thousands
from ansinh.facilities.models import Kind as OrganisationKind

from . import rules
from .models import Case, Entry, Plan, Subject
from .selectors import terms

# slug → (file name part, title) per procedure; the order and numbers are those of `rules.FORMS`
TITLES: dict[str, dict[str, tuple[str, str]]] = {
    "child": {
        "report": ("tiep-nhan", "Phiếu tiếp nhận thông tin, thông báo, tố giác"),
        "initial": ("danh-gia-ban-dau", "Phiếu đánh giá ban đầu về nguy cơ, mức độ tổn hại của trẻ em"),
        "assessment": ("danh-gia-nhu-cau", "Phiếu đánh giá chi tiết nguy cơ và nhu cầu của trẻ em"),
        "plan": ("ke-hoach", "Kế hoạch hỗ trợ, can thiệp"),
        "approval": ("phe-duyet-ke-hoach", "Quyết định phê duyệt kế hoạch hỗ trợ, can thiệp"),
        "review": ("ra-soat-dong-ca", "Báo cáo rà soát, đánh giá lại và đóng hồ sơ trường hợp"),
        "separation": ("tam-thoi-cach-ly", "Quyết định tạm thời cách ly trẻ em"),
    },
    "adult": {
        "report": ("thu-thap-thong-tin", "Phiếu thu thập thông tin của đối tượng"),
        "assessment": ("danh-gia-nhu-cau", "Phiếu đánh giá nhu cầu của đối tượng"),
        "plan": ("ke-hoach", "Kế hoạch trợ giúp đối tượng"),
        "approval": ("phe-duyet-ke-hoach", "Quyết định phê duyệt kế hoạch trợ giúp"),
        "review": ("theo-doi-tien-do", "Phiếu theo dõi, rà soát tiến độ thực hiện kế hoạch"),
        "closure": ("ket-thuc", "Biên bản kết thúc quản lý trường hợp"),
    },
}

BASES = {
    "child": (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Luật Trẻ em ngày 05 tháng 4 năm 2016;",
        "Căn cứ Nghị định số 56/2017/NĐ-CP ngày 09 tháng 5 năm 2017 của Chính phủ quy định chi tiết một số điều "
        "của Luật Trẻ em;",
    ),
    "adult": (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Thông tư số 02/2020/TT-BLĐTBXH ngày 14 tháng 02 năm 2020 của Bộ trưởng Bộ Lao động - Thương binh "
        "và Xã hội;",
    ),
}
OFFICER = {"child": "NGƯỜI LÀM CÔNG TÁC\nBẢO VỆ TRẺ EM", "adult": "NGƯỜI QUẢN LÝ ĐỐI TƯỢNG"}
WHO = {"child": "trẻ em", "adult": "đối tượng"}
FILED = "Lưu: hồ sơ ca."
CONFIDENTIAL = {"child": "Thông tin trong văn bản này thuộc hồ sơ ca, được giữ bí mật (Nghị định 56/2017/NĐ-CP "
                         "Điều 24).",
                "adult": "Thông tin trong văn bản này thuộc hồ sơ ca, được giữ bí mật (Thông tư 02/2020/TT-BLĐTBXH "
                         "Điều 9)."}
REDACTED = "[người báo tin]"
BLANK = "……"  # the number of a document not yet numbered, filled in by hand

# widths in mm: the text area of A4 with margins 30 + 15 mm is 165 mm
# (13 pt: "STT" needs 13 mm, a date dd/mm/yyyy 27 mm, an amount of millions 22 mm)
SUBJECT_WIDTHS = (13, 45, 27, 20, 60)
NEED_WIDTHS = (55, 32, 78)
ITEM_WIDTHS = (13, 30, 27, 27, 22, 24, 22)
SERVICE_WIDTHS = (13, 27, 45, 50, 30)
TIMELINE_WIDTHS = (13, 27, 35, 90)


# --- what is printable ---------------------------------------------------------------------------------


@dataclass
class _File:
    """What the forms of one case read, loaded once."""

    case: Case
    subjects: list[Subject]
    entries: list[Entry]
    plans: list[Plan]

    @classmethod
    def load(cls, case: Case) -> "_File":
        return cls(case=case,
                   subjects=list(case.subjects.select_related("person", "person__commune")),
                   entries=list(case.entries.select_related("by").prefetch_related("needs")),
                   plans=list(case.plans.select_related("drafted_by", "decided_by").prefetch_related("items")))

    def last(self, *kinds: str) -> Entry | None:
        found = [e for e in self.entries if e.kind in kinds]
        return found[-1] if found else None

    def all(self, *kinds: str) -> list[Entry]:
        return [e for e in self.entries if e.kind in kinds]

    def approved(self) -> tuple[Plan, Entry] | None:
        """The plan of the latest approval (NĐ 56 Mẫu 05), found by its decision time, with that approval."""
        entry = self.last(Entry.Kind.APPROVAL)
        if entry is None:
            return None
        plans = [p for p in self.plans if p.decided_at == entry.at] or \
            [p for p in self.plans if p.status == Plan.Status.APPROVED]
        return (plans[-1], entry) if plans else None


def _ready(file: _File, slug: str) -> bool:
    """Whether the step `slug` records has been done (its form then exists in the case file)."""
    if slug == "report":
        return True
    if slug in ("initial", "assessment", "separation"):
        return file.last(slug) is not None
    if slug == "plan":
        return bool(file.plans)
    if slug == "approval":
        return file.approved() is not None
    if slug == "review":  # a child's Mẫu 06 also records the closure; an adult's closure has its own form
        kinds = (Entry.Kind.REVIEW, Entry.Kind.CLOSURE) if file.case.procedure == "child" else (Entry.Kind.REVIEW,)
        return file.last(*kinds) is not None
    if slug == "closure":
        return file.case.stage == rules.CLOSED
    return False


def _label(procedure: str, slug: str) -> str:
    return f"{rules.FORMS[procedure][slug]} — {TITLES[procedure][slug][1]}"


def available(case: Case) -> list[tuple[str, str]]:
    """The forms of `case` that can be printed now, as (slug, label), in the order of their numbers: for a child
    NĐ 56/2017/NĐ-CP Mẫu 01–07 (Điều 25–32), for an adult TT 02/2020/TT-BLĐTBXH Mẫu 01–06 (Điều 3–8). The
    receiving form always; each other one once the step it records is done."""
    file = _File.load(case)
    return [(slug, _label(case.procedure, slug)) for slug in rules.FORMS[case.procedure] if _ready(file, slug)]


def form_docx(case: Case, slug: str) -> tuple[str, bytes]:
    """(file name, DOCX) of the form `slug` of `case`, e.g. ("mau-04-ke-hoach-0001-2026.docx", …), laid out as an
    official document of NĐ 30/2020/NĐ-CP. Raises `KeyError` for a form the procedure does not have or whose
    step is not done yet."""
    procedure = case.procedure
    if slug not in rules.FORMS[procedure]:
        raise KeyError(slug)
    file = _File.load(case)
    if not _ready(file, slug):
        raise KeyError(slug)
    doc = _BUILDERS[slug](_Writer(file, slug))
    digits = "".join(ch for ch in rules.FORMS[procedure][slug] if ch.isdigit())
    return f"mau-{digits}-{TITLES[procedure][slug][0]}-{case.number:04d}-{case.year}.docx", doc.to_bytes()


def _kind(title: str) -> tuple[str, str]:
    """("PHIẾU", "Tiếp nhận thông tin, …") from "Phiếu tiếp nhận thông tin, …": the kind a form's title begins
    with, and the rest as the summary printed under it (NĐ 30/2020/NĐ-CP Phụ lục I)."""
    for kind in KINDS:
        if title.upper().startswith(f"{kind} "):
            rest = title[len(kind) + 1:]
            return kind, rest[:1].upper() + rest[1:]
    raise ValueError(f"no kind of document begins {title!r}")


# --- formatting ----------------------------------------------------------------------------------------


def _day(value: datetime.datetime | datetime.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return f"{value:%d/%m/%Y}"


def _moment(value: datetime.datetime) -> str:
    return f"{timezone.localtime(value):%H:%M} ngày {_day(value)}"


def _local(value: datetime.datetime) -> datetime.date:
    return timezone.localtime(value).date()


def _money(value: Decimal | int) -> str:
    """1234567 → "1.234.567" (đồng)."""
    return thousands(value) or "0"


def _name(user) -> str:
    return user.get_full_name().strip() if user is not None else ""






def _redactor(file: _File, slug: str) -> Callable[[str], str]:
    """Strikes the reporter's name and phone from free text on every form but the receiving one (Mẫu 01): who
    reported is confidential (NĐ 56/2017 Điều 24). A reporter who is also a subject keeps their name as that."""
    if slug == "report":
        return lambda text: text
    subjects = {s.person.full_name.strip().casefold() for s in file.subjects}
    secrets = [value for value in (file.case.reporter_name.strip(), file.case.reporter_phone.strip())
               if len(value) >= 3 and value.casefold() not in subjects]
    if not secrets:
        return lambda text: text
    pattern = re.compile("|".join(re.escape(s) for s in sorted(secrets, key=len, reverse=True)), re.IGNORECASE)
    return lambda text: pattern.sub(REDACTED, text)


# --- writing a form ------------------------------------------------------------------------------------


class _Writer:
    """The pieces every form shares: the unit as issuer, the subjects, the case's number, the signature."""

    def __init__(self, file: _File, slug: str):
        self.file, self.case, self.slug = file, file.case, slug
        self.procedure = file.case.procedure
        self.clean = _redactor(file, slug)
        self.commune = file.case.commune.name
        self.main = file.subjects[0].person if file.subjects else None

    @property
    def who(self) -> str:
        """The main subject as named in a sentence: "trẻ em Lê Thị Bé"."""
        return f"{WHO[self.procedure]} {self.main.full_name}" if self.main else WHO[self.procedure]

    def _body(self, organisation) -> str:
        return "UBND" if organisation.kind == OrganisationKind.COMMUNE_COMMITTEE else ""

    @property
    def form_line(self) -> str:
        """"Mẫu số 04 — Nghị định 56/2017/NĐ-CP", printed above the header as the annexes do."""
        return f"{rules.FORMS[self.procedure][self.slug]} — {rules.LEGAL_BASIS[self.procedure]}"

    def _number(self, kind: str, given: str = "") -> str:
        if given.strip():
            return given.strip()
        if not KINDS[kind].numbered:
            return ""
        abbreviation, body = KINDS[kind].abbreviation, self._body(self.case.organisation)
        return f"{BLANK}/{abbreviation}-{body}" if body else f"{BLANK}/{abbreviation}"

    def form(self, *, date: datetime.date, title: str, signer_title: str = "", signer=None,
             recipients: Sequence[str] = ()) -> OfficialDocument:
        """A form kept in the case file, issued by the unit that manages the case, of the kind its `title` begins
        with."""
        kind, subject = _kind(title)
        doc = OfficialDocument(
            issuer=self.case.organisation.name, number=self._number(kind), place=place_of(self.commune), date=date,
            kind=kind, subject=subject, signer_title=signer_title or OFFICER[self.procedure],
            signer_name=_name(signer), recipients=[*recipients, FILED], form_line=self.form_line)
        self.heading(doc)
        return doc

    def decision(self, *, date: datetime.date, number: str, subject: str, proposal: str,
                 recipients: Sequence[str]) -> OfficialDocument:
        """A decision of the commune chairman (NĐ 56/2017 Điều 28, 32; TT 02/2020 Điều 7)."""
        return OfficialDocument(
            issuer=f"ỦY BAN NHÂN DÂN {self.commune}", number=self._number("QUYẾT ĐỊNH", number),
            place=place_of(self.commune), date=date, kind="QUYẾT ĐỊNH", subject=subject,
            authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {self.commune.upper()}",
            bases=[*BASES[self.procedure], proposal], signer_title="CHỦ TỊCH", recipients=[*recipients, FILED],
            form_line=self.form_line)

    def heading(self, doc: OfficialDocument) -> None:
        doc.paragraph(f"Số hồ sơ ca: {self.case.code}", bold=True, indent=False)
        doc.paragraph(f"Đơn vị quản lý ca: {self.case.organisation.name}, {in_sentence(self.commune)}.",
                      indent=False)

    def subjects(self, doc: OfficialDocument, heading: str) -> None:
        doc.paragraph(heading, bold=True, indent=False)
        rows = []
        for n, subject in enumerate(self.file.subjects, start=1):
            person = subject.person
            name = person.full_name + (f" ({subject.relation})" if subject.relation else "")
            rows.append([n, name, person.birth_display or "—", person.get_sex_display(), _residence(person)])
        doc.table(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Nơi cư trú"], rows, widths_mm=SUBJECT_WIDTHS)

    def text(self, doc: OfficialDocument, label: str, value: str) -> None:
        """"Label: value" for a short value; a long one under its label, a paragraph a line."""
        value = self.clean(value.strip()) or "—"
        lines = [line.strip() for line in value.splitlines() if line.strip()]
        if len(lines) == 1 and len(label) + len(lines[0]) < 90:
            doc.paragraph(f"{label}: {lines[0]}")
            return
        doc.paragraph(f"{label}:")
        for line in lines:
            doc.paragraph(line)

    def items(self, doc: OfficialDocument, plan: Plan) -> None:
        """The plan's activities (NĐ 56/2017 Điều 28 k.2; TT 02/2020 Điều 6) with their budget and its total."""
        items = list(plan.items.all())
        rows = [[n, self.clean(i.service), _day(i.start_date), _day(i.end_date), self.clean(i.responsible),
                 self.clean(i.provider) or "—", _money(i.budget)] for n, i in enumerate(items, start=1)]
        rows.append(["", "Tổng cộng", "", "", "", "", _money(sum((i.budget for i in items), Decimal(0)))])
        doc.table(["STT", "Hoạt động, dịch vụ", "Từ ngày", "Đến ngày", "Người chịu trách nhiệm", "Đơn vị cung cấp",
                   "Kinh phí (đồng)"], rows, widths_mm=ITEM_WIDTHS)

    def services(self, doc: OfficialDocument, heading: str) -> None:
        given = list(self.case.services.all())
        doc.paragraph(heading, bold=True, indent=False)
        if not given:
            doc.paragraph("Chưa ghi nhận dịch vụ nào.")
            return
        rows = [[n, _day(s.given_on), s.get_kind_display(), self.clean(s.provider) or "—", _money(s.cost)]
                for n, s in enumerate(given, start=1)]
        doc.table(["STT", "Ngày", "Dịch vụ", "Đơn vị, người cung cấp", "Chi phí (đồng)"], rows,
                  widths_mm=SERVICE_WIDTHS)
        for referral in self.case.referrals.select_related("to"):
            doc.paragraph(f"Chuyển gửi đến {referral.to.name} ({referral.get_status_display().lower()}): "
                          f"{self.clean(referral.reason)}.")

    def timeline(self, doc: OfficialDocument, entries: list[Entry]) -> None:
        rows = [[n, _day(e.at), e.get_kind_display(), self.clean(e.note) or "—"]
                for n, e in enumerate(entries, start=1)]
        doc.table(["STT", "Ngày", "Việc", "Nội dung, kết quả"], rows, widths_mm=TIMELINE_WIDTHS)

    def close(self, doc: OfficialDocument) -> OfficialDocument:
        doc.paragraph(CONFIDENTIAL[self.procedure], italic=True)
        return doc


def _residence(person) -> str:
    return address_line(person.address, person.hamlet, person.commune.name)


# --- the forms -----------------------------------------------------------------------------------------


def _report(w: _Writer) -> OfficialDocument:
    """NĐ 56/2017 Mẫu 01 (Điều 25): the report as received, with who reported it; TT 02/2020 Mẫu 01 (Điều 4)."""
    case, entry = w.case, w.file.last(Entry.Kind.REPORT)
    title = TITLES[w.procedure]["report"][1]
    doc = w.form(date=_local(case.received_at), title=title,
                 signer_title="NGƯỜI TIẾP NHẬN" if w.procedure == "child" else "",
                 signer=entry.by if entry else case.created_by)
    doc.paragraph("I. THÔNG TIN TIẾP NHẬN", bold=True, indent=False)
    doc.paragraph(f"Thời điểm tiếp nhận: {_moment(case.received_at)}.")
    doc.paragraph(f"Nguồn tiếp nhận: {case.get_source_display()}.")
    reporter = case.reporter_name or ("Ẩn danh" if case.source == "anonymous" else "Không ghi")
    doc.paragraph(f"Người báo tin: {reporter}. Điện thoại: {case.reporter_phone or '—'}.")
    doc.paragraph(f"Loại ca: {case.get_case_type_display()}.")
    w.subjects(doc, f"II. {WHO[w.procedure].upper()} ĐƯỢC BÁO TIN" if w.procedure == "child"
               else "II. THÔNG TIN ĐỐI TƯỢNG")
    if w.procedure == "adult":
        for subject in w.file.subjects:
            doc.paragraph(f"{subject.person.full_name}: số định danh cá nhân {subject.person.citizen_id or '—'}.")
    doc.paragraph("III. NỘI DUNG SỰ VIỆC", bold=True, indent=False)
    for line in case.summary.splitlines():
        if line.strip():
            doc.paragraph(line.strip())
    return w.close(doc)


def _initial(w: _Writer) -> OfficialDocument:
    """NĐ 56/2017 Mẫu 02 (Điều 26): the first assessment of risk and harm, and the emergency measures taken."""
    case, entry = w.case, w.file.last(Entry.Kind.INITIAL)
    doc = w.form(date=_local(entry.at), title=TITLES[w.procedure]["initial"][1], signer=entry.by)
    w.subjects(doc, "I. TRẺ EM ĐƯỢC ĐÁNH GIÁ")
    doc.paragraph("II. KẾT QUẢ ĐÁNH GIÁ BAN ĐẦU", bold=True, indent=False)
    doc.paragraph(f"Thời điểm tiếp nhận thông tin: {_moment(case.received_at)}. Thời điểm đánh giá: "
                  f"{_moment(entry.at)}.")
    doc.paragraph(f"Loại ca: {case.get_case_type_display()}. Mức độ nguy cơ: {case.get_risk_display()}.")
    w.text(doc, "Thông tin đã tiếp nhận", case.summary)
    w.text(doc, "Nhận định về nguy cơ, mức độ tổn hại", entry.note)
    measures = w.file.all(Entry.Kind.EMERGENCY, Entry.Kind.SEPARATION)
    deadline = case.deadlines.filter(step=rules.EMERGENCY).first()
    if measures or deadline:
        doc.paragraph("III. BIỆN PHÁP BẢO VỆ KHẨN CẤP", bold=True, indent=False)
    if deadline:
        doc.paragraph(f"Hạn áp dụng (12 giờ kể từ khi nhận thông tin, Nghị định 56/2017/NĐ-CP Điều 26): "
                      f"{_moment(deadline.due_at)}.")
    for measure in measures:
        decided = f" (Quyết định số {measure.decision_number})" if measure.decision_number else ""
        doc.paragraph(f"{_moment(measure.at)} — {measure.get_kind_display()}{decided}: {w.clean(measure.note)}")
    return w.close(doc)


def _assessment(w: _Writer) -> OfficialDocument:
    """NĐ 56/2017 Mẫu 03 (Điều 27); TT 02/2020 Mẫu 02 (Điều 5): the detailed assessment, each need's level."""
    entry = w.file.last(Entry.Kind.ASSESSMENT)
    doc = w.form(date=_local(entry.at), title=TITLES[w.procedure]["assessment"][1], signer=entry.by)
    w.subjects(doc, f"I. {WHO[w.procedure].upper()} ĐƯỢC ĐÁNH GIÁ")
    doc.paragraph("II. NHU CẦU", bold=True, indent=False)
    doc.paragraph(f"Ngày đánh giá: {_day(entry.at)}. Mức độ nguy cơ: {w.case.get_risk_display()}.")
    doc.table(["Lĩnh vực", "Mức độ nhu cầu", "Ghi chú"],
              [[n.get_area_display(), n.get_level_display(), w.clean(n.note)] for n in entry.needs.all()],
              widths_mm=NEED_WIDTHS)
    w.text(doc, "Nhận định chung", entry.note)
    return w.close(doc)


def _plan(w: _Writer) -> OfficialDocument:
    """NĐ 56/2017 Mẫu 04 (Điều 28); TT 02/2020 Mẫu 03 (Điều 6): the latest plan, each activity with its dates,
    who is responsible, the provider and the budget."""
    plan = w.file.plans[-1]
    doc = w.form(date=_local(plan.drafted_at), title=f"{TITLES[w.procedure]['plan'][1]} đối với {w.who}",
                 signer=plan.drafted_by, recipients=["Chủ tịch Ủy ban nhân dân (để phê duyệt);"])
    w.subjects(doc, f"I. {WHO[w.procedure].upper()}")
    doc.paragraph("II. MỤC TIÊU", bold=True, indent=False)
    for line in w.clean(plan.goals).splitlines():
        if line.strip():
            doc.paragraph(line.strip())
    doc.paragraph("III. HOẠT ĐỘNG, DỊCH VỤ", bold=True, indent=False)
    w.items(doc, plan)
    doc.paragraph(f"Kế hoạch lần {plan.number}, xây dựng ngày {_day(plan.drafted_at)}; trạng thái: "
                  f"{plan.get_status_display().lower()}"
                  + (f" (Quyết định số {plan.decision_number} ngày {_day(plan.decided_at)})"
                     if plan.decision_number else "") + ".", italic=True)
    return w.close(doc)


def _approval(w: _Writer) -> OfficialDocument:
    """NĐ 56/2017 Mẫu 05 (Điều 28 k.1: approved within 2 working days); TT 02/2020 Mẫu 04 (Điều 7): the commune
    chairman's decision approving the plan."""
    plan, entry = w.file.approved()
    what = "hỗ trợ, can thiệp" if w.procedure == "child" else "trợ giúp"
    doc = w.decision(
        date=_local(entry.at), number=entry.decision_number or plan.decision_number,
        subject=f"Về việc phê duyệt kế hoạch {what} đối với {WHO[w.procedure]}",
        proposal=f"Xét đề nghị của người quản lý ca (hồ sơ ca số {w.case.code}).",
        recipients=["Như Điều 3;", "Cha, mẹ, người chăm sóc trẻ em;" if w.procedure == "child"
                    else "Đối tượng, gia đình, người giám hộ;"])
    person = w.main
    born = f", sinh ngày {person.birth_display}" if person and person.birth_display else ""
    total = _money(sum((i.budget for i in plan.items.all()), Decimal(0)))
    doc.article(f"Phê duyệt Kế hoạch {what} (lần {plan.number}, xây dựng ngày {_day(plan.drafted_at)}) đối với "
                f"{w.who}{born}, nơi cư trú {_residence(person) if person else '—'}, hồ sơ ca số {w.case.code}.",
                f"Mục tiêu: {w.clean(plan.goals)}", f"Tổng kinh phí: {total} đồng. Các hoạt động, dịch vụ:")
    w.items(doc, plan)
    doc.article("Giao người làm công tác bảo vệ trẻ em cấp xã (người quản lý ca) chủ trì, phối hợp với các cơ quan, "
                "tổ chức, cá nhân liên quan tổ chức thực hiện Kế hoạch; theo dõi, rà soát, đánh giá và báo cáo kết "
                "quả." if w.procedure == "child" else
                "Giao người quản lý đối tượng chủ trì, phối hợp với các cơ quan, tổ chức, cá nhân liên quan tổ chức "
                "thực hiện Kế hoạch; theo dõi, rà soát, đánh giá và báo cáo kết quả.")
    doc.article(f"Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Ủy ban nhân dân {in_sentence(w.commune)}, "
                "người quản lý ca, các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định "
                "này.")
    return doc


def _separation(w: _Writer) -> OfficialDocument:
    """NĐ 56/2017 Mẫu 07 (Điều 32): the commune chairman's decision to separate the child temporarily from the
    place or person causing harm, for at most 15 days (the dated parameter in force that day)."""
    entry = w.file.last(Entry.Kind.SEPARATION)
    start = _local(entry.at)
    in_force = terms(start, w.case.province_code)
    days, end = in_force.separation_days, rules.separation_due(start, in_force)
    doc = w.decision(
        date=start, number=entry.decision_number,
        subject="Về việc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại cho trẻ em",
        proposal=f"Xét đề nghị của người làm công tác bảo vệ trẻ em cấp xã (hồ sơ ca số {w.case.code}).",
        recipients=["Như Điều 3;", "Cha, mẹ, người chăm sóc trẻ em;", f"Công an {in_sentence(w.commune)};"])
    person = w.main
    born = f", sinh ngày {person.birth_display}" if person and person.birth_display else ""
    sex = f", giới tính {person.get_sex_display().lower()}" if person else ""
    doc.article(f"Tạm thời cách ly {w.who}{born}{sex}, nơi cư trú {_residence(person) if person else '—'}, khỏi "
                f"môi trường hoặc người gây tổn hại cho trẻ em, trong thời hạn {days} ngày, từ ngày {_day(start)} "
                f"đến hết ngày {_day(end)} (Nghị định 56/2017/NĐ-CP Điều 32).")
    doc.article(f"Biện pháp bảo vệ, nơi ở an toàn và chăm sóc thay thế: {w.clean(entry.note) or '—'}")
    doc.article(f"Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Ủy ban nhân dân {in_sentence(w.commune)}, "
                f"người làm công tác bảo vệ trẻ em cấp xã, Công an {in_sentence(w.commune)}, cha, mẹ, người chăm sóc "
                "trẻ em và các cơ quan, tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Quyết định này.")
    return doc


def _review(w: _Writer) -> OfficialDocument:
    """NĐ 56/2017 Mẫu 06 (Điều 30): review, reassessment and closing the case; TT 02/2020 Mẫu 05 (Điều 3 k.4):
    the progress of the plan. The services given, the reviews, and for a child the closure and its reason."""
    case, child = w.case, w.procedure == "child"
    kinds = [Entry.Kind.REVIEW, Entry.Kind.RETURNED]
    if child:
        kinds += [Entry.Kind.CLOSURE, Entry.Kind.REOPEN]
    entries = w.file.all(*kinds)
    if child and case.stage == rules.CLOSED:  # the closure in force is the conclusion below, on its own date
        entries.remove(w.file.last(Entry.Kind.CLOSURE))
    last = w.file.last(Entry.Kind.REVIEW, *([Entry.Kind.CLOSURE] if child else []))
    day = case.closed_on if child and case.stage == rules.CLOSED and case.closed_on else _local(last.at)
    doc = w.form(date=day, title=TITLES[w.procedure]["review"][1], signer=last.by)
    w.subjects(doc, f"I. {WHO[w.procedure].upper()}")
    approved = w.file.approved()
    doc.paragraph("II. KẾ HOẠCH ĐANG THỰC HIỆN", bold=True, indent=False)
    if approved:
        plan, entry = approved
        number = f" số {entry.decision_number or plan.decision_number}" if entry.decision_number or \
            plan.decision_number else ""
        doc.paragraph(f"Kế hoạch lần {plan.number}, phê duyệt ngày {_day(entry.at)} (Quyết định{number}). "
                      f"Mục tiêu: {w.clean(plan.goals)}")
    else:
        doc.paragraph("Chưa có kế hoạch được phê duyệt.")
    w.services(doc, "III. DỊCH VỤ ĐÃ CUNG CẤP")
    doc.paragraph("IV. THEO DÕI, RÀ SOÁT", bold=True, indent=False)
    w.timeline(doc, entries)
    if case.returned_on:
        doc.paragraph(f"Về gia đình, cộng đồng ngày {_day(case.returned_on)}; theo dõi ít nhất 6 tháng (Thông tư "
                      "02/2020/TT-BLĐTBXH Điều 10).")
    if child:
        doc.paragraph("V. KẾT LUẬN", bold=True, indent=False)
        if case.stage == rules.CLOSED:
            _closing(w, doc)
        else:
            doc.paragraph(f"Ca đang mở ({case.get_stage_display().lower()}).")
    return w.close(doc)


def _closing(w: _Writer, doc: OfficialDocument) -> None:
    case = w.case
    doc.paragraph(f"Đóng hồ sơ ca ngày {_day(case.closed_on)}.")
    doc.paragraph(f"Lý do đóng ca: {case.get_close_reason_display()}.")
    if case.close_note:
        w.text(doc, "Ghi chú", case.close_note)


def _closure(w: _Writer) -> OfficialDocument:
    """TT 02/2020 Mẫu 06 (Điều 8): the record of closing an adult's case, on one of its grounds."""
    case = w.case
    entry = w.file.last(Entry.Kind.CLOSURE)
    doc = w.form(date=case.closed_on or _local(entry.at), title=TITLES[w.procedure]["closure"][1],
                 signer=entry.by if entry else None)
    w.subjects(doc, "I. ĐỐI TƯỢNG")
    doc.paragraph("II. QUÁ TRÌNH QUẢN LÝ TRƯỜNG HỢP", bold=True, indent=False)
    doc.paragraph(f"Tiếp nhận ngày {_day(case.received_at)}; đóng ca ngày {_day(case.closed_on)}.")
    approved = w.file.approved()
    if approved:
        doc.paragraph(f"Kế hoạch trợ giúp lần {approved[0].number}, phê duyệt ngày {_day(approved[1].at)}. "
                      f"Mục tiêu: {w.clean(approved[0].goals)}")
    total = sum((s.cost for s in case.services.all()), Decimal(0))
    doc.paragraph(f"Số lần cung cấp dịch vụ: {case.services.count()}; tổng chi phí: {_money(total)} đồng.")
    if case.returned_on:
        doc.paragraph(f"Về gia đình, cộng đồng ngày {_day(case.returned_on)}.")
    doc.paragraph("III. KẾT THÚC", bold=True, indent=False)
    _closing(w, doc)
    return w.close(doc)


_BUILDERS: dict[str, Callable[[_Writer], OfficialDocument]] = {
    "report": _report, "initial": _initial, "assessment": _assessment, "plan": _plan, "approval": _approval,
    "review": _review, "closure": _closure, "separation": _separation,
}
