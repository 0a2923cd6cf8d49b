"""The commune chairman's decisions of emergency assistance as official documents (`core.documents`, NĐ 30/2020):
the aid of a decision to the lines of the village list (NĐ 20/2021 Điều 12–17), and a funeral support."""

import datetime
from collections import defaultdict
from decimal import Decimal

from ansinh.assistance.models import FuneralSupport
from ansinh.core.documents import OfficialDocument, address_line, in_sentence, place_of
from ansinh.core.templatetags.ansinh import normalize, number, vnd

from .models import AidKind, Decision

LOCAL_GOVERNMENT = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"
DECREE_20 = ("Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ quy định chính sách trợ giúp "
             "xã hội đối với đối tượng bảo trợ xã hội;")
# the funeral of a beneficiary of the monthly allowance (Điều 11) was the district chairman's until 01/7/2025;
# the commune chairman decides it since (LEGAL_FACTS.md §7)
DECREE_147 = ("Căn cứ Nghị định số 147/2025/NĐ-CP ngày 12 tháng 6 năm 2025 của Chính phủ quy định về phân định thẩm "
              "quyền của chính quyền địa phương 02 cấp trong lĩnh vực quản lý nhà nước của Bộ Y tế;")
PROPOSAL = "Theo đề nghị của công chức văn hóa - xã hội."
RECIPIENTS = ("Như Điều 3;", "Lưu: VT, VH-XH.")

AID_COLUMNS = ("STT", "Họ và tên", "Thôn/ấp", "Thiệt hại", "Số người", "Gạo (kg)", "Tiền (đồng)", "Hiện vật")
# in mm, 165 in all (A4 less the margins of 30 and 15). At 13 pt with the cells' margins, as LibreOffice lays them
# out: "STT" in bold takes 13, "người" in bold 16, 99.999 kg of rice 17, 9.999.999.999 đồng 31, goods worth
# 99.999.999 đ 25; a longer number would break inside
AID_WIDTHS = (13, 25, 17, 21, 16, 17, 31, 25)







def _chairman(commune, *, number: str, date: datetime.date, subject: str, bases: list[str],
              signer: str = "") -> OfficialDocument:
    """A decision of the commune chairman; the caller adds its articles."""
    return OfficialDocument(
        issuer=f"ỦY BAN NHÂN DÂN {commune.name}", number=number, place=place_of(commune.name), date=date,
        kind="QUYẾT ĐỊNH", subject=subject, authority=f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune.name.upper()}",
        bases=bases, signer_title="CHỦ TỊCH", signer_name=signer, recipients=RECIPIENTS)


# --- the decision on emergency aid ----------------------------------------------------------------------------


def _aid_rows(decision: Decision) -> tuple[list[list[str]], dict[str, int]]:
    """One row per line of the village list the decision helps, all its aids on it; and the totals."""
    aids = (decision.aids.select_related("affected__person")
            .order_by("affected__hamlet", "affected__person__full_name", "affected_id", "kind"))
    lines: dict[int, list] = defaultdict(list)
    for aid in aids:
        lines[aid.affected_id].append(aid)
    rows, totals = [], {"people": 0, "rice": 0, "cash": 0, "goods": 0}
    for n, line_aids in enumerate(lines.values(), start=1):
        line = line_aids[0].affected
        rice = sum(a.quantity for a in line_aids if a.kind == AidKind.RICE)
        cash = sum(a.quantity for a in line_aids if a.kind == AidKind.CASH)
        things = []
        for aid in line_aids:
            if aid.kind == AidKind.GOODS:  # its quantity is its value in đồng
                things.append(f"{aid.goods}: {vnd(aid.quantity)}")
                totals["goods"] += aid.quantity
            elif aid.kind == AidKind.CARE:
                things.append(f"{aid.get_kind_display()}{': ' + aid.goods if aid.goods else ''}")
        totals["people"] += line.people
        totals["rice"] += rice
        totals["cash"] += cash
        rows.append([str(n), line.person.full_name, line.hamlet, line.get_damage_display(), str(line.people),
                     number(rice) if rice else "", number(cash) if cash else "", "; ".join(things)])
    return rows, totals


def _what(totals: dict[str, int]) -> str:
    """", gồm 45 kg gạo, 40.000.000 đồng tiền mặt và hiện vật trị giá 300.000 đồng", or nothing to sum."""
    parts = []
    if totals["rice"]:
        parts.append(f"{number(totals['rice'])} kg gạo")
    if totals["cash"]:
        parts.append(f"{number(totals['cash'])} đồng tiền mặt")
    if totals["goods"]:
        parts.append(f"hiện vật trị giá {number(totals['goods'])} đồng")
    if not parts:
        return ""
    return ", gồm " + (f"{', '.join(parts[:-1])} và {parts[-1]}" if len(parts) > 1 else parts[0])


