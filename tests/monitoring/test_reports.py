"""The periodic reports: a commune prepares its report with the data's figures filled in and the others entered,
submits it once; the province returns or approves it; approval locks it and only a reopening (audited) opens it
again; the province consolidates. Scope: a commune reads its own reports; no one reviews outside their province."""

import datetime
import io
from decimal import Decimal

import pytest
from docx import Document
from openpyxl import load_workbook

from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import ConflictError, DomainError, PermissionDeniedError
from ansinh.emergency import services as emergency
from ansinh.monitoring import documents, services
from ansinh.monitoring.models import Definition, Report
from ansinh.monitoring.selectors import reports, submissions
from ansinh.monitoring.services import period_of

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 7, 20)


def plan_data(**extra):
    return {"number": "9/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Cà Mau", "date": "2026-01-05",
            "title": "Kế hoạch trợ giúp kịp thời năm 2026", "parent": "", "province_code": "96",
            "targets": [
                {"indicator": "emergency.helped_promptly", "period_start": 2026, "period_end": 2030, "value": 90,
                 "unit": "%", "text": "90% người gặp khó khăn đột xuất được trợ giúp kịp thời."},
                {"indicator": None, "period_start": 2026, "period_end": 2030, "value": 80, "unit": "%",
                 "text": "80% xã có cộng tác viên công tác xã hội."},
                {"indicator": None, "period_start": 2021, "period_end": 2025, "value": 5, "unit": "lớp",
                 "text": "Mở 5 lớp tập huấn (giai đoạn trước)."},
                {"indicator": None, "period_start": 2026, "period_end": 2030, "value": 200, "unit": "người",
                 "text": "200 lượt người được tư vấn."}],
            "tasks": [],
            "reports": [{"kind": "half", "level": "commune", "due": "06-10", "text": "6 tháng vào ngày 10/6"},
                        {"kind": "year", "level": "commune", "due": "12-10", "text": "năm vào ngày 10/12"},
                        {"kind": "half", "level": "province", "due": None, "text": "tỉnh báo cáo Bộ"}],
            **extra}


@pytest.fixture
def plan(users, communes, policy):
    """A flood in c1 in 2026: 3 people helped promptly, 2 waiting; and the plan."""
    start = datetime.date(2026, 3, 2)
    event = emergency.event_create(user=users["xa1"], kind="flood", name="Lũ", started_on=start,
                                   communes=[communes["c1"]])
    emergency.affected_paste(user=users["xa1"], event=event, commune=communes["c1"], detected_on=start,
                             text="An;;1970;Nam;Ấp 1;thiếu đói;3\nBình;;1971;Nam;Ấp 1;thiếu đói;2")
    emergency.aid_propose(user=users["xa1"], affected=event.affected.get(person__full_name="An"), kind="rice")
    decision = emergency.decision_make(user=users["xa1"], event=event, commune=communes["c1"], decided_on=start,
                                       urgent=True)
    emergency.deliver_decision(user=users["xa1"], decision=decision, delivered_on=start)
    made, _ = services.plan_record(user=users["tinh"], data=plan_data())
    return made


def prepare(user, plan, period="2026-H1"):
    return services.report_prepare(user=user, plan=plan, period=period, today=TODAY)


def test_a_commune_report_is_prefilled_from_the_data(plan, users, communes):
    report = prepare(users["xa1"], plan)
    assert report.unit == communes["c1"] and report.status == Report.Status.DRAFT
    assert report.data_day == datetime.date(2026, 6, 30) and report.due_on == datetime.date(2026, 6, 10)
    lines = list(report.lines.order_by("position"))
    assert [line.position for line in lines] == [1, 2, 4]  # the 2021–2025 target is not this period's
    computed = lines[0]
    assert computed.computed and computed.share and (computed.numerator, computed.denominator) == (3, 5)
    assert computed.value == Decimal("60.0") and computed.definition.code == "emergency.helped_promptly"
    assert not lines[1].computed and lines[1].share and lines[1].numerator is None
    assert not lines[2].share  # a count
    assert prepare(users["xa1"], plan) == report  # preparing again opens the same report
    # another commune's report counts its own commune only
    assert prepare(users["xa2"], plan).lines.get(position=1).denominator == 0


