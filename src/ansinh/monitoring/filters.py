"""The list of plans, for the page and the API alike."""

from ansinh.core.filters import FilterSet, YearFilter

from .models import Plan


class PlanFilterSet(FilterSet):
    """Kế hoạch của tỉnh. `year`: năm ban hành."""

    year = YearFilter(label="Năm ban hành", field_name="issued_on", lookup_expr="year")

    class Meta:
        model = Plan
        fields = ["year"]
