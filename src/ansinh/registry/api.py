"""Registry API (/api/v1/): the same FilterSets, actions, services and selectors as the pages, so the same
rules and scope."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from ansinh.audit.selectors import history_of
from ansinh.core.api import CappedPageNumberPagination, ScopedViewSet, with_actions

from . import selectors, services
from .access import REGISTRY_CHANGE, REGISTRY_MERGE, REGISTRY_VIEW
from .actions import DUPLICATE_ACTIONS
from .filters import DuplicateFilterSet, HouseholdFilterSet, PersonFilterSet
from .models import Person
from .serializers import (
    AuditEventSerializer,
    DuplicateSerializer,
    HouseholdSerializer,
    MemberAddSerializer,
    PersonSerializer,
    PovertySerializer,
)


class VersionedWrites:
    """Creation and optimistic-locked change through the app's services: `version` is required to change."""

    create_service = None
    update_service = None
    instance_name = ""

    def perform_create(self, serializer):
        serializer.instance = type(self).create_service(user=self.request.user, **_service_data(serializer.validated_data))

    def perform_update(self, serializer):
        version = serializer.validated_data.get("version")
        if version is None:
            raise ValidationError({"version": ["Cần gửi kèm version (phiên bản hồ sơ đã đọc) khi sửa."]})
        serializer.instance = type(self).update_service(
            user=self.request.user, **{self.instance_name: serializer.instance}, expected_version=version,
            **_service_data(serializer.validated_data),
        )


def _service_data(validated: dict) -> dict:
    data = dict(validated)
    data.pop("version", None)
    return data


class PersonViewSet(VersionedWrites, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, ScopedViewSet):
    """Người trong sổ đăng ký. `search`: họ tên không dấu hoặc số định danh."""

    serializer_class = PersonSerializer
    capability = REGISTRY_VIEW
    write_capability = REGISTRY_CHANGE
    pagination_class = CappedPageNumberPagination
    filterset_class = PersonFilterSet
    create_service = services.person_create
    update_service = services.person_update
    instance_name = "person"

    def get_queryset(self):
        return selectors.people(user=self.request.user, include_merged=True)  # the API shows merged records too

    def list(self, request, *args, **kwargs):
        # the same fast path as the page: one index walk per alternative of the search, a capped count
        filterset = self.filterset_class(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        page = self.paginate_queryset(filterset.results())
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        services.person_record_view(user=request.user, person=person)
        return Response(self.get_serializer(person).data)

    @extend_schema(responses=AuditEventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, pk=None):
        """Lịch sử thay đổi của hồ sơ."""
        person = self.get_object()
        events = history_of(user=request.user, instance=person).exclude(action="view")[:200]
        return Response(AuditEventSerializer(events, many=True).data)


class HouseholdViewSet(VersionedWrites, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       mixins.UpdateModelMixin, ScopedViewSet):
    """Hộ gia đình, thành viên và kết quả rà soát hộ nghèo. `search`: mã hộ hoặc họ tên chủ hộ."""

    serializer_class = HouseholdSerializer
    capability = REGISTRY_VIEW
    write_capability = REGISTRY_CHANGE
    filterset_class = HouseholdFilterSet
    create_service = services.household_create
    update_service = services.household_update
    instance_name = "household"

    def get_queryset(self):
        return selectors.households(user=self.request.user).prefetch_related("memberships__person", "poverty_records")

    @extend_schema(request=MemberAddSerializer, responses=HouseholdSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def members(self, request, pk=None):
        """Thêm một người (trong địa bàn) vào hộ."""
        household = self.get_object()
        payload = MemberAddSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        person = Person.objects.visible_to(request.user).filter(pk=payload.validated_data["person"]).first()
        if person is None:
            raise ValidationError({"person": ["Không tìm thấy người này trong địa bàn của bạn."]})
        services.household_member_add(user=request.user, household=household, person=person,
                                      relationship=payload.validated_data["relationship"])
        return Response(self.get_serializer(self.get_queryset().get(pk=household.pk)).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PovertySerializer, responses=PovertySerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def poverty(self, request, pk=None):
        """Ghi kết quả rà soát hộ nghèo, cận nghèo của một năm."""
        household = self.get_object()
        payload = PovertySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        record = services.household_poverty_set(user=request.user, household=household, **payload.validated_data)
        return Response(PovertySerializer(record).data, status=status.HTTP_201_CREATED)


@with_actions(DUPLICATE_ACTIONS)
class DuplicateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Hàng đợi hồ sơ nghi trùng: gộp (`merge`, giữ `keep`: "a" hoặc "b") hoặc bỏ qua (`dismiss`)."""

    serializer_class = DuplicateSerializer
    capability = REGISTRY_MERGE
    write_capability = REGISTRY_MERGE
    filterset_class = DuplicateFilterSet
    source = selectors.duplicates
    read = selectors.access_duplicate
