"""What the workforce API reads and writes."""

from rest_framework import serializers

from ansinh.facilities.models import Organisation
from ansinh.geo.fields import CommuneField

from .models import (
    Attendance,
    Course,
    CourseKind,
    Engagement,
    Funding,
    Grade,
    Position,
    PracticeCertificate,
    Qualification,
    Title,
    TrainingTarget,
)


class PositionSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    commune = serializers.CharField(source="organisation.commune.code", read_only=True)

    class Meta:
        model = Position
        fields = ["id", "person", "person_name", "organisation", "organisation_name", "commune", "job", "title",
                  "grade", "engagement", "monthly_allowance", "start_date", "end_date", "end_reason", "previous",
                  "version"]
        read_only_fields = fields


class PositionCreateSerializer(serializers.Serializer):
    citizen_id = serializers.CharField(max_length=20, help_text="Số định danh cá nhân của người trong sổ đối tượng")
    organisation = serializers.PrimaryKeyRelatedField(queryset=Organisation.objects.all())
    job = serializers.CharField(max_length=120, allow_blank=True, default="")
    title = serializers.ChoiceField(choices=Title.choices)
    grade = serializers.ChoiceField(choices=Grade.choices, allow_blank=True, default="")
    engagement = serializers.ChoiceField(choices=Engagement.choices)
    monthly_allowance = serializers.DecimalField(max_digits=12, decimal_places=0)
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True, default=None)


class PositionEndSerializer(serializers.Serializer):
    end_date = serializers.DateField()
    end_reason = serializers.CharField(max_length=255)
    version = serializers.IntegerField()


class AllowanceSerializer(serializers.Serializer):
    monthly_allowance = serializers.DecimalField(max_digits=12, decimal_places=0)
    from_date = serializers.DateField()
    basis = serializers.CharField(max_length=255, allow_blank=True, default="")
    version = serializers.IntegerField()


class CourseSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = Course
        fields = ["id", "title", "kind", "organiser", "start_date", "end_date", "funding", "amount", "province_code",
                  "commune"]
        read_only_fields = fields


class CourseCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=255)
    kind = serializers.ChoiceField(choices=CourseKind.choices)
    organiser = serializers.CharField(max_length=255)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    funding = serializers.ChoiceField(choices=Funding.choices)
    amount = serializers.DecimalField(max_digits=15, decimal_places=0, default=0)
    commune = CommuneField(required=False, allow_null=True, default=None)
    province_code = serializers.CharField(max_length=3, allow_blank=True, default="",
                                          help_text="Cho người dùng cấp trung ương: tỉnh của khóa")


class AttendanceSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "course", "person", "person_name", "completed_on", "note"]
        read_only_fields = fields


class AttendSerializer(serializers.Serializer):
    citizen_id = serializers.CharField(max_length=20)
    completed_on = serializers.DateField(allow_null=True, default=None)
    note = serializers.CharField(max_length=255, allow_blank=True, default="")


class TrainingTargetSerializer(serializers.ModelSerializer):
    province_code = serializers.CharField(max_length=3, required=False, allow_blank=True, default="")

    class Meta:
        model = TrainingTarget
        fields = ["id", "province_code", "year", "places", "basis"]


class QualificationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Qualification
        fields = ["id", "person", "level", "social_work", "field", "institution", "year"]
        read_only_fields = ["id", "person"]


class CertificateSerializer(serializers.ModelSerializer):
    class Meta:
        model = PracticeCertificate
        fields = ["id", "person", "number", "issued_on", "issuer"]
        read_only_fields = ["id", "person"]
        extra_kwargs = {"number": {"validators": []}}  # a number already there: the service's message
