"""Show an audit event's changes with the fields' Vietnamese names."""

from django import template
from django.apps import apps
from django.core.exceptions import FieldDoesNotExist

register = template.Library()


def _label(model, name: str) -> str:
    if model is None:
        return name
    for described in (model, getattr(model, "history_model", None)):  # a record whose history is another model's
        try:
            return str(described._meta.get_field(name.removesuffix("_id")).verbose_name)
        except (FieldDoesNotExist, AttributeError):
            continue
    return name


@register.filter
def change_rows(event) -> list[tuple[str, object, object, bool]]:
    """[(label, before, after, is_diff)]; entries that are not field diffs (members, links moved) have is_diff False."""
    try:
        model = apps.get_model(event.object_type)
    except (LookupError, ValueError):
        model = None
    rows = []
    for key, value in (event.changes or {}).items():
        if isinstance(value, list) and len(value) == 2 and key not in ("member_added", "member_removed"):
            rows.append((_label(model, key), value[0], value[1], True))
        else:
            rows.append((_label(model, key), value, None, False))
    return rows
