"""API of the network of organisations (/api/v1/organisations/): the same FilterSet, services and selectors
as the pages."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.api import ScopedViewSet
from ansinh.core.exceptions import DomainError
from ansinh.core.web import day_param
from ansinh.registry.selectors import person_by_citizen_id

from . import selectors, services
from .access import FACILITIES_CHANGE, FACILITIES_VIEW
from .filters import OrganisationFilterSet, ProjectFilterSet
from .serializers import (
    AdmitSerializer,
    AssessmentSerializer,
    DischargeSerializer,
    FundingAddSerializer,
    FundingSerializer,
    OrganisationChangeSerializer,
    OrganisationCloseSerializer,
    OrganisationCreateSerializer,
    OrganisationSerializer,
    ProjectCreateSerializer,
    ProjectSerializer,
    ResidentSerializer,
    ServiceSerializer,
    StaffCountSerializer,
    StaffingSerializer,
)


class OrganisationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Cơ quan, cơ sở và các giai đoạn của nó (mỗi giai đoạn có hiệu lực từ `valid_from` đến trước `valid_to`).
    `search`: mã hoặc một phần tên; `kind`; `commune` (mã xã)."""

    serializer_class = OrganisationSerializer
    capability = FACILITIES_VIEW
    write_capability = FACILITIES_CHANGE
    filterset_class = OrganisationFilterSet
    source = selectors.organisations
    read = selectors.access_organisation

    def get_queryset(self):
        return super().get_queryset().prefetch_related("periods__commune", "services")

    def _answer(self, organisation, code=status.HTTP_200_OK):
        return Response(self.get_serializer(self.get_queryset().get(pk=organisation.pk)).data, status=code)

    @extend_schema(request=OrganisationCreateSerializer, responses=OrganisationSerializer)
    def create(self, request):
        """Thêm một cơ quan, cơ sở, từ ngày thành lập."""
        payload = OrganisationCreateSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        organisation = services.organisation_create(user=request.user, **payload.validated_data)
        return self._answer(organisation, status.HTTP_201_CREATED)

    @extend_schema(request=OrganisationChangeSerializer, responses=OrganisationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def change(self, request, pk=None):
        """Từ ngày `valid_from` (có thể là ngày đã qua), cơ quan, cơ sở như các trường gửi kèm; trường không gửi
        giữ nguyên ở từng giai đoạn."""
        organisation = self.get_object()
        payload = OrganisationChangeSerializer(data=request.data, context={"request": request})
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        organisation = services.organisation_change(user=request.user, organisation=organisation,
                                                    expected_version=data.pop("version"),
                                                    valid_from=data.pop("valid_from"), **data)
        return self._answer(organisation)

    @extend_schema(request=OrganisationCloseSerializer, responses=OrganisationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def close(self, request, pk=None):
        """Ghi ngày giải thể, sáp nhập."""
        organisation = self.get_object()
        payload = OrganisationCloseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        organisation = services.organisation_close(user=request.user, organisation=organisation, on=data["on"],
                                                   expected_version=data["version"], basis=data["basis"])
        return self._answer(organisation)

    @extend_schema(responses=StaffingSerializer)
    @action(detail=True, methods=["get"], filter_backends=[], pagination_class=None)
    def staffing(self, request, pk=None):
        """Đối tượng theo nhóm chăm sóc, nhân sự cần theo TT 33/2017 Điều 5, hiện có và còn thiếu, vào ngày `day`
        (YYYY-MM-DD, mặc định hôm nay)."""
        organisation = self.get_object()
        day = day_param(request.query_params.get("day")) or timezone.localdate()
        return Response(_staffing(organisation, day, request.user))

    @extend_schema(request=StaffCountSerializer, responses=StaffingSerializer)
    @action(detail=True, methods=["post"], url_path="staff-counts", filter_backends=[])
    def staff_counts(self, request, pk=None):
        """Số người hiện có của một vị trí, từ ngày `as_of`; trả về nhân sự theo định mức của ngày đó."""
        organisation = self.get_object()

        def write(data):
            services.staff_count_set(user=request.user, organisation=organisation, **data)
            return _staffing(organisation, data["as_of"], request.user)
        return self.written(StaffCountSerializer, write, answer=StaffingSerializer, code=status.HTTP_200_OK)

    @extend_schema(request=AssessmentSerializer, responses=AssessmentSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def assessments(self, request, pk=None):
        """Kết quả đánh giá cơ sở theo tiêu chuẩn chăm sóc vào một ngày (`meets`), kèm quyết định, biên bản."""
        organisation = self.get_object()
        return self.written(AssessmentSerializer, lambda data: services.assessment_record(
            user=request.user, organisation=organisation, **data))

    @extend_schema(request=ServiceSerializer, responses=ServiceSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def services(self, request, pk=None):
        """Đơn vị cung cấp một dịch vụ công tác xã hội từ ngày `started_on`."""
        organisation = self.get_object()
        return self.written(ServiceSerializer, lambda data: services.service_start(
            user=request.user, organisation=organisation, **data))


def _staffing(organisation, day, user) -> dict:
    staffing = selectors.staffing_on(organisation, day, user=user)
    return {"day": day, "residents": staffing.residents, "required": staffing.required, "present": staffing.present,
            "shortfall": staffing.shortfall, "met": staffing.met}


class ResidentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Đối tượng được nuôi dưỡng, chăm sóc tại cơ sở: tiếp nhận (POST) và rời cơ sở (`discharge`)."""

    serializer_class = ResidentSerializer
    capability = FACILITIES_VIEW
    write_capability = FACILITIES_CHANGE
    source = selectors.residents
    read = selectors.access_resident

    @extend_schema(request=AdmitSerializer, responses=ResidentSerializer)
    def create(self, request):
        def write(data):
            organisation = selectors.access_organisation(request.user, data.pop("organisation").pk)
            try:
                person = person_by_citizen_id(user=request.user, citizen_id=data.pop("citizen_id"))
            except DomainError as exc:
                raise DomainError(exc.message, field="citizen_id") from None
            return services.resident_admit(user=request.user, organisation=organisation, person=person, **data)
        return self.written(AdmitSerializer, write, answer=ResidentSerializer)

    @extend_schema(request=DischargeSerializer, responses=ResidentSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def discharge(self, request, pk=None):
        resident = self.get_object()
        return self.written(DischargeSerializer, lambda data: services.resident_discharge(
            user=request.user, resident=resident, discharged_on=data["discharged_on"],
            reason=data["discharge_reason"], expected_version=data["version"]), answer=ResidentSerializer,
            code=status.HTTP_200_OK)


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Dự án đầu tư vào mạng lưới cơ sở, với các nguồn vốn (`part_of`: một phần của nguồn khác, không cộng hai lần)."""

    serializer_class = ProjectSerializer
    capability = FACILITIES_VIEW
    write_capability = FACILITIES_CHANGE
    filterset_class = ProjectFilterSet
    source = selectors.projects
    read = selectors.access_project

    @extend_schema(request=ProjectCreateSerializer, responses=ProjectSerializer)
    def create(self, request):
        def write(data):
            if data["organisation"] is not None:
                data["organisation"] = selectors.access_organisation(request.user, data["organisation"].pk)
            return services.project_create(user=request.user, **data)
        return self.written(ProjectCreateSerializer, write, answer=ProjectSerializer)

    @extend_schema(request=FundingAddSerializer, responses=FundingSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def funding(self, request, pk=None):
        """Ghi một nguồn vốn; các nguồn cùng cấp không vượt tổng mức đầu tư (hoặc nguồn mà chúng là một phần)."""
        project = self.get_object()

        def write(data):
            part_of = data.pop("part_of")
            if part_of is not None:
                part_of = project.funding.filter(pk=part_of).first()
                if part_of is None:
                    raise DomainError("Không có nguồn này trong dự án.", field="part_of")
            return services.funding_add(user=request.user, project=project, part_of=part_of, **data)
        return self.written(FundingAddSerializer, write, answer=FundingSerializer)
