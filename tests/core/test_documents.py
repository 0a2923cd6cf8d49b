"""Official documents: the yearly number sequences of NĐ 30/2020 Điều 15, and the layout of its Phụ lục I
for decisions, reports, records, forms and letters."""

import datetime
import io

import pytest
from django.db import transaction
from django.db.transaction import TransactionManagementError
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from ansinh.core.dates import ReportingPeriod
from ansinh.core.documents import OfficialDocument, document_code, next_document_number

pytestmark = pytest.mark.django_db


def test_numbers_run_per_issuer_and_restart_each_year():
    with transaction.atomic():
        assert [next_document_number(issuer="31001", year=2026) for _ in range(3)] == [1, 2, 3]
        assert next_document_number(issuer="31002", year=2026) == 1  # another commune: its own sequence
        assert next_document_number(issuer="31001", year=2027) == 1  # from 01 on 1 January
        assert next_document_number(issuer="31001", year=2026) == 4
        assert next_document_number(issuer="31002", year=2026) == 2


def test_a_rolled_back_document_gives_its_number_back():
    with transaction.atomic():
        assert next_document_number(issuer="31001", year=2026) == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert next_document_number(issuer="31001", year=2026) == 2
        raise RuntimeError("the decision failed")
    with transaction.atomic():
        assert next_document_number(issuer="31001", year=2026) == 2


@pytest.mark.django_db(transaction=True)
def test_numbers_are_taken_inside_the_callers_transaction():
    with pytest.raises(TransactionManagementError):
        next_document_number(issuer="31001", year=2026)


def test_codes_of_the_kinds():
    assert document_code(7, kind="QUYẾT ĐỊNH") == "07/QĐ-UBND"
    assert document_code(12, kind="BÁO CÁO") == "12/BC-UBND"
    assert document_code(3, kind="KẾ HOẠCH") == "03/KH-UBND"
    assert document_code(4, kind="BIÊN BẢN") == "04/BB-UBND"  # Phụ lục III
    assert document_code(5, kind="CÔNG VĂN", body="UBND-VHXH") == "05/UBND-VHXH"
    with pytest.raises(ValueError):
        document_code(6, kind="PHIẾU")  # not a kind of Điều 7: not numbered


def _read(content: bytes) -> tuple[list[str], list[list[str]]]:
    """The document's own paragraphs, and each table's cells as text."""
    doc = Document(io.BytesIO(content))
    return [p.text for p in doc.paragraphs], [[c.text for c in t._cells] for t in doc.tables]


