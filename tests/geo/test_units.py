import datetime

import pytest
from django.db import IntegrityError, transaction

from ansinh.geo import selectors
from ansinh.geo.models import AdministrativeUnit
from ansinh.geo.services import admin_units_load
from ansinh.registry.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_current_units_loaded_with_official_codes(units):
    assert selectors.provinces().count() == 34
    assert AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True).count() == 3321
    ca_mau = selectors.province_by_code("96")
    assert ca_mau.name == "Cà Mau" and ca_mau.kind == "tinh"
    assert selectors.province_by_code("01").kind == "thanh_pho"
    cm = selectors.communes_of(ca_mau)
    assert cm.count() == 64
    assert all(len(u.code) == 5 and u.parent_id == ca_mau.pk for u in cm)
    assert {u.kind for u in cm} <= {"xa", "phuong", "dac_khu"}
    assert cm.filter(name_folded__contains="bac lieu").exists()  # Bạc Liêu merged into Cà Mau


def test_reload_is_idempotent(units):
    assert admin_units_load()["created"] == 0
    assert AdministrativeUnit.objects.count() == 34 + 3321


def test_legacy_three_tier_units_and_addresses_can_be_stored(units):
    bac_lieu_old = AdministrativeUnit.objects.create(
        level="province", kind="tinh", code="95", name="Bạc Liêu", name_folded="bac lieu", province_code="95",
        valid_from=datetime.date(1997, 1, 1), valid_to=datetime.date(2025, 6, 30), legal_basis="trước NQ 202/2025/QH15")
    district = AdministrativeUnit.objects.create(
        level="district", kind="huyen", code="954", name="Huyện Hòa Bình", name_folded="huyen hoa binh",
        parent=bac_lieu_old, province_code="95", valid_from=datetime.date(2005, 1, 1), valid_to=datetime.date(2025, 6, 30))
    assert district.is_current is False
    assert selectors.provinces().filter(code="95").count() == 0  # legacy units are not offered for new records
    commune = selectors.communes_of("96").first()
    person = PersonFactory(commune=commune, legacy_address="Ấp Vĩnh Mới, xã Vĩnh Mỹ A, huyện Hòa Bình, tỉnh Bạc Liêu")
    assert Person.objects.get(pk=person.pk).legacy_address.endswith("tỉnh Bạc Liêu")
    with pytest.raises(IntegrityError), transaction.atomic():
        AdministrativeUnit.objects.create(level="district", kind="huyen", code="999", name="Sai", name_folded="sai",
                                          province_code="95", valid_from=datetime.date(2025, 1, 1), valid_to=datetime.date(2024, 1, 1))
