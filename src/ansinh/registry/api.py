"""Registry API (/api/v1/): the same services and selectors as the pages, so the same rules and scope."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from ansinh.audit.selectors import history_of
from ansinh.core.api import CappedPageNumberPagination, HasCapability
from ansinh.geo.models import AdministrativeUnit

from . import selectors, services
from .access import REGISTRY_CHANGE, REGISTRY_MERGE, REGISTRY_VIEW
from .models import DuplicateCandidate, Household, HouseholdPoverty, Person, Relationship


class CommuneField(serializers.SlugRelatedField):
    """A commune by its official 5-digit code."""

    default_error_messages = {
        "does_not_exist": "Không có xã/phường/đặc khu mã “{value}”.",
        "invalid": "Mã xã/phường không hợp lệ.",
    }

    def __init__(self, **kwargs):
        super().__init__(slug_field="code", queryset=AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True), **kwargs)

    def to_internal_value(self, data):
        if not isinstance(data, str) or not data.isascii() or not data.isdigit():
            self.fail("invalid")
        return super().to_internal_value(data)


class PersonSerializer(serializers.ModelSerializer):
    commune = CommuneField()
    commune_name = serializers.CharField(source="commune.name", read_only=True)
    birth = serializers.CharField(source="birth_display", read_only=True)
    version = serializers.IntegerField(required=False, help_text="Bắt buộc khi sửa: phiên bản đã đọc (khóa lạc quan).")

    class Meta:
        model = Person
        fields = [
            "id", "citizen_id", "full_name", "birth_year", "birth_month", "birth_day", "birth", "sex", "ethnicity",
            "commune", "commune_name", "province_code", "hamlet", "address", "legacy_address", "phone",
            "disability_level", "disability_certificate_date", "date_of_death", "pension_status", "bank_name",
            "bank_account", "merged_into", "version", "created_at", "updated_at",
        ]
        read_only_fields = ["id", "province_code", "merged_into", "created_at", "updated_at"]
        extra_kwargs = {"citizen_id": {"validators": []}}


class AuditEventSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField(source="actor.username", default=None)
    action = serializers.CharField()
    changes = serializers.JSONField()


def _service_data(validated: dict) -> dict:
    data = dict(validated)
    data.pop("version", None)
    return data


class PersonViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Người trong sổ đăng ký. `search`: họ tên không dấu hoặc số định danh."""

    serializer_class = PersonSerializer
    permission_classes = [HasCapability]
    capability = REGISTRY_VIEW
    write_capability = REGISTRY_CHANGE

    pagination_class = CappedPageNumberPagination

    def get_queryset(self):
        return selectors.person_list(user=self.request.user, include_merged=True)

    @extend_schema(parameters=[
        OpenApiParameter("search", str, description="Họ tên (không dấu cũng được) hoặc số định danh"),
        OpenApiParameter("commune", str, description="Mã xã (5 chữ số)"),
        OpenApiParameter("sex", str, enum=["M", "F"]),
        OpenApiParameter("disability", str, enum=["any", "mild", "severe", "especially_severe"]),
    ])
    def list(self, request, *args, **kwargs):
        params = request.query_params
        commune = params.get("commune")
        commune_id = (
            AdministrativeUnit.objects.filter(level="commune", code=commune).values_list("pk", flat=True).first()
            if commune and commune.isascii() and commune.isdigit() else None
        )
        if commune and commune_id is None:
            results = Person.objects.none()
        else:
            results = selectors.person_results(
                user=request.user, search=params.get("search", ""), commune_id=commune_id,
                sex=params.get("sex", ""), disability=params.get("disability", ""),
            )
        page = self.paginate_queryset(results)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def retrieve(self, request, *args, **kwargs):
        person = self.get_object()
        services.person_record_view(user=request.user, person=person)
        return Response(self.get_serializer(person).data)

    def perform_create(self, serializer):
        serializer.instance = services.person_create(user=self.request.user, data=_service_data(serializer.validated_data))

    def perform_update(self, serializer):
        version = serializer.validated_data.get("version")
        if version is None:
            raise ValidationError({"version": ["Cần gửi kèm version (phiên bản hồ sơ đã đọc) khi sửa."]})
        serializer.instance = services.person_update(
            user=self.request.user, person=serializer.instance, data=_service_data(serializer.validated_data),
            expected_version=version,
        )

    @extend_schema(responses=AuditEventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        """Lịch sử thay đổi của hồ sơ."""
        person = self.get_object()
        events = history_of(user=request.user, instance=person).exclude(action="view")[:200]
        return Response(AuditEventSerializer(events, many=True).data)


class MemberSerializer(serializers.Serializer):
    person = serializers.IntegerField(source="person_id")
    full_name = serializers.CharField(source="person.full_name")
    relationship = serializers.CharField()
    joined_on = serializers.DateField(allow_null=True)


class PovertySerializer(serializers.ModelSerializer):
    class Meta:
        model = HouseholdPoverty
        fields = ["year", "status", "decision_number", "decision_date"]


class HouseholdSerializer(serializers.ModelSerializer):
    commune = CommuneField()
    commune_name = serializers.CharField(source="commune.name", read_only=True)
    members = serializers.SerializerMethodField()
    poverty = PovertySerializer(source="poverty_records", many=True, read_only=True)
    version = serializers.IntegerField(required=False)
    code = serializers.CharField(required=False, allow_blank=True, max_length=30, validators=[])

    class Meta:
        model = Household
        fields = ["id", "code", "head", "commune", "commune_name", "province_code", "hamlet", "address",
                  "members", "poverty", "version"]
        read_only_fields = ["id", "head", "province_code"]

    def get_members(self, obj) -> list[dict]:
        current = [m for m in obj.memberships.all() if m.left_on is None]
        return MemberSerializer(current, many=True).data


class MemberAddSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    relationship = serializers.ChoiceField(choices=Relationship.choices)


class HouseholdViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                       mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Hộ gia đình, thành viên và kết quả rà soát hộ nghèo."""

    serializer_class = HouseholdSerializer
    permission_classes = [HasCapability]
    capability = REGISTRY_VIEW
    write_capability = REGISTRY_CHANGE

    def get_queryset(self):
        qs = selectors.household_list(user=self.request.user, search=self.request.query_params.get("search", ""))
        return qs.prefetch_related("memberships__person", "poverty_records")

    def perform_create(self, serializer):
        serializer.instance = services.household_create(user=self.request.user, data=_service_data(serializer.validated_data))

    def perform_update(self, serializer):
        version = serializer.validated_data.get("version")
        if version is None:
            raise ValidationError({"version": ["Cần gửi kèm version (phiên bản hồ sơ đã đọc) khi sửa."]})
        serializer.instance = services.household_update(
            user=self.request.user, household=serializer.instance, data=_service_data(serializer.validated_data),
            expected_version=version,
        )

    @extend_schema(request=MemberAddSerializer, responses=HouseholdSerializer)
    @action(detail=True, methods=["post"])
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
    @action(detail=True, methods=["post"])
    def poverty(self, request, pk=None):
        """Ghi kết quả rà soát hộ nghèo, cận nghèo của một năm."""
        household = self.get_object()
        payload = PovertySerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        record = services.household_poverty_set(user=request.user, household=household, **payload.validated_data)
        return Response(PovertySerializer(record).data, status=status.HTTP_201_CREATED)


class DuplicateSerializer(serializers.ModelSerializer):
    person_a = PersonSerializer(read_only=True)
    person_b = PersonSerializer(read_only=True)

    class Meta:
        model = DuplicateCandidate
        fields = ["id", "person_a", "person_b", "reason", "score", "status", "created_at"]


class DuplicateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Hàng đợi hồ sơ nghi trùng: gộp (`merge`, giữ `keep`: "a" hoặc "b") hoặc bỏ qua (`dismiss`)."""

    serializer_class = DuplicateSerializer
    permission_classes = [HasCapability]
    capability = REGISTRY_MERGE
    write_capability = REGISTRY_MERGE

    def get_queryset(self):
        status_ = self.request.query_params.get("status", DuplicateCandidate.Status.PENDING)
        return selectors.duplicate_queue(user=self.request.user, status=status_)

    def get_object(self):
        return selectors.duplicate_get(user=self.request.user, pk=self.kwargs["pk"])

    @extend_schema(request=inline_serializer("MergeRequest", {"keep": serializers.ChoiceField(choices=["a", "b"])}),
                   responses=PersonSerializer)
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        candidate = self.get_object()
        keep = request.data.get("keep")
        if keep not in ("a", "b"):
            raise ValidationError({"keep": ["Chọn hồ sơ giữ lại: \"a\" hoặc \"b\"."]})
        survivor, duplicate = (candidate.person_a, candidate.person_b) if keep == "a" else (candidate.person_b, candidate.person_a)
        person = services.person_merge(user=request.user, survivor=survivor, duplicate=duplicate)
        return Response(PersonSerializer(person).data)

    @extend_schema(request=None, responses=DuplicateSerializer)
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        candidate = services.duplicate_dismiss(user=request.user, candidate=self.get_object())
        return Response(DuplicateSerializer(candidate).data)