def test_a_decision_has_its_authority_bases_enacting_line_and_numbered_articles():
    doc = OfficialDocument(issuer="Ủy ban nhân dân xã Tân Hưng", number="07/QĐ-UBND", place="Tân Hưng",
                           date=datetime.date(2026, 3, 5), subject="Về việc trợ cấp xã hội hằng tháng",
                           authority="CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN HƯNG", bases=["Căn cứ A;", "Căn cứ B."],
                           recipients=["Như Điều 2;", "Lưu: VT."])
    doc.article("Một.", "Tiếp theo của Điều 1.").article("Hai.")
    paragraphs, (header, footer) = _read(doc.to_bytes())
    assert paragraphs == ["QUYẾT ĐỊNH", "Về việc trợ cấp xã hội hằng tháng", "CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ TÂN HƯNG",
                          "Căn cứ A;", "Căn cứ B.", "QUYẾT ĐỊNH:", "Điều 1. Một.", "Tiếp theo của Điều 1.",
                          "Điều 2. Hai."]
    assert "ỦY BAN NHÂN DÂN XÃ TÂN HƯNG" in header[0] and "Số: 07/QĐ-UBND" in header[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header[1] and "Độc lập - Tự do - Hạnh phúc" in header[1]
    assert "Tân Hưng, ngày 05 tháng 03 năm 2026" in header[1]
    assert footer[0].split("\n") == ["", "Nơi nhận:", "- Như Điều 2;", "- Lưu: VT."]
    assert footer[1].split("\n") == ["", "CHỦ TỊCH", "(Ký, ghi rõ họ tên)"]


def test_a_report_has_a_title_and_a_table_and_no_enacting_line():
    period = ReportingPeriod.parse("2026-H1")
    doc = OfficialDocument(issuer="Ủy ban nhân dân xã Tân Hưng", number=document_code(12, kind="BÁO CÁO"),
                           place="Tân Hưng", date=period.due(10), kind="BÁO CÁO",
                           subject=f"Kết quả thực hiện chính sách trợ giúp xã hội {period.label}",
                           signer_title="TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", signer_name="Nguyễn Văn An",
                           recipients=["Sở Y tế;"])
    doc.paragraph("I. KẾT QUẢ", bold=True, indent=False)
    doc.table(["STT", "Diện", "Số người"], [[1, "Người cao tuổi", 120], [2, "Người khuyết tật", None]],
              widths_mm=[15, 100, 30])
    paragraphs, (header, table, footer) = _read(doc.to_bytes())
    assert [p for p in paragraphs if p] == ["BÁO CÁO", "Kết quả thực hiện chính sách trợ giúp xã hội 6 tháng đầu "
                                            "năm 2026", "I. KẾT QUẢ"]
    assert "Số: 12/BC-UBND" in header[0] and "Tân Hưng, ngày 10 tháng 06 năm 2026" in header[1]
    assert table == ["STT", "Diện", "Số người", "1", "Người cao tuổi", "120", "2", "Người khuyết tật", ""]
    assert footer[1].split("\n") == ["", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An"]


def test_a_letter_carries_its_summary_under_the_number_and_its_addressees():
    doc = OfficialDocument(issuer="Ủy ban nhân dân xã Tân Hưng", parent="Ủy ban nhân dân tỉnh Cà Mau",
                           number=document_code(5, kind="CÔNG VĂN", body="UBND-VHXH"), place="Tân Hưng",
                           date=datetime.date(2026, 3, 9), kind="CÔNG VĂN", subject="đề nghị bổ sung kinh phí",
                           to=["Sở Y tế tỉnh Cà Mau"])
    doc.paragraph("Nội dung.")
    paragraphs, (header, _footer) = _read(doc.to_bytes())
    assert paragraphs == ["Kính gửi: Sở Y tế tỉnh Cà Mau", "Nội dung."]  # no title for a letter
    assert header[0].split("\n") == ["", "ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "ỦY BAN NHÂN DÂN XÃ TÂN HƯNG", "———",
                                     "Số: 05/UBND-VHXH", "V/v đề nghị bổ sung kinh phí"]


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        OfficialDocument(issuer="x", number="1", place="x", date=datetime.date(2026, 1, 1), kind="NGHỊ QUYẾT")


def _doc(**fields) -> OfficialDocument:
    return OfficialDocument(**{"issuer": "Ủy ban nhân dân xã Tân Hưng", "number": "07/QĐ-UBND", "place": "Tân Hưng",
                               "date": datetime.date(2026, 3, 5), "subject": "Về việc trợ cấp xã hội hằng tháng",
                               **fields})


def test_the_form_line_is_printed_first_at_the_right_when_given():
    doc = Document(io.BytesIO(_doc(form_line="Mẫu số 04 — Nghị định 56/2017/NĐ-CP").to_bytes()))
    first, second = list(doc.element.body.iterchildren())[:2]
    assert first.tag == qn("w:p") and second.tag == qn("w:tbl")  # above the header
    line = doc.paragraphs[0]
    assert line.text == "Mẫu số 04 — Nghị định 56/2017/NĐ-CP" and line.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    (run,) = line.runs
    assert run.bold and run.italic and run.font.size == Pt(12)


def test_without_a_form_line_the_header_comes_first():
    doc = Document(io.BytesIO(_doc().to_bytes()))
    assert next(doc.element.body.iterchildren()).tag == qn("w:tbl")
    assert doc.paragraphs[0].text == "QUYẾT ĐỊNH"


def test_the_header_has_fixed_columns_wide_enough_for_the_national_title():
    header = Document(io.BytesIO(_doc().to_bytes())).tables[0]
    assert [round(column.width.mm) for column in header.columns] == [65, 100]  # 165 mm between the margins
    assert [round(cell.width.mm) for cell in header.rows[0].cells] == [65, 100]
    assert header._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"


def test_the_signature_row_may_not_split_across_pages_nor_stand_alone_on_one():
    for kind in ("QUYẾT ĐỊNH", "BÁO CÁO", "CÔNG VĂN"):
        doc = Document(io.BytesIO(_doc(kind=kind).paragraph("Nội dung cuối.").to_bytes()))
        footer = doc.tables[-1]
        assert "Nơi nhận:" in footer.rows[0].cells[0].text, kind
        assert all(row._tr.trPr.find(qn("w:cantSplit")) is not None for row in footer.rows), kind
        last = doc.paragraphs[-1]
        assert last.text == "Nội dung cuối." and last.paragraph_format.keep_with_next, kind


def test_a_record_is_titled_and_numbered_as_a_bien_ban():
    paragraphs, (header, _footer) = _read(_doc(kind="BIÊN BẢN", number=document_code(4, kind="BIÊN BẢN"),
                                               subject="Kết thúc quản lý trường hợp").to_bytes())
    assert paragraphs[:2] == ["BIÊN BẢN", "Kết thúc quản lý trường hợp"]
    assert "Số: 04/BB-UBND" in header[0]


def test_a_phieu_has_its_title_and_no_number():
    paragraphs, (header, _footer) = _read(_doc(kind="PHIẾU", number="",
                                               subject="Tiếp nhận thông tin, thông báo, tố giác").to_bytes())
    assert paragraphs[:2] == ["PHIẾU", "Tiếp nhận thông tin, thông báo, tố giác"]
    assert header[0].split("\n") == ["", "ỦY BAN NHÂN DÂN XÃ TÂN HƯNG", "———"]  # no "Số" line
    with pytest.raises(ValueError):
        _doc(kind="PHIẾU", number="05/UBND")


def test_an_address_says_each_part_once():
    from ansinh.core.documents import address_line

    assert address_line("Số 5, Ấp 2", "Ấp 2", "Xã Tân Hưng") == "Số 5, Ấp 2, Xã Tân Hưng"  # not "Ấp 2, Ấp 2"
    assert address_line("", "ấp 2", "Xã Tân Hưng") == "ấp 2, Xã Tân Hưng"
    assert address_line("Số 5", "Ap 2", "") == "Số 5, Ap 2"
    assert address_line("Ấp Nội Ô", "Ấp Nội", "Xã A") == "Ấp Nội Ô, Xã A"  # a part inside another: once
