"""The printable forms of a case file: which are available after which step, what each says (NĐ 56/2017
Mẫu 01–07 for a child, TT 02/2020 Mẫu 01–06 for an adult), and the reporter named on the receiving form alone."""

import datetime
import io
from decimal import Decimal

import pytest
from docx import Document
from docx.oxml.ns import qn

from ansinh.casework import documents, services
from ansinh.casework.models import Case
from ansinh.core.documents import in_sentence, place_of
from tests.casework.conftest import at

pytestmark = pytest.mark.django_db

D = datetime.date
REPORTER, PHONE = "Nguyễn Thị Hàng", "0912345678"
NEEDS = {"health": (3, "Vết bầm ở tay"), "psychology": (2, "Sợ hãi"), "education": (0, "")}


def item(start, end=None, **kw):
    return {"service": "Tham vấn tâm lý", "start_date": start, "end_date": end or start, "responsible": "ctxh1",
            "provider": "Trung tâm CTXH tỉnh", "budget": Decimal(500_000), **kw}


def text(content: bytes) -> str:
    """Every paragraph and every table cell of the document, one a line."""
    doc = Document(io.BytesIO(content))
    lines = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            lines.extend(cell.text for cell in row.cells)
    return "\n".join(lines)


def slugs(case) -> list[str]:
    return [slug for slug, _label in documents.available(Case.objects.get(pk=case.pk))]


def form(case, slug) -> tuple[str, str]:
    name, content = documents.form_docx(Case.objects.get(pk=case.pk), slug)
    return name, text(content)


def run_child_to_closure(team, open_case) -> Case:
    """A child's case through every step: a separation on the first day, a plan approved by decision, a service,
    a review, closed with its goals met. The reporter's name slips into the initial assessment's note."""
    case = open_case(received_at=at(D(2026, 4, 20), 8), reporter_name=REPORTER, reporter_phone=PHONE)
    w = team["worker"]
    services.case_initial(user=w, case=case, at=at(D(2026, 4, 21)), risk="serious",
                          note=f"Bà {REPORTER} (hàng xóm) xác nhận trẻ bị đánh nhiều lần")
    services.case_emergency(user=w, case=case, at=at(D(2026, 4, 21), 10), separation=True,
                            note="Đưa trẻ đến nhà bà ngoại", decision_number="12/QĐ-UBND")
    services.case_assess(user=w, case=case, at=at(D(2026, 4, 21), 11), needs=NEEDS, note="Cần hỗ trợ tâm lý")
    services.case_plan(user=w, case=case, at=at(D(2026, 4, 21), 14), goals="Trẻ an toàn, ổn định tâm lý",
                       items=[item(D(2026, 4, 22), D(2026, 6, 30))])
    services.case_approve(user=team["supervisor"], case=case, at=at(D(2026, 4, 22)), decision_number="15/QĐ-UBND")
    services.case_service(user=w, case=case, kind="psychosocial", given_on=D(2026, 4, 25),
                          provider="Trung tâm CTXH tỉnh", cost=Decimal(250_000))
    services.case_review(user=w, case=case, at=at(D(2026, 5, 25)), replan=False, note="Trẻ ổn định, đi học lại")
    services.case_close(user=w, case=Case.objects.get(pk=case.pk), on=D(2026, 5, 26), reason="goals_met")
    return case


def test_the_forms_grow_with_the_steps(team, open_case):
    case = open_case(received_at=at(D(2026, 4, 20), 8))
    w = team["worker"]
    assert documents.available(case) == [("report", "Mẫu số 01 — Phiếu tiếp nhận thông tin, thông báo, tố giác")]
    services.case_initial(user=w, case=case, at=at(D(2026, 4, 21)), risk="high", note="Nguy cơ cao")
    assert slugs(case) == ["report", "initial"]
    services.case_assess(user=w, case=case, at=at(D(2026, 4, 21), 10), needs=NEEDS, note="")
    assert slugs(case) == ["report", "initial", "assessment"]
    services.case_plan(user=w, case=case, at=at(D(2026, 4, 21), 11), goals="An toàn", items=[item(D(2026, 4, 21))])
    assert slugs(case) == ["report", "initial", "assessment", "plan"]
    services.case_approve(user=team["supervisor"], case=case, at=at(D(2026, 4, 22)))
    assert slugs(case) == ["report", "initial", "assessment", "plan", "approval"]
    services.case_emergency(user=w, case=case, at=at(D(2026, 4, 23)), separation=True, note="Nhà bà ngoại",
                            decision_number="20/QĐ-UBND")
    assert slugs(case) == ["report", "initial", "assessment", "plan", "approval", "separation"]
    services.case_review(user=w, case=case, at=at(D(2026, 5, 25)), replan=False, note="Ổn định")
    labels = dict(documents.available(Case.objects.get(pk=case.pk)))
    assert list(labels) == ["report", "initial", "assessment", "plan", "approval", "review", "separation"]
    assert labels["plan"] == "Mẫu số 04 — Kế hoạch hỗ trợ, can thiệp"
    assert labels["approval"].startswith("Mẫu số 05 — Quyết định") and labels["separation"].startswith("Mẫu số 07")


