"""The indicator catalogue: the computed indicators' definitions and the province's reported ones, versioned; a
province officer adds or changes a reported indicator on its page or through the API."""

import pytest
from django.urls import reverse

from ansinh.monitoring.models import Definition
from tests.factories import api_client

pytestmark = pytest.mark.django_db


def test_the_catalogue_page(users, client):
    client.force_login(users["tinh"])
    page = client.get(reverse("monitoring:catalogue")).content.decode()
    assert "emergency.helped_promptly" in page and "Tính từ dữ liệu" in page and "definition-form" in page
    assert Definition.objects.filter(province_code="", kind="computed").count() == 13  # recorded on the first look
    bad = client.post(reverse("monitoring:catalogue"), {"code": "emergency.helped_promptly", "label": "x",
                                                         "numerator_label": "y"})
    assert bad.status_code == 400 and "chỉ số tính từ dữ liệu" in bad.content.decode()
    client.post(reverse("monitoring:catalogue"), {"code": "ctxh.ctv_xa", "label": "Xã có cộng tác viên",
                                                  "numerator_label": "xã có", "denominator_label": "số xã"})
    client.post(reverse("monitoring:catalogue"), {"code": "ctxh.ctv_xa", "label": "Xã, phường có cộng tác viên",
                                                  "numerator_label": "xã có", "denominator_label": "số xã"})
    versions = list(Definition.objects.filter(code="ctxh.ctv_xa").order_by("version")
                    .values_list("version", "province_code", "label"))
    assert versions == [(1, "96", "Xã có cộng tác viên"), (2, "96", "Xã, phường có cộng tác viên")]
    page = client.get(reverse("monitoring:catalogue")).content.decode()
    assert "Xã, phường có cộng tác viên" in page
    client.force_login(users["hanoi"])  # another province's reported indicator is not in Hà Nội's catalogue
    assert "ctxh.ctv_xa" not in client.get(reverse("monitoring:catalogue")).content.decode()
    client.force_login(users["xa1"])
    page = client.get(reverse("monitoring:catalogue")).content.decode()
    assert "ctxh.ctv_xa" in page and "definition-form" not in page
    assert client.post(reverse("monitoring:catalogue"), {"code": "a", "label": "b",
                                                         "numerator_label": "c"}).status_code == 404


def test_the_catalogue_api(users):
    made = api_client(users["tinh"]).post("/api/v1/indicator-definitions/", {
        "code": "ctxh.hoi_nghi", "label": "Hội nghị tập huấn", "numerator_label": "hội nghị"}, format="json")
    assert made.status_code == 201 and made.json()["version"] == 1 and made.json()["kind"] == "reported"
    listed = api_client(users["xa1"]).get("/api/v1/indicator-definitions/").json()
    assert "ctxh.hoi_nghi" in {d["code"] for d in listed["results"]}
    assert api_client(users["xa1"]).post("/api/v1/indicator-definitions/", {
        "code": "x", "label": "x", "numerator_label": "x"}, format="json").status_code == 403
    assert "ctxh.hoi_nghi" not in {d["code"] for d in api_client(users["hanoi"]).get(
        "/api/v1/indicator-definitions/").json()["results"]}
