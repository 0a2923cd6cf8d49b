"""The payment lists and what narrows them, for the pages and the API alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ansinh.core.filters import FilterSet, IdFilter

from .models import PaymentFile, PaymentLine


class PaymentFileFilterSet(FilterSet):
    """Tệp chi trả; `run`: mã lần lập (an agent sees no run: an id out of scope matches nothing)."""

    run = IdFilter(field_name="run_id", label=_("Lần lập"), help_text="Mã lần lập danh sách chi trả")
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=PaymentFile.Status.choices,
                                         empty_label=_("Mọi trạng thái"))

    class Meta:
        model = PaymentFile
        fields = ["run", "status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["status"].widget.attrs["data-autosubmit"] = ""  # the page's select filters at once


class PaymentLineFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=PaymentLine.Status.choices,
                                         empty_label=_("Mọi trạng thái"))

    class Meta:
        model = PaymentLine
        fields = ["status"]
