"""The workforce's lists and what narrows them, for the pages, the API and the exports alike."""

import datetime

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ansinh.core.filters import FilterSet, IdFilter
from ansinh.core.text import fold
from ansinh.geo.fields import CommuneFilter

from .indicators import base_salary_on
from .models import Course, CourseKind, Engagement, Position, Title


class PositionFilterSet(FilterSet):
    """Vị trí công tác xã hội. `search`: tên người hoặc cơ quan, cơ sở (không dấu cũng được); `on`: đang giữ vào
    ngày đó (YYYY-MM-DD); `below_base_salary`: phụ cấp thấp hơn lương cơ sở của ngày đó (mặc định hôm nay)."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    organisation = IdFilter(label=_("Cơ quan, cơ sở"))
    commune = CommuneFilter(field_name="organisation__commune")
    title = django_filters.ChoiceFilter(label=_("Chức danh"), choices=Title.choices, empty_label=_("Mọi chức danh"))
    engagement = django_filters.ChoiceFilter(label=_("Hình thức"), choices=Engagement.choices,
                                             empty_label=_("Mọi hình thức"))
    on = django_filters.DateFilter(label=_("Đang giữ vào ngày"), method="filter_on")
    below_base_salary = django_filters.BooleanFilter(label=_("Phụ cấp dưới lương cơ sở"), method="filter_below")

    class Meta:
        model = Position
        fields = ["search", "organisation", "commune", "title", "engagement", "on", "below_base_salary"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["search"].widget.attrs.update(placeholder=_("Tên người hoặc cơ quan"), type="search")

    def filter_search(self, queryset, name, value):
        text = fold(value.strip())
        if not text:
            return queryset
        return queryset.filter(Q(person__name_folded__contains=text) | Q(organisation__name_folded__contains=text))

    def _day(self) -> datetime.date:
        return self.form.cleaned_data.get("on") or datetime.date.today()

    def filter_on(self, queryset, name, value):
        return queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=value), start_date__lte=value)

    def filter_below(self, queryset, name, value):
        if value is None:
            return queryset
        day = self._day()
        base = base_salary_on(day)
        held = queryset.filter(Q(end_date__isnull=True) | Q(end_date__gte=day), start_date__lte=day)
        if base is None:
            return held if value else held.none()
        return held.filter(monthly_allowance__lt=base) if value else held.filter(monthly_allowance__gte=base)


class CourseFilterSet(FilterSet):
    """Khóa đào tạo, tập huấn. `year`: năm khai giảng."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=CourseKind.choices, empty_label=_("Mọi loại"))
    year = django_filters.NumberFilter(label=_("Năm"), field_name="start_date", lookup_expr="year", min_value=2000,
                                       max_value=2100, decimal_places=0)

    class Meta:
        model = Course
        fields = ["search", "kind", "year"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["search"].widget.attrs.update(placeholder=_("Tên khóa hoặc đơn vị tổ chức"), type="search")

    def filter_search(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        return queryset.filter(Q(title__icontains=text) | Q(organiser__icontains=text))
