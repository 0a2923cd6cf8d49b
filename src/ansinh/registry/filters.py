"""The registry's lists and what narrows them, for the pages, the API and the exports alike."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ansinh.core.filters import FilterSet, YearFilter
from ansinh.core.paging import OrderedUnion
from ansinh.core.text import fold
from ansinh.geo.fields import CommuneFilter

from . import selectors
from .models import DisabilityLevel, DuplicateCandidate, Household, Person, PovertyStatus, Sex


class PersonFilterSet(FilterSet):
    """Người trong sổ. `search`: họ tên (không dấu cũng được, tên trước cũng được) hoặc số định danh."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    commune = CommuneFilter()
    sex = django_filters.ChoiceFilter(label=_("Giới tính"), choices=Sex.choices, empty_label=_("Giới tính"))
    disability = django_filters.ChoiceFilter(
        label=_("Khuyết tật"), method="filter_disability", empty_label=_("Khuyết tật"),
        choices=[("any", _("Có khuyết tật"))] + list(DisabilityLevel.choices)[1:],
    )

    class Meta:
        model = Person
        fields = ["search", "commune", "sex", "disability"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["search"].widget.attrs.update(placeholder=_("Họ tên (không cần dấu), số định danh…"),
                                                       autofocus=True, type="search")

    def filter_search(self, queryset, name, value):
        return queryset.filter(selectors.search_q(value))

    def filter_disability(self, queryset, name, value):
        return queryset.exclude(disability_level=DisabilityLevel.NONE) if value == "any" else queryset.filter(
            disability_level=value)

    def results(self) -> OrderedUnion:
        """The page of a search, the measured fast path: each alternative of the search is read along its own
        index and the page merged (`core.paging`), and the count stops at 1,000."""
        text = self.form.cleaned_data.get("search", "") if self.is_bound and self.form.is_valid() else ""
        without_search = self.filter_queryset_without("search")
        return selectors.person_page(without_search, text)

    def filter_queryset_without(self, name: str):
        queryset = self.queryset.all()
        if self.is_bound and self.form.is_valid():
            for field, value in self.form.cleaned_data.items():
                if field != name:
                    queryset = self.filters[field].filter(queryset, value)
        return queryset


class HouseholdFilterSet(FilterSet):
    """Hộ gia đình. `search`: mã hộ hoặc họ tên chủ hộ (không dấu)."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    commune = CommuneFilter()
    poverty_year = YearFilter(label=_("Năm rà soát"), method="filter_poverty")
    poverty_status = django_filters.ChoiceFilter(label=_("Phân loại"), choices=PovertyStatus.choices,
                                                 method="filter_poverty", empty_label=_("Phân loại"))

    class Meta:
        model = Household
        fields = ["search", "commune", "poverty_year", "poverty_status"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["search"].widget.attrs.update(placeholder=_("Mã hộ hoặc tên chủ hộ (không cần dấu)"),
                                                       autofocus=True, type="search")

    def filter_search(self, queryset, name, value):
        text = value.strip()
        folded = fold(text)
        people = Person.objects.filter(selectors.prefix_q("name_folded", folded) | selectors.prefix_q("sort_name", folded))
        return queryset.filter(selectors.prefix_q("code", text.upper()) | Q(head__in=people))

    def filter_poverty(self, queryset, name, value):
        # both halves are needed: a status is of a year
        year, status = self.form.cleaned_data.get("poverty_year"), self.form.cleaned_data.get("poverty_status")
        if name == "poverty_status" or not (year and status):
            return queryset
        return queryset.filter(poverty_records__year=year, poverty_records__status=status)


class DuplicateFilterSet(FilterSet):
    """Hàng đợi hồ sơ nghi trùng, mặc định những cặp chờ xử lý."""

    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=DuplicateCandidate.Status.choices,
                                         method="filter_status")

    class Meta:
        model = DuplicateCandidate
        fields = ["status"]

    def filter_status(self, queryset, name, value):
        return queryset.filter(status=value)

    @property
    def qs(self):
        queryset = super().qs
        chosen = self.form.cleaned_data.get("status") if self.is_bound and self.form.is_valid() else None
        return queryset if chosen else queryset.filter(status=DuplicateCandidate.Status.PENDING)
