"""API of the workforce (/api/v1/sw-positions/, /api/v1/courses/, /api/v1/training-targets/): the same
FilterSets, services and selectors as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.api import ScopedViewSet
from ansinh.core.exceptions import DomainError
from ansinh.facilities.selectors import access_organisation
from ansinh.registry.selectors import person_by_citizen_id

from . import selectors, services
from .access import WORKFORCE_CHANGE, WORKFORCE_VIEW
from .filters import CourseFilterSet, PositionFilterSet
from .serializers import (
    AllowanceSerializer,
    AttendanceSerializer,
    AttendSerializer,
    CertificateSerializer,
    CourseCreateSerializer,
    CourseSerializer,
    PositionCreateSerializer,
    PositionEndSerializer,
    PositionSerializer,
    QualificationSerializer,
    TrainingTargetSerializer,
)


def _person(user, citizen_id: str):
    try:
        return person_by_citizen_id(user=user, citizen_id=citizen_id)
    except DomainError as exc:
        raise DomainError(exc.message, field="citizen_id") from None


class PositionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Người làm công tác xã hội tại cơ quan, cơ sở: mỗi bản ghi là một giai đoạn với một mức phụ cấp.
    `below_base_salary=true`: phụ cấp thấp hơn lương cơ sở của ngày `on` (mặc định hôm nay)."""

    serializer_class = PositionSerializer
    capability = WORKFORCE_VIEW
    write_capability = WORKFORCE_CHANGE
    filterset_class = PositionFilterSet
    source = selectors.positions
    read = selectors.access_position

    @extend_schema(request=PositionCreateSerializer, responses=PositionSerializer)
    def create(self, request):
        """Ghi một người (có trong sổ đối tượng, theo số định danh) làm công tác xã hội tại cơ quan, cơ sở."""
        def write(data):
            person = _person(request.user, data.pop("citizen_id"))
            organisation = access_organisation(request.user, data.pop("organisation").pk)
            return services.position_create(user=request.user, person=person, organisation=organisation, **data)
        return self.written(PositionCreateSerializer, write, answer=PositionSerializer)

    @extend_schema(request=PositionEndSerializer, responses=PositionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def end(self, request, pk=None):
        """Ghi ngày cuối cùng và lý do."""
        position = self.get_object()
        return self.written(PositionEndSerializer, lambda data: services.position_end(
            user=request.user, position=position, end_date=data["end_date"], reason=data["end_reason"],
            expected_version=data["version"]), answer=PositionSerializer, code=status.HTTP_200_OK)

    @extend_schema(request=AllowanceSerializer, responses=PositionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def allowance(self, request, pk=None):
        """Phụ cấp mới từ ngày `from_date`: giai đoạn đang có kết thúc hôm trước, giai đoạn mới được trả về."""
        position = self.get_object()
        return self.written(AllowanceSerializer, lambda data: services.position_change_allowance(
            user=request.user, position=position, expected_version=data.pop("version"), **data),
            answer=PositionSerializer, code=status.HTTP_200_OK)

    @extend_schema(request=QualificationSerializer, responses=QualificationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def qualifications(self, request, pk=None):
        """Ghi trình độ của người giữ vị trí: ngành công tác xã hội, hoặc ngành khác có chứng chỉ bồi dưỡng."""
        position = self.get_object()
        return self.written(QualificationSerializer, lambda data: services.qualification_add(
            user=request.user, person=position.person, **data))

    @extend_schema(request=CertificateSerializer, responses=CertificateSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def certificates(self, request, pk=None):
        """Ghi giấy chứng nhận đăng ký hành nghề công tác xã hội (NĐ 110/2024): số, ngày cấp, nơi cấp."""
        position = self.get_object()
        return self.written(CertificateSerializer, lambda data: services.certificate_add(
            user=request.user, person=position.person, **data))


class CourseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Khóa đào tạo, bồi dưỡng, tập huấn công tác xã hội; `attendance`: học viên trong địa bàn của người dùng."""

    serializer_class = CourseSerializer
    capability = WORKFORCE_VIEW
    write_capability = WORKFORCE_CHANGE
    filterset_class = CourseFilterSet
    source = selectors.courses
    read = selectors.access_course

    @extend_schema(request=CourseCreateSerializer, responses=CourseSerializer)
    def create(self, request):
        return self.written(CourseCreateSerializer, lambda data: services.course_create(user=request.user, **data),
                            answer=CourseSerializer)

    @extend_schema(responses=AttendanceSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def attendance(self, request, pk=None):
        rows = selectors.course_attendance(user=request.user, course=self.get_object())
        return Response(AttendanceSerializer(rows, many=True).data)

    @extend_schema(request=AttendSerializer, responses=AttendanceSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def attend(self, request, pk=None):
        """Thêm một học viên (theo số định danh), với ngày hoàn thành nếu đã hoàn thành."""
        course = self.get_object()

        def write(data):
            person = _person(request.user, data.pop("citizen_id"))
            return services.attendance_record(user=request.user, course=course, person=person, **data)
        return self.written(AttendSerializer, write, answer=AttendanceSerializer)


class TrainingTargetViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Chỉ tiêu đào tạo công tác xã hội theo năm của tỉnh; POST đặt (hoặc thay) chỉ tiêu một năm."""

    serializer_class = TrainingTargetSerializer
    capability = WORKFORCE_VIEW
    write_capability = WORKFORCE_CHANGE
    source = selectors.targets

    def create(self, request):
        return self.written(TrainingTargetSerializer, lambda data: services.target_set(user=request.user, **data))
