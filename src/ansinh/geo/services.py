"""Loading administrative units from the `vietnam-provinces` package (NQ 202/2025/QH15, QĐ 19/2025/QĐ-TTg)."""

import csv
import datetime
import re
import unicodedata
from pathlib import Path

from django.db import transaction
from vietnam_provinces import Province, VietNamDivisionType, Ward

from ansinh.core.text import fold

from .models import AdministrativeUnit, FormerCommune

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


FORMER_COMMUNES = Path(__file__).parent / "data" / "former_communes.csv"  # written by scripts/former_communes.py


def _spaced(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).split())


def _squeezed(name: str) -> str:
    """A name as compared across sources that write "Hòa" or "Hoà", "M'gar" or "Mgar", one space or two."""
    return re.sub(r"[^a-z0-9]", "", fold(name))


def former_communes_load() -> dict[str, int]:
    """The 10,035 communes before 1 July 2025 and today's commune(s) each became part of; idempotent. Needs
    today's communes (`admin_units_load`). A successor whose name is not found is left out and counted."""
    exact: dict[tuple[str, str], int] = {}
    today: dict[tuple[str, str], list[int]] = {}
    for pk, name, province in AdministrativeUnit.objects.filter(
            level=AdministrativeUnit.Level.COMMUNE, valid_to__isnull=True).values_list("pk", "name", "province_code"):
        exact[(province, _spaced(name))] = pk
        today.setdefault((province, _squeezed(name)), []).append(pk)
    with open(FORMER_COMMUNES, encoding="utf-8") as source:
        rows = list(csv.DictReader(source))
    unresolved = 0
    with transaction.atomic():
        existing = {c.code: c for c in FormerCommune.objects.all()}
        fields = ("name", "name_folded", "district", "province", "province_code")
        to_create, to_update = [], []
        for row in rows:
            values = (row["commune"], fold(row["commune"]), row["district"], row["province"], row["province_code"])
            unit = existing.get(row["code"])
            if unit is None:
                unit = existing[row["code"]] = FormerCommune(code=row["code"], **dict(zip(fields, values, strict=True)))
                to_create.append(unit)
            elif tuple(getattr(unit, f) for f in fields) != values:
                for field, value in zip(fields, values, strict=True):
                    setattr(unit, field, value)
                to_update.append(unit)
        FormerCommune.objects.bulk_create(to_create, batch_size=2000)
        FormerCommune.objects.bulk_update(to_update, fields, batch_size=500)
        links = []
        for row in rows:
            for name in row["successors"].split("|"):
                found = [exact[key]] if (key := (row["province_code"], _spaced(name))) in exact else today.get(
                    (row["province_code"], _squeezed(name)), [])
                if len(found) == 1:
                    links.append(FormerCommune.successors.through(formercommune_id=existing[row["code"]].pk,
                                                                   administrativeunit_id=found[0]))
                else:
                    unresolved += 1
        FormerCommune.successors.through.objects.all().delete()
        FormerCommune.successors.through.objects.bulk_create(links, batch_size=5000)
    return {"former_communes": len(rows), "links": len(links), "unresolved": unresolved}
