"""The list of imports and what narrows it, for the page and the API alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ansinh.core.filters import FilterSet

from .models import ImportJob


class ImportJobFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=ImportJob.Status.choices,
                                         empty_label=_("Mọi trạng thái"))
    kind = django_filters.ChoiceFilter(label=_("Loại danh sách"), choices=ImportJob.Kind.choices,
                                       empty_label=_("Mọi loại"))

    class Meta:
        model = ImportJob
        fields = ["status", "kind"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("status", "kind"):
            self.form.fields[name].widget.attrs["data-autosubmit"] = ""
