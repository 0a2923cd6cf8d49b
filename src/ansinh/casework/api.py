"""API of case management (/api/v1/cases/, case-referrals/, case-workers/, children/, child-supports/): the same
selectors, services and actions as the pages. A case is found only by a user related to it; reading it is
recorded."""

from django.db.models import Count, F, Q
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.api import ScopedViewSet, with_actions
from ansinh.core.exceptions import DomainError
from ansinh.registry.selectors import access_person, person_by_citizen_id

from . import selectors, services
from .access import (
    CASEWORK_MANAGE,
    CASEWORK_OVERSEE,
    CASEWORK_VIEW,
    CASEWORK_WORK,
    CHILDREN_CHANGE,
    CHILDREN_VIEW,
)
from .actions import CASE_ACTIONS
from .filters import CaseFilterSet, CircumstanceFilterSet
from .models import SENSITIVE_GROUPS, Worker
from .serializers import (
    CaseListSerializer,
    CaseOpenSerializer,
    CaseSerializer,
    CaseUpdateSerializer,
    CircumstanceCreateSerializer,
    CircumstanceSerializer,
    ReferralSerializer,
    RespondSerializer,
    SupportSerializer,
    WorkerCreateSerializer,
    WorkerSerializer,
)


def _people(user, numbers):
    out = []
    for number in numbers:
        try:
            out.append(person_by_citizen_id(user=user, citizen_id=number))
        except DomainError as exc:
            raise DomainError(f"{number}: {exc.message}", field="citizen_ids") from None
    return out


@with_actions(CASE_ACTIONS)
class CaseViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Ca (quản lý ca) mà người dùng được phân công, giám sát, tiếp nhận chuyển gửi hoặc được chia sẻ. Danh sách không
    có nội dung sự việc; xem một ca được ghi nhật ký. Mỗi bước là một `POST /cases/<id>/<bước>/`."""

    serializer_class = CaseListSerializer
    capability = CASEWORK_VIEW
    write_capability = CASEWORK_WORK
    filterset_class = CaseFilterSet
    source = selectors.cases
    read = selectors.access_case

    def get_serializer_class(self):
        return CaseListSerializer if self.action == "list" else CaseSerializer

    @extend_schema(responses=CaseSerializer)
    def retrieve(self, request, pk=None):
        case = self.get_object()
        services.case_view(user=request.user, case=case)
        return Response(CaseSerializer(case, context=self.get_serializer_context()).data)

    @extend_schema(request=CaseOpenSerializer, responses=CaseSerializer)
    def create(self, request):
        """Tiếp nhận và mở ca tại một đơn vị (Mẫu 01)."""
        def write(data):
            subjects = _people(request.user, data.pop("citizen_ids"))
            return services.case_open(user=request.user, subjects=subjects, **data)
        return self.written(CaseOpenSerializer, write, answer=CaseSerializer)

    @extend_schema(request=CaseUpdateSerializer, responses=CaseSerializer)
    def partial_update(self, request, pk=None):
        """Sửa thông tin tiếp nhận; `version` cũ → 409 với `differences` (bản đang lưu và nội dung gửi)."""
        case = self.get_object()

        def write(data):
            version = data.pop("version")
            return services.case_update(user=request.user, case=case, expected_version=version, **data)
        return self.written(CaseUpdateSerializer, write, answer=CaseSerializer, code=status.HTTP_200_OK)

    def reread(self, case):
        return selectors.access_case(self.request.user, case.pk)


class ReferralViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Chuyển gửi đang chờ tại các đơn vị người dùng giám sát ca; `respond` tiếp nhận (nêu người tiếp nhận) hoặc
    từ chối (nêu lý do)."""

    serializer_class = ReferralSerializer
    capability = CASEWORK_VIEW
    write_capability = CASEWORK_WORK
    source = selectors.incoming_referrals
    read = selectors.access_incoming

    @extend_schema(request=RespondSerializer, responses=ReferralSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def respond(self, request, pk=None):
        referral = self.get_object()
        return self.written(RespondSerializer, lambda data: services.referral_respond(
            user=request.user, referral=referral, **data), answer=ReferralSerializer, code=status.HTTP_200_OK)


def _workers(*, user):
    """The case workers of the units in the user's jurisdiction, each with their open cases (one grouped query)."""
    open_cases = Count("user__id", filter=Q(organisation__cases__worker_id=F("user_id"))
                       & ~Q(organisation__cases__stage="closed"))
    return (Worker.objects.visible_to(user).filter(active=True).select_related("user").annotate(open_cases=open_cases)
            .order_by("organisation__name", "user__username", "id"))


class WorkerViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Người quản lý ca theo đơn vị, với số ca đang mở của mỗi người (định mức TT 33/2017: 100)."""

    serializer_class = WorkerSerializer
    capability = CASEWORK_OVERSEE
    write_capability = CASEWORK_MANAGE
    source = _workers

    @extend_schema(request=WorkerCreateSerializer, responses=WorkerSerializer)
    def create(self, request):
        return self.written(WorkerCreateSerializer, lambda data: services.worker_add(
            user=request.user, organisation=data["organisation"], worker=data["user"],
            supervisor=data["supervisor"]), answer=WorkerSerializer)


class ChildViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Sổ trẻ em có hoàn cảnh đặc biệt (Luật Trẻ em Điều 10), trong địa bàn; không có các nhóm nhạy cảm."""

    serializer_class = CircumstanceSerializer
    capability = CHILDREN_VIEW
    write_capability = CHILDREN_CHANGE
    filterset_class = CircumstanceFilterSet

    @staticmethod
    def source(*, user):
        return selectors.circumstances(user=user).exclude(group__in=SENSITIVE_GROUPS)

    @extend_schema(request=CircumstanceCreateSerializer, responses=CircumstanceSerializer)
    def create(self, request):
        def write(data):
            try:
                person = person_by_citizen_id(user=request.user, citizen_id=data.pop("citizen_id"))
            except DomainError as exc:
                raise DomainError(exc.message, field="citizen_id") from None
            return services.circumstance_add(user=request.user, person=person, **data)
        return self.written(CircumstanceCreateSerializer, write, answer=CircumstanceSerializer)


class SupportViewSet(mixins.ListModelMixin, ScopedViewSet):
    """Hỗ trợ trẻ em đã nhận (ngoài trợ cấp hằng tháng và dịch vụ theo ca)."""

    serializer_class = SupportSerializer
    capability = CHILDREN_VIEW
    write_capability = CHILDREN_CHANGE
    source = selectors.supports

    def create(self, request):
        def write(data):
            person = access_person(request.user, data.pop("person").pk)
            return services.support_add(user=request.user, person=person, **data)
        return self.written(SupportSerializer, write)
