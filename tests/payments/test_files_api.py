"""Payment files through the API: the same scope, rights, services and all-or-nothing results as the pages."""

import csv
import datetime
import io

import pytest
from openpyxl import Workbook, load_workbook

from ansinh.audit.models import AuditEvent
from ansinh.core.files import csv_bytes
from ansinh.payments import exports
from ansinh.payments.models import PaymentFile, PaymentLine
from ansinh.payments.services import payment_files_issue
from tests.factories import api_client as api

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def issued(setup, users):
    payment_files_issue(user=users["tinh"], run=setup["run"])
    return {"post": PaymentFile.objects.get(agent=setup["post"]), "bank": PaymentFile.objects.get(agent=setup["bank"]),
            "cash": PaymentFile.objects.get(agent__isnull=True)}


def result_table(file, results: dict) -> list[list]:
    """The agent's file: the export with Kết quả / Lý do / Ngày chi filled in (default: paid on 05/03/2026)."""
    lines = PaymentLine.objects.filter(file=file).order_by("id")
    rows = list(csv.reader(io.StringIO(csv_bytes(exports.lines_table(lines)).decode("utf-8-sig"))))
    header = rows[0]
    for row in rows[1:]:
        result = results.get(int(row[1]), ("Đã chi", "", "05/03/2026"))
        row[header.index("Kết quả")], row[header.index("Lý do")], row[header.index("Ngày chi")] = result
    return rows


def upload(rows: list[list], fmt: str) -> io.BytesIO:
    buffer = io.BytesIO()
    if fmt == "csv":
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        buffer.write(text.getvalue().encode("utf-8"))
    else:
        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.save(buffer)
    buffer.seek(0)
    buffer.name = f"ket-qua.{fmt}"
    return buffer


def statuses(file) -> set[str]:
    return set(PaymentLine.objects.filter(file=file).values_list("status", flat=True))


def test_agent_lists_only_its_own_files(issued, users, setup):
    chitra = api(users["chitra"])
    body = chitra.get("/api/v1/payment-files/").json()
    assert [(f["id"], f["agent_name"]) for f in body["results"]] == [(issued["post"].pk, "Bưu điện tỉnh Cà Mau")]
    detail = chitra.get(f"/api/v1/payment-files/{issued['post'].pk}/").json()
    assert (detail["run"], detail["month"], detail["status"], detail["line_count"], detail["commune_code"]) == (
        setup["run"].pk, "2026-03-01", "issued", 2, None)
    assert detail["total"] == issued["post"].total > 0 and detail["issued_at"] and detail["reconciled_at"] is None
    assert chitra.get("/api/v1/payment-files/", {"status": "reconciled"}).json()["count"] == 0
    assert chitra.get("/api/v1/payment-files/", {"run": setup["run"].pk}).json()["count"] == 1
    assert chitra.get("/api/v1/payment-files/", {"run": setup["run"].pk + 1}).json()["count"] == 0
    assert chitra.get("/api/v1/payment-files/", {"run": 10**30}).status_code == 400  # no id, no database error
    bank = issued["bank"].pk
    missing = chitra.get("/api/v1/payment-files/999999/")
    for url in (f"/api/v1/payment-files/{bank}/", f"/api/v1/payment-files/{bank}/lines/",
                f"/api/v1/payment-files/{bank}/export/?format=csv"):
        response = chitra.get(url)
        assert (response.status_code, response.json()) == (404, missing.json()), url
    rows = result_table(issued["bank"], {})
    assert chitra.post(f"/api/v1/payment-files/{bank}/reconcile/", {"file": upload(rows, "csv")},
                       format="multipart").status_code == 404
    assert statuses(issued["bank"]) == {"pending"}
    # the agent never sees the registry nor the payroll runs
    assert chitra.get("/api/v1/persons/").status_code == 403
    assert chitra.get("/api/v1/payroll-runs/").status_code == 403
    assert chitra.post(f"/api/v1/payroll-runs/{setup['run'].pk}/issue-files/").status_code == 403


