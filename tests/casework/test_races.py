"""Two people on the same case at the same moment (PostgreSQL; SQLite serialises writers by design): one edit wins
and the other is refused with the differences, never silently overwritten; two cases opened at once at one unit
get two numbers."""

import pytest
from django.db import connection

from ansinh.casework import services
from ansinh.casework.models import Case
from ansinh.core.exceptions import ConflictError
from tests.factories import race

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers: PostgreSQL (SQLite serialises writers by design)")


def test_two_edits_of_one_version_one_wins_the_other_sees_the_differences(team, open_case):
    case = open_case()
    version = case.version

    def edit(user, risk):
        return lambda: services.case_update(user=user, case=Case.objects.get(pk=case.pk), expected_version=version,
                                            risk=risk)
    results, errors = race(edit(team["worker"], "serious"), edit(team["supervisor"], "low"))
    assert len(results) == 1 and len(errors) == 1, errors
    assert isinstance(errors[0], ConflictError) and errors[0].differences
    saved = Case.objects.get(pk=case.pk)
    assert saved.version == version + 1 and saved.risk == results[0].risk


def test_two_cases_opened_at_once_get_two_numbers(team, open_case):
    results, errors = race(lambda: open_case(), lambda: open_case())
    assert errors == [] and sorted(c.number for c in results) == [1, 2]
