"""The list of plans, for the page and the API alike."""

from ansinh.core.filters import FilterSet, YearFilter

from .models import Plan, Report


class PlanFilterSet(FilterSet):
    """Kế hoạch của tỉnh. `year`: năm ban hành."""

    year = YearFilter(label="Năm ban hành", field_name="issued_on", lookup_expr="year")

    class Meta:
        model = Plan
        fields = ["year"]


class ReportFilterSet(FilterSet):
    """Báo cáo định kỳ. `plan`: mã kế hoạch; `period`: kỳ (2026-H1, 2026); `status`: draft, submitted, returned,
    approved."""

    class Meta:
        model = Report
        fields = ["plan", "period", "status"]