def test_officer_issues_files_through_the_api(setup, users):
    tinh = api(users["tinh"])
    response = tinh.post(f"/api/v1/payroll-runs/{setup['run'].pk}/issue-files/")
    assert response.status_code == 201, response.json()
    assert {(f["agent_name"], f["line_count"]) for f in response.json()} == {
        ("Bưu điện tỉnh Cà Mau", 2), ("Ngân hàng CSXH xã 2", 2), (None, 1)}
    assert not PaymentLine.objects.filter(file__isnull=True).exists()
    created = AuditEvent.objects.filter(action="create", object_type="payments.paymentfile", actor=users["tinh"])
    assert sorted(created.values_list("object_id", flat=True)) == sorted(str(f["id"]) for f in response.json())
    again = tinh.post(f"/api/v1/payroll-runs/{setup['run'].pk}/issue-files/")
    assert (again.status_code, again.json()) == (201, [])  # nothing issued twice
    assert tinh.get("/api/v1/payment-files/").json()["count"] == 3


def test_lines_of_a_file(issued, users):
    body = api(users["chitra"]).get(f"/api/v1/payment-files/{issued['post'].pk}/lines/").json()
    assert body["count"] == 2
    line = body["results"][0]
    assert line["full_name"] == "Người Số 0" and line["bank_account"] == "000123" and line["bank_name"] == "VBSP"
    assert (line["month"], line["method"], line["status"], line["paid_on"], line["failure_reason"]) == (
        "2026-03-01", "agent", "pending", None, "")
    assert line["amount"] == 750_000 and line["citizen_id"] and line["commune_code"] and line["commune_name"]
    assert {r["id"] for r in body["results"]} == set(PaymentLine.objects.filter(file=issued["post"])
                                                     .values_list("id", flat=True))


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_gives_the_file_and_is_audited(issued, users, fmt):
    file = issued["post"]
    response = api(users["chitra"]).get(f"/api/v1/payment-files/{file.pk}/export/", {"format": fmt})
    assert response.status_code == 200
    assert f'filename="tep-chi-tra-{file.pk}-2026-03.{fmt}"' in response["Content-Disposition"]
    if fmt == "xlsx":
        assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        rows = [list(r) for r in load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(values_only=True)]
    else:
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][:3] == ["STT", "Mã dòng", "Họ và tên"]
    assert sorted(int(r[1]) for r in rows[1:]) == sorted(PaymentLine.objects.filter(file=file).values_list("id", flat=True))
    event = AuditEvent.objects.get(action="export", actor=users["chitra"])
    assert (event.object_id, event.changes) == (str(file.pk), {"format": fmt})


def test_export_format_must_be_xlsx_or_csv(issued, users):
    response = api(users["chitra"]).get(f"/api/v1/payment-files/{issued['post'].pk}/export/", {"format": "pdf"})
    assert response.status_code == 400 and "xlsx hoặc csv" in response.json()["format"][0]
    assert not AuditEvent.objects.filter(action="export").exists()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_reconcile_with_a_valid_result_file(issued, users, fmt):
    file = issued["post"]
    lines = list(PaymentLine.objects.filter(file=file).order_by("id"))
    rows = result_table(file, {lines[1].pk: ("Không thành công", "Người hưởng đi vắng", "")})
    client = api(users["chitra"])
    response = client.post(f"/api/v1/payment-files/{file.pk}/reconcile/", {"file": upload(rows, fmt)},
                           format="multipart")
    assert (response.status_code, response.json()) == (200, {"paid": 1, "failed": 1})
    lines[0].refresh_from_db()
    lines[1].refresh_from_db()
    assert (lines[0].status, lines[0].paid_on) == ("paid", D(2026, 3, 5))
    assert (lines[1].status, lines[1].failure_reason) == ("failed", "Người hưởng đi vắng")
    assert client.get(f"/api/v1/payment-files/{file.pk}/").json()["status"] == "reconciled"
    again = client.post(f"/api/v1/payment-files/{file.pk}/reconcile/", {"file": upload(rows, fmt)}, format="multipart")
    assert again.status_code == 400 and again.json()["file"] == ["Tệp này đã được đối soát."]


