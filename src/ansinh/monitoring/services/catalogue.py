"""The indicator catalogue, versioned: the computed indicators' definitions taken from the code that computes them
(a changed definition becomes a new version), and the indicators a province asks its units to report."""

from django.db import transaction
from django.db.models import Max

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core import indicators
from ansinh.core.access import require_capability
from ansinh.core.exceptions import DomainError

from ..access import PLANS_MANAGE
from ..models import Definition

CODE_MAX = Definition._meta.get_field("code").max_length or 0
_FIELDS = ("label", "numerator_label", "denominator_label", "legal")


def _latest(code: str, province_code: str) -> Definition | None:
    return Definition.objects.filter(code=code, province_code=province_code).order_by("-version").first()


def _same(definition: Definition, values: dict) -> bool:
    return all(getattr(definition, name) == values[name] for name in _FIELDS)


def _add(code: str, province_code: str, kind: str, values: dict, latest: Definition | None) -> Definition:
    return Definition.objects.create(code=code, province_code=province_code, kind=kind,
                                     version=(latest.version + 1) if latest else 1, **values)


def computed_definition(code: str) -> Definition | None:
    """The current version of a computed indicator's definition, added when the code's definition changed since the
    version last recorded; None for a code no app computes."""
    indicator = indicators.get(code)
    if indicator is None:
        return None
    values = {"label": indicator.label, "numerator_label": indicator.numerator_label,
              "denominator_label": indicator.denominator_label or "", "legal": indicator.legal}
    with transaction.atomic():
        latest = _latest(code, "")
        if latest is not None and _same(latest, values):
            return latest
        return _add(code, "", Definition.Kind.COMPUTED, values, latest)


def catalogue_sync() -> dict[str, int]:
    """Every computed indicator's current definition recorded: {"added": versions added, "unchanged": …}."""
    counts = {"added": 0, "unchanged": 0}
    known = dict(Definition.objects.filter(province_code="").values_list("code").annotate(Max("version")))
    for indicator in indicators.all_indicators():
        before = known.get(indicator.code)
        definition = computed_definition(indicator.code)
        counts["unchanged" if definition is not None and definition.version == before else "added"] += 1
    return counts


def reported_definition(code: str, province_code: str) -> Definition | None:
    return Definition.objects.filter(code=code, province_code=province_code,
                                     kind=Definition.Kind.REPORTED).order_by("-version").first()


@transaction.atomic
def definition_record(*, user, code: str, label: str, numerator_label: str, denominator_label: str = "",
                      legal: str = "") -> Definition:
    """A province's reported indicator (what its units report because the system does not hold it): its first
    version, or a new one when the definition changes (reports already submitted keep theirs)."""
    require_capability(user, PLANS_MANAGE)
    unit = getattr(user, "jurisdiction", None)
    if unit is None:
        raise DomainError("Chỉ tiêu do đơn vị báo cáo là của một tỉnh: tài khoản cấp quốc gia không ghi được.")
    code = "".join(str(code).split())
    values = {"label": " ".join(label.split()), "numerator_label": " ".join(numerator_label.split()),
              "denominator_label": " ".join(denominator_label.split()), "legal": " ".join(legal.split())}
    errors = {}
    if not code:
        errors["code"] = ["Hãy ghi mã chỉ số."]
    elif indicators.get(code) is not None:
        errors["code"] = [f"Mã “{code}” là của một chỉ số tính từ dữ liệu; hãy chọn mã khác."]
    elif len(code) > CODE_MAX:
        errors["code"] = ["Mã chỉ số dài quá 80 ký tự."]
    if not values["label"]:
        errors["label"] = ["Hãy ghi tên chỉ số."]
    if not values["numerator_label"]:
        errors["numerator_label"] = ["Hãy ghi tử số (hoặc đơn vị đếm)."]
    for name in ("numerator_label", "denominator_label"):
        if len(values[name]) > 200:
            errors[name] = ["Dài quá 200 ký tự."]
    if errors:
        raise DomainError(" ".join(m for ms in errors.values() for m in ms), errors=errors)
    latest = _latest(code, unit.province_code)
    if latest is not None and _same(latest, values):
        return latest
    definition = _add(code, unit.province_code, Definition.Kind.REPORTED, values, latest)
    audit_record(actor=user, action=AuditEvent.Action.CREATE, instance=definition, commune=None,
                 province_code=unit.province_code, changes={"code": code, "version": definition.version})
    return definition


def known_code(code: str, province_code: str) -> bool:
    """Is `code` an indicator a target may name: computed by an app, or reported in the province."""
    return indicators.get(code) is not None or reported_definition(code, province_code) is not None
