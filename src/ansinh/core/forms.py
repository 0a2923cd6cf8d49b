"""Form plumbing: Bootstrap classes on every widget, the partial birth date field and the month field."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _


def style_widget(widget: forms.Widget) -> None:
    """Bootstrap's class for the kind of widget."""
    if isinstance(widget, forms.CheckboxInput | forms.CheckboxSelectMultiple):
        css = "form-check-input"
    elif isinstance(widget, forms.Select):
        css = "form-select"
    else:
        css = "form-control"
    widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
    if isinstance(widget, forms.DateInput) and widget.input_type == "date":
        widget.format = "%Y-%m-%d"  # the browser's date picker takes ISO only; it shows dd/mm/yyyy itself


class StyledForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            style_widget(field.widget)

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"


_BIRTH = re.compile(r"^\s*(?:(?:(\d{1,2})[/.-])?(\d{1,2})[/.-])?(\d{4})\s*$")


def parse_partial_date(text: str) -> tuple[int | None, int | None, int | None]:
    """`05/03/1950` → (1950, 3, 5); `03/1950` → (1950, 3, None); `1950` → (1950, None, None)."""
    match = _BIRTH.match(text or "")
    if not match:
        raise ValueError(text)
    day, month, year = match.groups()
    return int(year), int(month) if month else None, int(day) if day else None


class PartialDateField(forms.CharField):
    """Ngày sinh: dd/mm/yyyy, mm/yyyy or just yyyy (a year-only birth date is normal in the registry)."""

    default_error_messages = {"invalid": _("Ngày sinh phải có dạng dd/mm/yyyy, mm/yyyy hoặc yyyy.")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return parse_partial_date(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


MONTH_INPUT = forms.DateInput(attrs={"type": "month"}, format="%Y-%m")


class MonthField(forms.DateField):
    """A month as `YYYY-MM` (the browser's month input), or a full date; kept as its first day."""

    widget = MONTH_INPUT
    input_formats = ["%Y-%m", "%Y-%m-%d", "%m/%Y", "%d/%m/%Y"]

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if day else day


class HolidayForm(StyledForm):
    date = forms.DateField(label=_("Ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    name = forms.CharField(label=_("Tên ngày nghỉ"), max_length=100)
