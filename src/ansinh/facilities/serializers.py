"""What the API of the network of organisations reads and writes."""

from rest_framework import serializers

from ansinh.geo.fields import CommuneField

from .models import (
    CareGroup,
    Kind,
    Organisation,
    OrganisationPeriod,
    Ownership,
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

    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "kind", "commune", "commune_name", "province_code", "version", "periods"]
        read_only_fields = fields


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
