import pytest
from rest_framework.test import APIClient

from ansinh.audit.models import AuditEvent
from ansinh.registry.models import Person
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def xa1(users):
    client = APIClient()
    token = client.post("/api/v1/auth/token/", {"username": "xa1", "password": PASSWORD}, format="json").json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_token_requires_right_password(users):
    response = APIClient().post("/api/v1/auth/token/", {"username": "xa1", "password": "sai"}, format="json")
    assert response.status_code in (401, 403)
    assert "không đúng" in response.json()["detail"]


def test_api_is_not_public(users):
    assert APIClient().get("/api/v1/persons/").status_code in (401, 403)


def test_create_read_update_with_version(xa1, communes):
    body = {"full_name": "trần thị mai", "birth_year": 1950, "sex": "F", "commune": communes["c1"].code,
            "citizen_id": "096150123456"}
    created = xa1.post("/api/v1/persons/", body, format="json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["full_name"] == "Trần Thị Mai" and data["birth"] == "1950" and data["version"] == 1
    assert data["commune"] == communes["c1"].code and data["province_code"] == "96"
    url = f"/api/v1/persons/{data['id']}/"
    missing_version = xa1.patch(url, {"phone": "0901"}, format="json")
    assert missing_version.status_code == 400 and "version" in missing_version.json()
    ok = xa1.patch(url, {"phone": "0901", "version": 1}, format="json")
    assert ok.status_code == 200 and ok.json()["version"] == 2
    stale = xa1.patch(url, {"phone": "0902", "version": 1}, format="json")
    assert stale.status_code == 409 and "người khác sửa" in stale.json()["detail"]
    assert Person.objects.get(pk=data["id"]).phone == "0901"
    history = xa1.get(url + "history/").json()
    assert [e["action"] for e in history] == ["update", "create"]


def test_validation_errors_are_vietnamese_and_per_field(xa1, communes):
    response = xa1.post("/api/v1/persons/", {"full_name": "Lê Văn Tư", "birth_year": 1950, "sex": "M",
                                             "commune": communes["c1"].code, "citizen_id": "96050123456"}, format="json")
    assert response.status_code == 400
    assert "số 0 ở đầu" in response.json()["citizen_id"][0]
    assert not Person.objects.exists()
    assert not AuditEvent.objects.filter(object_type="registry.person").exists()


def test_search_without_diacritics_and_by_citizen_id(xa1, communes):
    for name, cid in [("Đặng Văn Lâm", "096080000001"), ("Nguyễn Thị Lan", "096180000002"), ("Lê Văn Dũng", "")]:
        sex = "F" if " Thị " in name else "M"
        xa1.post("/api/v1/persons/", {"full_name": name, "birth_year": 1980, "sex": sex,
                                      "commune": communes["c1"].code, "citizen_id": cid}, format="json")
    names = lambda q: [p["full_name"] for p in xa1.get("/api/v1/persons/", {"search": q}).json()["results"]]  # noqa: E731
    assert names("dang") == ["Đặng Văn Lâm"]
    assert names("DANG VAN") == ["Đặng Văn Lâm"]
    assert names("lan") == ["Nguyễn Thị Lan"]
    assert names("lam dang") == ["Đặng Văn Lâm"]
    assert names("096180000002") == ["Nguyễn Thị Lan"]
    # Tên first (Dũng, Lâm, Lan), compared without diacritics.
    assert names("") == ["Lê Văn Dũng", "Đặng Văn Lâm", "Nguyễn Thị Lan"]


def test_household_api_members_and_poverty(xa1, communes):
    person = xa1.post("/api/v1/persons/", {"full_name": "Phan Văn Hộ", "birth_year": 1970, "sex": "M",
                                           "commune": communes["c1"].code}, format="json").json()
    household = xa1.post("/api/v1/households/", {"commune": communes["c1"].code, "hamlet": "Ấp 3"}, format="json")
    assert household.status_code == 201, household.content
    hid = household.json()["id"]
    added = xa1.post(f"/api/v1/households/{hid}/members/", {"person": person["id"], "relationship": "head"}, format="json")
    assert added.status_code == 201 and added.json()["head"] == person["id"]
    poverty = xa1.post(f"/api/v1/households/{hid}/poverty/", {"year": 2026, "status": "poor"}, format="json")
    assert poverty.status_code == 201
    again = xa1.post(f"/api/v1/households/{hid}/members/", {"person": person["id"], "relationship": "child"}, format="json")
    assert again.status_code == 400 and "đang là thành viên" in again.json()["detail"]


def test_admin_units_api(xa1):
    provinces = xa1.get("/api/v1/admin-units/", {"level": "province", "page_size": 100}).json()
    assert provinces["count"] == 34
    communes = xa1.get("/api/v1/admin-units/", {"level": "commune"}).json()
    assert communes["count"] == 3321
    ca_mau = xa1.get("/api/v1/admin-units/", {"level": "commune", "province": "96"}).json()
    assert ca_mau["count"] == 64


def test_openapi_schema_and_docs_page(client):
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/persons/" in schema.content
    docs = client.get("/api/docs/")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()
    assert b"cdn" not in docs.content.lower()


def test_framework_messages_are_vietnamese(xa1):
    response = xa1.post("/api/v1/persons/", {"commune": "00000"}, format="json")
    body = response.json()
    assert response.status_code == 400
    assert body["full_name"] == ["Trường này là bắt buộc."]
    assert body["commune"] == ["Không có xã/phường/đặc khu mã “00000”."]
    assert APIClient().get("/api/v1/persons/").json()["detail"].startswith("Chưa đăng nhập")
