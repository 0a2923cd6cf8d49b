"""Reads of administrative units (public reference data: no jurisdiction filter on the units themselves)."""

from django.db.models import QuerySet

from .models import AdministrativeUnit


def provinces() -> QuerySet[AdministrativeUnit]:
    return AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.PROVINCE, valid_to__isnull=True)


def communes_of(province: AdministrativeUnit | str) -> QuerySet[AdministrativeUnit]:
    code = province if isinstance(province, str) else province.province_code
    return AdministrativeUnit.objects.filter(
        level=AdministrativeUnit.Level.COMMUNE, province_code=code, valid_to__isnull=True
    ).order_by("name")


def province_by_code(code: str) -> AdministrativeUnit:
    return provinces().get(code=code)


def communes_for(user) -> QuerySet[AdministrativeUnit]:
    """Today's communes in `user`'s jurisdiction (a commune, a province, or the whole country), by name."""
    units = AdministrativeUnit.objects.filter(level=AdministrativeUnit.Level.COMMUNE, valid_to__isnull=True)
    unit = getattr(user, "jurisdiction", None)
    if unit is not None:
        units = units.filter(pk=unit.pk) if unit.level == AdministrativeUnit.Level.COMMUNE else units.filter(
            province_code=unit.province_code)
    return units.order_by("province_code", "name")
