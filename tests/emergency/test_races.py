"""Two officers on the same emergency records at the same moment (PostgreSQL; SQLite serialises writers by design):
one funeral support decided once, the second officer told the first decision's number; one chairman's decision
for a commune's proposed aid, never two; two deliveries of one aid never beyond what was decided; one person
listed once and one kind of aid proposed once, the second officer told why."""

import threading
import time

import pytest
from django.db import connection, connections, transaction
from django.utils import timezone

from ansinh.assistance.models import FuneralSupport
from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import ConflictError, DomainError
from ansinh.core.models import DocumentNumber
from ansinh.emergency import services
from ansinh.emergency.models import Affected, Aid, Decision, Event
from tests.emergency.conftest import DAY, VILLAGE_LIST
from tests.factories import PersonFactory, race

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite serialises writers by design)")


def holding(model, pk, seconds: float = 1.5) -> threading.Thread:
    """Hold one row locked (SELECT … FOR UPDATE) for `seconds` in another connection: a writer inserting a row that
    references it waits on the foreign key's check, its own reads done — so two writers surely overlap."""
    ready = threading.Event()

    def hold():
        try:
            with transaction.atomic():
                model.objects.select_for_update().get(pk=pk)
                ready.set()
                time.sleep(seconds)
        finally:
            connections.close_all()
    thread = threading.Thread(target=hold)
    thread.start()
    assert ready.wait(10), "the row could not be locked"
    return thread


def test_two_officers_deciding_one_funeral_support_make_one_decision(paste, users, communes):
    paste(VILLAGE_LIST[2])  # Lê Văn Cư, dead in the flood
    support = FuneralSupport.objects.get()
    today = timezone.localdate()

    def decide(user, recipient):
        return lambda: services.funeral_decide(user=user, support=FuneralSupport.objects.get(pk=support.pk),
                                               expected_version=support.version, decided_on=today,
                                               recipient=recipient)
    results, errors = race(decide(users["xa1"], "Lê Thị Dung"), decide(users["tinh"], "Lê Văn Khác"))
    assert len(results) == 1 and len(errors) == 1, errors
    (winner,), (loser,) = results, errors
    assert isinstance(loser, DomainError) and not isinstance(loser, ConflictError), loser
    assert f"theo quyết định số {winner.decision_number} ngày {today:%d/%m/%Y}" in loser.message
    saved = FuneralSupport.objects.get()
    assert (saved.status, saved.decision_number, saved.recipient, saved.version) == (
        "decided", "01/QĐ-UBND", winner.recipient, support.version + 1)
    assert DocumentNumber.objects.get(issuer=communes["c1"].code, year=today.year).last == 1  # no number wasted
    assert AuditEvent.objects.filter(object_type="assistance.funeralsupport", action="update").count() == 1


def test_two_decisions_for_one_commune_at_once_make_one(listed, users, flood, communes):
    services.aids_propose_minimums(user=users["xa1"], event=flood, commune=communes["c1"])
    today = timezone.localdate()

    def decide(user):
        return lambda: services.decision_make(user=user, event=flood, commune=communes["c1"],
                                              decided_on=today - DAY, reviewed_on=today - 2 * DAY)
    results, errors = race(decide(users["xa1"]), decide(users["tinh"]))
    assert Decision.objects.count() == 1, list(Decision.objects.values_list("number", flat=True))
    assert len(results) == 1 and len(errors) == 1, errors
    assert isinstance(errors[0], DomainError) and "Không còn khoản trợ giúp nào chờ quyết định" in errors[0].message
    assert set(Aid.objects.values_list("decision", flat=True)) == {results[0].pk}  # no aid decided twice
    assert set(Aid.objects.values_list("version", flat=True)) == {2}


def test_two_deliveries_of_one_aid_at_once_never_exceed_the_decision(listed, users, flood, communes):
    services.aids_propose_minimums(user=users["xa1"], event=flood, commune=communes["c1"])
    today = timezone.localdate()
    services.decision_make(user=users["xa1"], event=flood, commune=communes["c1"], decided_on=today - DAY,
                           reviewed_on=today - 2 * DAY)
    cash = Aid.objects.get(affected=listed["Nguyễn Văn An"])  # 40.000.000 decided

    def deliver(user):
        return lambda: services.delivery_record(user=user, aid=Aid.objects.get(pk=cash.pk), delivered_on=today,
                                                quantity=30_000_000)
    results, errors = race(deliver(users["xa1"]), deliver(users["tinh"]))
    assert len(results) == 1 and len(errors) == 1, errors
    assert isinstance(errors[0], DomainError) and "Vượt mức đã quyết định" in errors[0].message, errors[0]
    assert Aid.objects.get(pk=cash.pk).delivered == 30_000_000


def test_one_person_listed_by_two_officers_at_once_is_listed_once(flood, users, communes):
    person = PersonFactory(full_name="Ngô Văn Ai", sex="M", birth_year=1970, commune=communes["c1"])
    day = timezone.localdate() - DAY

    def add(user):
        return lambda: services.affected_add(user=user, event=flood, person=person, damage="hunger", detected_on=day)
    holder = holding(Event, flood.pk)
    results, errors = race(add(users["xa1"]), add(users["tinh"]))
    holder.join()
    assert len(results) == 1 and Affected.objects.filter(event=flood, person=person).count() == 1
    assert len(errors) == 1 and isinstance(errors[0], DomainError), errors
    assert "danh sách của sự kiện này; mỗi người chỉ ghi một dòng" in errors[0].message


def test_one_kind_of_aid_proposed_twice_at_once_is_proposed_once(listed, users):
    line = listed["Trần Thị Bé"]

    def propose(user):
        return lambda: services.aid_propose(user=user, affected=line.pk, kind="rice")
    holder = holding(Affected, line.pk)
    results, errors = race(propose(users["xa1"]), propose(users["tinh"]))
    holder.join()
    assert len(results) == 1 and Aid.objects.filter(affected=line).count() == 1
    assert len(errors) == 1 and isinstance(errors[0], DomainError), errors
    assert "khoản “Gạo”" in errors[0].message
