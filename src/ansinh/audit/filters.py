"""What narrows the audit trail: the action, who did it, and when."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.core.filters import FilterSet

from .models import AuditEvent


class AuditEventFilterSet(FilterSet):
    action = django_filters.ChoiceFilter(label=_("Hành động"), choices=AuditEvent.Action.choices,
                                         empty_label=_("Mọi hành động"))
    user = django_filters.CharFilter(label=_("Người thực hiện"), field_name="actor__username")
    date_from = django_filters.DateFilter(label=_("Từ ngày"), field_name="at", lookup_expr="date__gte",
                                          widget=forms.DateInput(attrs={"type": "date"}))
    date_to = django_filters.DateFilter(label=_("Đến ngày"), field_name="at", lookup_expr="date__lte",
                                        widget=forms.DateInput(attrs={"type": "date"}))

    class Meta:
        model = AuditEvent
        fields = ["action", "user", "date_from", "date_to"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["action"].widget.attrs["data-autosubmit"] = ""
        self.form.fields["user"].widget.attrs["placeholder"] = _("Người thực hiện")
