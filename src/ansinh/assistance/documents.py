"""Official documents in the state format (NĐ 30/2020/NĐ-CP, Phụ lục I): the decision on the monthly
allowance, as DOCX. A4, Times New Roman 13–14 pt, left margin 30 mm; national title and motto; number and
code; place and date in italics; "Nơi nhận" at the bottom left."""

import io

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from ansinh.core.templatetags.ansinh import vnd

from . import rules

FONT = "Times New Roman"


def _para(container, text: str = "", *, size: float = 14, bold: bool = False, italic: bool = False,
          align=WD_ALIGN_PARAGRAPH.JUSTIFY, space_after: float = 6, indent: bool = False):
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(space_after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Mm(10)
    run = paragraph.add_run(text)
    run.font.name, run.font.size, run.bold, run.italic = FONT, Pt(size), bold, italic
    return paragraph


def decision_docx(application, *, place: str, payable_amount: int, signer_title: str = "CHỦ TỊCH") -> bytes:
    """Quyết định về việc trợ cấp xã hội hằng tháng for a decided application."""
    enrolment, person = application.enrolment, application.person
    commune = application.commune
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    style = doc.styles["Normal"]
    style.font.name, style.font.size = FONT, Pt(14)

    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    left.paragraphs[0].text = ""
    _para(left, f"ỦY BAN NHÂN DÂN {commune.name.upper()}", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
          space_after=0)
    _para(left, "———", size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    _para(left, f"Số: {application.decision_number}", size=13, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
          space_after=0)
    _para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(right, "———————————", size=13, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=4)
    day = application.decision_date
    _para(right, f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}", size=14, italic=True,
          align=WD_ALIGN_PARAGRAPH.CENTER)

    _para(doc, "QUYẾT ĐỊNH", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=0)
    _para(doc, "Về việc trợ cấp xã hội hằng tháng", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    _para(doc, f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for basis in (
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
        "Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ quy định chính sách trợ giúp "
        "xã hội đối với đối tượng bảo trợ xã hội;",
        "Căn cứ Nghị định số 147/2025/NĐ-CP ngày 12 tháng 6 năm 2025 của Chính phủ quy định về phân định thẩm "
        "quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Y tế;",
        f"Xét hồ sơ đề nghị của {person.full_name} tiếp nhận ngày {application.received_on:%d/%m/%Y}.",
    ):
        _para(doc, basis, italic=True, indent=True)
    _para(doc, "QUYẾT ĐỊNH:", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    birth = person.birth_display or "—"
    address = ", ".join(x for x in (person.address, person.hamlet, commune.name) if x)
    labels = "; ".join(f"{c} — {rules.CATEGORIES[c][0]}" for c in enrolment.paid_categories)
    _para(doc, f"Điều 1. Trợ cấp xã hội hằng tháng đối với {person.full_name}, sinh ngày {birth}, số định danh "
               f"cá nhân {person.citizen_id or '—'}, nơi cư trú {address}.", indent=True)
    _para(doc, f"Diện đối tượng: {labels}. Hệ số: {rules.format_coefficient(enrolment.coefficient).replace('.', ',')}. "
               f"Mức trợ cấp: {vnd(payable_amount)}/tháng. Thời điểm hưởng: từ tháng "
               f"{enrolment.start_month:%m/%Y}. Được cấp thẻ bảo hiểm y tế theo quy định.", indent=True)
    _para(doc, "Điều 2. Giao công chức văn hóa - xã hội tổ chức chi trả trợ cấp theo quy định.", indent=True)
    _para(doc, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Ủy ban nhân dân, công chức văn hóa - "
               f"xã hội và {person.full_name} chịu trách nhiệm thi hành Quyết định này.", indent=True)

    footer = doc.add_table(rows=1, cols=2)
    recipients, signature = footer.rows[0].cells
    recipients.paragraphs[0].text = ""
    _para(recipients, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    for line in ("- Như Điều 3;", "- Lưu: VT, VH-XH."):
        _para(recipients, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT, space_after=0)
    signature.paragraphs[0].text = ""
    _para(signature, signer_title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=60)
    _para(signature, "(Ký, ghi rõ họ tên)", size=13, italic=True, align=WD_ALIGN_PARAGRAPH.CENTER)

    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()
