"""A commune as the other apps' lists, forms and API take it: by its 5-digit code, among the user's communes
in a filter, named with its code in a drop-down."""

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ansinh.core.filters import CodeChoiceFilter

from .models import AdministrativeUnit
from .selectors import communes_for


def _communes(request):
    return communes_for(request.user) if request is not None else AdministrativeUnit.objects.none()


class CommuneFilter(CodeChoiceFilter):
    """A commune of the user's jurisdiction, by its code (the page's drop-down and the API say it alike)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Xã/phường"))
        kwargs.setdefault("empty_label", _("Tất cả xã/phường"))
        kwargs.setdefault("field_name", "commune")
        super().__init__(*args, queryset=_communes, **kwargs)


class CommuneChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.code})"


class CommuneField(serializers.SlugRelatedField):
    """A commune by its official 5-digit code."""

    default_error_messages = {
        "does_not_exist": "Không có xã/phường/đặc khu mã “{value}”.",
        "invalid": "Mã xã/phường không hợp lệ.",
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True), **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.isascii() or not data.isdigit():
            self.fail("invalid")
        return super().to_internal_value(data)