def test_a_closure_alone_makes_the_review_form_of_a_child(team, open_case):
    case = open_case(received_at=at(D(2026, 4, 20), 8))
    services.case_close(user=team["worker"], case=case, on=D(2026, 4, 21), reason="moved")
    assert slugs(case) == ["report", "review"]
    name, body = form(case, "review")
    assert name == "mau-06-ra-soat-dong-ca-0001-2026.docx"
    assert "Lý do đóng ca: Chuyển đi nơi khác." in body and "21/04/2026" in body


def test_every_form_of_a_child_case_run_to_closure(team, open_case):
    case = run_child_to_closure(team, open_case)
    code = case.code
    forms = {slug: form(case, slug) for slug in slugs(case)}
    assert list(forms) == ["report", "initial", "assessment", "plan", "approval", "review", "separation"]
    for slug, (name, body) in forms.items():
        assert name.endswith("-0001-2026.docx") and name.startswith("mau-0"), slug
        assert "Lê Thị Bé" in body, slug
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in body and "Nghị định 56/2017/NĐ-CP" in body, slug
    for slug in ("report", "initial", "assessment", "plan", "review"):
        assert f"Số hồ sơ ca: {code}" in forms[slug][1], slug
    for slug in ("approval", "separation"):
        assert code in forms[slug][1], slug
    commune, place = case.commune.name, place_of(case.commune.name)
    assert place and not place.startswith(("Xã ", "Phường "))

    name, body = forms["report"]
    assert name == "mau-01-tiep-nhan-0001-2026.docx"
    assert "Mẫu số 01 — Nghị định 56/2017/NĐ-CP" in body and "Tổng đài 111" in body
    assert "Thời điểm tiếp nhận: 08:00 ngày 20/04/2026." in body and f"{place}, ngày 20 tháng 04 năm 2026" in body
    assert "Trẻ bị bạo hành" in body and "Nữ" in body and case.subjects.get().person.birth_display in body

    name, body = forms["initial"]
    assert name == "mau-02-danh-gia-ban-dau-0001-2026.docx"
    assert "xác nhận trẻ bị đánh nhiều lần" in body and "Nghiêm trọng" in body
    assert "Tạm thời cách ly (Quyết định số 12/QĐ-UBND): Đưa trẻ đến nhà bà ngoại" in body

    name, body = forms["assessment"]
    assert name == "mau-03-danh-gia-nhu-cau-0001-2026.docx"
    assert "Sức khỏe\nCao\nVết bầm ở tay" in body and "Tâm lý\nTrung bình\nSợ hãi" in body
    assert "Giáo dục, việc làm\nKhông" in body and "Nhận định chung: Cần hỗ trợ tâm lý" in body

    name, body = forms["plan"]
    assert name == "mau-04-ke-hoach-0001-2026.docx"
    assert "KẾ HOẠCH" in body and "Trẻ an toàn, ổn định tâm lý" in body
    assert "1\nTham vấn tâm lý\n22/04/2026\n30/06/2026\nctxh1\nTrung tâm CTXH tỉnh\n500.000" in body
    assert "Tổng cộng" in body and f"{place}, ngày 21 tháng 04 năm 2026" in body

    name, body = forms["approval"]
    assert name == "mau-05-phe-duyet-ke-hoach-0001-2026.docx"
    assert "Số: 15/QĐ-UBND" in body and f"ỦY BAN NHÂN DÂN {commune.upper()}" in body
    assert "QUYẾT ĐỊNH:" in body and "Điều 1. Phê duyệt Kế hoạch hỗ trợ, can thiệp" in body and "Điều 3." in body
    assert "Tham vấn tâm lý" in body and "500.000" in body and "CHỦ TỊCH" in body
    assert f"{place}, ngày 22 tháng 04 năm 2026" in body

    name, body = forms["separation"]
    assert name == "mau-07-tam-thoi-cach-ly-0001-2026.docx"
    assert "Số: 12/QĐ-UBND" in body and "Điều 32" in body
    assert "trong thời hạn 15 ngày, từ ngày 21/04/2026 đến hết ngày 05/05/2026" in body
    assert "Đưa trẻ đến nhà bà ngoại" in body

    name, body = forms["review"]
    assert name == "mau-06-ra-soat-dong-ca-0001-2026.docx"
    assert "Trẻ ổn định, đi học lại" in body and "Hỗ trợ tâm lý" in body and "250.000" in body
    assert "Quyết định số 15/QĐ-UBND" in body
    assert "Lý do đóng ca: Đạt mục tiêu, hết nguy cơ." in body and "Đóng hồ sơ ca ngày 26/05/2026." in body
    assert f"{place}, ngày 26 tháng 05 năm 2026" in body


