"""The lists of emergency assistance, for the pages and the API alike."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ansinh.assistance.models import FuneralSupport
from ansinh.core.filters import FilterSet, IdFilter, YearFilter
from ansinh.geo.fields import CommuneFilter

from .models import Affected, Damage, Event, EventKind


class EventFilterSet(FilterSet):
    """Sự kiện cần trợ giúp khẩn cấp. `kind`: loại; `year`: năm bắt đầu."""

    kind = django_filters.ChoiceFilter(label=_("Loại sự kiện"), choices=EventKind.choices,
                                       empty_label=_("Tất cả loại"))
    year = YearFilter(label=_("Năm"), field_name="started_on", lookup_expr="year")

    class Meta:
        model = Event
        fields = ["kind", "year"]


class WaitingFilterSet(FilterSet):
    """Người, hộ chưa nhận được trợ giúp. `event`: một sự kiện; `overdue`: chỉ những người đã quá hạn quyết định."""

    event = IdFilter(label=_("Sự kiện"), field_name="event_id", widget=forms.HiddenInput)
    commune = CommuneFilter()
    damage = django_filters.ChoiceFilter(label=_("Thiệt hại"), choices=Damage.choices, empty_label=_("Mọi thiệt hại"))
    overdue = django_filters.BooleanFilter(label=_("Chỉ những người quá hạn quyết định"), method="only_overdue",
                                           widget=forms.CheckboxInput)

    class Meta:
        model = Affected
        fields = ["event", "commune", "damage", "overdue"]

    def only_overdue(self, queryset, name, value):
        return queryset.filter(decided_on__isnull=True, due_on__lt=timezone.localdate()) if value else queryset


class FuneralFilterSet(FilterSet):
    """Hỗ trợ chi phí mai táng. `status`: đề xuất, đã quyết định, đã chi trả; `ground`: căn cứ."""

    commune = CommuneFilter()
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=FuneralSupport.Status.choices,
                                         empty_label=_("Mọi trạng thái"))
    ground = django_filters.ChoiceFilter(label=_("Căn cứ"), choices=FuneralSupport.Ground.choices,
                                         empty_label=_("Mọi căn cứ"))

    class Meta:
        model = FuneralSupport
        fields = ["commune", "status", "ground"]
