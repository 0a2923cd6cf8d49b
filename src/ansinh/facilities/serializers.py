"""What the API of the network of organisations reads and writes."""

from rest_framework import serializers

from ansinh.geo.fields import CommuneField

from .models import (
    CareGroup,
    FundingSource,
    InvestmentProject,
    Kind,
    Organisation,
    OrganisationPeriod,
    OrganisationService,
    Ownership,
    ProjectFunding,
    ProjectPurpose,
    Resident,
    StaffFunction,
    StandardAssessment,
)


class PeriodSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = OrganisationPeriod
        fields = ["valid_from", "valid_to", "name", "kind", "ownership", "parent", "commune", "in_plan_scope",
                  "provides_social_work", "capacity", "basis"]


class OrganisationSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True)
    commune_name = serializers.CharField(source="commune.name", read_only=True)
    periods = PeriodSerializer(many=True, read_only=True)
    services = serializers.SerializerMethodField()

    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "kind", "commune", "commune_name", "province_code", "version", "periods",
                  "services"]
        read_only_fields = fields

    def get_services(self, organisation) -> list[dict]:
        return ServiceSerializer(organisation.services.all(), many=True).data


class _Attributes(serializers.Serializer):
    valid_from = serializers.DateField(help_text="Ngày thành lập, hoặc ngày thay đổi có hiệu lực")
    name = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=Kind.choices)
    ownership = serializers.ChoiceField(choices=Ownership.choices, default=Ownership.PUBLIC)
    commune = CommuneField()
    parent = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), allow_null=True, default=None)
    in_plan_scope = serializers.BooleanField(default=False)
    provides_social_work = serializers.BooleanField(default=False)
    capacity = serializers.IntegerField(min_value=0, allow_null=True, default=None)
    basis = serializers.CharField(max_length=255, allow_blank=True, default="")

    def validate_parent(self, parent):
        user = self.context["request"].user
        if parent is not None and not Organisation.objects.visible_to(user).filter(pk=parent.pk).exists():
            raise serializers.ValidationError("Không tìm thấy cơ quan chủ quản này trong địa bàn của bạn.")
        return parent


class OrganisationCreateSerializer(_Attributes):
    code = serializers.CharField(max_length=30, allow_blank=True, default="")


class OrganisationChangeSerializer(_Attributes):
    """From `valid_from`: only the attributes sent change; `version` is the one read."""

    version = serializers.IntegerField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("name", "kind", "ownership", "commune", "parent", "in_plan_scope", "provides_social_work", "capacity",
                     "basis"):
            self.fields[name].required = False
            self.fields[name].default = serializers.empty


class OrganisationCloseSerializer(serializers.Serializer):
    on = serializers.DateField(help_text="Ngày giải thể, sáp nhập")
    version = serializers.IntegerField()
    basis = serializers.CharField(max_length=255, allow_blank=True, default="")


class ResidentSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Resident
        fields = ["id", "organisation", "person", "person_name", "care_group", "admitted_on", "emergency", "basis",
                  "discharged_on", "discharge_reason", "version"]
        read_only_fields = fields


class AdmitSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    citizen_id = serializers.CharField(max_length=20, help_text="Số định danh cá nhân của người trong sổ đối tượng")
    care_group = serializers.ChoiceField(choices=CareGroup.choices)
    admitted_on = serializers.DateField()
    emergency = serializers.BooleanField(default=False)
    basis = serializers.CharField(max_length=255, allow_blank=True, default="")


class DischargeSerializer(serializers.Serializer):
    discharged_on = serializers.DateField()
    discharge_reason = serializers.CharField(max_length=255)
    version = serializers.IntegerField()


class StaffCountSerializer(serializers.Serializer):
    function = serializers.ChoiceField(choices=StaffFunction.choices)
    count = serializers.IntegerField(min_value=0)
    as_of = serializers.DateField()


class StaffingSerializer(serializers.Serializer):
    day = serializers.DateField()
    residents = serializers.DictField(child=serializers.IntegerField())
    required = serializers.DictField(child=serializers.IntegerField())
    present = serializers.DictField(child=serializers.IntegerField())
    shortfall = serializers.DictField(child=serializers.IntegerField())
    met = serializers.BooleanField()


class AssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = StandardAssessment
        fields = ["id", "assessed_on", "meets", "basis", "note"]
        read_only_fields = ["id"]
        validators = []  # a second result the same day: the service's message


class FundingSerializer(serializers.ModelSerializer):
    class Meta:
        model = ProjectFunding
        fields = ["id", "source", "amount", "part_of"]
        read_only_fields = ["id"]


class ProjectSerializer(serializers.ModelSerializer):
    funding = FundingSerializer(many=True, read_only=True)

    class Meta:
        model = InvestmentProject
        fields = ["id", "name", "purpose", "organisation", "province_code", "total", "start_year", "end_year", "basis",
                  "completed_on", "version", "funding"]
        read_only_fields = ["id", "province_code", "completed_on", "version", "funding"]


class ProjectCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    purpose = serializers.ChoiceField(choices=ProjectPurpose.choices)
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all(), allow_null=True,
                                                      default=None)
    total = serializers.DecimalField(max_digits=18, decimal_places=0)
    start_year = serializers.IntegerField(min_value=2000, max_value=2100)
    end_year = serializers.IntegerField(min_value=2000, max_value=2100)
    basis = serializers.CharField(max_length=255)
    province_code = serializers.CharField(max_length=3, allow_blank=True, default="")


class FundingAddSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=FundingSource.choices)
    amount = serializers.DecimalField(max_digits=18, decimal_places=0)
    part_of = serializers.IntegerField(allow_null=True, default=None, help_text="id của nguồn mà khoản này là một phần")


class ServiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganisationService
        fields = ["id", "service", "started_on", "ended_on"]
        read_only_fields = ["id", "ended_on"]
        validators = []  # a service already provided: the service's message
