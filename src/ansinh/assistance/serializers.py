"""What the social-assistance API reads and writes: parameters, enrolments and their changes, applications
and their steps, the allowance calculator's results."""

import datetime

from drf_spectacular.utils import inline_serializer
from rest_framework import serializers

from ansinh.core import parameters
from ansinh.core.models import PolicyParameter
from ansinh.geo.fields import CommuneField

from . import rules, selectors
from .models import Application, Enrolment, FormType, PaymentMethod

RESULT = inline_serializer("AllowanceResult", {
    "id": serializers.CharField(allow_null=True),
    "eligible": serializers.BooleanField(),
    "payable": inline_serializer("AllowancePayable", {
        "category": serializers.CharField(), "coefficient": serializers.CharField(), "amount": serializers.IntegerField(),
    }, many=True),
    "total": serializers.IntegerField(),
    "standard_level": serializers.IntegerField(allow_null=True, required=False),
    "messages": serializers.ListField(child=serializers.CharField()),
}, many=True)


class PolicyParameterSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    key = serializers.ChoiceField(choices=[])

    class Meta:
        model = PolicyParameter
        fields = ["id", "key", "label", "province_code", "value", "valid_from", "legal_basis", "verified", "note", "created_at"]
        read_only_fields = ["created_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["key"].choices = sorted(parameters.labels())  # every app's keys, registered when ready

    def get_label(self, obj) -> str:
        return parameters.labels().get(obj.key, obj.key)


def category_list(help_text: str, **source):
    """Category codes, read from the rows (`category_rows`, prefetched by the selectors)."""
    return serializers.ListField(child=serializers.CharField(), read_only=True, help_text=help_text, **source)


class EnrolmentSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="person.full_name", read_only=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True)
    categories = category_list("Diện được hưởng (Điều 5 NĐ 20/2021; HTXH: trợ cấp hưu trí xã hội)",
                               source="paid_categories")
    entitled_categories = category_list("Mọi diện đủ điều kiện, kể cả diện không hưởng vì chỉ hưởng mức cao nhất")

    class Meta:
        model = Enrolment
        fields = ["id", "person", "full_name", "programme", "categories", "entitled_categories", "coefficient",
                  "children_count", "studying",
                  "start_month", "end_month", "status", "end_reason", "arrears_pending", "decision_number",
                  "decision_date", "payment_method", "commune_code", "province_code", "version"]
        read_only_fields = fields


class EnrolmentCreateSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    categories = serializers.ListField(child=serializers.ChoiceField(choices=sorted(rules.CATEGORIES)), min_length=1)
    decision_number = serializers.CharField(max_length=40)
    decision_date = serializers.DateField()
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, default=PaymentMethod.AGENT)
    studying = serializers.BooleanField(default=False)
    children_count = serializers.IntegerField(min_value=0, max_value=30, default=0)


class ApplicationStepSerializer(serializers.Serializer):
    code = serializers.CharField()
    done_on = serializers.DateField()
    note = serializers.CharField()


class ApplicationSerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(source="person.full_name", read_only=True)
    commune_code = serializers.CharField(source="commune.code", read_only=True)
    steps = ApplicationStepSerializer(many=True, read_only=True)
    next_step = serializers.SerializerMethodField()
    overdue_step = serializers.SerializerMethodField()
    categories = category_list("Diện đề nghị (Điều 5 NĐ 20/2021)", source="requested_categories")

    class Meta:
        model = Application
        fields = ["id", "person", "full_name", "form_type", "categories", "children_count", "studying", "documents",
                  "received_on", "procedure", "status", "steps", "next_step", "overdue_step", "decision_number",
                  "decision_date", "reply", "enrolment", "commune_code", "province_code", "version"]
        read_only_fields = fields

    def _timeline(self, obj):
        if not hasattr(obj, "_timeline"):
            obj._timeline = selectors.application_timeline(obj, today=datetime.date.today(),
                                                           holiday_dates=self.context.get("holidays"))
        return obj._timeline

    def get_next_step(self, obj) -> str | None:
        step = self._timeline(obj)["next"]
        return step.code if step else None

    def get_overdue_step(self, obj) -> str | None:
        step = self._timeline(obj)["overdue"]
        return step.code if step else None


class ApplicationCreateSerializer(serializers.Serializer):
    person = serializers.IntegerField()
    form_type = serializers.ChoiceField(choices=FormType.choices)
    categories = serializers.ListField(child=serializers.ChoiceField(choices=sorted(rules.CATEGORIES)), min_length=1)
    received_on = serializers.DateField()
    documents = serializers.CharField(required=False, allow_blank=True, default="")
    studying = serializers.BooleanField(default=False)
    children_count = serializers.IntegerField(min_value=0, max_value=30, default=0)


# --- the changes of an enrolment period, the steps of an application (`actions.py`) -------------------------


class EnrolmentChangeSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="Phiên bản đã đọc (khóa lạc quan)")
    from_month = serializers.DateField(help_text="Ngày bất kỳ trong tháng áp dụng (YYYY-MM-DD)")


class ReassessSerializer(EnrolmentChangeSerializer):
    children_count = serializers.IntegerField(required=False, min_value=0, max_value=30)


class ReasonSerializer(EnrolmentChangeSerializer):
    reason = serializers.CharField(max_length=160)


class MoveSerializer(EnrolmentChangeSerializer):
    to_commune = CommuneField(help_text="Mã xã/phường chuyển đến")


class DeathSerializer(serializers.Serializer):
    date_of_death = serializers.DateField()
    recipient = serializers.CharField(required=False, allow_blank=True, max_length=120, default="")


class FuneralProposalSerializer(serializers.Serializer):
    funeral_support_amount = serializers.IntegerField(allow_null=True, source="amount")


class ApplicationAdvanceSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    done_on = serializers.DateField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=255)
    payment_method = serializers.ChoiceField(choices=PaymentMethod.choices, default=PaymentMethod.AGENT)


class ApplicationRejectSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    done_on = serializers.DateField()
    reply = serializers.CharField()


class ApplicationComplaintSerializer(serializers.Serializer):
    version = serializers.IntegerField()
    done_on = serializers.DateField()
    note = serializers.CharField(max_length=255)
