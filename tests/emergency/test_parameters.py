"""The amounts in force are dated parameters: a new database starts with the law's, a province raises its own, and
the terms of a day read them (with the assistance app's standard level and funeral multiples)."""

import datetime
from decimal import Decimal

import pytest

from ansinh.core.exceptions import DomainError
from ansinh.core.services import parameter_add
from ansinh.emergency import policy as emergency
from ansinh.emergency.selectors import terms
from tests.factories import make_user

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_law_s_values_on_a_day(policy):  # the fixture reloads the parameters
    t = terms(D(2026, 10, 1))
    assert (t.rice_kg, t.rice_months_tet, t.rice_months_disaster, t.injury_days, t.decision_days) == (15, 1, 3, 3, 2)
    assert t.house_lost == Decimal(40_000_000) and t.relocation == Decimal(30_000_000)
    assert t.house_repair == Decimal(20_000_000) and t.injury_multiple == Decimal(10)
    assert t.funeral_disaster == Decimal(50) and t.funeral_regular == Decimal(20)
    assert terms(D(2024, 1, 1)).standard_level == Decimal(360_000)


def test_a_province_raises_a_house_support_from_a_date_but_may_not_lower_it(policy, ca_mau):
    admin = make_user("qt96", "administrator", ca_mau)
    parameter_add(user=admin, key=emergency.HOUSE_LOST, value=Decimal(60_000_000), valid_from=D(2026, 9, 1),
                  legal_basis="Nghị quyết HĐND tỉnh (thử)", province_code="96")
    assert terms(D(2026, 9, 1), "96").house_lost == Decimal(60_000_000)
    assert terms(D(2026, 8, 31), "96").house_lost == Decimal(40_000_000)
    assert terms(D(2026, 9, 1), "01").house_lost == Decimal(40_000_000)
    with pytest.raises(DomainError, match="không được thấp hơn"):
        parameter_add(user=admin, key=emergency.RELOCATION, value=Decimal(25_000_000),
                      valid_from=D(2026, 9, 1), legal_basis="x", province_code="96")
