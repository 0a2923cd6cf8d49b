from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    inline_serializer,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from ansinh.core.api import FileFormatNegotiation, ScopedViewSet
from ansinh.core.files import XLSX, download
from ansinh.geo.models import AdministrativeUnit

from . import exports, selectors, services
from .access import PAYMENT_FILES, PAYROLL_RUN
from .filters import PaymentFileFilterSet, PaymentLineFilterSet
from .models import PaymentFile, PaymentLine, PayrollRun
from .results import read_results


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
    """A payroll line, of a run or of a payment file, with what the agent needs to pay it (as in the export).
    One serializer for both: one `PaymentLineStatusEnum` in the schema."""

    full_name = serializers.CharField(source="person.full_name", read_only=True)
    citizen_id = serializers.CharField(source="person.citizen_id", read_only=True, allow_null=True)
    bank_account = serializers.CharField(source="person.bank_account", read_only=True)
    bank_name = serializers.CharField(source="person.bank_name", read_only=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True)
    commune_name = serializers.CharField(source="commune.name", read_only=True)

    class Meta:
        model = PaymentLine
        fields = ["id", "run", "person", "full_name", "citizen_id", "bank_account", "bank_name", "programme", "month",
                  "categories", "coefficient", "standard_level", "amount", "decision_number", "method",
                  "commune_code", "commune_name", "province_code", "status", "file", "paid_on", "failure_reason"]
        read_only_fields = fields


class PaymentFileSerializer(serializers.ModelSerializer):
    agent_name = serializers.CharField(source="agent.name", read_only=True, allow_null=True,
                                       help_text="Tổ chức chi trả (null: tiền mặt tại xã)")
    commune_code = serializers.CharField(source="commune.code", read_only=True, allow_null=True)
    month = serializers.DateField(source="run.month", read_only=True)

    class Meta:
        model = PaymentFile
        fields = ["id", "run", "month", "agent", "agent_name", "province_code", "commune_code", "status", "line_count",
                  "total", "issued_at", "reconciled_at"]
        read_only_fields = fields


class ResultUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Tệp kết quả (XLSX hoặc CSV): tệp chi trả đã tải về, điền cột "
                                           "“Kết quả” (Đã chi / Không thành công), “Lý do”, “Ngày chi”")


class PaymentFileViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Tệp chi trả giao tổ chức chi trả (ngân hàng, bưu điện) hoặc xã (tiền mặt). Tài khoản tổ chức chi trả
    chỉ thấy tệp của tổ chức mình; cán bộ thấy tệp trong địa bàn."""

    serializer_class = PaymentFileSerializer
    capability = PAYMENT_FILES
    write_capability = PAYMENT_FILES  # sending back results; the service says who may reconcile which file
    filterset_class = PaymentFileFilterSet
    source = selectors.file_list
    read = selectors.access_file  # the same scoped read as the pages: missing or not yours is 404

    @extend_schema(responses=PaymentLineSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def lines(self, request, pk=None):
        """Các dòng của tệp (phân trang), theo thứ tự như tệp tải về."""
        page = self.paginate_queryset(selectors.file_lines(file=self.get_object()))
        return self.get_paginated_response(PaymentLineSerializer(page, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["xlsx", "csv"], default="xlsx",
                                     description="Định dạng tệp: xlsx (mặc định) hoặc csv")],
        responses={(200, XLSX): OpenApiTypes.BINARY, (200, "text/csv"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer],
            content_negotiation_class=FileFormatNegotiation, pagination_class=None, filter_backends=[])
    def export(self, request, pk=None):
        """Tải tệp chi trả (như nút tải về trên giao diện); lần tải được ghi nhật ký."""
        file = self.get_object()
        return download(user=request.user, table=exports.lines_table(selectors.file_lines(file=file)),
                        fmt=request.query_params.get("format") or "xlsx", filename=exports.file_name(file), record=file)

    @extend_schema(
        request=ResultUploadSerializer,
        responses={
            200: inline_serializer("ReconcileResult", {"paid": serializers.IntegerField(),
                                                       "failed": serializers.IntegerField()}),
            400: inline_serializer("ReconcileErrors", {
                "detail": serializers.CharField(required=False),
                "file": serializers.ListField(child=serializers.CharField(), required=False,
                                              help_text="Lỗi theo từng dòng của tệp"),
            }),
        },
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser], pagination_class=None,
            filter_backends=[])
    def reconcile(self, request, pk=None):
        """Đối soát: gửi tệp kết quả (`file`, multipart). Có lỗi ở bất kỳ dòng nào thì không áp dụng dòng nào:
        trả 400 với các lỗi theo dòng trong `file`."""
        file = self.get_object()
        serializer = ResultUploadSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        rows = read_results(upload.name, upload.read())  # a DomainError here or below is a 400 naming `file`
        return Response(services.payment_file_reconcile(user=request.user, file=file, rows=rows))


class PayrollRunViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Các lần lập danh sách chi trả. `POST` để lập cho một tháng (lập lại không tạo trùng)."""

    serializer_class = PayrollRunSerializer
    capability = PAYROLL_RUN
    write_capability = PAYROLL_RUN
    source = selectors.run_list
    read = selectors.access_run

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

    @extend_schema(responses=PaymentLineSerializer(many=True),
                   parameters=[OpenApiParameter("status", str, enum=PaymentLine.Status.values)])
    @action(detail=True, methods=["get"], filter_backends=[])
    def lines(self, request, pk=None):
        """Các dòng chi trả của lần lập này (phân trang); `status`: chờ chi trả, đã chi, không thành công."""
        run = self.get_object()
        lines = PaymentLineFilterSet(request.query_params, queryset=selectors.run_lines(user=request.user, run=run))
        if not lines.is_valid():
            raise ValidationError(lines.errors)
        page = self.paginate_queryset(lines.qs)
        return self.get_paginated_response(PaymentLineSerializer(page, many=True).data)

    @extend_schema(request=None, responses={201: PaymentFileSerializer(many=True)})
    @action(detail=True, methods=["post"], url_path="issue-files", pagination_class=None)
    def issue_files(self, request, pk=None):
        """Giao tệp chi trả: một tệp cho mỗi tổ chức chi trả, một tệp tiền mặt cho mỗi xã (cả các dòng chi không
        thành công của tháng trước). Trả các tệp vừa tạo; không còn dòng nào để giao thì danh sách rỗng."""
        run = selectors.run_get(user=request.user, pk=pk)
        files = services.payment_files_issue(user=request.user, run=run)
        files = selectors.file_list(user=request.user).filter(pk__in=[f.pk for f in files])
        return Response(PaymentFileSerializer(files, many=True).data, status=status.HTTP_201_CREATED)
