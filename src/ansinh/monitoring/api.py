"""API of the plans (/api/v1/plans/): each plan as `ansinh plans show --json` prints it, in the reader's province."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers
from rest_framework.response import Response

from ansinh.core.api import ScopedViewSet

from . import selectors
from .access import PLANS_VIEW
from .filters import PlanFilterSet


class TargetSerializer(serializers.Serializer):
    indicator = serializers.CharField(allow_null=True, help_text="Mã chỉ số tính từ dữ liệu (/api/v1/indicators/)")
    period_start = serializers.IntegerField()
    period_end = serializers.IntegerField()
    value = serializers.FloatField()
    unit = serializers.CharField()
    baseline_year = serializers.IntegerField(allow_null=True, help_text="Năm gốc của mức tăng, nếu có")
    text = serializers.CharField(help_text="Câu của kế hoạch nêu chỉ tiêu")


class TaskSerializer(serializers.Serializer):
    title = serializers.CharField()
    lead = serializers.CharField()
    coordinating = serializers.ListField(child=serializers.CharField())
    product = serializers.CharField()
    timeline = serializers.CharField()


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    issuer = serializers.CharField()
    date = serializers.DateField()
    title = serializers.CharField()
    parent = serializers.CharField()
    province_code = serializers.CharField()
    targets = TargetSerializer(many=True)
    tasks = TaskSerializer(many=True)


def _document(plan) -> dict:
    return {"id": plan.pk, **selectors.plan_document(plan)}


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Kế hoạch của tỉnh với chỉ tiêu (theo giai đoạn; tỷ lệ, số tuyệt đối hoặc mức tăng so với năm gốc, kèm câu của
    kế hoạch) và bảng nhiệm vụ."""

    serializer_class = PlanSerializer
    capability = PLANS_VIEW
    filterset_class = PlanFilterSet
    source = selectors.plans
    read = selectors.access_plan

    @extend_schema(responses=PlanSerializer(many=True))
    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()).prefetch_related("targets", "tasks"))
        return self.get_paginated_response(PlanSerializer([_document(p) for p in page], many=True).data)

    @extend_schema(responses=PlanSerializer)
    def retrieve(self, request, pk=None):
        return Response(PlanSerializer(_document(self.get_object())).data)
