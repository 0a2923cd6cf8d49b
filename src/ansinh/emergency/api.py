"""API of emergency assistance: the same services and selectors as the pages, scoped alike.

/api/v1/emergency-events/ (and their lists, proposals, decisions, requests), /api/v1/emergency-affected/ (who is
listed, with the aid; `waiting` and `overdue` for who still waits), /api/v1/emergency-aids/ (deliveries),
/api/v1/emergency-decisions/ (the whole decision handed out), /api/v1/emergency-requests/ (the province's answer),
/api/v1/funeral-supports/ (decided and paid once)."""

import django_filters
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.response import Response

from ansinh.core.api import ScopedViewSet
from ansinh.core.filters import FilterSet, IdFilter
from ansinh.geo.fields import CommuneFilter
from ansinh.registry.selectors import person_by_citizen_id

from . import selectors, services
from .access import EMERGENCY_MANAGE, EMERGENCY_VIEW
from .filters import EventFilterSet, FuneralFilterSet
from .models import Affected, Aid, Damage, Decision
from .serializers import (
    AffectedCreateSerializer,
    AffectedSerializer,
    AidCreateSerializer,
    AidSerializer,
    AnswerSerializer,
    CloseSerializer,
    CommuneSerializer,
    DecisionCreateSerializer,
    DecisionSerializer,
    DeliverAllSerializer,
    DeliveredCountSerializer,
    DeliveredSerializer,
    DeliverySerializer,
    EventCreateSerializer,
    EventSerializer,
    FuneralDecideSerializer,
    FuneralPaySerializer,
    FuneralSerializer,
    PastedSerializer,
    PasteSerializer,
    PaymentIssuedSerializer,
    PaymentSerializer,
    ProposedSerializer,
    RequestCreateSerializer,
    RequestSerializer,
)


class EventViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Sự kiện cần trợ giúp khẩn cấp (bão, lũ, sạt lở, hỏa hoạn, Tết…), đếm trong địa bàn của bạn."""

    serializer_class = EventSerializer
    capability = EMERGENCY_VIEW
    write_capability = EMERGENCY_MANAGE
    filterset_class = EventFilterSet
    source = selectors.events

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        events = selectors.with_counts(page, user=request.user)
        return self.get_paginated_response(self.get_serializer(events, many=True).data)

    def retrieve(self, request, pk=None):
        [event] = selectors.with_counts([self.get_object()], user=request.user)
        return Response(self.get_serializer(event).data)

    @extend_schema(request=EventCreateSerializer, responses=EventSerializer)
    def create(self, request):
        return self.written(EventCreateSerializer, lambda data: selectors.with_counts(
            [services.event_create(user=request.user, **data)], user=request.user)[0], answer=EventSerializer)

    @extend_schema(request=AffectedCreateSerializer, responses=AffectedSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def affected(self, request, pk=None):
        """Một dòng danh sách: người trong sổ đối tượng (theo số định danh) và thiệt hại."""
        event = selectors.access_event(request.user, pk)

        def write(data):
            person = person_by_citizen_id(user=request.user, citizen_id=data.pop("citizen_id"))
            return services.affected_add(user=request.user, event=event, person=person, **data)
        return self.written(AffectedCreateSerializer, write, answer=AffectedSerializer)

    @extend_schema(request=PasteSerializer, responses=PastedSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def paste(self, request, pk=None):
        """Cả danh sách của thôn (dán từ bảng tính): ghi tất cả hoặc không ghi gì, lỗi nêu từng dòng."""
        event = selectors.access_event(request.user, pk)
        return self.written(PasteSerializer, lambda data: {"created": len(services.affected_paste(
            user=request.user, event=event, commune=data["commune"], text=data["rows"],
            detected_on=data["detected_on"]))}, answer=PastedSerializer)

    @extend_schema(request=CommuneSerializer, responses=ProposedSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def propose(self, request, pk=None):
        """Đề xuất mức tối thiểu theo quy định cho mọi dòng của xã chưa có khoản trợ giúp."""
        event = selectors.access_event(request.user, pk)
        return self.written(CommuneSerializer, lambda data: {"proposed": services.aids_propose_minimums(
            user=request.user, event=event, commune=data["commune"])}, answer=ProposedSerializer)

    @extend_schema(request=DecisionCreateSerializer, responses=DecisionSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def decisions(self, request, pk=None):
        """Quyết định của Chủ tịch UBND xã cho mọi khoản đang đề xuất của xã (`urgent`: không qua bình xét)."""
        event = selectors.access_event(request.user, pk)
        return self.written(DecisionCreateSerializer, lambda data: services.decision_make(
            user=request.user, event=event, **data), answer=DecisionSerializer)

    @extend_schema(request=RequestCreateSerializer, responses=RequestSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def requests(self, request, pk=None):
        """Đề nghị tỉnh hỗ trợ gạo, kinh phí khi nguồn lực tại chỗ không đủ."""
        event = selectors.access_event(request.user, pk)
        return self.written(RequestCreateSerializer, lambda data: services.request_send(
            user=request.user, event=event, **data), answer=RequestSerializer)


class AffectedFilterSet(FilterSet):
    """`event`: một sự kiện; `waiting`: chưa nhận trợ giúp; `overdue`: quá hạn quyết định mà chưa quyết định."""

    event = IdFilter(field_name="event_id")
    commune = CommuneFilter()
    damage = django_filters.ChoiceFilter(choices=Damage.choices)
    waiting = django_filters.BooleanFilter(method="only_waiting")
    overdue = django_filters.BooleanFilter(method="only_overdue")

    class Meta:
        model = Affected
        fields = ["event", "commune", "damage", "waiting", "overdue"]

    def only_waiting(self, queryset, name, value):
        if value is None:
            return queryset
        waiting = {"delivered_on__isnull": True, "closed_on__isnull": True}
        return queryset.filter(**waiting) if value else queryset.exclude(**waiting)

    def only_overdue(self, queryset, name, value):
        today = timezone.localdate()
        if value is None:
            return queryset
        late = {"decided_on__isnull": True, "due_on__lt": today, "closed_on__isnull": True}
        return queryset.filter(**late) if value else queryset.exclude(**late)


def _affected(*, user):
    return Affected.objects.visible_to(user).select_related("person", "commune").prefetch_related(
        "aids__decision").order_by("detected_on", "id")


class AffectedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Người, hộ bị ảnh hưởng với các khoản trợ giúp, ngày phát hiện, hạn quyết định, ngày quyết định, ngày nhận."""

    serializer_class = AffectedSerializer
    capability = EMERGENCY_VIEW
    write_capability = EMERGENCY_MANAGE
    filterset_class = AffectedFilterSet
    source = _affected
    read = selectors.access_affected

    @extend_schema(request=CloseSerializer, responses=AffectedSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def close(self, request, pk=None):
        """Thôi xét một dòng không được trợ giúp (không thuộc diện, đã được hỗ trợ nguồn khác…), có lý do."""
        line = self.get_object()
        return self.written(CloseSerializer, lambda data: selectors.access_affected(request.user, services.affected_close(
            user=request.user, affected=line, **data).pk), answer=AffectedSerializer, code=200)

    @extend_schema(request=AidCreateSerializer, responses=AidSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def aids(self, request, pk=None):
        """Đề xuất một khoản trợ giúp cho dòng này (không thấp hơn mức tối thiểu)."""
        line = self.get_object()
        return self.written(AidCreateSerializer, lambda data: services.aid_propose(
            user=request.user, affected=line, **data), answer=AidSerializer)


class AidViewSet(mixins.RetrieveModelMixin, ScopedViewSet):
    """Một khoản trợ giúp; `deliveries`: ghi một lần chi, phát (không trước quyết định, không vượt mức)."""

    serializer_class = AidSerializer
    capability = EMERGENCY_VIEW
    write_capability = EMERGENCY_MANAGE
    source = staticmethod(lambda *, user: Aid.objects.visible_to(user))
    read = selectors.access_aid

    @extend_schema(request=DeliverySerializer, responses=DeliveredSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def deliveries(self, request, pk=None):
        aid = self.get_object()
        return self.written(DeliverySerializer, lambda data: services.delivery_record(
            user=request.user, aid=aid, **data), answer=DeliveredSerializer)


class DecisionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Quyết định trợ giúp khẩn cấp; `deliver`: chi, phát đủ mọi khoản của quyết định trong một ngày."""

    serializer_class = DecisionSerializer
    capability = EMERGENCY_VIEW
    write_capability = EMERGENCY_MANAGE
    source = staticmethod(lambda *, user: Decision.objects.visible_to(user).select_related("commune"))
    read = selectors.access_decision

    @extend_schema(request=PaymentSerializer, responses=PaymentIssuedSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def payment(self, request, pk=None):
        """Tiền mặt của quyết định chưa chi: lập dòng chi trả và giao tệp cho tổ chức chi trả (hoặc tiền mặt tại
        xã); kết quả chi được ghi khi đối soát tệp kết quả (/api/v1/payment-files/)."""
        decision = self.get_object()

        def write(data):
            made, files = services.decision_payment(user=request.user, decision=decision, method=data["method"])
            return {"lines": made, "files": [f.pk for f in files]}
        return self.written(PaymentSerializer, write, answer=PaymentIssuedSerializer)

    @extend_schema(request=DeliverAllSerializer, responses=DeliveredCountSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def deliver(self, request, pk=None):
        decision = self.get_object()
        return self.written(DeliverAllSerializer, lambda data: {"delivered": services.deliver_decision(
            user=request.user, decision=decision, **data)}, answer=DeliveredCountSerializer)


class RequestViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Đề nghị của xã lên tỉnh; `answer`: trả lời của tỉnh (cấp tỉnh)."""

    serializer_class = RequestSerializer
    capability = EMERGENCY_VIEW
    write_capability = EMERGENCY_MANAGE
    source = staticmethod(lambda *, user: selectors.requests_of(user=user))
    read = selectors.access_request

    @extend_schema(request=AnswerSerializer, responses=RequestSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def answer(self, request, pk=None):
        support_request = self.get_object()
        return self.written(AnswerSerializer, lambda data: services.request_answer(
            user=request.user, request=support_request, **data), answer=RequestSerializer)


class FuneralViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    """Hỗ trợ chi phí mai táng: `decide` (đánh số quyết định; lần thứ hai bị từ chối, nêu số quyết định đầu) và
    `pay` (một lần)."""

    serializer_class = FuneralSerializer
    capability = EMERGENCY_VIEW
    write_capability = EMERGENCY_MANAGE
    filterset_class = FuneralFilterSet
    source = selectors.funeral_supports
    read = selectors.access_funeral

    @extend_schema(request=FuneralDecideSerializer, responses=FuneralSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def decide(self, request, pk=None):
        support = self.get_object()
        return self.written(FuneralDecideSerializer, lambda data: services.funeral_decide(
            user=request.user, support=support, **data), answer=FuneralSerializer, code=200)

    @extend_schema(request=FuneralPaySerializer, responses=FuneralSerializer)
    @action(detail=True, methods=["post"], filter_backends=[])
    def pay(self, request, pk=None):
        support = self.get_object()
        return self.written(FuneralPaySerializer, lambda data: services.funeral_pay(
            user=request.user, support=support, **data), answer=FuneralSerializer, code=200)


