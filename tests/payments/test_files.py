"""Payment files: issued once, read by their agent only; results applied all or nothing; failures carried."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from ansinh.assistance.models import Enrolment
from ansinh.core.files import csv_bytes
from ansinh.payments import exports
from ansinh.payments.models import PaymentFile, PaymentLine
from ansinh.payments.services import payment_files_issue, payroll_generate
from tests.factories import make_user

pytestmark = pytest.mark.django_db
D = datetime.date


def result_csv(lines, results: dict) -> bytes:
    """The agent's file: the export with Kết quả / Lý do / Ngày chi filled in."""
    rows = list(csv.reader(io.StringIO(csv_bytes(exports.lines_table(lines)).decode("utf-8-sig"))))
    header = rows[0]
    for row in rows[1:]:
        result = results.get(int(row[1]), ("Đã chi", "", "05/03/2026"))
        row[header.index("Kết quả")], row[header.index("Lý do")], row[header.index("Ngày chi")] = result
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode("utf-8")


def test_issue_one_file_per_agent_and_cash_per_commune(setup, users, communes):
    files = payment_files_issue(user=users["tinh"], run=setup["run"])
    by_agent = {(f.agent.code if f.agent else "cash", f.line_count) for f in files}
    assert by_agent == {("NH-C2", 2), ("BD96", 2), ("cash", 1)}
    assert not PaymentLine.objects.filter(file__isnull=True).exists()
    assert payment_files_issue(user=users["tinh"], run=setup["run"]) == []  # nothing issued twice


def test_agent_sees_only_its_files(setup, users, client):
    payment_files_issue(user=users["tinh"], run=setup["run"])
    client.force_login(users["chitra"])
    page = client.get(reverse("payments:file_list")).content.decode()
    assert "Bưu điện tỉnh Cà Mau" in page and "Ngân hàng CSXH" not in page
    bank_file = PaymentFile.objects.get(agent=setup["bank"])
    assert client.get(reverse("payments:file_detail", args=[bank_file.pk])).status_code == 404
    assert client.get(reverse("registry:person_list")).status_code == 404
    assert client.get(reverse("payments:run_detail", args=[setup["run"].pk])).status_code == 404


def test_malformed_result_file_is_rejected_with_row_messages_and_nothing_applied(setup, users, client):
    payment_files_issue(user=users["tinh"], run=setup["run"])
    file = PaymentFile.objects.get(agent=setup["post"])
    lines = list(PaymentLine.objects.filter(file=file).order_by("id"))
    content = result_csv(PaymentLine.objects.filter(file=file).order_by("id"),
                         {lines[0].pk: ("Chưa biết", "", ""), lines[1].pk: ("Không thành công", "", "")})
    client.force_login(users["chitra"])
    upload = io.BytesIO(content)
    upload.name = "ket-qua.csv"
    page = client.post(reverse("payments:file_detail", args=[file.pk]), {"result": upload}).content.decode()
    assert "Dòng 2: kết quả “Chưa biết” không hợp lệ" in page
    assert "Dòng 3: chi không thành công cần ghi lý do." in page
    assert set(PaymentLine.objects.filter(file=file).values_list("status", flat=True)) == {"pending"}
    file.refresh_from_db()
    assert file.status == "issued"


def test_xlsx_result_missing_column_names_it(setup, users, client):
    payment_files_issue(user=users["tinh"], run=setup["run"])
    file = PaymentFile.objects.get(agent=setup["post"])
    book = Workbook()
    book.active.append(["Mã dòng", "Họ tên"])
    buffer = io.BytesIO()
    book.save(buffer)
    buffer.seek(0)
    buffer.name = "ket-qua.xlsx"
    client.force_login(users["tinh"])
    page = client.post(reverse("payments:file_detail", args=[file.pk]), {"result": buffer}).content.decode()
    assert "Thiếu cột: Kết quả" in page