def test_figures_are_checked_whole_naming_each_target(plan, users):
    report = prepare(users["xa1"], plan)
    with pytest.raises(DomainError) as caught:
        services.report_save(user=users["xa1"], report=report, version=report.version, narrative="x",
                             figures={2: {"numerator": 9, "denominator": 8}, 4: {"numerator": "mười"}})
    assert "Chỉ tiêu 2" in caught.value.message and "quá 100%" in caught.value.message
    assert "Chỉ tiêu 4" in caught.value.message and "không phải là số" in caught.value.message
    report.refresh_from_db()
    assert report.narrative == "" and report.lines.get(position=2).numerator is None  # nothing half-saved
    with pytest.raises(DomainError, match="mẫu số lớn hơn 0"):
        services.report_save(user=users["xa1"], report=report, version=report.version,
                             figures={2: {"numerator": 1, "denominator": 0}})
    with pytest.raises(DomainError, match="không âm"):
        services.report_save(user=users["xa1"], report=report, version=report.version,
                             figures={4: {"numerator": -1}})
    saved = services.report_save(user=users["xa1"], report=report, version=report.version, narrative="Đã làm.",
                                 figures={2: {"numerator": 4, "denominator": 5}, 4: {"numerator": "1.234,0"},
                                          1: {"numerator": 99, "note": "tính lại"}})
    lines = {line.position: line for line in saved.lines.all()}
    assert lines[2].value == Decimal("80.0") and lines[4].value == Decimal("1234")
    assert lines[1].numerator == 3 and lines[1].note == "tính lại"  # a computed figure is not entered
    with pytest.raises(ConflictError):
        services.report_save(user=users["xa1"], report=saved, version=saved.version - 1, narrative="cũ")


def test_submit_return_approve_lock_reopen(plan, users):
    report = prepare(users["xa1"], plan)
    with pytest.raises(DomainError, match="tình hình, kết quả"):
        services.report_submit(user=users["xa1"], report=report, version=report.version)
    report = services.report_save(user=users["xa1"], report=report, version=report.version, narrative="Kết quả.")
    report = services.report_submit(user=users["xa1"], report=report, version=report.version, today=TODAY)
    assert report.status == Report.Status.SUBMITTED and report.number.endswith("/BC-UBND")
    with pytest.raises(DomainError, match="đang chờ cấp trên duyệt"):
        services.report_submit(user=users["xa1"], report=report, version=report.version)  # submitted twice
    with pytest.raises(DomainError, match="ý kiến"):
        services.report_return(user=users["tinh"], report=report, version=report.version, comment=" ")
    report = services.report_return(user=users["tinh"], report=report, version=report.version,
                                     comment="Bổ sung chỉ tiêu 2.")
    assert report.status == Report.Status.RETURNED and report.comment == "Bổ sung chỉ tiêu 2."
    report = services.report_save(user=users["xa1"], report=report, version=report.version, narrative="Kết quả.",
                                  figures={2: {"numerator": 4, "denominator": 5}})
    number = report.number
    report = services.report_submit(user=users["xa1"], report=report, version=report.version, today=TODAY)
    assert report.number == number  # submitted again, same number
    report = services.report_approve(user=users["tinh"], report=report, version=report.version)
    assert report.status == Report.Status.APPROVED
    with pytest.raises(DomainError, match="đã khóa"):
        services.report_save(user=users["xa1"], report=report, version=report.version, narrative="sửa")
    with pytest.raises(DomainError, match="Chỉ duyệt được"):
        services.report_approve(user=users["tinh"], report=report, version=report.version)
    with pytest.raises(DomainError, match="lý do"):
        services.report_reopen(user=users["tinh"], report=report, version=report.version, reason="")
    report = services.report_reopen(user=users["tinh"], report=report, version=report.version,
                                    reason="Số liệu chỉ tiêu 4 sai.")
    assert report.status == Report.Status.RETURNED
    trail = AuditEvent.objects.filter(object_type="monitoring.report", object_id=str(report.pk)).order_by("id")
    states = [e.changes.get("status") for e in trail if e.changes.get("status")]
    assert states == ["submitted", "returned", "submitted", "approved", "reopened"]
    assert trail.last().changes["reason"] == "Số liệu chỉ tiêu 4 sai." and trail.last().actor == users["tinh"]


