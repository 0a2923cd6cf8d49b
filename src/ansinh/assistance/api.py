import datetime

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ansinh.core.api import HasCapability
from ansinh.core.selectors import holidays
from ansinh.geo.models import AdministrativeUnit
from ansinh.registry.selectors import person_get

from . import policy, rules, selectors, services
from .access import ASSISTANCE_VIEW, ENROLMENT_MANAGE, POLICY_MANAGE
from .calculator import evaluate_cases
from .models import Application, Enrolment, FormType, PaymentMethod, PolicyParameter

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


# --- enrolments ---------------------------------------------------------------------------------------


def category_list(help_text: str, **source):
    """Category codes, read from the rows (`category_rows`, prefetched by the selectors)."""
    return serializers.ListField(child=serializers.CharField(), read_only=True, help_text=help_text, **source)


class EnrolmentSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="person.full_name", read_only=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True)
    categories = category_list("Diện được hưởng (Điều 5 NĐ 20/2021; HTXH: trợ cấp hưu trí xã hội)",
                               source="paid_categories")
    entitled_categories = category_list("Mọi diện đủ điều kiện, kể cả diện không hưởng vì chỉ hưởng mức cao nhất")

    class Meta:
        model = Enrolment
        fields = ["id", "person", "full_name", "programme", "categories", "entitled_categories", "coefficient",
                  "children_count", "studying",
                  "start_month", "end_month", "status", "end_reason", "arrears_pending", "decision_number",
                  "decision_date", "payment_method", "commune_code", "province_code", "version"]
        read_only_fields = fields


class EnrolmentCreateSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    categories = serializers.ListField(child=serializers.ChoiceField(choices=sorted(rules.CATEGORIES)), min_length=1)
    decision_number = serializers.CharField(max_length=40)
    decision_date = serializers.DateField()
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, default=PaymentMethod.AGENT)
    studying = serializers.BooleanField(default=False)
    children_count = serializers.IntegerField(min_value=0, max_value=30, default=0)


class EnrolmentChangeSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    from_month = serializers.DateField(help_text="Ngày bất kỳ trong tháng áp dụng (YYYY-MM-DD)")
    reason = serializers.CharField(required=False, allow_blank=True, max_length=160)
    to_commune = serializers.CharField(required=False, help_text="Mã xã chuyển đến (chỉ khi chuyển nơi ở)")
    children_count = serializers.IntegerField(required=False, min_value=0, max_value=30)


class DeathSerializer(serializers.Serializer):
    date_of_death = serializers.DateField()
    recipient = serializers.CharField(required=False, allow_blank=True, max_length=120)


class EnrolmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Đối tượng hưởng trợ cấp: mỗi bản ghi là một giai đoạn hưởng (từ tháng, đến tháng). Danh sách mặc định
    chỉ gồm giai đoạn đang mở; `?all=1` để xem cả giai đoạn đã kết thúc."""

    serializer_class = EnrolmentSerializer
    permission_classes = [HasCapability]
    capability = ASSISTANCE_VIEW
    write_capability = ENROLMENT_MANAGE
    filterset_fields = ["status", "programme", "person"]

    def get_queryset(self):
        open_only = self.action == "list" and self.request.query_params.get("all") != "1"
        return selectors.enrolment_list(user=self.request.user, open_only=open_only,
                                        search=self.request.query_params.get("search", ""))

    @extend_schema(request=EnrolmentCreateSerializer, responses={201: EnrolmentSerializer})
    def create(self, request):
        data = _valid(EnrolmentCreateSerializer, request)
        person = person_get(user=request.user, pk=data.pop("person"))
        enrolment = services.enrolment_create(user=request.user, person=person, **data)
        return Response(EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)

    def _change(self, request, action_name: str):
        enrolment = self.get_object()
        data = _valid(EnrolmentChangeSerializer, request)
        common = {"user": request.user, "enrolment": enrolment, "expected_version": data["version"],
                  "from_month": data["from_month"]}
        if action_name == "reassess":
            result = services.enrolment_reassess(**common, children_count=data.get("children_count"))
        elif action_name == "suspend":
            result = services.enrolment_suspend(**common, reason=data.get("reason", ""))
        elif action_name == "resume":
            result = services.enrolment_resume(**common)
        elif action_name == "move":
            commune = AdministrativeUnit.objects.filter(level="commune", code=data.get("to_commune", ""),
                                                        valid_to__isnull=True).first()
            if commune is None:
                raise ValidationError({"to_commune": ["Không có xã/phường mã này."]})
            result = services.enrolment_move(**common, to_commune=commune)
        else:
            result = services.enrolment_end(**common, reason=data.get("reason", ""))
        return Response(EnrolmentSerializer(result).data if result else None)

    @extend_schema(request=EnrolmentChangeSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def reassess(self, request, pk=None):
        """Điều chỉnh: tính lại diện, hệ số theo quy định từ `from_month`."""
        return self._change(request, "reassess")

    @extend_schema(request=EnrolmentChangeSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request, pk=None):
        """Tạm dừng chi trả từ `from_month` (cần `reason`)."""
        return self._change(request, "suspend")

    @extend_schema(request=EnrolmentChangeSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def resume(self, request, pk=None):
        """Tiếp tục chi trả từ `from_month`."""
        return self._change(request, "resume")

    @extend_schema(request=EnrolmentChangeSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Chuyển nơi ở sang xã `to_commune` từ `from_month` (không gián đoạn, không trùng tháng)."""
        return self._change(request, "move")

    @extend_schema(request=EnrolmentChangeSerializer, responses=EnrolmentSerializer)
    @action(detail=True, methods=["post"])
    def end(self, request, pk=None):
        """Thôi hưởng từ `from_month` (cần `reason`)."""
        return self._change(request, "end")

    @extend_schema(request=DeathSerializer, responses={200: inline_serializer("FuneralProposal", {
        "funeral_support_amount": serializers.IntegerField(allow_null=True)})})
    @action(detail=True, methods=["post"])
    def death(self, request, pk=None):
        """Báo tử: dừng chi trả từ tháng sau tháng mất, đề xuất hỗ trợ mai táng."""
        enrolment = self.get_object()
        data = _valid(DeathSerializer, request)
        support = services.person_death_record(user=request.user, person=enrolment.person, **data)
        return Response({"funeral_support_amount": support.amount if support else None})


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class HealthInsuranceView(APIView):
    """Danh sách đề nghị cấp thẻ BHYT của tháng `month` (YYYY-MM): cấp mới, thay đổi nơi cư trú, thôi cấp."""

    permission_classes = [HasCapability]
    capability = ASSISTANCE_VIEW

    @extend_schema(
        parameters=[OpenApiParameter("month", str, required=True, description="YYYY-MM")],
        responses=inline_serializer("HealthInsuranceChanges", {
            kind: EnrolmentSerializer(many=True) for kind in ("new", "changed", "ended")}),
    )
    def get(self, request):
        try:
            month = datetime.datetime.strptime(request.query_params.get("month", ""), "%Y-%m").date()
        except ValueError:
            raise ValidationError({"month": ["Cần tháng dạng YYYY-MM."]}) from None
        changes = selectors.health_insurance_changes(user=request.user, month=month)
        return Response({kind: EnrolmentSerializer(rows, many=True).data for kind, rows in changes.items()})


# --- applications ---------------------------------------------------------------------------------------


class ApplicationStepSerializer(serializers.Serializer):
    code = serializers.CharField()
    done_on = serializers.DateField()
    note = serializers.CharField()


class ApplicationSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="person.full_name", read_only=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True)
    steps = ApplicationStepSerializer(many=True, read_only=True)
    next_step = serializers.SerializerMethodField()
    overdue_step = serializers.SerializerMethodField()
    categories = category_list("Diện đề nghị (Điều 5 NĐ 20/2021)", source="requested_categories")

    class Meta:
        model = Application
        fields = ["id", "person", "full_name", "form_type", "categories", "children_count", "studying", "documents",
                  "received_on", "procedure", "status", "steps", "next_step", "overdue_step", "decision_number",
                  "decision_date", "reply", "enrolment", "commune_code", "province_code", "version"]
        read_only_fields = fields

    def _timeline(self, obj):
        if not hasattr(obj, "_timeline"):
            obj._timeline = selectors.application_timeline(obj, today=datetime.date.today(),
                                                           holiday_dates=self.context.get("holidays"))
        return obj._timeline

    def get_next_step(self, obj) -> str | None:
        step = self._timeline(obj)["next"]
        return step.code if step else None

    def get_overdue_step(self, obj) -> str | None:
        step = self._timeline(obj)["overdue"]
        return step.code if step else None


class ApplicationCreateSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    form_type = serializers.ChoiceField(choices=FormType.choices)
    categories = serializers.ListField(child=serializers.ChoiceField(choices=sorted(rules.CATEGORIES)), min_length=1)
    received_on = serializers.DateField()
    documents = serializers.CharField(required=False, allow_blank=True, default="")
    studying = serializers.BooleanField(default=False)
    children_count = serializers.IntegerField(min_value=0, max_value=30, default=0)


class ApplicationAdvanceSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    done_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, default=PaymentMethod.AGENT)


class ApplicationRejectSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    done_on = serializers.DateField()
    reply = serializers.CharField()


class ApplicationComplaintSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    done_on = serializers.DateField()
    note = serializers.CharField(max_length=255)


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Hồ sơ đề nghị trợ cấp: tiếp nhận (`POST`), ghi nhận bước tiếp theo (`advance`), trả lời không đủ điều
    kiện (`reject`). `next_step`, `overdue_step` theo quy trình áp dụng ở ngày nhận hồ sơ."""

    serializer_class = ApplicationSerializer
    permission_classes = [HasCapability]
    capability = ASSISTANCE_VIEW
    write_capability = ENROLMENT_MANAGE
    filterset_fields = ["status", "procedure", "person"]

    def get_queryset(self):
        return selectors.application_list(user=self.request.user)

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "holidays": holidays()}

    @extend_schema(request=ApplicationCreateSerializer, responses={201: ApplicationSerializer})
    def create(self, request):
        data = _valid(ApplicationCreateSerializer, request)
        person = person_get(user=request.user, pk=data.pop("person"))
        application = services.application_receive(user=request.user, person=person, **data)
        return Response(self.get_serializer(application).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=ApplicationAdvanceSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def advance(self, request, pk=None):
        """Ghi nhận bước tiếp theo; bước quyết định tạo đối tượng hưởng và số quyết định."""
        data = _valid(ApplicationAdvanceSerializer, request)
        application = services.application_advance(user=request.user, application=self.get_object(),
                                                   expected_version=data.pop("version"), **data)
        return Response(self.get_serializer(selectors.application_get(user=request.user, pk=application.pk)).data)

    @extend_schema(request=ApplicationComplaintSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def complaint(self, request, pk=None):
        """Khiếu nại về kết quả niêm yết (quy trình ba cấp): `note` là nội dung; bước gửi hồ sơ chờ giải quyết."""
        data = _valid(ApplicationComplaintSerializer, request)
        application = services.application_complaint(user=request.user, application=self.get_object(),
                                                     expected_version=data.pop("version"), **data)
        return Response(self.get_serializer(selectors.application_get(user=request.user, pk=application.pk)).data)

    @extend_schema(request=ApplicationRejectSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Không đủ điều kiện: trả lời bằng văn bản, nêu rõ lý do."""
        data = _valid(ApplicationRejectSerializer, request)
        application = services.application_reject(user=request.user, application=self.get_object(),
                                                  expected_version=data.pop("version"), **data)
        return Response(self.get_serializer(selectors.application_get(user=request.user, pk=application.pk)).data)