def test_reconcile_then_failed_lines_go_into_the_next_file(setup, users, client):
    payment_files_issue(user=users["tinh"], run=setup["run"])
    file = PaymentFile.objects.get(agent=setup["post"])
    lines = list(PaymentLine.objects.filter(file=file).order_by("id"))
    content = result_csv(PaymentLine.objects.filter(file=file).order_by("id"),
                         {lines[1].pk: ("Không thành công", "Người hưởng đi vắng", "")})
    client.force_login(users["chitra"])
    upload = io.BytesIO(content)
    upload.name = "ket-qua.csv"
    response = client.post(reverse("payments:file_detail", args=[file.pk]), {"result": upload})
    assert response.status_code == 302
    lines[0].refresh_from_db()
    lines[1].refresh_from_db()
    assert (lines[0].status, lines[0].paid_on) == ("paid", D(2026, 3, 5))
    assert (lines[1].status, lines[1].failure_reason) == ("failed", "Người hưởng đi vắng")
    # April: the failed March line is handed over again with April's lines
    april = payroll_generate(user=users["tinh"], month=D(2026, 4, 1), province_code="96")
    payment_files_issue(user=users["tinh"], run=april)
    lines[1].refresh_from_db()
    assert lines[1].status == "pending" and lines[1].attempts == 2 and lines[1].file.run == april
    assert PaymentFile.objects.get(run=april, agent=setup["post"]).line_count == 3


def test_second_agent_account_cannot_reconcile_another_agents_file(setup, users, ca_mau):
    from ansinh.core.exceptions import PermissionDeniedError
    from ansinh.payments.services import payment_file_reconcile

    payment_files_issue(user=users["tinh"], run=setup["run"])
    other = make_user("nganhang", "payment_agent", ca_mau)
    setup["bank"].members.add(other)
    with pytest.raises(PermissionDeniedError):
        payment_file_reconcile(user=other, file=PaymentFile.objects.get(agent=setup["post"]), rows=[])


def test_files_are_vietnamese_whatever_the_language_and_old_english_ones_are_read_back(setup, users):
    from django.utils import translation

    from ansinh.payments.results import read_results
    from ansinh.payments.services import payment_file_reconcile

    payment_files_issue(user=users["tinh"], run=setup["run"])
    file = PaymentFile.objects.get(agent=setup["post"])
    with translation.override("en"):
        rows = list(csv.reader(io.StringIO(csv_bytes(exports.lines_table(PaymentLine.objects.filter(file=file)))
                                           .decode("utf-8-sig"))))
    header = rows[0]
    assert "Mã dòng" in header and "Kết quả" in header and "Hình thức chi trả" in header
    assert rows[1][header.index("Hình thức chi trả")] == "Tổ chức dịch vụ chi trả / bưu điện"
    # a file exported from the English interface before files were always Vietnamese
    english = {"Mã dòng": "Line ID", "Kết quả": "Result", "Lý do": "Reason", "Ngày chi": "Payment date"}
    rows[0] = [english.get(h, h) for h in header]
    for row in rows[1:]:
        row[header.index("Kết quả")] = "paid"
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    parsed = read_results("result.csv", buffer.getvalue().encode())
    assert payment_file_reconcile(user=users["chitra"], file=file, rows=parsed) == {"paid": 2, "failed": 0}


def test_a_failed_line_of_a_suspended_beneficiary_waits_for_the_resumption(setup, users):
    from ansinh.assistance.services import enrolment_resume, enrolment_suspend

    payment_files_issue(user=users["tinh"], run=setup["run"])
    line = PaymentLine.objects.filter(file__agent=setup["post"]).order_by("id").first()
    PaymentLine.objects.filter(pk=line.pk).update(status="failed", failure_reason="Đi vắng")
    PaymentFile.objects.filter(pk=line.file_id).update(status="reconciled")
    enrolment = Enrolment.objects.get(person=line.person)
    suspended = enrolment_suspend(user=users["tinh"], enrolment=enrolment, expected_version=enrolment.version,
                                  from_month=D(2026, 4, 1), reason="không nhận trợ cấp 3 tháng liên tục")
    april = payroll_generate(user=users["tinh"], month=D(2026, 4, 1), province_code="96")
    payment_files_issue(user=users["tinh"], run=april)
    line.refresh_from_db()
    assert (line.status, line.file.run) == ("failed", setup["run"])  # not handed to the agent again
    enrolment_resume(user=users["tinh"], enrolment=suspended, expected_version=suspended.version,
                     from_month=D(2026, 5, 1))
    may = payroll_generate(user=users["tinh"], month=D(2026, 5, 1), province_code="96")
    payment_files_issue(user=users["tinh"], run=may)
    line.refresh_from_db()
    assert (line.status, line.file.run) == ("pending", may)


def test_a_csv_cell_past_the_field_limit_is_a_message_not_a_crash(setup, users):
    from ansinh.core.exceptions import DomainError
    from ansinh.payments.results import read_results

    with pytest.raises(DomainError) as exc:
        read_results("ket-qua.csv", b'"' + b"x" * 200_000 + b'"\n')
    assert "CSV" in exc.value.message