def test_the_reporter_is_named_on_the_receiving_form_only(team, open_case):
    case = run_child_to_closure(team, open_case)
    for slug in slugs(case):
        _name, body = form(case, slug)
        if slug == "report":
            assert REPORTER in body and PHONE in body
        else:
            assert REPORTER not in body and PHONE not in body, slug
    assert "Bà [người báo tin] (hàng xóm) xác nhận" in form(case, "initial")[1]


def test_a_decision_not_yet_numbered_has_a_blank_number(team, open_case):
    case = open_case(received_at=at(D(2026, 4, 20), 8))
    w = team["worker"]
    services.case_initial(user=w, case=case, at=at(D(2026, 4, 21)), risk="high", note="Nguy cơ cao")
    services.case_assess(user=w, case=case, at=at(D(2026, 4, 21), 10), needs=NEEDS, note="")
    services.case_plan(user=w, case=case, at=at(D(2026, 4, 21), 11), goals="An toàn", items=[item(D(2026, 4, 21))])
    services.case_approve(user=team["supervisor"], case=case, at=at(D(2026, 4, 22)))
    assert "Số: ……/QĐ-UBND" in form(case, "approval")[1]


def test_an_adult_case_has_the_forms_of_circular_02(team, open_case):
    case = open_case(person=team["adult"], received_at=at(D(2026, 4, 20), 8), case_type="elderly",
                     reporter_name=REPORTER)
    w = team["worker"]
    assert case.procedure == "adult"
    services.case_initial(user=w, case=case, at=at(D(2026, 4, 21)), risk="medium", note="Sống một mình")
    services.case_assess(user=w, case=case, at=at(D(2026, 4, 21), 10), needs=NEEDS, note="Cần chăm sóc y tế")
    services.case_plan(user=w, case=case, at=at(D(2026, 4, 21), 11), goals="Được chăm sóc sức khỏe",
                       items=[item(D(2026, 4, 21), budget=Decimal(1_234_567))])
    services.case_approve(user=team["supervisor"], case=case, at=at(D(2026, 4, 22)), decision_number="30/QĐ-UBND")
    assert slugs(case) == ["report", "assessment", "plan", "approval"]
    services.case_review(user=w, case=case, at=at(D(2026, 5, 25)), replan=False, note="Sức khỏe ổn định")
    services.case_close(user=w, case=Case.objects.get(pk=case.pk), on=D(2026, 5, 26), reason="agreement")
    labels = documents.available(Case.objects.get(pk=case.pk))
    assert [label.split(" — ")[0] for _slug, label in labels] == [f"Mẫu số 0{n}" for n in range(1, 7)]
    assert [slug for slug, _label in labels] == ["report", "assessment", "plan", "approval", "review", "closure"]
    forms = {slug: form(case, slug) for slug, _label in labels}
    for slug, (_name, body) in forms.items():
        assert "Thông tư 02/2020/TT-BLĐTBXH" in body and "Trần Văn Lớn" in body, slug
        assert "Nghị định 56/2017" not in body, slug
    assert forms["plan"][0] == "mau-03-ke-hoach-0001-2026.docx" and "1.234.567" in forms["plan"][1]
    assert forms["approval"][0] == "mau-04-phe-duyet-ke-hoach-0001-2026.docx"
    assert "Số: 30/QĐ-UBND" in forms["approval"][1] and "Mẫu số 04 — Thông tư 02/2020" in forms["approval"][1]
    assert forms["review"][0] == "mau-05-theo-doi-tien-do-0001-2026.docx" and "Sức khỏe ổn định" in forms["review"][1]
    name, body = forms["closure"]
    assert name == "mau-06-ket-thuc-0001-2026.docx"
    assert "Lý do đóng ca: Hai bên thỏa thuận." in body and "đóng ca ngày 26/05/2026" in body
    assert REPORTER in forms["report"][1] and all(REPORTER not in b for s, (_n, b) in forms.items() if s != "report")
    with pytest.raises(KeyError):
        documents.form_docx(case, "initial")  # no such form in Circular 02
    with pytest.raises(KeyError):
        documents.form_docx(case, "separation")


