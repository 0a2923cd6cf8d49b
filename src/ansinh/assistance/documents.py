"""The decision on the monthly allowance (quyết định trợ cấp xã hội hằng tháng) as an official document
(`core.documents.OfficialDocument`, NĐ 30/2020/NĐ-CP)."""

from ansinh.core.documents import OfficialDocument, address_line
from ansinh.core.templatetags.ansinh import vnd

from . import rules

BASES = (
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
    "Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ quy định chính sách trợ giúp "
    "xã hội đối với đối tượng bảo trợ xã hội;",
    "Căn cứ Nghị định số 147/2025/NĐ-CP ngày 12 tháng 6 năm 2025 của Chính phủ quy định về phân định thẩm "
    "quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Y tế;",
)


def decision_docx(application, *, place: str, payable_amount: int, signer_title: str = "CHỦ TỊCH") -> bytes:
    """Quyết định về việc trợ cấp xã hội hằng tháng for a decided application."""
    enrolment, person = application.enrolment, application.person
    commune = application.commune
    doc = OfficialDocument(
        issuer=f"ỦY BAN NHÂN DÂN {commune.name}", number=application.decision_number, place=place,
        date=application.decision_date, kind="QUYẾT ĐỊNH", subject="Về việc trợ cấp xã hội hằng tháng",
        authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
        bases=[*BASES, f"Xét hồ sơ đề nghị của {person.full_name} tiếp nhận ngày {application.received_on:%d/%m/%Y}."],
        signer_title=signer_title, recipients=["Như Điều 3;", "Lưu: VT, VH-XH."],
    )
    birth = person.birth_display or "—"
    address = address_line(person.address, person.hamlet, commune.name)
    labels = "; ".join(f"{c} — {rules.CATEGORIES[c][0]}" for c in enrolment.paid_categories)
    doc.article(
        f"Trợ cấp xã hội hằng tháng đối với {person.full_name}, sinh ngày {birth}, số định danh cá nhân "
        f"{person.citizen_id or '—'}, nơi cư trú {address}.",
        f"Diện đối tượng: {labels}. Hệ số: {rules.format_coefficient(enrolment.coefficient).replace('.', ',')}. "
        f"Mức trợ cấp: {vnd(payable_amount)}/tháng. Thời điểm hưởng: từ tháng {enrolment.start_month:%m/%Y}. "
        "Được cấp thẻ bảo hiểm y tế theo quy định.",
    )
    doc.article("Giao công chức văn hóa - xã hội tổ chức chi trả trợ cấp theo quy định.")
    doc.article("Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Ủy ban nhân dân, công chức văn hóa - xã hội "
                f"và {person.full_name} chịu trách nhiệm thi hành Quyết định này.")
    return doc.to_bytes()
