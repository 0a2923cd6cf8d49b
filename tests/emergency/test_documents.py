"""The chairman's decisions of emergency assistance as printed: the aid of a decision to the lines of the village
list, on the reviewed list or at once in an urgent case, and a funeral support, refused before it is decided."""

import datetime
import io

import pytest
from django.utils import timezone
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Mm

from ansinh.assistance.models import FuneralSupport
from ansinh.core.documents import in_sentence, place_of
from ansinh.emergency import documents, services
from ansinh.emergency.models import Affected, AidKind

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
# the village list of a flood (Mẫu 5a/5b), pasted by the `paste` of conftest
ROWS = [("Nguyễn Văn An", "", 1970, "Nam", "Ấp 1", "sập nhà", 4, "x", ""),
        ("Trần Thị Bé", "", 1980, "Nữ", "Ấp 2", "thiếu đói", 3, "", ""),
        ("Lê Văn Cư", "096060001234", 1960, "Nam", "Ấp 2", "chết", 1, "", "")]


def text(content: bytes) -> str:
    """Every paragraph and every table cell of the document, one a line."""
    doc = Document(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def aid_table(content: bytes) -> list[list[str]]:
    """The table of Điều 1: between the header and the signature."""
    doc = Document(io.BytesIO(content))
    assert len(doc.tables) == 3
    return [[cell.text for cell in row.cells] for row in doc.tables[1].rows]


@pytest.fixture
def village(users, communes, flood, paste):
    """The flood in commune c1: a poor household's house collapsed (cash), a hungry household of three (rice, and
    goods proposed by hand), a death (funeral support, no aid on the list)."""
    paste(*ROWS)
    assert services.aids_propose_minimums(user=users["xa1"], event=flood, commune=communes["c1"]) == 2
    hungry = Affected.objects.get(event=flood, person__full_name="Trần Thị Bé")
    services.aid_propose(user=users["xa1"], affected=hungry, kind=AidKind.GOODS, quantity=300_000,
                         goods="1 thùng mì, 10 lít nước")
    return flood


def decide(users, communes, event, **kw):
    return services.decision_make(user=users["xa1"], event=event, commune=communes["c1"],
                                  decided_on=timezone.localdate() - DAY, **kw)


def test_an_urgent_decision_lists_each_line_once_with_all_its_aid_and_the_totals(users, communes, village):
    decision = decide(users, communes, village, urgent=True, signer="Phạm Văn Chủ")
    content = documents.decision_docx(decision)
    body = text(content)
    commune = communes["c1"].name
    day = decision.decided_on
    assert decision.number == "01/QĐ-UBND" and "Số: 01/QĐ-UBND" in body
    assert f"ỦY BAN NHÂN DÂN {commune.upper()}" in body and f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.upper()}" in body
    assert f"{place_of(commune)}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}" in body
    assert "QUYẾT ĐỊNH\nVề việc trợ giúp xã hội khẩn cấp" in body and "QUYẾT ĐỊNH:" in body
    assert "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;" in body
    assert "Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021" in body
    assert (f"Xét tình hình khẩn cấp do {village.name}, cần trợ giúp ngay không qua bình xét (Điều 17 khoản 2 Nghị "
            "định số 20/2021/NĐ-CP);") in body
    assert "bình xét ngày" not in body
    assert (f"Điều 1. Trợ giúp xã hội khẩn cấp cho 1 hộ gia đình, cá nhân bị ảnh hưởng do {village.name} (lũ, lụt, "
            "ngập úng) có tên trong danh sách dưới đây, gồm 45 kg gạo và hiện vật trị giá 300.000 đồng:") in body
    assert "Điều 2. Giao công chức văn hóa - xã hội chủ trì, phối hợp với kế toán" in body
    assert "Điều 3. Quyết định này có hiệu lực kể từ ngày ký." in body
    assert "- Như Điều 3;" in body and "- Lưu: VT, VH-XH." in body
    assert "CHỦ TỊCH\nPhạm Văn Chủ" in body

    assert aid_table(content) == [
        ["STT", "Họ và tên", "Thôn/ấp", "Thiệt hại", "Số người", "Gạo (kg)", "Tiền (đồng)", "Hiện vật"],
        ["1", "Trần Thị Bé", "Ấp 2", "Thiếu đói", "3", "45", "", "1 thùng mì, 10 lít nước: 300.000 đ"],
        ["", "Tổng cộng", "", "", "3", "45", "", "300.000 đ"],
    ]
    assert "Lê Văn Cư" not in body  # a death is helped by the funeral decision
    # the house support waits for the reviewed decision (Điều 17 k.2 spares the review for Điều 12–14 only)
    assert "Nguyễn Văn An" not in body
    reviewed = decide(users, communes, village, reviewed_on=timezone.localdate() - DAY)
    assert aid_table(documents.decision_docx(reviewed))[1] == [
        "1", "Nguyễn Văn An", "Ấp 1", "Nhà bị đổ, sập, trôi, cháy hoàn toàn", "4", "", "40.000.000", ""]


