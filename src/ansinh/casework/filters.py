"""What narrows the case list and the children's register, for the pages, the API and the exports alike."""

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ansinh.core.filters import FilterSet, IdFilter
from ansinh.core.text import fold
from ansinh.geo.fields import CommuneFilter

from .models import SENSITIVE_GROUPS, Case, CaseType, ChildGroup, Circumstance, Risk, Stage


def _either(everything, yes, no) -> forms.Select:
    """A yes/no filter's drop-down that says what each choice means (not "unknown / yes / no")."""
    return forms.Select(choices=[("", everything), ("true", yes), ("false", no)])


class CaseFilterSet(FilterSet):
    """Ca của tôi (được phân công, giám sát, tiếp nhận chuyển gửi hoặc được chia sẻ). `search`: số hồ sơ hoặc tên
    đối tượng; `overdue`: còn việc quá hạn; `mine`: tôi là người quản lý ca."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    stage = django_filters.ChoiceFilter(label=_("Bước"), choices=Stage.choices, empty_label=_("Mọi bước"))
    case_type = django_filters.ChoiceFilter(label=_("Loại ca"), choices=CaseType.choices, empty_label=_("Mọi loại"))
    risk = django_filters.ChoiceFilter(label=_("Nguy cơ"), choices=Risk.choices, empty_label=_("Mọi mức"))
    organisation = IdFilter(label=_("Đơn vị"))
    open = django_filters.BooleanFilter(label=_("Đang mở"), method="filter_open",
                                        widget=_either(_("Mở và đã đóng"), _("Đang mở"), _("Đã đóng")))
    overdue = django_filters.BooleanFilter(label=_("Có việc quá hạn"), method="filter_overdue",
                                           widget=_either(_("Quá hạn hay không"), _("Có việc quá hạn"),
                                                          _("Không quá hạn")))

    class Meta:
        model = Case
        fields = ["search", "stage", "case_type", "risk", "organisation", "open", "overdue"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["search"].widget.attrs.update(placeholder=_("Số hồ sơ hoặc tên đối tượng"), type="search")

    def filter_search(self, queryset, name, value):
        text = value.strip()
        if not text:
            return queryset
        if text[:1].isdigit():
            number = text.split("/")[0]
            return queryset.filter(number=int(number)) if number.isdigit() else queryset.none()
        return queryset.filter(subjects__person__name_folded__contains=fold(text)).distinct()

    def filter_open(self, queryset, name, value):
        return queryset.exclude(stage=Stage.CLOSED) if value else queryset.filter(stage=Stage.CLOSED)

    def filter_overdue(self, queryset, name, value):
        late = Q(deadlines__met_at__isnull=True, deadlines__due_at__lt=timezone.now())
        ids = Case.objects.filter(late).values("pk")
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)


_SHOWN = [(v, label) for v, label in ChildGroup.choices if v not in SENSITIVE_GROUPS]


class CircumstanceFilterSet(FilterSet):
    """Sổ trẻ em có hoàn cảnh đặc biệt. Các nhóm nhạy cảm (HIV/AIDS, bạo lực, xâm hại, mua bán, bóc lột, vi phạm
    pháp luật, ma túy) không có trong danh sách và tệp xuất: xem ở hồ sơ từng trẻ."""

    search = django_filters.CharFilter(label=_("Tìm kiếm"), method="filter_search")
    group = django_filters.ChoiceFilter(label=_("Nhóm"), choices=_SHOWN, empty_label=_("Mọi nhóm"))
    commune = CommuneFilter(field_name="person__commune")
    current = django_filters.BooleanFilter(label=_("Đang thuộc nhóm"), method="filter_current",
                                           widget=_either(_("Mọi thời gian"), _("Đang thuộc nhóm"), _("Đã kết thúc")))

    class Meta:
        model = Circumstance
        fields = ["search", "group", "commune", "current"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["search"].widget.attrs.update(placeholder=_("Tên trẻ"), type="search")

    def filter_search(self, queryset, name, value):
        text = fold(value.strip())
        return queryset.filter(person__name_folded__contains=text) if text else queryset

    def filter_current(self, queryset, name, value):
        return queryset.filter(until__isnull=True) if value else queryset.filter(until__isnull=False)