def test_malformed_result_file_is_400_with_row_messages_and_nothing_applied(issued, users):
    file = issued["post"]
    lines = list(PaymentLine.objects.filter(file=file).order_by("id"))
    rows = result_table(file, {lines[0].pk: ("Chưa biết", "", ""), lines[1].pk: ("Không thành công", "", "")})
    client = api(users["chitra"])
    response = client.post(f"/api/v1/payment-files/{file.pk}/reconcile/", {"file": upload(rows, "csv")},
                           format="multipart")
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Tệp kết quả có lỗi, chưa áp dụng dòng nào."
    assert body["file"] == ["Dòng 2: kết quả “Chưa biết” không hợp lệ (ghi “Đã chi” hoặc “Không thành công”).",
                            "Dòng 3: chi không thành công cần ghi lý do."]
    # a sheet without the result column is named as such
    missing = client.post(f"/api/v1/payment-files/{file.pk}/reconcile/", {"file": upload([["Mã dòng", "Họ tên"]], "xlsx")},
                          format="multipart")
    assert missing.status_code == 400 and missing.json()["file"] == ["Thiếu cột: Kết quả (dòng tiêu đề là dòng 1)."]
    assert client.post(f"/api/v1/payment-files/{file.pk}/reconcile/", {}, format="multipart").status_code == 400
    assert statuses(file) == {"pending"}
    assert not PaymentLine.objects.filter(file=file).exclude(paid_on=None).exists()
    file.refresh_from_db()
    assert (file.status, file.reconciled_at) == ("issued", None)
    assert not AuditEvent.objects.filter(action="update", object_id=str(file.pk)).exists()


def test_commune_officer_outside_the_file_gets_404(issued, users, setup):
    cash = issued["cash"]  # commune c1's cash file: xa1's, not xa2's
    assert api(users["xa1"]).get(f"/api/v1/payment-files/{cash.pk}/").status_code == 200
    xa2 = api(users["xa2"])
    assert xa2.get("/api/v1/payment-files/").json()["count"] == 0
    missing = xa2.get("/api/v1/payment-files/999999/").json()
    for url in (f"/api/v1/payment-files/{cash.pk}/", f"/api/v1/payment-files/{cash.pk}/lines/",
                f"/api/v1/payment-files/{cash.pk}/export/"):
        response = xa2.get(url)
        assert (response.status_code, response.json()) == (404, missing), url
    response = xa2.post(f"/api/v1/payment-files/{cash.pk}/reconcile/", {"file": upload(result_table(cash, {}), "csv")},
                        format="multipart")
    assert response.status_code == 404 and statuses(cash) == {"pending"}
    # the province's run is not a commune officer's to issue
    assert xa2.post(f"/api/v1/payroll-runs/{setup['run'].pk}/issue-files/").status_code == 404
    assert api(users["hanoi"]).get(f"/api/v1/payment-files/{issued['post'].pk}/").status_code == 404
    assert not AuditEvent.objects.filter(action="export").exists()


def test_inspector_cannot_issue_or_reconcile(setup, users):
    kiemtra = api(users["kiemtra"])
    assert kiemtra.post(f"/api/v1/payroll-runs/{setup['run'].pk}/issue-files/").status_code == 403
    assert not PaymentFile.objects.exists()
    payment_files_issue(user=users["tinh"], run=setup["run"])
    file = PaymentFile.objects.get(agent=setup["post"])
    response = kiemtra.post(f"/api/v1/payment-files/{file.pk}/reconcile/", {"file": upload(result_table(file, {}), "csv")},
                            format="multipart")
    assert response.status_code == 403 and "không có quyền" in response.json()["detail"]
    assert statuses(file) == {"pending"}
    file.refresh_from_db()
    assert file.status == "issued"
