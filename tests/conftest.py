"""Shared fixtures: administrative units, the demo-like users xa1/xa2/tinh/admin/kiemtra, people."""

import pytest

from ansinh.geo.models import AdministrativeUnit
from ansinh.geo.services import admin_units_load, former_communes_load

PASSWORD = "AnSinh@2025"
CA_MAU = "96"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the 34 provinces and 3,321 communes (and the communes before 2025) once into the test database."""
    with django_db_blocker.unblock():
        admin_units_load()
        former_communes_load()


@pytest.fixture
def units(db):
    """Transactional tests (browser) flush tables; reload the units when they are gone."""
    if not AdministrativeUnit.objects.exists():
        admin_units_load()
        former_communes_load()


@pytest.fixture
def ca_mau(units):
    return AdministrativeUnit.objects.get(level="province", code=CA_MAU, valid_to__isnull=True)


@pytest.fixture
def communes(ca_mau):
    """Two different Cà Mau communes and one in another province (Hà Nội)."""
    cm = list(AdministrativeUnit.objects.filter(level="commune", province_code=CA_MAU).order_by("code")[:2])
    hanoi = AdministrativeUnit.objects.filter(level="commune", province_code="01").order_by("code").first()
    return {"c1": cm[0], "c2": cm[1], "other_province": hanoi}


@pytest.fixture
def users(ca_mau, communes):
    from tests.factories import make_user

    return {
        "admin": make_user("admin", "administrator", None),
        "tinh": make_user("tinh", "province_officer", ca_mau),
        "xa1": make_user("xa1", "commune_officer", communes["c1"]),
        "xa2": make_user("xa2", "commune_officer", communes["c2"]),
        "kiemtra": make_user("kiemtra", "auditor", ca_mau),
        "chitra": make_user("chitra", "payment_agent", ca_mau),
        "hanoi": make_user("hanoi", "province_officer", AdministrativeUnit.objects.get(level="province", code="01")),
    }


@pytest.fixture
def policy(db):
    """The parameters the data migration loads, again: a transactional test elsewhere may have flushed them."""
    from ansinh.core.models import PolicyParameter
    from ansinh.core.parameters import load_defaults

    load_defaults(PolicyParameter)
