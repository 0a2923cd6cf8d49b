"""The lists of social assistance and what narrows them, for the pages and the API alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from ansinh.core import parameters
from ansinh.core.filters import FilterSet, IdFilter
from ansinh.core.models import PolicyParameter
from ansinh.geo.fields import CommuneFilter
from ansinh.registry.models import Person
from ansinh.registry.selectors import search_q

from .models import Application, Enrolment, Programme


class EnrolmentFilterSet(FilterSet):
    """Đối tượng hưởng: by default the open period of each person (who is receiving now); `all` adds the
    periods that ended. `search`: họ tên (không dấu) hoặc số định danh."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    commune = CommuneFilter()
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Enrolment.Status.choices,
                                         empty_label=_("Mọi trạng thái"))
    programme = django_filters.ChoiceFilter(label=_("Chính sách"), choices=Programme.choices,
                                            empty_label=_("Mọi chính sách"))
    person = IdFilter(field_name="person_id", label=_("Mã hồ sơ đối tượng"))
    all = django_filters.BooleanFilter(label=_("Cả giai đoạn đã kết thúc"), method="filter_all")

    class Meta:
        model = Enrolment
        fields = ["search", "commune", "status", "programme", "person", "all"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["search"].widget.attrs.update(
            placeholder=_("Họ tên (không dấu cũng được) hoặc số định danh"), type="search")

    def filter_search(self, queryset, name, value):
        return queryset.filter(person__in=Person.objects.filter(search_q(value)))

    def filter_all(self, queryset, name, value):
        return queryset

    @property
    def qs(self):
        queryset = super().qs
        every = self.form.cleaned_data.get("all") if self.is_bound and self.form.is_valid() else False
        return queryset if every else queryset.filter(end_month__isnull=True)


class ApplicationFilterSet(FilterSet):
    status = django_filters.ChoiceFilter(label=_("Trạng thái"), choices=Application.Status.choices,
                                         empty_label=_("Mọi trạng thái"))
    procedure = django_filters.ChoiceFilter(label=_("Quy trình"), empty_label=_("Mọi quy trình"), choices=[
        ("commune", _("Cấp xã (từ 01/7/2025)")), ("three_tier", _("Ba cấp (trước 01/7/2025)"))])
    person = IdFilter(field_name="person_id", label=_("Mã hồ sơ người đề nghị"))

    class Meta:
        model = Application
        fields = ["status", "procedure", "person"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["status"].widget.attrs["data-autosubmit"] = ""


class ParameterFilterSet(FilterSet):
    key = django_filters.ChoiceFilter(label=_("Tham số"), choices=lambda: sorted(parameters.labels().items()),
                                      empty_label=_("Mọi tham số"))
    province_code = django_filters.CharFilter(label=_("Mã tỉnh (trống: toàn quốc)"))

    class Meta:
        model = PolicyParameter
        fields = ["key", "province_code"]
