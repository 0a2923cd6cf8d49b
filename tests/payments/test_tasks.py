"""Payroll in the background on the real database queue: progress while queued, done by the worker, and
a run left half-way by a stopped worker is taken up again without writing anything twice."""

import datetime

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import load_defaults
from ansinh.payments.models import PaymentLine, PayrollRun
from ansinh.payments.services import payroll_request, payroll_resume
from tests.factories import PersonFactory, enrolment_make

# transactional: the worker commits and closes its connection as it does in production
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("database_queue")]
D = datetime.date


@pytest.fixture
def database_queue():
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        yield


def work():
    call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)


@pytest.fixture
def enrolled(communes):
    load_defaults(PolicyParameter)
    for _ in range(3):
        person = PersonFactory(commune=communes["c1"])
        enrolment_make(person)


def test_queued_then_done_by_the_worker(users, enrolled, client):
    client.force_login(users["tinh"])
    response = client.post(reverse("payments:run_list"), {"month": "2026-03"})
    run = PayrollRun.objects.get()
    assert response.status_code == 302 and run.status == "queued" and not PaymentLine.objects.exists()
    page = client.get(reverse("payments:run_detail", args=[run.pk])).content.decode()
    assert 'data-testid="run-progress"' in page and "every 2s" in page
    work()
    run.refresh_from_db()
    assert (run.status, run.lines_created) == ("done", 3) and run.finished_at
    poll = client.get(reverse("payments:run_detail", args=[run.pk]), HTTP_HX_REQUEST="true",
                      HTTP_HX_TARGET="run-progress")
    assert poll["HX-Refresh"] == "true"
    assert "2.250.000 đ" in client.get(reverse("payments:run_detail", args=[run.pk])).content.decode()


def test_a_run_left_by_a_stopped_worker_is_resumed_once(users, enrolled):
    run = payroll_request(user=users["tinh"], month=D(2026, 3, 1), province_code="96")
    work()
    # a second request for the month, whose worker died while running it: nothing of it was committed
    stuck = payroll_request(user=users["tinh"], month=D(2026, 3, 1), province_code="96")
    from django_tasks_db.models import DBTaskResult

    DBTaskResult.objects.all().delete()
    PayrollRun.objects.filter(pk=stuck.pk).update(status="running")
    assert payroll_resume() == 1
    work()
    stuck.refresh_from_db()
    assert (stuck.status, stuck.lines_created) == ("done", 0)
    assert PaymentLine.objects.count() == 3 and run.pk != stuck.pk


def test_api_answers_202_while_queued(users, enrolled):
    from rest_framework.test import APIClient

    api = APIClient()
    api.force_authenticate(users["tinh"])
    response = api.post("/api/v1/payroll-runs/", {"month": "2026-03-01"}, format="json")
    assert response.status_code == 202 and response.json()["status"] == "queued"
    work()
    assert api.get(f"/api/v1/payroll-runs/{response.json()['id']}/").json()["status"] == "done"


def test_files_are_issued_only_once_the_run_is_done(users, enrolled):
    from ansinh.core.exceptions import DomainError
    from ansinh.payments.models import PaymentAgent
    from ansinh.payments.services import payment_files_issue

    PaymentAgent.objects.create(code="BD96", name="Bưu điện tỉnh Cà Mau", province_code="96")
    run = payroll_request(user=users["tinh"], month=D(2026, 3, 1), province_code="96")
    with pytest.raises(DomainError, match="đang được lập"):
        payment_files_issue(user=users["tinh"], run=run)
    work()
    run.refresh_from_db()
    assert len(payment_files_issue(user=users["tinh"], run=run)) == 1  # the post office's file