def test_a_reviewed_decision_cites_the_review_and_only_its_own_aid(users, communes, village, paste):
    first = decide(users, communes, village, urgent=True)
    paste(("Võ Thị Dung", "", 1990, "Nữ", "Ấp 3", "thiếu đói", 5, "", ""), detected_on=timezone.localdate() - DAY)
    assert services.aids_propose_minimums(user=users["xa1"], event=village, commune=communes["c1"]) == 1
    reviewed_on = timezone.localdate() - DAY
    second = services.decision_make(user=users["xa1"], event=village, commune=communes["c1"], reviewed_on=reviewed_on,
                                    decided_on=timezone.localdate())
    content = documents.decision_docx(second)
    body = text(content)
    assert second.number == "02/QĐ-UBND" and "Số: 02/QĐ-UBND" in body
    assert "Nguyễn Văn An" in body  # the house support the urgent decision could not give
    assert (f"Căn cứ danh sách hộ gia đình, cá nhân cần trợ giúp xã hội khẩn cấp do {village.name} đã được bình xét "
            f"ngày {reviewed_on:%d/%m/%Y};") in body
    assert "Xét tình hình khẩn cấp" not in body
    assert "cho 2 hộ gia đình, cá nhân" in body and "gồm 75 kg gạo và 40.000.000 đồng tiền mặt:" in body
    assert aid_table(content)[1:] == [["1", "Nguyễn Văn An", "Ấp 1", "Nhà bị đổ, sập, trôi, cháy hoàn toàn", "4", "",
                                       "40.000.000", ""],
                                      ["2", "Võ Thị Dung", "Ấp 3", "Thiếu đói", "5", "75", "", ""],
                                      ["", "Tổng cộng", "", "", "9", "75", "40.000.000", ""]]
    assert "CHỦ TỊCH\n(Ký, ghi rõ họ tên)" in body  # no signer named
    assert "Võ Thị Dung" not in text(documents.decision_docx(first))


def test_the_aid_table_fits_between_the_margins(users, communes, village):
    doc = Document(io.BytesIO(documents.decision_docx(decide(users, communes, village, urgent=True))))
    section = doc.sections[0]
    between = section.page_width - section.left_margin - section.right_margin
    assert abs(between - Mm(165)) < Mm(0.1)
    table = doc.tables[1]
    grid = [int(col.get(qn("w:w"))) * 635 for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]  # twips → EMU
    assert len(grid) == len(documents.AID_COLUMNS) and sum(grid) <= between  # the grid LibreOffice lays out
    for row in table.rows:
        assert sum(cell.width for cell in row.cells) <= between  # the cells Word lays out
    assert sum(documents.AID_WIDTHS) == 165


