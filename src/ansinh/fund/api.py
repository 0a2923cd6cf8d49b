"""API of the fund (/api/v1/funds/): the same services and selectors as the pages."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action

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
        return self.written(FundCreateSerializer, lambda data: selectors.access_fund(  # read back, with its balance
            request.user, services.fund_create(user=request.user, **data).pk), answer=FundSerializer)

    @extend_schema(request=DonationSerializer, responses=DonationSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def donations(self, request, pk=None):
        fund = self.get_object()
        return self.written(DonationSerializer, lambda data: services.donation_record(
            user=request.user, fund=fund, **data))

    @extend_schema(request=UseSerializer, responses=UseSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def uses(self, request, pk=None):
        """Chi cho một người (`citizen_id`) hoặc một chương trình (`programme`); không vượt số dư."""
        fund = self.get_object()

        def write(data):
            citizen_id = data.pop("citizen_id", "")
            try:
                person = person_by_citizen_id(user=request.user, citizen_id=citizen_id) if citizen_id.strip() else None
                return services.use_record(user=request.user, fund=fund, person=person, **data)
            except DomainError as exc:
                raise DomainError(exc.message, field="citizen_id" if exc.field == "person" else exc.field) from None
        return self.written(UseSerializer, write)
