from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from ansinh.accounts.permissions import PAYROLL_RUN
from ansinh.core.permissions import HasCapability
from ansinh.geo.models import AdministrativeUnit

from . import selectors, services
from .models import PaymentLine, PayrollRun


class PayrollRunSerializer(serializers.ModelSerializer):
    commune_code = serializers.CharField(source="commune.code", read_only=True, allow_null=True)

    class Meta:
        model = PayrollRun
        fields = ["id", "month", "programme", "province_code", "commune_code", "standard_level", "status",
                  "started_at", "finished_at", "error", "lines_created", "seconds", "created_at"]
        read_only_fields = fields


class PayrollRequestSerializer(serializers.Serializer):
    month = serializers.DateField(help_text="Ngày bất kỳ trong tháng chi trả")
    province = serializers.CharField(required=False, max_length=3, help_text="Mã tỉnh (cán bộ tỉnh: mặc định tỉnh mình)")
    commune = serializers.CharField(required=False, max_length=5, help_text="Mã xã (bỏ trống: toàn tỉnh)")
    programme = serializers.ChoiceField(choices=["tcxh", "htxh"], default="tcxh",
                                        help_text="tcxh: trợ cấp xã hội hằng tháng; htxh: trợ cấp hưu trí xã hội")


class PaymentLineSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="person.full_name", read_only=True)
    citizen_id = serializers.CharField(source="person.citizen_id", read_only=True, allow_null=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True)

    class Meta:
        model = PaymentLine
        fields = ["id", "run", "person", "full_name", "citizen_id", "programme", "month", "categories", "coefficient",
                  "standard_level", "amount", "decision_number", "method", "commune_code", "province_code", "status"]
        read_only_fields = fields


class PayrollRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Các lần lập danh sách chi trả. `POST` để lập cho một tháng (lập lại không tạo trùng)."""

    serializer_class = PayrollRunSerializer
    permission_classes = [HasCapability]
    capability = PAYROLL_RUN
    write_capability = PAYROLL_RUN

    def get_queryset(self):
        return selectors.run_list(user=self.request.user)

    @extend_schema(request=PayrollRequestSerializer, responses={201: PayrollRunSerializer, 202: PayrollRunSerializer})
    def create(self, request):
        """Lập danh sách chi trả: 201 khi đã xong, 202 khi đang lập nền (xem `status`, gọi lại `GET …/<id>/`)."""
        serializer = PayrollRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        commune = None
        if data.get("commune"):
            commune = AdministrativeUnit.objects.filter(level="commune", code=data["commune"],
                                                        valid_to__isnull=True).first()
            if commune is None:
                raise ValidationError({"commune": ["Không có xã/phường mã này."]})
        unit = request.user.jurisdiction
        province = commune.province_code if commune else data.get("province") or (unit.province_code if unit else "")
        if not province:
            raise ValidationError({"province": ["Cần mã tỉnh."]})
        run = services.payroll_request(user=request.user, month=data["month"], province_code=province, commune=commune,
                                       programme=data["programme"])
        done = run.status == PayrollRun.Status.DONE
        return Response(PayrollRunSerializer(run).data, status=status.HTTP_201_CREATED if done else status.HTTP_202_ACCEPTED)

    @extend_schema(responses=PaymentLineSerializer(many=True))
    @action(detail=True, methods=["get"])
    def lines(self, request, pk=None):
        """Các dòng chi trả của lần lập này (phân trang)."""
        run = self.get_object()
        page = self.paginate_queryset(selectors.run_lines(user=request.user, run=run,
                                                          status=request.query_params.get("status", "")))
        return self.get_paginated_response(PaymentLineSerializer(page, many=True).data)
