"""API of the plans (/api/v1/plans/): each plan as `ansinh plans show --json` prints it, in the reader's province."""

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from ansinh.core.access import get_visible_or_404
from ansinh.core.api import ScopedViewSet
from ansinh.core.exceptions import DomainError

from . import documents, selectors, services
from .access import PLANS_MANAGE, PLANS_VIEW, REPORTS_VIEW
from .filters import PlanFilterSet, ReportFilterSet
from .models import Definition, Report, Task
from .views import DOCX, docx_response


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


class ScheduleSerializer(serializers.Serializer):
    kind = serializers.CharField(help_text="half (6 tháng) hoặc year (năm)")
    level = serializers.CharField(help_text="commune (xã báo cáo tỉnh) hoặc province (tỉnh báo cáo Bộ)")
    due = serializers.CharField(allow_null=True, help_text="Hạn trong năm, MM-DD; null: theo quy định")
    text = serializers.CharField(help_text="Câu của kế hoạch")


class PlanSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField()
    number = serializers.CharField()
    issuer = serializers.CharField()
    date = serializers.DateField()
    title = serializers.CharField()
    parent = serializers.CharField()
    province_code = serializers.CharField()
    targets = TargetSerializer(many=True)
    tasks = TaskSerializer(many=True)
    reports = ScheduleSerializer(many=True)


def _document(plan) -> dict:
    return {"id": plan.pk, "version": plan.version, **selectors.plan_document(plan)}


class PlanWriteSerializer(serializers.Serializer):
    number = serializers.CharField()
    issuer = serializers.CharField()
    date = serializers.DateField()
    title = serializers.CharField()
    parent = serializers.CharField(required=False, allow_blank=True, default="")
    targets = serializers.ListField(child=serializers.DictField(), required=False, default=list,
                                    help_text="Như `targets` khi đọc; thêm `at_most`: true cho mức trần (“dưới 3%”)")
    tasks = serializers.ListField(child=serializers.DictField(), required=False, default=list)
    reports = serializers.ListField(child=serializers.DictField(), required=False, default=list,
                                    help_text="Kỳ báo cáo: {\"kind\": \"half\"|\"year\", \"level\": "
                                              "\"commune\"|\"province\", \"due\": \"MM-DD\" hoặc null, \"text\": câu}")
    version = serializers.IntegerField(required=False, allow_null=True, help_text="Khi sửa: phiên bản đã đọc")


class PlanViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Kế hoạch của tỉnh với chỉ tiêu (theo giai đoạn; tỷ lệ, số tuyệt đối hoặc mức tăng so với năm gốc, kèm câu của
    kế hoạch), bảng nhiệm vụ và kỳ báo cáo. Chuyên viên tỉnh ghi (`POST`) hoặc sửa (`PUT`) kế hoạch của tỉnh mình: cả
    hoặc không, lỗi nêu từng chỉ tiêu."""

    serializer_class = PlanSerializer
    capability = PLANS_VIEW
    write_capability = PLANS_MANAGE
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

    def _write(self, request, plan=None, code=201):
        payload = PlanWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version = data.pop("version", None)
        unit = getattr(request.user, "jurisdiction", None)
        data["date"] = data["date"].isoformat()
        data["province_code"] = plan.province_code if plan else getattr(unit, "province_code", "")
        recorded, _outcome = services.plan_record(user=request.user, data=data, plan=plan, version=version)
        return Response(PlanSerializer(_document(recorded)).data, status=code)

    @extend_schema(request=PlanWriteSerializer, responses=PlanSerializer)
    def create(self, request):
        return self._write(request)

    @extend_schema(request=PlanWriteSerializer, responses=PlanSerializer)
    def update(self, request, pk=None):
        return self._write(request, selectors.access_plan(request.user, pk, "manage"), code=200)


# --- periodic reports (/api/v1/reports/) ----------------------------------------------------------------------


class LineSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    target = serializers.CharField(source="target_text", help_text="Câu của kế hoạch nêu chỉ tiêu")
    target_value = serializers.DecimalField(max_digits=14, decimal_places=2)
    unit = serializers.CharField()
    baseline_year = serializers.IntegerField(allow_null=True)
    indicator = serializers.CharField(source="definition.code", default=None, allow_null=True)
    indicator_version = serializers.IntegerField(source="definition.version", default=None, allow_null=True)
    computed = serializers.BooleanField(help_text="Tính từ dữ liệu (không nhập)")
    share = serializers.BooleanField(help_text="Tỷ lệ: tử số trên mẫu số; nếu không: số lượng")
    numerator = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    denominator = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    baseline = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    value = serializers.DecimalField(max_digits=16, decimal_places=2, allow_null=True)
    progress = serializers.SerializerMethodField(help_text="on_track, at_risk, off_track, met, not_met hoặc null")
    note = serializers.CharField()

    def get_progress(self, line) -> str | None:
        return documents.progress(line, line.report.data_day)


class ReportSerializer(serializers.ModelSerializer):
    plan_number = serializers.CharField(source="plan.number", read_only=True)
    unit_code = serializers.CharField(source="unit.code", read_only=True)
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    lines = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = ["id", "plan", "plan_number", "kind", "period", "unit_code", "unit_name", "status", "data_day",
                  "due_on", "number", "narrative", "difficulties", "proposals", "submitted_at", "reviewed_at",
                  "comment", "version", "lines"]
        read_only_fields = fields

    @extend_schema_field(LineSerializer(many=True))
    def get_lines(self, report):
        if not self.context.get("lines", True):
            return None
        return LineSerializer(report.lines.select_related("definition", "target", "report").order_by("position"),
                              many=True).data


class PrepareSerializer(serializers.Serializer):
    plan = serializers.IntegerField(help_text="Mã kế hoạch (id)")
    period = serializers.CharField(help_text="Kỳ: 2026-H1 (6 tháng đầu năm) hoặc 2026 (cả năm)")


class FigureSerializer(serializers.Serializer):
    numerator = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    denominator = serializers.CharField(required=False, allow_blank=True, allow_null=True)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class SaveSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Phiên bản đã đọc (khóa lạc quan)")
    narrative = serializers.CharField(required=False, allow_blank=True, default="")
    difficulties = serializers.CharField(required=False, allow_blank=True, default="")
    proposals = serializers.CharField(required=False, allow_blank=True, default="")
    figures = serializers.DictField(child=FigureSerializer(), required=False, default=dict,
                                    help_text="Theo thứ tự chỉ tiêu: {\"2\": {\"numerator\": 4, \"denominator\": 5}}")


class VersionSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    comment = serializers.CharField(required=False, allow_blank=True, default="",
                                    help_text="Ý kiến khi trả lại; lý do khi mở lại")


class ReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Báo cáo định kỳ của đơn vị về một kế hoạch: xã chỉ thấy báo cáo của xã mình; tỉnh thấy của mọi xã trong tỉnh.
    Lập (`POST`), lưu, nộp; cấp trên trả lại, duyệt (khóa số liệu), mở lại (có lý do)."""

    serializer_class = ReportSerializer
    capability = REPORTS_VIEW
    write_capability = REPORTS_VIEW  # each service checks the capability of its step (prepare, review)
    filterset_class = ReportFilterSet
    source = selectors.reports
    read = selectors.access_report

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "lines": self.action != "list"}

    def _answer(self, report, code=200):
        return Response(ReportSerializer(report, context={"lines": True}).data, status=code)

    @extend_schema(request=PrepareSerializer, responses=ReportSerializer)
    def create(self, request):
        """Lập (hoặc mở) báo cáo của đơn vị mình cho kỳ: số liệu chỉ tiêu có chỉ số tự tính được điền sẵn."""
        payload = PrepareSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        plan = selectors.access_plan(request.user, payload.validated_data["plan"])
        report = services.report_prepare(user=request.user, plan=plan, period=payload.validated_data["period"])
        return self._answer(report, 201)

    @extend_schema(request=SaveSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def save(self, request, pk=None):
        """Lưu nội dung và số liệu do đơn vị báo cáo; sai một chỉ tiêu thì không lưu gì, lỗi nêu từng chỉ tiêu."""
        report = self.get_object()
        payload = SaveSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        figures = {}
        for key, entry in data["figures"].items():
            try:
                figures[int(key)] = entry
            except ValueError:
                raise DomainError(f"Chỉ tiêu “{key}”: hãy ghi theo số thứ tự của chỉ tiêu.", field="figures") from None
        return self._answer(services.report_save(
            user=request.user, report=report, version=data["version"], narrative=data["narrative"],
            difficulties=data["difficulties"], proposals=data["proposals"], figures=figures))

    def _step(self, request, write):
        report = self.get_object()
        payload = VersionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        return self._answer(write(report, payload.validated_data))

    @extend_schema(request=VersionSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def submit(self, request, pk=None):
        """Nộp báo cáo (một lần; nộp lại chỉ khi bị trả lại)."""
        return self._step(request, lambda r, d: services.report_submit(user=request.user, report=r,
                                                                       version=d["version"]))

    @extend_schema(request=VersionSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"], url_path="return", filter_backends=[])
    def send_back(self, request, pk=None):
        """Cấp trên trả lại báo cáo kèm ý kiến (`comment`)."""
        return self._step(request, lambda r, d: services.report_return(user=request.user, report=r,
                                                                       version=d["version"], comment=d["comment"]))

    @extend_schema(request=VersionSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def approve(self, request, pk=None):
        """Cấp trên duyệt báo cáo: số liệu được khóa."""
        return self._step(request, lambda r, d: services.report_approve(user=request.user, report=r,
                                                                        version=d["version"]))

    @extend_schema(request=VersionSerializer, responses=ReportSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def reopen(self, request, pk=None):
        """Cấp trên mở lại báo cáo đã duyệt, ghi lý do (`comment`)."""
        return self._step(request, lambda r, d: services.report_reopen(user=request.user, report=r,
                                                                       version=d["version"], reason=d["comment"]))

    @extend_schema(responses={(200, DOCX): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"], filter_backends=[])
    def document(self, request, pk=None):
        """Báo cáo theo thể thức Nghị định 30/2020 (DOCX)."""
        return docx_response(self.get_object(), user=request.user)


# --- the plans' tasks (/api/v1/plan-tasks/) -------------------------------------------------------------------


class TaskUpdateSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    due_on = serializers.DateField(required=False, allow_null=True, help_text="Hạn của nhiệm vụ mà lần cập nhật nói về")
    status = serializers.ChoiceField(choices=["in_progress", "done", "blocked"])
    note = serializers.CharField(required=False, allow_blank=True, default="")
    evidence = serializers.FileField(required=False, allow_null=True, write_only=True,
                                     help_text="Tệp minh chứng: PDF, Word, Excel, OpenDocument, JPG/PNG; tối đa 20 MB")
    evidence_name = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)


class PlanTaskSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="task.pk")
    plan = serializers.IntegerField(source="task.plan_id")
    plan_number = serializers.CharField(source="task.plan.number")
    position = serializers.IntegerField(source="task.position")
    title = serializers.CharField(source="task.title")
    lead = serializers.CharField(source="task.lead")
    coordinating = serializers.ListField(source="task.coordinating", child=serializers.CharField())
    product = serializers.CharField(source="task.product")
    timeline = serializers.CharField(source="task.timeline")
    due_on = serializers.DateField(allow_null=True, help_text="Hạn quá chưa làm sớm nhất, hoặc hạn tới")
    status = serializers.CharField(allow_null=True)
    days_late = serializers.IntegerField(allow_null=True)
    updates = TaskUpdateSerializer(source="history", many=True)


class PlanTaskViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Nhiệm vụ của các kế hoạch trong tỉnh với tình hình thực hiện theo từng hạn. `plan`: mã kế hoạch;
    `overdue=true`: chỉ nhiệm vụ quá hạn chưa hoàn thành."""

    serializer_class = PlanTaskSerializer
    capability = PLANS_VIEW
    write_capability = PLANS_VIEW  # the service checks plans.manage

    def get_queryset(self):
        tasks = Task.objects.visible_to(self.request.user).select_related("plan").order_by("plan_id", "position")
        plan = self.request.query_params.get("plan")
        if plan:
            tasks = tasks.filter(plan_id=int(plan)) if plan.isdigit() else tasks.none()
        return tasks

    @extend_schema(parameters=[OpenApiParameter("plan", int), OpenApiParameter("overdue", bool)],
                   responses=PlanTaskSerializer(many=True))
    def list(self, request):
        states = selectors.states_of(list(self.get_queryset()), timezone.localdate())
        if request.query_params.get("overdue") in ("true", "1"):
            states = [s for s in states if s.days_late]
        page = self.paginate_queryset(states)
        return self.get_paginated_response(PlanTaskSerializer(page, many=True).data)

    @extend_schema(responses=PlanTaskSerializer)
    def retrieve(self, request, pk=None):
        task = get_visible_or_404(self.get_queryset(), pk=pk)
        return Response(PlanTaskSerializer(selectors.task_state(task=task, today=timezone.localdate())).data)

    @extend_schema(request={"multipart/form-data": TaskUpdateSerializer}, responses=TaskUpdateSerializer)
    @action(detail=True, methods=["post"], filter_backends=[], parser_classes=[MultiPartParser, JSONParser])
    def updates(self, request, pk=None):
        """Ghi tình hình thực hiện cho một hạn của nhiệm vụ (cán bộ Sở), kèm tệp minh chứng nếu có."""
        task = get_visible_or_404(self.get_queryset(), pk=pk)
        return self.written(TaskUpdateSerializer, lambda data: services.task_update_record(
            user=request.user, task=task, due_on=data.get("due_on"), status=data["status"], note=data["note"],
            evidence=data.get("evidence")))


# --- the indicator catalogue (/api/v1/indicator-definitions/) -------------------------------------------------


class DefinitionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Definition
        fields = ["id", "code", "version", "kind", "label", "numerator_label", "denominator_label", "legal",
                  "province_code", "created_at"]
        read_only_fields = ["id", "version", "kind", "province_code", "created_at"]


class DefinitionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Danh mục chỉ số, theo phiên bản: chỉ số tính từ dữ liệu (cả nước) và chỉ số do đơn vị báo cáo của tỉnh.
    `POST` (chuyên viên tỉnh): thêm chỉ số do đơn vị báo cáo, hoặc sửa (thành phiên bản mới)."""

    serializer_class = DefinitionSerializer
    capability = PLANS_VIEW
    write_capability = PLANS_MANAGE
    source = selectors.definitions

    def list(self, request):
        services.catalogue_sync()
        return super().list(request)

    @extend_schema(request=DefinitionSerializer, responses=DefinitionSerializer)
    def create(self, request):
        return self.written(DefinitionSerializer, lambda data: services.definition_record(
            user=request.user, code=data["code"], label=data["label"], numerator_label=data["numerator_label"],
            denominator_label=data.get("denominator_label", ""), legal=data.get("legal", "")))
