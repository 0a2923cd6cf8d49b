"""Loading administrative units from the `vietnam-provinces` package (NQ 202/2025/QH15, QĐ 19/2025/QĐ-TTg)."""

import datetime

from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward

from ansinh.core.text import fold

from .models import AdministrativeUnit

REFORM_DATE = datetime.date(2025, 7, 1)
LEGAL_BASIS = "NQ 202/2025/QH15; QĐ 19/2025/QĐ-TTg"

_KINDS = {
    VietNamDivisionType.TINH: AdministrativeUnit.Kind.TINH,
    VietNamDivisionType.THANH_PHO_TRUNG_UONG: AdministrativeUnit.Kind.THANH_PHO,
    VietNamDivisionType.XA: AdministrativeUnit.Kind.XA,
    VietNamDivisionType.PHUONG: AdministrativeUnit.Kind.PHUONG,
    VietNamDivisionType.DAC_KHU: AdministrativeUnit.Kind.DAC_KHU,
}


def province_code(value: int) -> str:
    return f"{int(value):02d}"


def admin_units_load() -> dict[str, int]:
    """Insert the current 34 provinces and 3,321 communes; idempotent (existing codes are updated)."""
    provinces = sorted(Province.iter_all(), key=lambda p: int(p.code))
    wards = sorted(Ward.iter_all(), key=lambda w: int(w.code))
    created = updated = 0
    with transaction.atomic():
        existing = {
            (u.level, u.code): u
            for u in AdministrativeUnit.objects.filter(valid_from=REFORM_DATE)
        }
        to_create: list[AdministrativeUnit] = []
        to_update: list[AdministrativeUnit] = []

        def upsert(level, code, name, kind, prov, parent=None):
            nonlocal created, updated
            unit = existing.get((level, code))
            if unit is None:
                unit = AdministrativeUnit(level=level, code=code, valid_from=REFORM_DATE)
                to_create.append(unit)
                created += 1
            elif (unit.name, unit.kind, unit.parent_id) != (name, kind, parent.pk if parent else None):
                to_update.append(unit)
                updated += 1
            unit.name, unit.name_folded, unit.kind = name, fold(name), kind
            unit.province_code, unit.parent, unit.legal_basis = prov, parent, LEGAL_BASIS
            return unit

        for p in provinces:
            code = province_code(p.code)
            upsert(AdministrativeUnit.Level.PROVINCE, code, p.name, _KINDS[p.division_type], code)
        AdministrativeUnit.objects.bulk_create(to_create)
        AdministrativeUnit.objects.bulk_update(to_update, ["name", "name_folded", "kind", "province_code", "legal_basis"])
        parents = {
            u.code: u
            for u in AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE, valid_from=REFORM_DATE)
        }
        to_create, to_update = [], []
        for w in wards:
            prov = province_code(w.province_code)
            upsert(AdministrativeUnit.Level.COMMUNE, f"{int(w.code):05d}", w.name, _KINDS[w.division_type], prov, parents[prov])
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=1000)
        AdministrativeUnit.objects.bulk_update(
            to_update, ["name", "name_folded", "kind", "province_code", "parent", "legal_basis"], batch_size=1000
        )
    return {"created": created, "updated": updated, "provinces": len(provinces), "communes": len(wards)}
