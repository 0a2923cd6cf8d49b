"""API of the network of organisations (/api/v1/organisations/): the same FilterSet, services and selectors
as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.api import ScopedViewSet

from . import selectors, services
from .access import FACILITIES_CHANGE, FACILITIES_VIEW
from .filters import OrganisationFilterSet
from .serializers import (
    OrganisationChangeSerializer,
    OrganisationCloseSerializer,
    OrganisationCreateSerializer,
    OrganisationSerializer,
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
        return super().get_queryset().prefetch_related("periods__commune")

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
