"""API of the fund (/api/v1/funds/): the same services and selectors as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.api import ScopedViewSet
from ansinh.core.exceptions import DomainError
from ansinh.registry.selectors import person_by_citizen_id

from . import selectors, services
from .access import FUND_MANAGE, FUND_VIEW
from .filters import FundFilterSet
from .serializers import DonationSerializer, FundCreateSerializer, FundSerializer, UseSerializer


class FundViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Quỹ trợ giúp xã hội với số dư hôm nay (tiền; hiện vật theo giá trị). `donations`, `uses`: ghi tài trợ và chi."""

    serializer_class = FundSerializer
    capability = FUND_VIEW
    write_capability = FUND_MANAGE
    filterset_class = FundFilterSet
    source = selectors.funds
    read = selectors.access_fund

    @extend_schema(request=FundCreateSerializer, responses=FundSerializer)
    def create(self, request):
        payload = FundCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        fund = services.fund_create(user=request.user, **payload.validated_data)
        return Response(FundSerializer(fund).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DonationSerializer, responses=DonationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def donations(self, request, pk=None):
        fund = self.get_object()
        payload = DonationSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        donation = services.donation_record(user=request.user, fund=fund, **payload.validated_data)
        return Response(DonationSerializer(donation).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=UseSerializer, responses=UseSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def uses(self, request, pk=None):
        """Chi cho một người (`citizen_id`) hoặc một chương trình (`programme`); không vượt số dư."""
        fund = self.get_object()
        payload = UseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        citizen_id = data.pop("citizen_id", "")
        try:
            person = person_by_citizen_id(user=request.user, citizen_id=citizen_id) if citizen_id.strip() else None
            use = services.use_record(user=request.user, fund=fund, person=person, **data)
        except DomainError as exc:
            raise DomainError(exc.message, field="citizen_id" if exc.field == "person" else exc.field) from None
        return Response(UseSerializer(use).data, status=status.HTTP_201_CREATED)
