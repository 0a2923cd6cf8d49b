"""The plans' tasks: where each stands against the deadlines its timeline sets, updates with evidence recorded by
the province's officers, the overdue ones by lead agency; pages, API and scope."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import DomainError, PermissionDeniedError
from ansinh.monitoring import selectors, services
from tests.factories import api_client

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 7, 20)


@pytest.fixture
def plan(users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    made, _ = services.plan_record(user=users["tinh"], data={
        "number": "9/KH-UBND", "issuer": "Ủy ban nhân dân tỉnh Cà Mau", "date": "2025-03-01", "title": "Kế hoạch",
        "parent": "", "province_code": "96", "targets": [],
        "tasks": [{"title": "Rà soát đối tượng", "lead": "Sở Y tế", "timeline": "Hàng năm"},
                  {"title": "Tập huấn cộng tác viên", "lead": "Sở Y tế", "timeline": "Quý I hàng năm"},
                  {"title": "Xây dựng đề án", "lead": "Sở Tài chính", "timeline": "Năm 2027"},
                  {"title": "Truyền thông", "lead": "Sở Văn hóa", "timeline": "Thường xuyên"}]})
    return made


def task(plan, position):
    return plan.tasks.get(position=position)


def test_tasks_stand_against_their_deadlines(plan):
    states = {s.task.position: s for s in selectors.task_states(plan=plan, today=TODAY)}
    assert (states[1].due_on, states[1].days_late) == (datetime.date(2025, 12, 31), 201)  # 2025 not done
    assert (states[2].due_on, states[2].days_late) == (datetime.date(2025, 3, 31), 476)
    assert (states[3].due_on, states[3].days_late) == (datetime.date(2027, 12, 31), None)
    assert (states[4].due_on, states[4].days_late) == (None, None)


def test_an_update_for_a_deadline_with_its_evidence(plan, users):
    first = task(plan, 1)
    with pytest.raises(DomainError, match="không có hạn ngày 30/06/2025"):
        services.task_update_record(user=users["tinh"], task=first, due_on=datetime.date(2025, 6, 30), status="done",
                                    note="x", today=TODAY)
    with pytest.raises(DomainError, match="vướng mắc là gì"):
        services.task_update_record(user=users["tinh"], task=first, due_on=datetime.date(2025, 12, 31),
                                    status="blocked", today=TODAY)
    with pytest.raises(DomainError, match="kết quả hoặc gửi tệp"):
        services.task_update_record(user=users["tinh"], task=first, due_on=datetime.date(2025, 12, 31),
                                    status="done", today=TODAY)
    with pytest.raises(DomainError, match="chỉ nhận PDF"):
        services.task_update_record(user=users["tinh"], task=first, due_on=datetime.date(2025, 12, 31),
                                    status="done", evidence=SimpleUploadedFile("x.exe", b"MZ"), today=TODAY)
    with pytest.raises(PermissionDeniedError):
        services.task_update_record(user=users["xa1"], task=first, due_on=datetime.date(2025, 12, 31),
                                    status="done", note="x", today=TODAY)
    assert not first.updates.exists()
    done = services.task_update_record(user=users["tinh"], task=first, due_on=datetime.date(2025, 12, 31),
                                       status="done", evidence=SimpleUploadedFile("Báo cáo rà soát.pdf", b"%PDF-1.4"),
                                       today=TODAY)
    assert done.evidence_name == "Báo cáo rà soát.pdf" and done.evidence.read() == b"%PDF-1.4"
    assert AuditEvent.objects.filter(object_type="monitoring.taskupdate", object_id=str(done.pk)).exists()
    state = selectors.task_state(task=first, today=TODAY)
    assert (state.due_on, state.days_late, state.status) == (datetime.date(2026, 12, 31), None, None)
    ongoing = services.task_update_record(user=users["tinh"], task=task(plan, 4), due_on=None, status="in_progress",
                                          today=TODAY)
    assert ongoing.due_on == datetime.date(2026, 12, 31)  # a task without deadline: this year's


def test_overdue_by_agency(plan, users):
    groups = dict(selectors.overdue_by_agency(user=users["tinh"], today=TODAY))
    assert [s.task.position for s in groups["Sở Y tế"]] == [1, 2] and "Sở Tài chính" not in groups
    assert selectors.overdue_by_agency(user=users["hanoi"], today=TODAY) == []


def test_the_task_pages_and_api(plan, users, client):
    client.force_login(users["tinh"])
    url = reverse("monitoring:task_detail", args=[plan.pk, 1])
    page = client.get(url).content.decode()
    assert "Rà soát đối tượng" in page and "Quá hạn" in page
    bad = client.post(url, {"due_on": "2025-12-31", "status": "done", "note": ""})
    assert bad.status_code == 400 and "kết quả hoặc gửi tệp" in bad.content.decode()
    done = client.post(url, {"due_on": "2025-12-31", "status": "done", "note": "Đã rà soát 64 xã.",
                             "evidence": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minh chung")})
    assert done.status_code == 302
    update = task(plan, 1).updates.get()
    assert client.get(reverse("monitoring:evidence", args=[update.pk])).getvalue() == b"%PDF-1.4 minh chung"
    overdue = client.get(reverse("monitoring:overdue_tasks")).content.decode()
    assert "Tập huấn cộng tác viên" in overdue and "Rà soát đối tượng" not in overdue
    client.force_login(users["hanoi"])
    assert client.get(url).status_code == 404
    assert client.get(reverse("monitoring:evidence", args=[update.pk])).status_code == 404
    client.force_login(users["xa1"])
    assert client.get(url).status_code == 200 and "task-update-form" not in client.get(url).content.decode()
    province = api_client(users["tinh"])
    listed = province.get("/api/v1/plan-tasks/", {"overdue": "true"}).json()
    assert [t["title"] for t in listed["results"]] == ["Tập huấn cộng tác viên"]
    second = task(plan, 2)
    made = province.post(f"/api/v1/plan-tasks/{second.pk}/updates/", {
        "due_on": "2026-03-31", "status": "blocked", "note": "Chưa có kinh phí",
        "evidence": SimpleUploadedFile("cv.docx", b"PK")}, format="multipart")
    assert made.status_code == 201 and made.json()["evidence_name"] == "cv.docx"
    assert api_client(users["xa1"]).post(f"/api/v1/plan-tasks/{second.pk}/updates/", {
        "due_on": "2026-03-31", "status": "done", "note": "x"}, format="json").status_code == 403
    assert api_client(users["hanoi"]).get(f"/api/v1/plan-tasks/{second.pk}/").status_code == 404
