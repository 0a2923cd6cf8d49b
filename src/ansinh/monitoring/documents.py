"""A periodic report as the official document (BÁO CÁO, NĐ 30/2020 Phụ lục I, through `core.documents`) and its
annex of figures against targets as a spreadsheet (through `core.files`)."""

import datetime
from decimal import Decimal

from ansinh.core import text
from ansinh.core.documents import OfficialDocument, in_sentence, place_of
from ansinh.core.files import Table, xlsx_bytes

from . import rules
from .models import Line, Report

VERDICTS = {rules.ON_TRACK: "Đúng tiến độ", rules.AT_RISK: "Có nguy cơ chậm", rules.OFF_TRACK: "Chậm tiến độ",
            rules.MET: "Đạt", rules.NOT_MET: "Không đạt"}


def number_text(value: Decimal | None, *, share: bool = False) -> str:
    """A figure as a Vietnamese report prints it: 1.234 or 87,5%; a dash when unknown."""
    return "—" if value is None else text.number_text(value, percent=share)


def target_text(line: Line) -> str:
    """The target as a figure: "90%", "≥ 1.200 người", "tăng 35% so với năm 2025", "dưới 3%"."""
    value = number_text(line.target_value)
    if line.baseline_year:
        return f"tăng {value}% so với năm {line.baseline_year}"
    unit = "%" if line.unit == "%" else f" {line.unit}"
    return f"{'dưới ' if line.at_most else ''}{value}{unit}"


def progress(line: Line, day: datetime.date) -> str | None:
    """The line's progress on `day` against its target (`rules.progress`): on track, at risk, …; None when it cannot
    be told."""
    if line.value is None or line.target is None:
        return None
    target = rules.Target(value=line.target_value, unit=line.unit, period_start=line.target.period_start,
                          period_end=line.target.period_end, baseline_year=line.baseline_year, at_most=line.at_most)
    return rules.progress(target, line.value, day=day, start=line.origin, baseline=line.baseline)


def verdict(line: Line, day: datetime.date) -> str | None:
    """The line's progress in the words of a report."""
    return VERDICTS.get(progress(line, day) or "")


def result_text(line: Line) -> str:
    if line.value is None:
        return "chưa có số liệu"
    if line.share:
        return f"{number_text(line.value, share=True)} ({number_text(line.numerator)}/{number_text(line.denominator)})"
    return number_text(line.value)


def province_name(unit) -> str:
    """"Tỉnh Cà Mau", "Thành phố Hà Nội": a province's name with its kind, as documents write it."""
    kind = "Thành phố" if unit.kind == "thanh_pho" else "Tỉnh"
    return unit.name if unit.name.startswith(kind) else f"{kind} {unit.name}"


def _issuer(report: Report) -> dict:
    from ansinh.geo.selectors import province_by_code
    unit = report.unit
    if unit.level == "commune":
        province = province_name(province_by_code(report.province_code))
        return {"issuer": f"ỦY BAN NHÂN DÂN {unit.name}", "place": place_of(unit.name), "signer_title": "CHỦ TỊCH",
                "recipients": [f"Sở Y tế {in_sentence(province)} (để tổng hợp);", "Lưu: VT."]}
    name = province_name(unit)
    return {"parent": f"ỦY BAN NHÂN DÂN {name}", "issuer": "SỞ Y TẾ", "place": place_of(name),
            "signer_title": "GIÁM ĐỐC",
            "recipients": ["Bộ Y tế (Cục Bảo trợ xã hội);", f"Ủy ban nhân dân {in_sentence(name)};", "Lưu: VT."]}


def _reporter(report: Report) -> str:
    """Who reports, inside a sentence: "Ủy ban nhân dân xã Hồng Dân", "Sở Y tế"."""
    return f"Ủy ban nhân dân {in_sentence(report.unit.name)}" if report.unit.level == "commune" else "Sở Y tế"


def report_docx(report: Report, *, lines: list[Line], units: list | None = None) -> bytes:
    return report_document(report, lines=lines, units=units).to_bytes()


def report_html(report: Report, *, lines: list[Line], units: list | None = None) -> str:
    """The same document for the browser's preview."""
    return report_document(report, lines=lines, units=units).to_html()