def test_review_only_from_the_level_above_in_its_province(plan, users, communes, ca_mau):
    report = prepare(users["xa1"], plan)
    report = services.report_save(user=users["xa1"], report=report, version=report.version, narrative="x")
    report = services.report_submit(user=users["xa1"], report=report, version=report.version, today=TODAY)
    with pytest.raises(PermissionDeniedError):
        services.report_approve(user=users["hanoi"], report=report, version=report.version)  # another province
    with pytest.raises(PermissionDeniedError):
        services.report_approve(user=users["xa2"], report=report, version=report.version)  # a commune
    with pytest.raises(PermissionDeniedError):
        services.report_save(user=users["xa2"], report=report, version=report.version, narrative="y")
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED
    # a province's own report is reviewed by the national level, not by itself
    own = prepare(users["tinh"], plan)
    own = services.report_save(user=users["tinh"], report=own, version=own.version, narrative="Tổng hợp.")
    own = services.report_submit(user=users["tinh"], report=own, version=own.version, today=TODAY)
    assert own.number.endswith("/BC-SYT")
    with pytest.raises(PermissionDeniedError):
        services.report_approve(user=users["tinh"], report=own, version=own.version)
    assert services.report_approve(user=users["admin"], report=own, version=own.version).status == "approved"


def test_reading_reports_is_scoped(plan, users):
    mine = prepare(users["xa1"], plan)
    theirs = prepare(users["xa2"], plan)
    province = prepare(users["tinh"], plan)
    assert set(reports(user=users["xa1"])) == {mine}
    assert set(reports(user=users["tinh"])) == {mine, theirs, province}
    assert set(reports(user=users["kiemtra"])) == {mine, theirs, province}
    assert not reports(user=users["hanoi"]).exists() and not reports(user=users["chitra"]).exists()


def test_the_province_consolidates_its_communes_approved_figures(plan, users):
    for name, (n, d) in (("xa1", (4, 5)), ("xa2", (1, 5))):
        report = prepare(users[name], plan)
        report = services.report_save(user=users[name], report=report, version=report.version, narrative="x",
                                      figures={2: {"numerator": n, "denominator": d}, 4: {"numerator": 10}})
        report = services.report_submit(user=users[name], report=report, version=report.version, today=TODAY)
        if name == "xa1":
            services.report_approve(user=users["tinh"], report=report, version=report.version)
    province = prepare(users["tinh"], plan)
    lines = {line.position: line for line in province.lines.all()}
    assert (lines[2].numerator, lines[2].denominator) == (4, 5)  # the approved commune only
    assert lines[4].numerator == 10
    assert (lines[1].numerator, lines[1].denominator) == (3, 5)  # computed over the whole province


def test_bad_periods_and_units(plan, users):
    with pytest.raises(DomainError, match="6 tháng đầu năm"):
        prepare(users["xa1"], plan, period="2026-H2")
    with pytest.raises(DomainError, match="không hợp lệ"):
        prepare(users["xa1"], plan, period="sáu tháng")
    with pytest.raises(DomainError, match="chưa bắt đầu"):
        prepare(users["xa1"], plan, period="2027")
    with pytest.raises(DomainError, match="ban hành năm 2026"):
        prepare(users["xa1"], plan, period="2025")
    with pytest.raises(PermissionDeniedError):
        prepare(users["admin"], plan)
    year_only, _ = services.plan_record(user=users["tinh"], data=plan_data(
        number="10/KH-UBND", reports=[{"kind": "year", "level": "commune", "due": "10-30"}]))
    with pytest.raises(DomainError, match="không yêu cầu báo cáo 6 tháng"):
        prepare(users["xa1"], year_only)
    assert period_of("2026").kind == "year"


def test_late_and_missing_reports_are_listed_with_how_late(plan, users, communes):
    report = prepare(users["xa1"], plan)
    report = services.report_save(user=users["xa1"], report=report, version=report.version, narrative="x")
    services.report_submit(user=users["xa1"], report=report, version=report.version, today=TODAY)
    rows = submissions(user=users["tinh"], plan=plan, period=period_of("2026-H1"), today=TODAY)
    assert rows[0].unit.level == "province" and rows[0].due_on is None and rows[0].days_late is None
    by_unit = {row.unit.pk: row for row in rows}
    submitted_late = (datetime.date.today() - datetime.date(2026, 6, 10)).days
    assert by_unit[communes["c1"].pk].days_late == (submitted_late if submitted_late > 0 else None)
    assert by_unit[communes["c2"].pk].missing and by_unit[communes["c2"].pk].days_late == 40  # 10/6 → 20/7
    assert [row.unit for row in submissions(user=users["xa2"], plan=plan, period=period_of("2026-H1"),
                                            today=TODAY)] == [communes["c2"]]


