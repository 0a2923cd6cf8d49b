"""Merging two records of one person who were both paid: both lines are kept and the months to recover
listed, instead of the merge failing on the once-a-month constraint (issue 8, item 8)."""

import datetime

import pytest
from django.urls import reverse

from ansinh.assistance.models import Enrolment
from ansinh.audit.models import AuditEvent
from ansinh.core.exceptions import DomainError
from ansinh.core.models import PolicyParameter
from ansinh.core.parameters import load_defaults
from ansinh.payments.models import PaymentLine
from ansinh.payments.services import payroll_generate
from ansinh.registry import services
from ansinh.registry.models import DuplicateCandidate
from tests.factories import PersonFactory, api_client
from tests.payments.test_payroll import enrol

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def paid_twice(communes, users):
    """One man registered twice; the first record paid from January, the second January to February."""
    load_defaults(PolicyParameter)
    a = PersonFactory(full_name="Lâm Văn Trùng", commune=communes["c1"], citizen_id=None)
    b = PersonFactory(full_name="Lâm Văn Trùng", commune=communes["c1"], citizen_id="096080777001")
    enrol(a, start=D(2026, 2, 1))
    enrol(b, start=D(2026, 1, 1), end=D(2026, 2, 1), status="ended")
    for month in (D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)):
        payroll_generate(user=users["tinh"], month=month, province_code="96")
    services.duplicates_scan()
    return a, b


def test_both_lines_are_kept_and_the_month_paid_twice_is_listed(paid_twice, users):
    a, b = paid_twice
    assert PaymentLine.objects.filter(month=D(2026, 2, 1)).count() == 2  # February paid to both records
    merged = services.person_merge(user=users["xa1"], survivor=a, duplicate=b)
    assert merged.survivor == a
    assert merged.notes and "02/2026" in merged.notes[0] and "thu hồi" in merged.notes[0]
    assert sorted(PaymentLine.objects.filter(person=a).values_list("month", flat=True)) == [
        D(2026, 1, 1), D(2026, 2, 1), D(2026, 3, 1)]  # January moved, February and March its own
    assert list(PaymentLine.objects.filter(person=b).values_list("month", flat=True)) == [D(2026, 2, 1)]
    assert Enrolment.objects.filter(person=a).count() == 2 and not Enrolment.objects.filter(person=b).exists()
    event = AuditEvent.objects.get(action="merge", object_id=str(a.pk))
    assert event.changes["parts"]["payments"]["paid_twice"][0]["month"] == "2026-02-01"


def test_the_page_says_what_to_recover_and_the_api_too(paid_twice, users, client):
    a, _b = paid_twice
    candidate = DuplicateCandidate.objects.get()
    client.force_login(users["xa1"])
    response = client.post(reverse("registry:duplicate_action", args=[candidate.pk, "merge"]),
                           {"merge-keep": "a" if candidate.person_a == a else "b"}, follow=True)
    shown = [str(m) for m in response.context["messages"]]
    assert any("02/2026" in m and "thu hồi" in m for m in shown), shown


def test_the_api_answers_with_the_notes(paid_twice, users):
    a, _b = paid_twice
    candidate = DuplicateCandidate.objects.get()
    keep = "a" if candidate.person_a == a else "b"
    response = api_client(users["xa1"]).post(f"/api/v1/duplicates/{candidate.pk}/merge/", {"keep": keep},
                                             format="json")
    assert response.status_code == 200, response.content
    assert response.json()["id"] == a.pk and "02/2026" in response.json()["merge_notes"][0]


def test_two_open_periods_are_refused_and_nothing_moves(communes, users):
    load_defaults(PolicyParameter)
    a = PersonFactory(full_name="Lâm Văn Hai", commune=communes["c1"], citizen_id=None)
    b = PersonFactory(full_name="Lâm Văn Hai", commune=communes["c1"], citizen_id=None)
    enrol(a)
    enrol(b)
    payroll_generate(user=users["tinh"], month=D(2026, 1, 1), province_code="96")
    with pytest.raises(DomainError, match="đang hưởng"):
        services.person_merge(user=users["xa1"], survivor=a, duplicate=b)
    b.refresh_from_db()
    assert b.merged_into is None and PaymentLine.objects.filter(person=b).count() == 1