def test_an_unknown_or_not_yet_available_form_raises_key_error(team, open_case):
    case = open_case(received_at=at(D(2026, 4, 20), 8))
    for slug in ("plan", "approval", "review", "separation", "initial", "closure", "nonsense", ""):
        with pytest.raises(KeyError):
            documents.form_docx(case, slug)
    name, content = documents.form_docx(case, "report")
    assert name == "mau-01-tiep-nhan-0001-2026.docx" and content.startswith(b"PK")


def heading(content: bytes) -> tuple[list[str], str]:
    """The form line, kind and summary (the first paragraphs), and the header's left column."""
    doc = Document(io.BytesIO(content))
    return [p.text for p in doc.paragraphs[:3]], doc.tables[0].rows[0].cells[0].text


def test_each_form_prints_its_kind_and_a_number_only_when_it_is_numbered(team, open_case):
    case = run_child_to_closure(team, open_case)
    expected = {
        "report": ("PHIẾU", "Tiếp nhận thông tin, thông báo, tố giác", None),
        "initial": ("PHIẾU", "Đánh giá ban đầu về nguy cơ, mức độ tổn hại của trẻ em", None),
        "assessment": ("PHIẾU", "Đánh giá chi tiết nguy cơ và nhu cầu của trẻ em", None),
        "plan": ("KẾ HOẠCH", "Hỗ trợ, can thiệp đối với trẻ em Lê Thị Bé", "Số: ……/KH-UBND"),
        "approval": ("QUYẾT ĐỊNH", "Về việc phê duyệt kế hoạch hỗ trợ, can thiệp đối với trẻ em", "Số: 15/QĐ-UBND"),
        "review": ("BÁO CÁO", "Rà soát, đánh giá lại và đóng hồ sơ trường hợp", "Số: ……/BC-UBND"),
        "separation": ("QUYẾT ĐỊNH", "Về việc tạm thời cách ly trẻ em khỏi môi trường hoặc người gây tổn hại cho "
                                     "trẻ em", "Số: 12/QĐ-UBND"),
    }
    assert slugs(case) == list(expected)
    for slug, (kind, summary, number) in expected.items():
        (form_line, title, subject), left = heading(documents.form_docx(Case.objects.get(pk=case.pk), slug)[1])
        assert form_line.endswith(" — Nghị định 56/2017/NĐ-CP") and (title, subject) == (kind, summary), slug
        assert (number in left.split("\n")) if number else "Số:" not in left, slug


def test_an_adults_closure_is_a_record(team, open_case):
    case = open_case(person=team["adult"], received_at=at(D(2026, 4, 20), 8), case_type="elderly")
    services.case_close(user=team["worker"], case=case, on=D(2026, 4, 21), reason="agreement")
    (form_line, title, subject), left = heading(documents.form_docx(Case.objects.get(pk=case.pk), "closure")[1])
    assert (form_line, title, subject) == ("Mẫu số 06 — Thông tư 02/2020/TT-BLĐTBXH", "BIÊN BẢN",
                                           "Kết thúc quản lý trường hợp")
    assert "Số: ……/BB-UBND" in left.split("\n")
    (_line, title, subject), left = heading(documents.form_docx(Case.objects.get(pk=case.pk), "report")[1])
    assert (title, subject) == ("PHIẾU", "Thu thập thông tin của đối tượng") and "Số:" not in left


def test_the_form_line_heads_the_page_and_the_signature_stays_on_one_page(team, open_case):
    case = open_case(received_at=at(D(2026, 4, 20), 8))
    doc = Document(io.BytesIO(documents.form_docx(case, "report")[1]))
    body = list(doc.element.body.iterchildren())
    assert body[0].tag.endswith("}p") and doc.paragraphs[0].text == "Mẫu số 01 — Nghị định 56/2017/NĐ-CP"
    assert body[1].tag.endswith("}tbl")  # then the header: issuer, number, national title, place and date
    signature = doc.tables[-1].rows[0]
    assert "Nơi nhận:" in signature.cells[0].text and signature._tr.trPr.find(qn("w:cantSplit")) is not None


@pytest.mark.parametrize("commune, place, sentence", [
    ("Xã Tân Hưng", "Tân Hưng", "xã Tân Hưng"),
    ("Phường Bạc Liêu", "Bạc Liêu", "phường Bạc Liêu"),
    ("Phường 1", "Phường 1", "phường 1"),
    ("Đặc khu Phú Quốc", "Phú Quốc", "đặc khu Phú Quốc"),
])
def test_the_place_of_a_communes_document_is_its_own_name(commune, place, sentence):
    assert place_of(commune) == place and in_sentence(commune) == sentence
