from drf_spectacular.utils import OpenApiExample, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.response import Response
from rest_framework.views import APIView

from ansinh.accounts.permissions import ASSISTANCE_VIEW, POLICY_MANAGE
from ansinh.core.permissions import HasCapability

from . import policy, selectors, services
from .calculator import evaluate_cases
from .models import PolicyParameter

RESULT = inline_serializer("AllowanceResult", {
    "id": serializers.CharField(allow_null=True),
    "eligible": serializers.BooleanField(),
    "payable": inline_serializer("AllowancePayable", {
        "category": serializers.CharField(), "coefficient": serializers.CharField(), "amount": serializers.IntegerField(),
    }, many=True),
    "total": serializers.IntegerField(),
    "standard_level": serializers.IntegerField(allow_null=True, required=False),
    "messages": serializers.ListField(child=serializers.CharField()),
}, many=True)


class AllowanceEvaluateView(APIView):
    """Tính diện, hệ số và mức trợ cấp xã hội hằng tháng cho một hoặc nhiều trường hợp (như lệnh
    `ansinh allowance evaluate`). Trường hợp sai dữ liệu nhận thông báo riêng, không làm hỏng cả lô."""

    permission_classes = [HasCapability]
    capability = ASSISTANCE_VIEW
    write_capability = ASSISTANCE_VIEW  # a calculation writes nothing

    @extend_schema(
        request={"application/json": {"type": "array", "items": {"type": "object"}}},
        responses=RESULT,
        examples=[OpenApiExample("Trẻ em dưới 4 tuổi", value=[
            {"id": "1", "categories": ["5.1"], "birth_date": "2023-05-10", "reference_month": "2026-03"}
        ], request_only=True)],
    )
    def post(self, request):
        unit = request.user.jurisdiction
        source = selectors.parameters_source(unit.province_code if unit else "")
        if isinstance(request.data, list) and len(request.data) > 10_000:
            return Response({"detail": "Tối đa 10.000 trường hợp mỗi lần."}, status=status.HTTP_400_BAD_REQUEST)
        return Response(evaluate_cases(request.data, source))


class PolicyParameterSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    key = serializers.ChoiceField(choices=sorted(policy.LABELS))

    class Meta:
        model = PolicyParameter
        fields = ["id", "key", "label", "province_code", "value", "valid_from", "legal_basis", "verified", "note", "created_at"]
        read_only_fields = ["created_at"]

    def get_label(self, obj) -> str:
        return policy.LABELS.get(obj.key, obj.key)


class PolicyParameterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                             viewsets.GenericViewSet):
    """Tham số chính sách có ngày hiệu lực. Thêm giá trị mới bằng POST; không sửa, không xóa giá trị cũ."""

    serializer_class = PolicyParameterSerializer
    permission_classes = [HasCapability]
    capability = ASSISTANCE_VIEW
    write_capability = POLICY_MANAGE
    filterset_fields = ["key", "province_code"]

    def get_queryset(self):
        return selectors.parameter_list(user=self.request.user)

    def perform_create(self, serializer):
        serializer.instance = services.parameter_add(user=self.request.user, **serializer.validated_data)
