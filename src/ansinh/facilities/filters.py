"""The list of organisations and what narrows it, for the page, the API and the exports alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ansinh.core.filters import FilterSet
from ansinh.core.text import fold
from ansinh.geo.fields import CommuneFilter

from .models import InvestmentProject, Kind, Organisation, ProjectPurpose


class OrganisationFilterSet(FilterSet):
    """Cơ quan, cơ sở. `search`: mã hoặc một phần tên (không dấu cũng được)."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=Kind.choices, empty_label=_("Mọi loại"))
    commune = CommuneFilter()

    class Meta:
        model = Organisation
        fields = ["search", "kind", "commune"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["search"].widget.attrs.update(placeholder=_("Mã hoặc tên (không cần dấu)"), type="search")

    def filter_search(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(name_folded__contains=fold(text)) | queryset.filter(code=text.upper())


class ProjectFilterSet(FilterSet):
    """Dự án đầu tư. `purpose`: xây mới, nâng cấp, dịch vụ."""

    purpose = django_filters.ChoiceFilter(label=_("Mục tiêu"), choices=ProjectPurpose.choices,
                                          empty_label=_("Mọi mục tiêu"))

    class Meta:
        model = InvestmentProject
        fields = ["purpose"]
