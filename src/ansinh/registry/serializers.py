"""What the registry's API reads and writes: people, households, their members and poverty records, duplicates."""

from rest_framework import serializers

from ansinh.geo.fields import CommuneField

from .models import DuplicateCandidate, Household, HouseholdPoverty, Person, Relationship


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


class DuplicateSerializer(serializers.ModelSerializer):
    person_a = PersonSerializer(read_only=True)
    person_b = PersonSerializer(read_only=True)

    class Meta:
        model = DuplicateCandidate
        fields = ["id", "person_a", "person_b", "reason", "score", "status", "created_at"]


class MergeSerializer(serializers.Serializer):
    keep = serializers.ChoiceField(choices=["a", "b"], help_text="Hồ sơ giữ lại: \"a\" hoặc \"b\" của cặp.")


class MergedSerializer(PersonSerializer):
    """The person kept, with `merge_notes`: what the merge found that an officer must act on (months paid
    to both people, to recover)."""

    merge_notes = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta(PersonSerializer.Meta):
        fields = [*PersonSerializer.Meta.fields, "merge_notes"]

    def to_representation(self, instance):
        data = super().to_representation(instance.survivor)
        data["merge_notes"] = instance.notes
        return data
