"""Official documents (văn bản hành chính) in the state format of NĐ 30/2020/NĐ-CP: their numbers, and
the layout of Phụ lục I as a builder that decisions, reports, plans and letters fill in.

A4, Times New Roman 13–14 pt, left margin 30 mm; the issuing body and the number at the top left, the
national title, motto and the place and date (in italics) at the top right; the kind and summary
(trích yếu) centred, or under the number as "V/v …" for a letter; "Nơi nhận" at the bottom left and the
signature at the bottom right. A form of an annex ("Mẫu số 04 — Nghị định 56/2017/NĐ-CP") has that line
above it all, at the right. Points of Phụ lục I not verified against its text are marked in
`LEGAL_FACTS.md` §9.2.
"""

import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db import transaction
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Mm, Pt

from .models import DocumentNumber

FONT = "Times New Roman"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# the header's columns in mm, within the 165 mm between the margins: 100 keeps the national title (12 pt
# bold, 88 mm in Times New Roman) on one line; 65 still takes a commune committee's name ("ỦY BAN NHÂN DÂN XÃ
# TÂN HƯNG", 13 pt bold) on two
HEADER_WIDTHS = (65, 100)


def next_document_number(*, issuer: str, year: int) -> int:
    """The next number in `issuer`'s sequence for `year`, from 1 on 1 January (NĐ 30/2020 Điều 15).

    Call it inside the transaction that issues the document: the counter row stays locked until it
    commits, so two documents never get the same number, and a rollback gives the number back."""
    if not transaction.get_connection().in_atomic_block:  # SQLite would not say so itself
        raise transaction.TransactionManagementError("A document number is taken inside the issuing transaction.")
    counter, _created = DocumentNumber.objects.select_for_update().get_or_create(issuer=issuer, year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return counter.last


@dataclass(frozen=True)
class Kind:
    """A kind of document (tên loại văn bản) as printed, with its abbreviation in the code (Phụ lục III).

    A `BIÊN BẢN` ("BB") records what happened, signed by who was there. A `PHIẾU` is a form filled in for a
    file (phiếu tiếp nhận, phiếu đánh giá), not one of the kinds of NĐ 30/2020 Điều 7: Phụ lục III abbreviates
    only the transmittal slips (phiếu gửi PG, phiếu chuyển PC, phiếu báo PB). So a phiếu is not numbered, and
    its header has no "Số" line: an abbreviation of our own would be a code the law does not know, and the
    issuing body's code alone ("12/UBND") is a letter's, taken from the letters' yearly sequence. The file it
    belongs to identifies it (a case's number, printed in its body)."""

    title: str
    abbreviation: str  # empty for a letter (công văn), whose code is the issuing body's alone
    enacting: str = ""  # the line between the legal bases and the articles of a decision
    letter: bool = False  # no title: the summary sits under the number as "V/v …"
    numbered: bool = True  # False: outside the issuer's yearly sequence, so no code and no "Số" line


KINDS = {kind.title: kind for kind in (
    Kind("QUYẾT ĐỊNH", "QĐ", enacting="QUYẾT ĐỊNH:"),
    Kind("BÁO CÁO", "BC"),
    Kind("KẾ HOẠCH", "KH"),
    Kind("TỜ TRÌNH", "TTr"),
    Kind("THÔNG BÁO", "TB"),
    Kind("BIÊN BẢN", "BB"),
    Kind("CÔNG VĂN", "", letter=True),
    Kind("PHIẾU", "", numbered=False),
)}


def document_code(number: int, *, kind: str, body: str = "UBND") -> str:
    """Số, ký hiệu: "07/QĐ-UBND" for a commune People's Committee's decision, "04/BB-UBND" for its record,
    "12/UBND" for its letter; a number under 10 has a leading 0. A kind that is not numbered has no code."""
    if not KINDS[kind].numbered:
        raise ValueError(f"a {kind} is not numbered")
    abbreviation = KINDS[kind].abbreviation
    return f"{number:02d}/{abbreviation}-{body}" if abbreviation else f"{number:02d}/{body}"


UNIT_WORDS = ("Xã ", "Phường ", "Thị trấn ", "Đặc khu ", "Tỉnh ", "Thành phố ")


def place_of(commune: str) -> str:
    """The place of a commune's document is the commune's own name, "Tân Hưng" for "Xã Tân Hưng", a numbered one
    keeping its word ("Phường 1") (NĐ 30/2020/NĐ-CP Phụ lục I)."""
    for word in UNIT_WORDS:
        if commune.startswith(word) and not commune[len(word):][:1].isdigit():
            return commune[len(word):]
    return commune


def address_line(*parts: str) -> str:
    """Where someone lives, as a document prints it: the parts joined by commas, the empty ones and those the
    earlier ones already say left out ("Số 5, Ấp 2" then "Ấp 2": once)."""
    from .text import fold

    kept: list[str] = []
    for part in (p.strip() for p in parts if p and p.strip()):
        if not any(fold(part) in fold(earlier) for earlier in kept):
            kept.append(part)
    return ", ".join(kept)


def in_sentence(commune: str) -> str:
    """"phường Bạc Liêu" inside a sentence (NĐ 30/2020/NĐ-CP Phụ lục II)."""
    for word in UNIT_WORDS:
        if commune.startswith(word):
            return word.lower() + commune[len(word):]
    return commune


def _para(container, text: str = "", *, size: float = 14, bold: bool = False, italic: bool = False,
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after: float = 6, indent: bool = False, paragraph=None):
    """A paragraph of one run added to `container` (or written into `paragraph`, a cell's first one)."""
    paragraph = paragraph if paragraph is not None else container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    return paragraph


@dataclass
class OfficialDocument:
    """One document: fill it in, add its content in order, then `to_bytes()` gives the DOCX.

    `issuer` is the issuing body ("ỦY BAN NHÂN DÂN XÃ TÂN HƯNG"), under its `parent` body when there is
    one; `number` the full "Số" ("07/QĐ-UBND", see `document_code`; empty for a kind that is not numbered);
    `kind` one of `KINDS`; `subject` the summary ("Về việc …" for a decision; the report's or plan's title;
    what a letter is about, printed "V/v …"). A decision names the `authority` that decides and its legal
    `bases`; a letter its addressees (`to`, "Kính gửi"). `recipients` are listed under "Nơi nhận". A form of
    an annex gives its `form_line` ("Mẫu số 04 — Nghị định 56/2017/NĐ-CP"), printed above the header."""

    issuer: str
    number: str
    place: str
    date: datetime.date
    kind: str = "QUYẾT ĐỊNH"
    subject: str = ""
    authority: str = ""
    bases: Sequence[str] = ()
    signer_title: str = "CHỦ TỊCH"
    signer_name: str = ""
    recipients: Sequence[str] = ()
    parent: str = ""
    to: Sequence[str] = ()
    form_line: str = ""
    _body: list = field(default_factory=list, init=False, repr=False)
    _articles: int = field(default=0, init=False, repr=False)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind of document: {self.kind!r}")
        if self.number and not KINDS[self.kind].numbered:
            raise ValueError(f"a {self.kind} is not numbered: {self.number!r}")

    # --- content, in order ---------------------------------------------------------------------------

    def article(self, text: str, *paragraphs: str) -> "OfficialDocument":
        """"Điều 1. …", numbered in order; further `paragraphs` belong to the same article."""
        self._articles += 1
        self._body.append(("paragraph", f"Điều {self._articles}. {text}", {"indent": True}))
        for more in paragraphs:
            self._body.append(("paragraph", more, {"indent": True}))
        return self

    def paragraph(self, text: str, *, bold: bool = False, italic: bool = False, indent: bool = True,
                  center: bool = False) -> "OfficialDocument":
        options = {"bold": bold, "italic": italic, "indent": indent and not center}
        if center:
            options["align"] = WD_ALIGN_PARAGRAPH.CENTER
        self._body.append(("paragraph", text, options))
        return self

    def table(self, columns: Sequence[str], rows: Iterable[Sequence], *, widths_mm: Sequence[float] = ()
              ) -> "OfficialDocument":
        """A ruled table: the column headings in bold, then one line per row (values printed as given)."""
        self._body.append(("table", (list(columns), [list(row) for row in rows], list(widths_mm)), {}))
        return self

    # --- layout --------------------------------------------------------------------------------------

    def to_bytes(self) -> bytes:
        doc = Document()
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        style = doc.styles["Normal"]
        style.font.name, style.font.size = FONT, Pt(14)
        kind = KINDS[self.kind]
        if self.form_line:  # as the annexes print it: the first line, at the right
            _para(doc, self.form_line, size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.RIGHT,
                  space_after=4)
        self._header(doc, kind)
        if not kind.letter:
            _para(doc, kind.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
            if self.subject:
                _para(doc, self.subject, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        if self.to:
            self._addressees(doc)
        if self.authority:
            _para(doc, self.authority, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for basis in self.bases:
            _para(doc, basis, italic=True, indent=True)
        if kind.enacting:
            _para(doc, kind.enacting, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        for what, content, options in self._body:
            if what == "table":
                self._table(doc, *content)
            else:
                _para(doc, content, **options)
        self._footer(doc)
        buffer = io.BytesIO()
        doc.save(buffer)
        return buffer.getvalue()

    def to_html(self) -> str:
        """The same document as HTML, to read it in the browser before downloading it: the header's two columns,
        the title, the body in order, "Nơi nhận" and the signature (styled by `.official-document` in the page's
        stylesheet). Every text is escaped."""
        from django.utils.html import escape

        kind = KINDS[self.kind]

        def p(text: str, css: str = "") -> str:
            return f'<p class="{css}">{escape(text)}</p>' if css else f"<p>{escape(text)}</p>"

        left = [p(self.parent.upper(), "doc-center")] if self.parent else []
        left += [p(self.issuer.upper(), "doc-center doc-bold"), p("———", "doc-center")]
        if kind.numbered:
            left.append(p(f"Số: {self.number}", "doc-center"))
        if kind.letter and self.subject:
            left.append(p(f"V/v {self.subject}", "doc-center doc-small"))
        day = self.date
        right = [p(NATIONAL_TITLE, "doc-center doc-bold doc-small"), p(MOTTO, "doc-center doc-bold"),
                 p("———————————", "doc-center"),
                 p(f"{self.place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", "doc-center doc-italic")]
        parts = [p(self.form_line, "doc-right doc-bold doc-italic")] if self.form_line else []
        parts.append(f'<div class="doc-header"><div>{"".join(left)}</div><div>{"".join(right)}</div></div>')
        if not kind.letter:
            parts.append(p(kind.title, "doc-center doc-bold doc-title"))
            if self.subject:
                parts.append(p(self.subject, "doc-center doc-bold"))
        if self.to:
            parts.append(p("Kính gửi: " + "; ".join(self.to), "doc-center"))
        if self.authority:
            parts.append(p(self.authority, "doc-center doc-bold"))
        parts += [p(basis, "doc-italic doc-indent") for basis in self.bases]
        if kind.enacting:
            parts.append(p(kind.enacting, "doc-center doc-bold"))
        for what, content, options in self._body:
            if what == "table":
                columns, rows, _widths = content
                head = "".join(f'<th scope="col">{escape(c)}</th>' for c in columns)
                body = "".join("<tr>" + "".join(f"<td>{escape('' if v is None else v)}</td>" for v in row) + "</tr>"
                               for row in rows)
                parts.append(f'<div class="table-responsive"><table class="doc-table"><thead><tr>{head}</tr></thead>'
                             f"<tbody>{body}</tbody></table></div>")
            else:
                css = " ".join(name for name, on in (("doc-bold", options.get("bold")),
                                                      ("doc-italic", options.get("italic")),
                                                      ("doc-indent", options.get("indent")),
                                                      ("doc-center", "align" in options)) if on)
                parts.append(p(content, css))
        recipients = "".join(p(f"- {line}", "doc-small") for line in self.recipients)
        signer = p(self.signer_name, "doc-center doc-bold") if self.signer_name else p("(Ký, ghi rõ họ tên)",
                                                                                       "doc-center doc-italic")
        parts.append(f'<div class="doc-footer"><div>{p("Nơi nhận:", "doc-bold doc-italic doc-small")}{recipients}'
                     f'</div><div>{p(self.signer_title, "doc-center doc-bold doc-sign")}{signer}</div></div>')
        return f'<article class="official-document">{"".join(parts)}</article>'

    def _header(self, doc, kind: Kind) -> None:
        """Two columns of fixed widths (`HEADER_WIDTHS`): sized by the layout, the national title wraps."""
        header = doc.add_table(rows=1, cols=2)
        header.alignment = WD_TABLE_ALIGNMENT.CENTER
        header.autofit = False
        for column, cell, width in zip(header.columns, header.rows[0].cells, HEADER_WIDTHS, strict=True):
            column.width = cell.width = Mm(width)  # the grid for LibreOffice, the cell for Word
        left, right = header.rows[0].cells
        left.paragraphs[0].text = ""
        if self.parent:
            _para(left, self.parent.upper(), size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
        _para(left, self.issuer.upper(), size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
        _para(left, "———", size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
        if kind.numbered:
            _para(left, f"Số: {self.number}", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
        if kind.letter and self.subject:
            _para(left, f"V/v {self.subject}", size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
        _para(right, NATIONAL_TITLE, size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
        _para(right, MOTTO, size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
        _para(right, "———————————", size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
        day = self.date
        _para(right, f"{self.place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", size=14,
              italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    def _addressees(self, doc) -> None:
        if len(self.to) == 1:
            _para(doc, f"Kính gửi: {self.to[0]}", align=WD_ALIGN_PARAGRAPH.CENTER)
            return
        _para(doc, "Kính gửi:", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
        for name in self.to:
            _para(doc, f"- {name};", align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
        _para(doc, "", space_after=0)

    def _table(self, doc, columns: list[str], rows: list[list], widths_mm: list[float]) -> None:
        table = doc.add_table(rows=1 + len(rows), cols=len(columns))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        if widths_mm:
            table.autofit = False
            for column, width in zip(table.columns, widths_mm, strict=True):
                column.width = Mm(width)
        for r, values in enumerate([columns, *rows]):
            # the headings repeat at the top of each page; no row is split across two
            properties = table.rows[r]._tr.get_or_add_trPr()
            properties.append(OxmlElement("w:cantSplit"))
            if r == 0:
                properties.append(OxmlElement("w:tblHeader"))
            for c, value in enumerate(values):
                cell = table.rows[r].cells[c]
                _para(cell, "" if value is None else str(value), size=13, bold=r == 0, space_after=0,
                      align=WD_ALIGN_PARAGRAPH.CENTER if r == 0 else WD_ALIGN_PARAGRAPH.LEFT,
                      paragraph=cell.paragraphs[0])
                if widths_mm:
                    cell.width = Mm(widths_mm[c])
        _para(doc, "", space_after=0)

    def _footer(self, doc) -> None:
        """"Nơi nhận" and the signature on one row that may not split, so that the signer's title never stands
        at the foot of one page and the name on the next; and kept with the last line of the text, so that a
        page never holds the signature alone."""
        if doc.paragraphs:
            doc.paragraphs[-1].paragraph_format.keep_with_next = True
        row = doc.add_table(rows=1, cols=2).rows[0]
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
        recipients, signature = row.cells
        recipients.paragraphs[0].text = ""
        _para(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
        for line in self.recipients:
            _para(recipients, f"- {line}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
        signature.paragraphs[0].text = ""
        _para(signature, self.signer_title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=60)
        if self.signer_name:
            _para(signature, self.signer_name, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        else:
            _para(signature, "(Ký, ghi rõ họ tên)", size=13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)
