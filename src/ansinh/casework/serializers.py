"""What the case-management API reads and writes. A list carries no summary, reporter or names of subjects'
circumstances; one case (read by a related user, the reading recorded) carries the file."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from ansinh.facilities.models import Organisation

from .models import (
    Case,
    CaseType,
    ChildGroup,
    Circumstance,
    Deadline,
    Referral,
    Risk,
    Source,
    Support,
    Worker,
)


class CaseListSerializer(serializers.ModelSerializer):
    code = serializers.CharField(read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = Case
        fields = ["id", "code", "organisation", "organisation_name", "procedure", "case_type", "risk", "stage",
                  "received_at", "worker", "supervisor", "closed_on", "close_reason", "version"]
        read_only_fields = fields


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        fields = ["step", "due_at", "met_at", "basis"]


class CaseSerializer(CaseListSerializer):
    subjects = serializers.SerializerMethodField()
    deadlines = DeadlineSerializer(many=True, read_only=True)

    class Meta(CaseListSerializer.Meta):
        fields = [*CaseListSerializer.Meta.fields, "source", "reporter_name", "reporter_phone", "summary",
                  "separated_on", "separation_ended_on", "returned_on", "close_note", "subjects", "deadlines"]
        read_only_fields = fields

    def get_subjects(self, case) -> list[dict]:
        return [{"person": s.person_id, "full_name": s.person.full_name, "main": s.main}
                for s in case.subjects.select_related("person")]


_USERS = get_user_model().objects.all()


class CaseOpenSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    source = serializers.ChoiceField(Source.choices)
    received_at = serializers.DateTimeField()
    case_type = serializers.ChoiceField(CaseType.choices)
    risk = serializers.ChoiceField(Risk.choices)
    summary = serializers.CharField()
    worker = serializers.PrimaryKeyRelatedField(queryset=_USERS)
    supervisor = serializers.PrimaryKeyRelatedField(queryset=_USERS)
    citizen_ids = serializers.ListField(child=serializers.CharField(max_length=20), min_length=1,
                                        help_text="Số định danh các đối tượng trong sổ; người đầu tiên là đối tượng chính")
    reporter_name = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    reporter_phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class CaseUpdateSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="`version` của ca như đã đọc; khác bản đang lưu → 409 kèm khác biệt")
    source = serializers.ChoiceField(Source.choices, required=False)
    reporter_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    reporter_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    case_type = serializers.ChoiceField(CaseType.choices, required=False)
    risk = serializers.ChoiceField(Risk.choices, required=False)
    summary = serializers.CharField(required=False)


class ReferralSerializer(serializers.ModelSerializer):
    """What the receiving unit sees of a referral: the case's number, type and risk, the reason and the consent."""

    case_code = serializers.CharField(source="case.code", read_only=True)
    case_type = serializers.CharField(source="case.case_type", read_only=True)
    risk = serializers.CharField(source="case.risk", read_only=True)
    from_unit = serializers.CharField(source="case.organisation.name", read_only=True)

    class Meta:
        model = Referral
        fields = ["id", "case", "case_code", "case_type", "risk", "from_unit", "to", "reason", "consent_by",
                  "consent_name", "consent_on", "head_consent", "status", "receiving_worker", "responded_at",
                  "response_note"]
        read_only_fields = fields


class RespondSerializer(serializers.Serializer):
    accept = serializers.BooleanField()
    receiving_worker = serializers.PrimaryKeyRelatedField(queryset=_USERS, required=False, allow_null=True,
                                                          default=None)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class WorkerSerializer(serializers.ModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)
    open_cases = serializers.IntegerField(read_only=True, default=None)

    class Meta:
        model = Worker
        fields = ["id", "user", "username", "organisation", "supervisor", "active", "open_cases"]
        read_only_fields = fields


class WorkerCreateSerializer(serializers.Serializer):
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    user = serializers.PrimaryKeyRelatedField(queryset=_USERS)
    supervisor = serializers.BooleanField(default=False)


class CircumstanceSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="person.full_name", read_only=True)
    commune = serializers.CharField(source="person.commune.code", read_only=True)

    class Meta:
        model = Circumstance
        fields = ["id", "person", "full_name", "commune", "group", "since", "until", "note"]
        read_only_fields = fields


class CircumstanceCreateSerializer(serializers.Serializer):
    citizen_id = serializers.CharField(max_length=20)
    group = serializers.ChoiceField(ChildGroup.choices)
    since = serializers.DateField()
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class SupportSerializer(serializers.ModelSerializer):
    class Meta:
        model = Support
        fields = ["id", "person", "kind", "given_on", "provider", "amount", "note"]
        read_only_fields = ["id"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"] = serializers.ChoiceField(Support.Kind.choices)