def decision_docx(decision: Decision) -> bytes:
    """Quyết định về việc trợ giúp xã hội khẩn cấp: the aids of `decision`, one row per line of the village list,
    taken on the reviewed list (Điều 12 khoản 3) or at once in an urgent case (Điều 17 khoản 2)."""
    event, commune = decision.event, decision.commune
    if decision.urgent:
        considering = (f"Xét tình hình khẩn cấp do {event.name}, cần trợ giúp ngay không qua bình xét (Điều 17 khoản 2 "
                       "Nghị định số 20/2021/NĐ-CP);")
    elif decision.reviewed_on:
        considering = ("Căn cứ danh sách hộ gia đình, cá nhân cần trợ giúp xã hội khẩn cấp do "
                       f"{event.name} đã được bình xét ngày {decision.reviewed_on:%d/%m/%Y};")
    else:
        considering = ""
    doc = _chairman(commune, number=decision.number, date=decision.decided_on,
                    subject="Về việc trợ giúp xã hội khẩn cấp", signer=decision.signer,
                    bases=[LOCAL_GOVERNMENT, DECREE_20, *([considering] if considering else []), PROPOSAL])
    rows, totals = _aid_rows(decision)
    doc.article(
        f"Trợ giúp xã hội khẩn cấp cho {len(rows)} hộ gia đình, cá nhân bị ảnh hưởng do {event.name} "
        f"({event.get_kind_display().lower()}) có tên trong danh sách dưới đây{_what(totals)}:")
    total = ["", "Tổng cộng", "", "", str(totals["people"]), number(totals["rice"]) if totals["rice"] else "",
             number(totals["cash"]) if totals["cash"] else "",
             vnd(totals["goods"]) if totals["goods"] else ""]
    doc.table(AID_COLUMNS, [*rows, total], widths_mm=AID_WIDTHS)
    doc.article("Giao công chức văn hóa - xã hội chủ trì, phối hợp với kế toán và trưởng thôn, ấp tổ chức chi, phát "
                "kịp thời, đúng đối tượng, công khai cho các hộ gia đình, cá nhân có tên tại Điều 1; thanh toán, "
                "quyết toán kinh phí theo quy định.")
    doc.article("Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Ủy ban nhân dân, công chức văn hóa - xã hội, "
                "kế toán, trưởng thôn, ấp và các hộ gia đình, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành "
                "Quyết định này.")
    return doc.to_bytes()


# --- the decision on a funeral support --------------------------------------------------------------------------


def _born(birth: str) -> str:
    """"sinh ngày 05/03/1960", "sinh tháng 03/1960" or "sinh năm 1960", as much as the registry knows."""
    if not birth:
        return "chưa rõ ngày sinh"
    return f"sinh {('năm', 'tháng', 'ngày')[birth.count('/')]} {birth}"


def _article_of(legal_basis: str) -> str:
    """"NĐ 20/2021/NĐ-CP Điều 14" as a decision cites it: "Điều 14 Nghị định số 20/2021/NĐ-CP"."""
    decree, _, article = legal_basis.partition(" Điều ")
    if not article or not decree.startswith("NĐ "):
        return legal_basis
    return f"Điều {article} Nghị định số {decree.removeprefix('NĐ ')}"


def funeral_docx(support: FuneralSupport) -> bytes:
    """Quyết định về việc hỗ trợ chi phí mai táng (NĐ 20/2021 Điều 11, 14, 25) for a decided support."""
    if not support.decision_number or support.decided_on is None:
        raise ValueError("Hỗ trợ mai táng chưa có quyết định.")
    person, commune = support.person, support.commune
    regular = support.ground == FuneralSupport.Ground.REGULAR
    doc = _chairman(commune, number=support.decision_number, date=support.decided_on,
                    subject="Về việc hỗ trợ chi phí mai táng",
                    bases=[LOCAL_GOVERNMENT, DECREE_20, *([DECREE_147] if regular else []), PROPOSAL])
    address = address_line(person.address, person.hamlet, in_sentence(commune.name))
    ground = support.get_ground_display().rsplit(" (Điều", 1)[0]  # the article is cited with the decree below
    multiple = normalize(Decimal(support.multiple))
    least = int(Decimal(support.multiple) * support.standard_level)
    rate = f"{multiple} lần mức chuẩn trợ giúp xã hội ({number(support.standard_level)} đồng)"
    level = (f"{rate} theo {_article_of(support.legal_basis)}" if support.amount == least else
             f"không thấp hơn mức {rate}, tức {number(least)} đồng, theo {_article_of(support.legal_basis)}")
    doc.article(
        f"Hỗ trợ chi phí mai táng số tiền {number(support.amount)} đồng cho {support.recipient}, người đứng ra tổ "
        f"chức mai táng {person.full_name}, {_born(person.birth_display)}, số định danh cá nhân "
        f"{person.citizen_id or '—'}, nơi cư trú {address}, mất ngày {support.date_of_death:%d/%m/%Y}.",
        f"Trường hợp hỗ trợ: {ground}. Mức hỗ trợ: {level}.")
    doc.article(f"Giao công chức văn hóa - xã hội phối hợp với kế toán chi trả kịp thời số tiền tại Điều 1 cho "
                f"{support.recipient}; thanh toán, quyết toán kinh phí theo quy định.")
    doc.article("Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Ủy ban nhân dân, công chức văn hóa - xã hội, "
                f"kế toán và {support.recipient} chịu trách nhiệm thi hành Quyết định này.")
    return doc.to_bytes()
