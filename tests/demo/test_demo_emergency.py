import re

import pytest
from django.db.models import F
from django.utils import timezone

from ansinh.accounts.models import User
from ansinh.assistance.models import Enrolment, FuneralSupport
from ansinh.core.exceptions import DomainError
from ansinh.demo.services import demo_seed
from ansinh.emergency import selectors, services
from ansinh.emergency.models import Affected, Aid, Decision, Event, SupportRequest
from ansinh.geo.services import admin_units_load

PASSWORD = "AnSinh@2025"


@pytest.fixture
def seeded(db):
    admin_units_load()
    return demo_seed(password=PASSWORD, persons=2000, seed=7)


def test_the_flood_struck_both_communes_one_helped_in_time_the_other_still_waiting(seeded):
    today = timezone.localdate()
    users = {u.username: u for u in User.objects.filter(username__in=["tinh", "xa1", "xa2"])}
    home1, home2 = users["xa1"].jurisdiction, users["xa2"].jurisdiction
    flood = Event.objects.get(kind="flood")
    assert set(flood.communes.all()) == {home1, home2} and flood.note
    assert 40 <= (today - flood.started_on).days <= 50
    lines = Affected.objects.filter(event=flood)
    assert seeded["emergency_events"] == Event.objects.count() == 2
    assert seeded["flood_affected"] == lines.count()
    mine1, mine2 = lines.filter(commune=home1), lines.filter(commune=home2)
    assert mine1.count() == 25 and 13 <= mine2.count() <= 15
    assert {"hunger", "badly_damaged", "house_lost", "relocated", "injury", "death"} <= set(
        lines.values_list("damage", flat=True))
    assert lines.filter(person__created_by__username__in=["xa1", "xa2"]).count() >= 5  # registered on the spot
    for line in lines:
        assert line.detected_on <= today
        assert line.decided_on is None or line.detected_on <= line.decided_on <= today
        assert line.delivered_on is None or line.decided_on <= line.delivered_on <= today

    # xa1's commune: reviewed, decided by the deadline and all handed out
    assert {line.timeliness(today) for line in mine1} == {"prompt"}
    assert not Aid.objects.filter(affected__in=mine1, decision__isnull=True).exists()
    assert Aid.objects.filter(affected__in=mine1, kind="goods", quantity=350_000).exists()
    assert not selectors.waiting(user=users["xa1"], today=today).filter(event=flood).exists()
    # xa2's commune: part handed out, some decided lines and the last days' finds still waiting, one late
    assert mine2.filter(decided_on__isnull=False, delivered_on__isnull=False).exists()
    waiting = selectors.waiting(user=users["tinh"], today=today).filter(event=flood)
    assert set(waiting.values_list("commune", flat=True)) == {home2.pk}
    assert seeded["flood_waiting"] == waiting.count() >= 4
    undecided = [line for line in waiting if line.decided_on is None]
    assert {line.timeliness(today) for line in undecided} == {"waiting", "late"}
    assert any((today - line.detected_on).days <= 2 for line in undecided)
    assert Aid.objects.filter(affected__in=mine2, delivered__gt=0, delivered__lt=F("quantity")).exists()


def test_the_flood_decisions_are_numbered_the_urgent_one_without_review(seeded):
    flood = Event.objects.get(kind="flood")
    home1 = User.objects.get(username="xa1").jurisdiction
    decisions = list(Decision.objects.all())
    assert len(decisions) == 4  # Tết; for the flood, xa1's reviewed one, xa2's urgent one and its reviewed one
    assert all(re.fullmatch(r"\d{2,}/QĐ-UBND", d.number) for d in decisions)
    reviewed = Decision.objects.get(event=flood, commune=home1)
    assert not reviewed.urgent and reviewed.reviewed_on <= reviewed.decided_on and reviewed.signer
    urgent = Decision.objects.get(event=flood, urgent=True)
    assert urgent.commune != home1 and urgent.reviewed_on is None
    # without the review only rice, goods and injuries (Điều 17 k.2); the houses after it
    assert not urgent.aids.filter(kind="cash").exclude(affected__damage="injury").exists()
    assert Decision.objects.get(event=flood, commune=urgent.commune, urgent=False).aids.filter(kind="cash").exists()
    for decision in decisions:
        assert Decision.objects.filter(commune=decision.commune, decided_on__year=decision.decided_on.year,
                                       number=decision.number).count() == 1

    requests = {r.commune_id: r for r in SupportRequest.objects.filter(event=flood)}
    answered = requests[home1.pk]
    assert answered.status == "answered" and answered.granted_rice_kg > 0 and answered.answer
    assert [r.status for pk, r in requests.items() if pk != home1.pk] == ["sent"]


def test_the_drowned_beneficiary_funeral_support_is_paid_once(seeded):
    flood = Event.objects.get(kind="flood")
    [death] = Affected.objects.filter(event=flood, damage="death")
    support = FuneralSupport.objects.get(person=death.person)
    assert seeded["funerals_paid"] == 1 and support.status == "paid" and support.ground == "disaster"
    assert support.decision_number and support.recipient and support.recipient != death.person.full_name
    assert support.amount == 50 * support.standard_level
    assert death.decided_on == support.decided_on and death.delivered_on == support.paid_on
    # a monthly-allowance beneficiary: the death recorded, the allowance ended with its month
    assert death.person.date_of_death == death.detected_on
    period = Enrolment.objects.filter(person=death.person).latest("start_month")
    assert period.status == "ended" and period.end_month.month == death.detected_on.month
    with pytest.raises(DomainError, match=support.decision_number):
        services.funeral_claim(user=User.objects.get(username="xa1"), person=death.person, ground="regular",
                               date_of_death=death.detected_on)


def test_the_tet_rice_was_decided_and_handed_out_in_time(seeded):
    today = timezone.localdate()
    tet = Event.objects.get(kind="tet")
    lines = Affected.objects.filter(event=tet)
    assert tet.started_on.year in (today.year, today.year - 1) and lines.count() == 12
    assert set(lines.values_list("damage", flat=True)) == {"hunger"}
    assert {line.timeliness(today) for line in lines} == {"prompt"}
    for line in lines:
        [rice] = line.aids.all()
        assert rice.kind == "rice" and rice.months == 1 and rice.quantity == rice.delivered == 15 * line.people