def test_a_funeral_decision_names_who_died_who_buries_them_and_the_rate(users, communes, village):
    support = FuneralSupport.objects.get(person__full_name="Lê Văn Cư")
    decided_on = timezone.localdate()
    support = services.funeral_decide(user=users["xa1"], support=support, expected_version=support.version,
                                      decided_on=decided_on, recipient="Lê Thị Dung")
    body = text(documents.funeral_docx(support))
    commune = communes["c1"].name
    assert "Số: 01/QĐ-UBND" in body and f"ỦY BAN NHÂN DÂN {commune.upper()}" in body
    assert "QUYẾT ĐỊNH\nVề việc hỗ trợ chi phí mai táng" in body
    assert f"{place_of(commune)}, ngày {decided_on.day:02d} tháng {decided_on.month:02d}" in body
    assert "Nghị định số 147/2025/NĐ-CP" not in body  # a disaster's death was the commune's before 2025 too
    assert commune.startswith(("Xã ", "Phường "))  # written "xã …", "phường …" in a sentence
    assert (f"Điều 1. Hỗ trợ chi phí mai táng số tiền 25.000.000 đồng cho Lê Thị Dung, người đứng ra tổ chức mai táng "
            f"Lê Văn Cư, sinh năm 1960, số định danh cá nhân 096060001234, nơi cư trú Ấp 2, "
            f"{commune[0].lower()}{commune[1:]}, mất ngày {support.date_of_death:%d/%m/%Y}.") in body
    assert ("Trường hợp hỗ trợ: Chết, mất tích do thiên tai, hỏa hoạn, dịch bệnh, tai nạn. Mức hỗ trợ: 50 lần mức "
            "chuẩn trợ giúp xã hội (500.000 đồng) theo Điều 14 Nghị định số 20/2021/NĐ-CP.") in body
    assert "Điều 2. Giao công chức văn hóa - xã hội phối hợp với kế toán chi trả kịp thời" in body
    assert "kế toán và Lê Thị Dung chịu trách nhiệm thi hành Quyết định này." in body
    assert "- Như Điều 3;" in body and "CHỦ TỊCH" in body


def test_a_funeral_above_the_minimum_says_the_minimum(users, communes, village):
    support = FuneralSupport.objects.get(person__full_name="Lê Văn Cư")
    support = services.funeral_decide(user=users["xa1"], support=support, expected_version=support.version,
                                      decided_on=timezone.localdate(), recipient="Lê Thị Dung", amount=30_000_000)
    body = text(documents.funeral_docx(support))
    assert "số tiền 30.000.000 đồng cho Lê Thị Dung" in body
    assert ("Mức hỗ trợ: không thấp hơn mức 50 lần mức chuẩn trợ giúp xã hội (500.000 đồng), tức 25.000.000 đồng, "
            "theo Điều 14 Nghị định số 20/2021/NĐ-CP.") in body


def test_a_funeral_not_yet_decided_is_not_printed(village):
    support = FuneralSupport.objects.get(person__full_name="Lê Văn Cư")
    assert support.status == FuneralSupport.Status.PROPOSED and support.decision_number == ""
    with pytest.raises(ValueError, match="chưa có quyết định"):
        documents.funeral_docx(support)


@pytest.mark.parametrize("birth, born", [("05/03/1960", "sinh ngày 05/03/1960"), ("03/1960", "sinh tháng 03/1960"),
                                         ("1960", "sinh năm 1960"), ("", "chưa rõ ngày sinh")])
def test_a_birth_is_printed_as_far_as_it_is_known(birth, born):
    assert documents._born(birth) == born


@pytest.mark.parametrize("basis, cited", [("NĐ 20/2021/NĐ-CP Điều 14", "Điều 14 Nghị định số 20/2021/NĐ-CP"),
                                          ("NĐ 20/2021/NĐ-CP Điều 25 khoản 3",
                                           "Điều 25 khoản 3 Nghị định số 20/2021/NĐ-CP"),
                                          ("Quyết định 12/2026 của tỉnh", "Quyết định 12/2026 của tỉnh")])
def test_a_legal_basis_is_cited_as_a_decision_cites_it(basis, cited):
    assert documents._article_of(basis) == cited


@pytest.mark.parametrize("commune, place, sentence", [
    ("Xã Tân Hưng", "Tân Hưng", "xã Tân Hưng"),
    ("Phường Bạc Liêu", "Bạc Liêu", "phường Bạc Liêu"),
    ("Phường 1", "Phường 1", "phường 1"),
    ("Đặc khu Phú Quốc", "Phú Quốc", "đặc khu Phú Quốc"),
])
def test_the_place_of_a_communes_decision_is_its_own_name(commune, place, sentence):
    assert place_of(commune) == place and in_sentence(commune) == sentence