def report_document(report: Report, *, lines: list[Line], units: list | None = None) -> OfficialDocument:
    """The report: its number (blank until submitted), place and date, title; the results written by the unit; the
    table of targets with the figures and their progress; difficulties and proposals; "Nơi nhận" and signature.
    `units`: for the province's report, its communes' reports (unit name, state) to say who has reported."""
    plan, period = report.plan, report.reporting_period
    during = period.label[0].lower() + period.label[1:]  # "6 tháng đầu năm 2026", "năm 2026"
    body = "UBND" if report.unit.level == "commune" else "SYT"
    issued = report.submitted_at.date() if report.submitted_at else report.data_day
    document = OfficialDocument(
        number=report.number or f"      /BC-{body}", date=issued, kind="BÁO CÁO",
        subject=f"Kết quả thực hiện Kế hoạch số {plan.number} {during}",
        **_issuer(report))
    document.paragraph(f"Thực hiện Kế hoạch số {plan.number} ngày {plan.issued_on:%d/%m/%Y} của {plan.issuer} "
                       f"về {plan.title[0].lower() + plan.title[1:]}, {_reporter(report)} báo cáo kết quả thực hiện "
                       f"{during} (số liệu đến ngày "
                       f"{report.data_day:%d/%m/%Y}) như sau:")
    document.paragraph("I. TÌNH HÌNH, KẾT QUẢ THỰC HIỆN", bold=True, indent=False)
    for written in report.narrative.splitlines() or ["(Chưa viết.)"]:
        if written.strip():
            document.paragraph(written.strip())
    document.paragraph("II. KẾT QUẢ THỰC HIỆN CÁC CHỈ TIÊU", bold=True, indent=False)
    document.table(("TT", "Chỉ tiêu", "Kế hoạch", "Kết quả", "Đánh giá"),
                   [(line.position, line.target_text, target_text(line), result_text(line),
                     verdict(line, report.data_day) or "—") for line in lines],
                   widths_mm=(10, 75, 25, 30, 25))
    document.paragraph("Số liệu các chỉ tiêu có mã chỉ số được tính từ cơ sở dữ liệu An Sinh; các chỉ tiêu khác do "
                       "đơn vị báo cáo. Chi tiết tại phụ lục kèm theo.", italic=True)
    if units is not None:
        done = sum(1 for _name, state in units if state == Report.Status.APPROVED.label)
        document.paragraph(f"Tình hình báo cáo của các xã, phường: {done}/{len(units)} đơn vị có báo cáo đã duyệt.",
                           italic=True)
    document.paragraph("III. KHÓ KHĂN, VƯỚNG MẮC", bold=True, indent=False)
    document.paragraph(report.difficulties.strip() or "Không có.")
    document.paragraph("IV. ĐỀ XUẤT, KIẾN NGHỊ", bold=True, indent=False)
    document.paragraph(report.proposals.strip() or "Không có.")
    return document


def report_annex(report: Report, *, lines: list[Line]) -> bytes:
    """Phụ lục: each target with its indicator (code and version), the figures behind the result, and its
    progress."""
    headers = ("TT", "Chỉ tiêu (câu của kế hoạch)", "Mã chỉ số", "Phiên bản", "Giai đoạn", "Chỉ tiêu kế hoạch",
               "Đơn vị", "Năm gốc", "Số liệu năm gốc", "Số liệu đầu giai đoạn", "Tử số / số lượng", "Mẫu số", "Kết quả", "Đánh giá",
               "Nguồn số liệu", "Ghi chú")

    def rows():
        for line in lines:
            period = f"{line.target.period_start}–{line.target.period_end}" if line.target else ""
            yield (line.position, line.target_text, line.definition.code if line.definition else "",
                   line.definition.version if line.definition else "", period, float(line.target_value), line.unit,
                   line.baseline_year or "", _float(line.baseline), _float(line.origin), _float(line.numerator), _float(line.denominator),
                   _float(line.value), verdict(line, report.data_day) or "",
                   "Tính từ dữ liệu" if line.computed else "Đơn vị báo cáo", line.note)
    return xlsx_bytes(Table(headers=headers, rows=rows(), sheet="Phụ lục chỉ tiêu"))


def _float(value):
    return "" if value is None else float(value)
