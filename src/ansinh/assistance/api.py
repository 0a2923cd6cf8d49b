"""Social assistance API (/api/v1/): the same FilterSets, actions, services and selectors as the pages."""

import datetime

from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, status
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from ansinh.core import services as core_services
from ansinh.core.access_grants import POLICY_MANAGE, POLICY_VIEW
from ansinh.core.api import HasCapability, ScopedViewSet, with_actions
from ansinh.core.selectors import holidays
from ansinh.registry.selectors import person_get

from . import selectors, services
from .access import ASSISTANCE_VIEW, ENROLMENT_MANAGE
from .actions import APPLICATION_ACTIONS, ENROLMENT_ACTIONS
from .calculator import evaluate_cases
from .filters import ApplicationFilterSet, EnrolmentFilterSet, ParameterFilterSet
from .serializers import (
    RESULT,
    ApplicationCreateSerializer,
    ApplicationSerializer,
    EnrolmentCreateSerializer,
    EnrolmentSerializer,
    PolicyParameterSerializer,
)


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


class PolicyParameterViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                             ScopedViewSet):
    """Tham số chính sách có ngày hiệu lực. Thêm giá trị mới bằng POST; không sửa, không xóa giá trị cũ."""

    serializer_class = PolicyParameterSerializer
    capability = POLICY_VIEW
    write_capability = POLICY_MANAGE
    filterset_class = ParameterFilterSet
    source = selectors.parameters

    def perform_create(self, serializer):
        serializer.instance = core_services.parameter_add(user=self.request.user, **serializer.validated_data)


# --- enrolments ---------------------------------------------------------------------------------------


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


@with_actions(ENROLMENT_ACTIONS)
class EnrolmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Đối tượng hưởng trợ cấp: mỗi bản ghi là một giai đoạn hưởng (từ tháng, đến tháng). Danh sách mặc định
    chỉ gồm giai đoạn đang mở; `?all=1` để xem cả giai đoạn đã kết thúc. Các thay đổi (`reassess`, `suspend`,
    `resume`, `move`, `end`, `death`) trả về giai đoạn đang mở sau thay đổi (null khi không còn)."""

    serializer_class = EnrolmentSerializer
    capability = ASSISTANCE_VIEW
    write_capability = ENROLMENT_MANAGE
    filterset_class = EnrolmentFilterSet
    source = selectors.enrolments
    read = selectors.access_enrolment  # one period by its id, open or ended

    @extend_schema(request=EnrolmentCreateSerializer, responses={201: EnrolmentSerializer})
    def create(self, request):
        data = _valid(EnrolmentCreateSerializer, request)
        person = person_get(user=request.user, pk=data.pop("person"))
        enrolment = services.enrolment_create(user=request.user, person=person, **data)
        return Response(EnrolmentSerializer(enrolment).data, status=status.HTTP_201_CREATED)


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


@with_actions(APPLICATION_ACTIONS)
class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Hồ sơ đề nghị trợ cấp: tiếp nhận (`POST`), ghi nhận bước tiếp theo (`advance`), khiếu nại về kết quả
    niêm yết (`complaint`), trả lời không đủ điều kiện (`reject`). `next_step`, `overdue_step` theo quy trình
    áp dụng ở ngày nhận hồ sơ."""

    serializer_class = ApplicationSerializer
    capability = ASSISTANCE_VIEW
    write_capability = ENROLMENT_MANAGE
    filterset_class = ApplicationFilterSet
    source = selectors.applications
    read = selectors.access_application

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "holidays": holidays()}

    def reread(self, application):
        """After a step: the application with its steps as they are now."""
        return selectors.application_get(user=self.request.user, pk=application.pk)

    @extend_schema(request=ApplicationCreateSerializer, responses={201: ApplicationSerializer})
    def create(self, request):
        data = _valid(ApplicationCreateSerializer, request)
        person = person_get(user=request.user, pk=data.pop("person"))
        application = services.application_receive(user=request.user, person=person, **data)
        return Response(self.get_serializer(application).data, status=status.HTTP_201_CREATED)
