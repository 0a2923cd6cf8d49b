"""The import from every side a user meets it: the pages, the API, the command, the template."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from ansinh.audit.models import AuditEvent
from ansinh.cli import main
from ansinh.exchange.models import ImportJob
from ansinh.exchange.persons import COLUMNS
from ansinh.registry.models import Person
from tests.factories import api_client

from .conftest import csv_bytes

pytestmark = pytest.mark.django_db

ROWS = [["Họ và tên", "Giới tính", "Năm sinh"], ["Nguyễn Văn Một", "Nam", "1950"], ["Trần Thị Hai", "Nữ", "19x0"]]


def test_the_page_uploads_previews_reports_and_commits(client, users):
    client.force_login(users["xa1"])
    response = client.post(reverse("exchange:upload"), {
        "kind": "persons", "on_existing": "skip", "file": SimpleUploadedFile("ds.csv", csv_bytes(ROWS))})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("exchange:job_detail", args=[job.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Chờ xác nhận" in page and "Xác nhận nhập 1 dòng hợp lệ" in page
    assert "“19x0” không đọc được thành ngày tháng" in page
    report = client.get(reverse("exchange:error_report", args=[job.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(b"".join(report.streaming_content) if report.streaming else report.getvalue())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Dòng", "Họ và tên", "Giới tính", "Năm sinh", "Lỗi")
    assert rows[1][:4] == (3, "Trần Thị Hai", "Nữ", "19x0") and rows[1][4].startswith("Ngày sinh: “19x0”")
    assert AuditEvent.objects.filter(action="export", object_type="exchange.importjob").exists()
    done = client.post(reverse("exchange:job_action", args=[job.pk, "commit"]), {"commit-version": job.version})
    assert done.status_code == 302
    assert list(Person.objects.values_list("full_name", flat=True)) == ["Nguyễn Văn Một"]
    page = client.get(reverse("exchange:job_detail", args=[job.pk])).content.decode()
    assert "Đã nhập: thêm mới 1, cập nhật 0, bỏ qua 0." in page
    stale = client.post(reverse("exchange:job_action", args=[job.pk, "commit"]), {"commit-version": job.version},
                        follow=True).content.decode()
    assert "không ở trạng thái chờ xác nhận" in stale or "vừa được người khác" in stale
    assert Person.objects.count() == 1


@pytest.mark.parametrize("kind, url", [("persons", "registry:person_list"), ("households", "registry:household_list"),
                                       ("enrolments", "assistance:enrolment_list"),
                                       ("organisations", "facilities:organisation_list")])
def test_each_list_offers_its_template_and_import(client, users, kind, url):
    client.force_login(users["xa1"])
    page = client.get(reverse(url)).content.decode()
    assert reverse("exchange:template", args=[kind]) in page and f"{reverse('exchange:upload')}?kind={kind}" in page
    client.force_login(users["kiemtra"])  # an auditor reads the list but imports nothing
    assert "Nhập từ tệp" not in client.get(reverse(url)).content.decode()
    assert client.get(reverse("exchange:upload")).status_code == 404


@pytest.mark.parametrize("kind, headers, validated", [
    ("households", ["Mã hộ (*)", "Xã/phường", "Tỉnh/thành phố"], {"H"}),
    ("enrolments", ["Số định danh cá nhân (*)", "Họ và tên", "Chính sách"], {"C", "J"}),
    ("organisations", ["Mã", "Tên cơ quan, cơ sở (*)", "Loại"], {"C", "D", "I", "J"}),
])
def test_the_other_templates(kind, headers, validated, tmp_path):
    out = tmp_path / f"{kind}.xlsx"
    assert main(["import", "template", kind, str(out)]) == 0
    book = load_workbook(out)
    assert book.sheetnames == ["Danh sách", "Danh mục", "Hướng dẫn"]
    assert [c.value for c in book["Danh sách"][1]][:3] == headers
    assert {str(v.sqref).split(":")[0][:-1] for v in book["Danh sách"].data_validations.dataValidation} == validated


def test_the_template_has_headers_drop_downs_and_instructions(client, users):
    client.force_login(users["xa1"])
    response = client.get(reverse("exchange:template", args=["persons"]))
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Danh sách", "Danh mục", "Hướng dẫn"]
    sheet = book["Danh sách"]
    assert [c.value for c in sheet[1]][:3] == ["Số định danh cá nhân", "Họ và tên (*)", "Ngày sinh"]
    validated = {str(v.sqref).split(":")[0][:-1] for v in sheet.data_validations.dataValidation}
    assert {"D", "E", "M", "O"} <= validated  # sex, ethnicity, disability, relationship
    assert sheet.column_dimensions["A"].number_format == "@"  # the ID column is text: Excel keeps its leading zero
    assert "Ngày sinh" in " ".join(str(c.value) for c in book["Hướng dẫn"]["A"])
    assert [c.label for c in COLUMNS][1] == "Họ và tên"


def test_the_api_uploads_reads_errors_and_commits(users):
    api = api_client(users["xa1"])
    response = api.post("/api/v1/imports/", {"kind": "persons", "file": io.BytesIO(csv_bytes(ROWS))},
                        format="multipart")
    assert response.status_code == 400  # a file object without a name is not a file upload
    upload = SimpleUploadedFile("ds.csv", csv_bytes(ROWS), content_type="text/csv")
    response = api.post("/api/v1/imports/", {"kind": "persons", "file": upload, "on_existing": "update"},
                        format="multipart")
    assert response.status_code == 201, response.content
    job = response.json()
    assert job["status"] == "ready" and job["counts"]["errors"] == 1 and job["percent"] == 100
    errors = api.get(f"/api/v1/imports/{job['id']}/errors/").json()
    assert errors["results"] == [{"row": 3, "column": "Ngày sinh",
                                  "message": errors["results"][0]["message"]}]
    assert api.post(f"/api/v1/imports/{job['id']}/commit/", {"version": job["version"] + 5},
                    format="json").status_code == 409
    committed = api.post(f"/api/v1/imports/{job['id']}/commit/", {"version": job["version"]}, format="json")
    assert committed.status_code == 200 and committed.json()["status"] == "done"
    assert committed.json()["result"]["created"] == 1
    assert api_client(users["xa2"]).get(f"/api/v1/imports/{job['id']}/").status_code == 404
    template = api.get("/api/v1/imports/template/?kind=persons")
    assert template.status_code == 200 and template["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_command_imports_dry_runs_and_writes_templates(users, tmp_path, capsys):
    path = tmp_path / "ds.csv"
    path.write_bytes(csv_bytes(ROWS))
    before = (Person.objects.count(), AuditEvent.objects.count(), ImportJob.objects.count())
    assert main(["import", "persons", str(path), "--as", "xa1", "--dry-run"]) == 1
    summary = json.loads(capsys.readouterr().out)
    assert summary == {"rows": 2, "valid": 1, "created": 1, "updated": 0, "skipped": 0, "duplicates_queued": 0,
                       "errors": [{"row": 3, "column": "Ngày sinh", "message": summary["errors"][0]["message"]}],
                       "dry_run": True}
    assert (Person.objects.count(), AuditEvent.objects.count(), ImportJob.objects.count()) == before
    assert main(["import", "persons", str(path), "--as", "tinh", "--commune", users["xa1"].jurisdiction.code]) == 1
    assert json.loads(capsys.readouterr().out)["created"] == 1
    assert Person.objects.get().commune == users["xa1"].jurisdiction
    assert main(["import", "persons", str(path), "--as", "xa2", "--commune", users["xa1"].jurisdiction.code]) == 2
    assert "ngoài địa bàn" in json.loads(capsys.readouterr().out)["error"]
    out = tmp_path / "mau.xlsx"
    assert main(["import", "template", "persons", str(out)]) == 0
    assert load_workbook(out).sheetnames[0] == "Danh sách"


def test_a_nul_in_an_api_form_is_refused_in_json(users):
    api = api_client(users["xa1"])
    upload = SimpleUploadedFile("ds.csv", csv_bytes(ROWS), content_type="text/csv")
    response = api.post("/api/v1/imports/", {"kind": "persons\x00", "file": upload}, format="multipart")
    assert response.status_code == 400 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Biểu mẫu chứa ký tự không hợp lệ (NUL)."}
    assert not ImportJob.objects.exists()