def test_the_definition_a_report_used_is_kept_when_it_changes(plan, users):
    report = prepare(users["xa1"], plan)
    used = report.lines.get(position=1).definition
    Definition.objects.filter(pk=used.pk).update(label="Tên cũ")  # as if the code's definition changed since
    newer = services.computed_definition("emergency.helped_promptly")
    assert newer.version == used.version + 1 and newer.label != "Tên cũ"
    assert report.lines.get(position=1).definition == used
    reported = services.definition_record(user=users["tinh"], code="ctxh.collaborators", label="Xã có CTV",
                                          numerator_label="xã có", denominator_label="tổng số xã")
    assert services.definition_record(user=users["tinh"], code="ctxh.collaborators", label="Xã có CTV",
                                      numerator_label="xã có", denominator_label="tổng số xã") == reported
    assert services.definition_record(user=users["tinh"], code="ctxh.collaborators", label="Xã có cộng tác viên",
                                      numerator_label="xã có", denominator_label="tổng số xã").version == 2
    with pytest.raises(DomainError, match="không có chỉ số mã “ctxh.khong-co”"):
        services.plan_record(user=users["tinh"], data=plan_data(number="11/KH-UBND", targets=[
            {"indicator": "ctxh.khong-co", "period_start": 2026, "period_end": 2030, "value": 1, "unit": "xã",
             "text": "Một xã."}]))
    assert services.plan_record(user=users["tinh"], data=plan_data(number="12/KH-UBND", targets=[
        {"indicator": "ctxh.collaborators", "period_start": 2026, "period_end": 2030, "value": 80, "unit": "%",
         "text": "80% xã có cộng tác viên."}]))[1] == "created"


def test_the_report_document_and_its_annex(plan, users, communes):
    report = prepare(users["xa1"], plan)
    report = services.report_save(user=users["xa1"], report=report, version=report.version,
                                  narrative="Đã rà soát 5 người.\nĐã cấp gạo.", difficulties="Thiếu cộng tác viên.",
                                  figures={2: {"numerator": 4, "denominator": 5}})
    report = services.report_submit(user=users["xa1"], report=report, version=report.version, today=TODAY)
    lines = list(report.lines.select_related("definition", "target").order_by("position"))
    document = Document(io.BytesIO(documents.report_docx(report, lines=lines)))
    header = document.tables[0]
    left, right = (cell.text for cell in header.rows[0].cells)
    assert f"ỦY BAN NHÂN DÂN {communes['c1'].name.upper()}" in left and f"Số: {report.number}" in left
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in right and "Độc lập - Tự do - Hạnh phúc" in right
    assert "ngày" in right and f"năm {report.submitted_at.year}" in right
    paragraphs = [p.text for p in document.paragraphs]
    assert "BÁO CÁO" in paragraphs and "Kết quả thực hiện Kế hoạch số 9/KH-UBND 6 tháng đầu năm 2026" in paragraphs
    assert "Đã rà soát 5 người." in paragraphs and "Đã cấp gạo." in paragraphs
    assert "Thiếu cộng tác viên." in paragraphs and "IV. ĐỀ XUẤT, KIẾN NGHỊ" in paragraphs
    figures = document.tables[1]
    assert [c.text for c in figures.rows[0].cells] == ["TT", "Chỉ tiêu", "Kế hoạch", "Kết quả", "Đánh giá"]
    assert [c.text for c in figures.rows[1].cells][2:4] == ["90%", "60% (3/5)"]
    assert [c.text for c in figures.rows[2].cells][3] == "80% (4/5)"
    footer = document.tables[-1].rows[0].cells
    assert "Nơi nhận:" in footer[0].text and "Sở Y tế tỉnh Cà Mau" in footer[0].text
    assert "CHỦ TỊCH" in footer[1].text
    sheet = load_workbook(io.BytesIO(documents.report_annex(report, lines=lines))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("TT", "Chỉ tiêu (câu của kế hoạch)", "Mã chỉ số")
    assert rows[1][2] == "emergency.helped_promptly" and rows[1][10:13] == (3, 5, 60)
    assert rows[2][14] == "Đơn vị báo cáo"
