"""The periodic reports' pages and API: who reported and how late, a report written and submitted by its commune,
returned or approved by the province; the DOCX, its annex and the preview; refusals with their message."""

import io

import pytest
from django.urls import reverse
from docx import Document

from ansinh.monitoring.models import Report
from tests.factories import api_client
from tests.monitoring.test_reports import plan  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


def test_a_commune_prepares_and_submits_and_the_province_approves_in_the_pages(plan, users, client):  # noqa: F811
    client.force_login(users["xa1"])
    listing = client.get(reverse("monitoring:plan_reports", args=[plan.pk]), {"period": "2026-H1"})
    assert listing.status_code == 200 and "Lập báo cáo của đơn vị" in listing.content.decode()
    opened = client.post(reverse("monitoring:plan_reports", args=[plan.pk]), {"period": "2026-H1"})
    report = Report.objects.get()
    assert opened.url == reverse("monitoring:report_detail", args=[report.pk])
    page = client.get(opened.url).content.decode()
    assert "90% người gặp khó khăn đột xuất được trợ giúp kịp thời." in page and "emergency.helped_promptly" in page
    bad = client.post(opened.url, {"action": "submit", "version": report.version, "narrative": "Kết quả tốt.",
                                   "n_2": "9", "d_2": "8"})
    assert bad.status_code == 400 and "quá 100%" in bad.content.decode()
    assert Report.objects.get().status == "draft" and Report.objects.get().narrative == ""
    done = client.post(opened.url, {"action": "submit", "version": report.version, "narrative": "Kết quả tốt.",
                                    "n_2": "4", "d_2": "5", "n_4": "120"})
    assert done.status_code == 302
    report.refresh_from_db()
    assert report.status == "submitted" and report.lines.get(position=4).numerator == 120
    client.force_login(users["tinh"])
    listing = client.get(reverse("monitoring:plan_reports", args=[plan.pk]), {"period": "2026-H1"}).content.decode()
    assert "Đã nộp, chờ duyệt" in listing and "chưa nộp" in listing  # c2 has not reported
    refused = client.post(opened.url, {"action": "return", "version": report.version, "comment": ""})
    assert refused.status_code == 400 and "Hãy ghi ý kiến" in refused.content.decode()
    client.post(opened.url, {"action": "approve", "version": report.version})
    assert Report.objects.get().status == "approved"
    docx = client.get(reverse("monitoring:report_file", args=[report.pk, "docx"]))
    document = Document(io.BytesIO(docx.content))
    assert "Kết quả tốt." in [p.text for p in document.paragraphs]
    preview = client.get(reverse("monitoring:report_file", args=[report.pk, "html"])).content.decode()
    assert "official-document" in preview and "Kết quả tốt." in preview and "CỘNG HÒA XÃ HỘI" in preview
    annex = client.get(reverse("monitoring:report_file", args=[report.pk, "xlsx"]))
    assert annex.status_code == 200 and annex["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get(reverse("monitoring:report_file", args=[report.pk, "pdf"])).status_code == 404


def test_the_report_api(plan, users):  # noqa: F811
    commune = api_client(users["xa1"])
    made = commune.post("/api/v1/reports/", {"plan": plan.pk, "period": "2026-H1"}, format="json")
    assert made.status_code == 201
    report = made.json()
    assert report["lines"][0]["indicator"] == "emergency.helped_promptly" and report["lines"][0]["computed"]
    bad = commune.post(f"/api/v1/reports/{report['id']}/save/", {"version": report["version"], "figures": {
        "2": {"numerator": "6", "denominator": "5"}}}, format="json")
    assert bad.status_code == 400 and "quá 100%" in bad.json()["detail"]
    saved = commune.post(f"/api/v1/reports/{report['id']}/save/", {
        "version": report["version"], "narrative": "Đã làm.", "figures": {"2": {"numerator": "4", "denominator": "5"}}},
        format="json").json()
    assert saved["lines"][1]["value"] == "80.00"
    stale = commune.post(f"/api/v1/reports/{report['id']}/submit/", {"version": report["version"]}, format="json")
    assert stale.status_code == 409
    submitted = commune.post(f"/api/v1/reports/{report['id']}/submit/", {"version": saved["version"]}, format="json")
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    again = commune.post(f"/api/v1/reports/{report['id']}/submit/", {"version": submitted.json()["version"]},
                         format="json")
    assert again.status_code == 400 and "chờ cấp trên duyệt" in again.json()["detail"]
    assert commune.post(f"/api/v1/reports/{report['id']}/approve/", {"version": submitted.json()["version"]},
                        format="json").status_code == 403  # a commune does not approve
    assert api_client(users["hanoi"]).post(f"/api/v1/reports/{report['id']}/approve/",
                                           {"version": submitted.json()["version"]}, format="json").status_code == 404
    province = api_client(users["tinh"])
    back = province.post(f"/api/v1/reports/{report['id']}/return/", {"version": submitted.json()["version"],
                                                                      "comment": "Thiếu số liệu"}, format="json")
    assert back.status_code == 200 and back.json()["status"] == "returned"
    assert province.get("/api/v1/reports/", {"status": "returned"}).json()["count"] == 1
    assert api_client(users["xa2"]).get("/api/v1/reports/").json()["count"] == 0
    document = commune.get(f"/api/v1/reports/{report['id']}/document/")
    assert document.status_code == 200 and Document(io.BytesIO(document.content)).paragraphs


def test_the_home_page_names_late_reports(plan, users, client):  # noqa: F811
    client.force_login(users["tinh"])
    home = client.get("/").content.decode()
    assert 'data-testid="home-reports"' in home and "9/KH-UBND" in home and "đơn vị chưa nộp" in home
    client.force_login(users["hanoi"])
    assert "9/KH-UBND" not in client.get("/").content.decode()
