"""Pages of the plans: the province's plans, and a plan with its targets — measured today where a computed
indicator measures them — and its task table."""

from django.utils import timezone

from ansinh.core.generic import ScopedDetailView, ScopedListView

from . import selectors
from .access import PLANS_VIEW
from .filters import PlanFilterSet


class PlanList(ScopedListView):
    access = PLANS_VIEW
    filterset_class = PlanFilterSet
    template_name = "monitoring/plan_list.html"
    source = selectors.plans


class PlanDetail(ScopedDetailView):
    access = PLANS_VIEW
    template_name = "monitoring/plan_detail.html"
    read = selectors.access_plan
    context_object_name = "plan"

    def get_context_data(self, **context):
        today = timezone.localdate()
        return {**context, "today": today,
                "rows": selectors.progress(user=self.request.user, plan=context["plan"], day=today),
                "tasks": context["plan"].tasks.order_by("position")}
