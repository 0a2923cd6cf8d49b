"""The plans' pages and API: the province's plans, a plan's targets measured today where a computed indicator
measures them (met or not, by the rule the page states), its task table; read in the province only."""

import datetime

import pytest
from django.urls import reverse

from ansinh.emergency import services as emergency
from ansinh.monitoring import services
from ansinh.monitoring.selectors import target_rows
from tests.factories import api_client

pytestmark = pytest.mark.django_db


def plan_with(indicator: str, value: int, today, **target):
    return {"number": "9/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Cà Mau", "date": "2026-01-05",
            "title": "Kế hoạch trợ giúp kịp thời", "parent": "", "province_code": "96",
            "targets": [{"indicator": indicator, "period_start": today.year, "period_end": today.year + 4,
                         "value": value, "unit": "%", "text": f"{value}% người được trợ giúp kịp thời.", **target}],
            "tasks": [{"title": "Rà soát danh sách", "lead": "Sở Y tế", "coordinating": ["UBND các xã"],
                       "product": "Danh sách", "timeline": "Hằng năm"}]}


@pytest.fixture
def helped(users, communes, policy):
    """A flood in c1 this year: two households, one helped promptly (3 people), one waiting (2)."""
    today = datetime.date.today()
    start = max(today - datetime.timedelta(days=3), datetime.date(today.year, 1, 1))
    event = emergency.event_create(user=users["xa1"], kind="flood", name="Lũ", started_on=start,
                                   communes=[communes["c1"]])
    emergency.affected_paste(user=users["xa1"], event=event, commune=communes["c1"], detected_on=start,
                             text="An;;1970;Nam;Ấp 1;thiếu đói;3\nBình;;1971;Nam;Ấp 1;thiếu đói;2")
    emergency.aid_propose(user=users["xa1"], affected=event.affected.get(person__full_name="An"), kind="rice")
    decision = emergency.decision_make(user=users["xa1"], event=event, commune=communes["c1"], decided_on=start,
                                       urgent=True)
    emergency.deliver_decision(user=users["xa1"], decision=decision, delivered_on=start)
    return today


def test_a_target_is_measured_from_the_stored_figures(helped, users):
    low, _ = services.plan_record(user=users["tinh"], data=plan_with("emergency.helped_promptly", 60, helped))
    assert target_rows(user=users["tinh"], plan=low, today=helped)[0].value is None  # not computed yet
    services.rollups_refresh(province_code="96", today=helped)
    [row] = target_rows(user=users["tinh"], plan=low, today=helped)
    assert row.value == 60 and row.figure.numerator == 3 and row.figure.denominator == 5  # 3 of 5 people
    assert row.status in ("on_track", "met") and row.required == 60
    high, _ = services.plan_record(user=users["tinh"], data=plan_with("emergency.helped_promptly", 100, helped))
    assert target_rows(user=users["tinh"], plan=high, today=helped)[0].status in ("at_risk", "off_track", "on_track")
    assert target_rows(user=users["xa2"], plan=low, today=helped)[0].value is None  # xa2's commune had no one
    assert target_rows(user=users["xa1"], plan=low, today=helped)[0].value == 60


def test_the_plan_pages_and_api(helped, users, client, django_capture_on_commit_callbacks):
    plan, _ = services.plan_record(user=users["tinh"], data=plan_with("emergency.helped_promptly", 90, helped))
    client.force_login(users["xa1"])
    assert "9/KH-UBND" in client.get(reverse("monitoring:plan_list")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):  # the first look queues the figures' computation
        page = client.get(reverse("monitoring:plan_detail", args=[plan.pk])).content.decode()
    assert "90% người được trợ giúp kịp thời." in page and "Rà soát danh sách" in page
    page = client.get(reverse("monitoring:plan_detail", args=[plan.pk])).content.decode()
    assert "Số liệu tính lúc" in page and ">60%<" in page
    # 60% of a 90% target early in its five years: ahead of the straight path from 0
    assert "Đúng tiến độ: 1" in client.get(reverse("monitoring:plan_list")).content.decode()
    target = client.get(reverse("monitoring:target_detail", args=[plan.pk, 1])).content.decode()
    assert "<svg" in target and "Các xã, phường xếp theo số liệu" in target and "part=missing" in target
    shown = api_client(users["xa1"]).get(f"/api/v1/plans/{plan.pk}/").json()
    assert shown["number"] == "9/KH-UBND" and shown["targets"][0]["indicator"] == "emergency.helped_promptly"
    assert api_client(users["hanoi"]).get(f"/api/v1/plans/{plan.pk}/").status_code == 404
    assert api_client(users["hanoi"]).get("/api/v1/plans/").json()["count"] == 0
