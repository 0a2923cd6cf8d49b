"""How core names the communes an indicator is broken down by."""

from ansinh.core import indicators

from .models import AdministrativeUnit


def _names(ids: list[int]) -> dict[int, tuple[str, str]]:
    return {pk: (code, name) for pk, code, name in
            AdministrativeUnit.objects.filter(pk__in=ids).values_list("pk", "code", "name")}


def _by_code(code: str) -> int | None:
    return AdministrativeUnit.objects.filter(code=code, level=AdministrativeUnit.Level.COMMUNE).values_list(
        "pk", flat=True).first()


indicators.set_commune_lookup(names=_names, by_code=_by_code)
