"""The imports over the API: upload a file (multipart), follow its progress, read its errors row by row,
download its error report, confirm or cancel it; and the blank templates."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from ansinh.core.api import FileFormatNegotiation, ScopedViewSet, with_actions
from ansinh.core.files import XLSX, download

from . import selectors, services
from .access import IMPORT_RUN
from .actions import JOB_ACTIONS
from .filters import ImportJobFilterSet
from .kinds import kind_of
from .models import ImportJob
from .workbook import template_bytes


class ImportJobSerializer(serializers.ModelSerializer):
    percent = serializers.IntegerField(read_only=True, help_text="Tiến độ đọc tệp (%)")

    class Meta:
        model = ImportJob
        fields = ["id", "kind", "status", "file_name", "file_sha256", "file_size", "on_existing", "province_code",
                  "rows_total", "rows_read", "percent", "counts", "result", "error", "version", "created_at",
                  "committed_at", "finished_at"]
        read_only_fields = fields


class UploadSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ImportJob.Kind.choices, default=ImportJob.Kind.PERSONS)
    file = serializers.FileField(help_text="Tệp Excel (.xlsx, .xls, .ods) hoặc CSV (UTF-8 hoặc Windows-1258)")
    on_existing = serializers.ChoiceField(choices=ImportJob.OnExisting.choices, default=ImportJob.OnExisting.SKIP,
                                          help_text="Người đã có số định danh trong sổ: skip (bỏ qua) hoặc update")


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Số dòng trong tệp (dòng tiêu đề tính là một dòng)")
    column = serializers.CharField()
    message = serializers.CharField()


@with_actions(JOB_ACTIONS)
class ImportJobViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Các lần nhập dữ liệu từ tệp trong địa bàn. `POST` (multipart) để tải tệp lên: tệp được đọc và kiểm tra
    ở nền (`status`, `percent`); xem `counts` và `errors`, rồi `commit` để ghi các dòng hợp lệ (một giao dịch)
    hoặc `cancel`."""

    serializer_class = ImportJobSerializer
    capability = IMPORT_RUN
    write_capability = IMPORT_RUN
    filterset_class = ImportJobFilterSet
    source = selectors.jobs
    read = selectors.access_job
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(request={"multipart/form-data": UploadSerializer}, responses={201: ImportJobSerializer})
    def create(self, request):
        payload = UploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        upload = payload.validated_data["file"]
        job = services.import_upload(user=request.user, kind=payload.validated_data["kind"], name=upload.name,
                                     chunks=upload.chunks(), on_existing=payload.validated_data["on_existing"])
        return Response(self.get_serializer(job).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses=RowErrorSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def errors(self, request, pk=None):
        """Lỗi theo từng dòng (phân trang): dòng, cột, thông báo."""
        page = self.paginate_queryset(selectors.errors_flat(self.get_object()))
        return self.get_paginated_response(RowErrorSerializer(page, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("format", str, enum=["xlsx", "csv"], default="xlsx")],
        responses={(200, XLSX): OpenApiTypes.BINARY, (200, "text/csv"): OpenApiTypes.BINARY},
    )
    @action(detail=True, methods=["get"], renderer_classes=[JSONRenderer], url_path="error-report",
            content_negotiation_class=FileFormatNegotiation, pagination_class=None, filter_backends=[])
    def error_report(self, request, pk=None):
        """Báo cáo lỗi: các dòng không nhập được, nguyên như trong tệp, thêm cột Lỗi; lần tải được ghi nhật ký."""
        job = self.get_object()
        return download(user=request.user, table=selectors.error_table(job), record=job,
                        fmt=request.query_params.get("format") or "xlsx", filename=f"loi-nhap-{job.pk}",
                        changes={"what": "exchange.errors"})

    @extend_schema(parameters=[OpenApiParameter("kind", str, enum=list(ImportJob.Kind.values), default="persons")],
                   responses={(200, XLSX): OpenApiTypes.BINARY})
    @action(detail=False, methods=["get"], renderer_classes=[JSONRenderer], pagination_class=None, filter_backends=[],
            content_negotiation_class=FileFormatNegotiation)
    def template(self, request):
        """Tệp mẫu (XLSX) của một loại danh sách: tiêu đề cột, danh mục chọn, hướng dẫn."""
        response = HttpResponse(template_bytes(kind_of(request.query_params.get("kind") or "persons")),
                                content_type=XLSX)
        response["Content-Disposition"] = 'attachment; filename="mau-nhap.xlsx"'
        return response
