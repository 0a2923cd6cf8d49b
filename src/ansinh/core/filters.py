"""One FilterSet per list, shared by the page (and its htmx table), the API and the export (NetBox's way).

A page ignores a value it cannot read (the list shows unfiltered by it); the API answers 400 naming the
parameter (REST framework's DjangoFilterBackend). Either way the rows come from the scoped queryset the
view hands in: a filter narrows what the user may see, never widens it.
"""

from typing import Any

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from .forms import style_widget


class FilterSet(django_filters.FilterSet):
    """Bootstrap classes on the filter form, and the values in use (for an export's audit event)."""

    @property
    def form(self):
        form = super().form
        if not getattr(form, "_styled", False):
            for field in form.fields.values():
                style_widget(field.widget)
            form._styled = True
        return form

    def values(self) -> dict[str, Any]:
        """The filters that apply, as plain values: what a download was narrowed by."""
        if not self.is_bound or not self.form.is_valid():
            return {}
        return {name: getattr(value, "pk", value) for name, value in self.form.cleaned_data.items()
                if value not in (None, "", [])}


class CodeChoiceFilter(django_filters.ModelChoiceFilter):
    """A record chosen by its code (a commune by its 5 digits), so that page and API say it the same way."""

    def __init__(self, *args, to_field_name: str = "code", **kwargs):
        super().__init__(*args, to_field_name=to_field_name, **kwargs)


class YearFilter(django_filters.NumberFilter):
    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1900, max_value=2200, **kwargs)


ID_MAX = 2**63 - 1  # a larger number is no id, and SQLite could not even compare it


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": ID_MAX})
class IdFilter(django_filters.NumberFilter):
    """A record by its plain id, not a choice among records: a record out of scope just matches nothing."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        super().__init__(*args, min_value=1, max_value=ID_MAX, **kwargs)
