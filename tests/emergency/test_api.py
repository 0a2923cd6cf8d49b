"""The emergency API end to end, as another system would use it: the same services and rules as the pages, errors
in Vietnamese naming the field or the row, nothing written on a refusal, a stale funeral decision answered 409."""

import pytest

from ansinh.assistance.models import FuneralSupport
from ansinh.emergency.models import Affected, Aid
from ansinh.payments.models import EMERGENCY, PaymentAgent, PaymentLine
from tests.emergency.conftest import DAY, VILLAGE_LIST, table
from tests.factories import api_client

pytestmark = pytest.mark.django_db


def test_a_flood_through_the_api(users, communes, policy, today):
    api = api_client(users["xa1"])
    c1 = communes["c1"]
    made = api.post("/api/v1/emergency-events/", {"kind": "flood", "name": "Lũ qua API",
                                                  "started_on": str(today - 5 * DAY), "communes": [c1.code]},
                    format="json")
    assert made.status_code == 201, made.content
    event = made.json()["id"]
    refused = api.post(f"/api/v1/emergency-events/{event}/paste/",
                       {"commune": c1.code, "detected_on": str(today - 2 * DAY),
                        "rows": table(*VILLAGE_LIST, ("Sai Dòng", "", "năm", "Nam", "Ấp 1", "ngập nhẹ", 1, "", ""))},
                       format="json")
    assert refused.status_code == 400 and refused.json()["rows"][0].startswith("Dòng 9: không rõ thiệt hại")
    assert "Dòng 9: năm sinh “năm” không phải là số." in refused.json()["rows"][0]
    assert Affected.objects.count() == 0
    pasted = api.post(f"/api/v1/emergency-events/{event}/paste/",
                      {"commune": c1.code, "detected_on": str(today - 2 * DAY), "rows": table(*VILLAGE_LIST)},
                      format="json")
    assert pasted.status_code == 201 and pasted.json() == {"created": 7}
    assert api.post(f"/api/v1/emergency-events/{event}/propose/", {"commune": c1.code},
                    format="json").json() == {"proposed": 4}
    waiting = api.get("/api/v1/emergency-affected/", {"event": event, "waiting": "true"}).json()
    assert waiting["count"] == 7
    urgent = api.post(f"/api/v1/emergency-events/{event}/decisions/",
                      {"commune": c1.code, "decided_on": str(today - DAY), "urgent": True}, format="json")
    assert urgent.status_code == 201 and urgent.json()["number"] == "01/QĐ-UBND"
    assert Aid.objects.filter(decision__isnull=False).count() == 2  # rice and the serious injury (Điều 12–13)
    no_review = api.post(f"/api/v1/emergency-events/{event}/decisions/",
                         {"commune": c1.code, "decided_on": str(today)}, format="json")
    assert no_review.status_code == 400 and "bình xét" in no_review.json()["reviewed_on"][0]
    reviewed = api.post(f"/api/v1/emergency-events/{event}/decisions/",
                        {"commune": c1.code, "decided_on": str(today), "reviewed_on": str(today - DAY)},
                        format="json").json()
    assert reviewed["number"] == "02/QĐ-UBND"

    rice = Aid.objects.get(kind="rice")
    too_much = api.post(f"/api/v1/emergency-aids/{rice.pk}/deliveries/",
                        {"delivered_on": str(today), "quantity": rice.quantity + 1}, format="json")
    assert too_much.status_code == 400 and "Vượt mức đã quyết định: còn được chi, phát 45 kg" in \
        too_much.json()["quantity"][0]
    assert api.post(f"/api/v1/emergency-aids/{rice.pk}/deliveries/", {"delivered_on": str(today), "quantity": 45},
                    format="json").status_code == 201
    PaymentAgent.objects.create(code="BD96", name="Bưu điện tỉnh Cà Mau", province_code="96")
    paid = api.post(f"/api/v1/emergency-decisions/{reviewed['id']}/payment/", {"method": "agent"}, format="json")
    assert paid.status_code == 201 and paid.json()["lines"] == 2 and len(paid.json()["files"]) == 1
    assert PaymentLine.objects.filter(programme=EMERGENCY).count() == 2

    late = api.get("/api/v1/emergency-affected/", {"event": event, "overdue": "true"}).json()
    assert late["count"] == 0
    line = Affected.objects.get(person__full_name="Hồ Văn Phúc")  # house lost, not poor: no cash minimum
    closed = api.post(f"/api/v1/emergency-affected/{line.pk}/close/",
                      {"reason": "Không thuộc hộ nghèo, cận nghèo", "closed_on": str(today)}, format="json")
    assert closed.status_code == 200 and closed.json()["closed_on"] == str(today)

    support = FuneralSupport.objects.get()
    body = {"expected_version": support.version, "decided_on": str(today), "recipient": "Lê Thị Dung"}
    decided = api.post(f"/api/v1/funeral-supports/{support.pk}/decide/", body, format="json")
    assert decided.status_code == 200 and decided.json()["decision_number"] == "03/QĐ-UBND"
    again = api.post(f"/api/v1/funeral-supports/{support.pk}/decide/", body, format="json")
    assert again.status_code == 400 and "03/QĐ-UBND" in again.json()["detail"]
    stale = api.post(f"/api/v1/funeral-supports/{support.pk}/pay/",
                     {"expected_version": support.version, "paid_on": str(today)}, format="json")
    assert stale.status_code == 409
    assert api.post(f"/api/v1/funeral-supports/{support.pk}/pay/",
                    {"expected_version": support.version + 1, "paid_on": str(today)},
                    format="json").json()["status"] == "paid"


def test_another_commune_and_a_reader_cannot_write(users, communes, flood, listed, today):
    line = next(iter(listed.values()))
    for user, expected in ((users["xa2"], 404), (users["kiemtra"], 403)):
        api = api_client(user)
        assert api.post(f"/api/v1/emergency-events/{flood.pk}/propose/", {"commune": communes["c1"].code},
                        format="json").status_code == expected
        assert api.post(f"/api/v1/emergency-affected/{line.pk}/aids/", {"kind": "rice"},
                        format="json").status_code == expected
    assert api_client(users["kiemtra"]).get("/api/v1/emergency-affected/").json()["count"] == len(listed)
    assert api_client(users["xa2"]).get("/api/v1/emergency-affected/").json()["count"] == 0
    assert api_client(users["hanoi"]).get("/api/v1/emergency-events/").json()["count"] == 0
