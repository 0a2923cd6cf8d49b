"""What the emergency API reads and writes."""

from rest_framework import serializers

from ansinh.assistance.models import FuneralSupport, PaymentMethod
from ansinh.fund.models import Fund
from ansinh.geo.fields import CommuneField

from .models import Affected, Aid, AidKind, Damage, Decision, Event, EventKind, SupportRequest


class EventSerializer(serializers.ModelSerializer):
    communes = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    affected_count = serializers.IntegerField(read_only=True, help_text="Số dòng danh sách trong địa bàn của bạn")
    waiting_count = serializers.IntegerField(read_only=True, help_text="Số dòng chưa nhận được trợ giúp")
    people_total = serializers.IntegerField(read_only=True, allow_null=True)

    class Meta:
        model = Event
        fields = ["id", "kind", "name", "started_on", "ended_on", "province_code", "communes", "note",
                  "affected_count", "waiting_count", "people_total"]
        read_only_fields = fields


class EventCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EventKind.choices)
    name = serializers.CharField(max_length=160)
    started_on = serializers.DateField()
    ended_on = serializers.DateField(required=False, allow_null=True, default=None)
    communes = serializers.ListField(child=CommuneField(), min_length=1, help_text="Mã xã/phường bị ảnh hưởng")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AidSerializer(serializers.ModelSerializer):
    decision_number = serializers.CharField(source="decision.number", read_only=True, allow_null=True, default=None)
    decided_on = serializers.DateField(source="decision.decided_on", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Aid
        fields = ["id", "affected", "kind", "quantity", "months", "goods", "basis", "minimum", "decision",
                  "decision_number", "decided_on", "delivered", "payment_line", "version"]
        read_only_fields = fields


class AffectedSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True)
    full_name = serializers.CharField(source="person.full_name", read_only=True)
    aids = AidSerializer(many=True, read_only=True)

    class Meta:
        model = Affected
        fields = ["id", "event", "person", "full_name", "household", "commune", "hamlet", "damage", "people",
                  "vulnerable", "days_treated", "detected_on", "due_on", "decided_on", "delivered_on", "closed_on", "closed_reason", "note", "aids"]
        read_only_fields = fields


class AffectedCreateSerializer(serializers.Serializer):
    citizen_id = serializers.CharField(max_length=20, help_text="Số định danh của người trong sổ đối tượng")
    damage = serializers.ChoiceField(choices=Damage.choices)
    detected_on = serializers.DateField()
    people = serializers.IntegerField(min_value=1, max_value=50, default=1)
    vulnerable = serializers.BooleanField(default=False)
    days_treated = serializers.IntegerField(min_value=0, max_value=366, required=False, allow_null=True, default=None)
    hamlet = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


class CloseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=255)
    closed_on = serializers.DateField()


class PasteSerializer(serializers.Serializer):
    commune = CommuneField()
    detected_on = serializers.DateField()
    rows = serializers.CharField(help_text="Các dòng của danh sách, cột ngăn bằng tab (hoặc ;): Họ và tên, Số định "
                                           "danh, Năm sinh, Giới tính, Thôn/ấp, Thiệt hại, Số người, Hộ nghèo/cận "
                                           "nghèo/khó khăn, Số ngày điều trị")


class PastedSerializer(serializers.Serializer):
    created = serializers.IntegerField()


class CommuneSerializer(serializers.Serializer):
    commune = CommuneField()


class ProposedSerializer(serializers.Serializer):
    proposed = serializers.IntegerField()


class DecisionSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Decision
        fields = ["id", "event", "commune", "number", "decided_on", "urgent", "reviewed_on", "signer"]
        read_only_fields = fields


class DecisionCreateSerializer(serializers.Serializer):
    commune = CommuneField()
    decided_on = serializers.DateField()
    urgent = serializers.BooleanField(default=False)
    reviewed_on = serializers.DateField(required=False, allow_null=True, default=None)
    signer = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")


class AidCreateSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=AidKind.choices)
    quantity = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None,
                                        help_text="kg gạo; đồng. Trống: mức tối thiểu theo quy định")
    months = serializers.IntegerField(min_value=1, max_value=12, required=False, allow_null=True, default=None)
    goods = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")


def _fund_field():
    return serializers.PrimaryKeyRelatedField(queryset=Fund.objects.all(), required=False, allow_null=True,
                                              default=None, help_text="Quỹ trợ giúp xã hội chi tiền mặt, hiện vật")


class DeliverySerializer(serializers.Serializer):
    delivered_on = serializers.DateField()
    quantity = serializers.IntegerField(min_value=1)
    receiver = serializers.CharField(max_length=120, required=False, allow_blank=True, default="")
    expected_version = serializers.IntegerField(required=False, allow_null=True, default=None)
    fund = _fund_field()


class DeliveredSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    delivered_on = serializers.DateField()
    quantity = serializers.IntegerField()
    receiver = serializers.CharField()


class DeliverAllSerializer(serializers.Serializer):
    delivered_on = serializers.DateField()
    fund = _fund_field()


class DeliveredCountSerializer(serializers.Serializer):
    delivered = serializers.IntegerField()


class RequestSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = SupportRequest
        fields = ["id", "event", "commune", "rice_kg", "amount", "reason", "sent_on", "status", "granted_rice_kg",
                  "granted_amount", "answer", "answered_on"]
        read_only_fields = fields


class RequestCreateSerializer(serializers.Serializer):
    commune = CommuneField()
    rice_kg = serializers.IntegerField(min_value=0, default=0)
    amount = serializers.IntegerField(min_value=0, default=0)
    reason = serializers.CharField(max_length=255)
    sent_on = serializers.DateField()


class AnswerSerializer(serializers.Serializer):
    granted_rice_kg = serializers.IntegerField(min_value=0, default=0)
    granted_amount = serializers.IntegerField(min_value=0, default=0)
    answer = serializers.CharField(max_length=255)
    answered_on = serializers.DateField()


class FuneralSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True)
    full_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = FuneralSupport
        fields = ["id", "person", "full_name", "date_of_death", "ground", "legal_basis", "multiple", "standard_level",
                  "amount", "recipient", "status", "decision_number", "decided_on", "paid_on", "commune", "version"]
        read_only_fields = fields


class FuneralDecideSerializer(serializers.Serializer):
    expected_version = serializers.IntegerField()
    decided_on = serializers.DateField()
    recipient = serializers.CharField(max_length=120)
    amount = serializers.IntegerField(min_value=1, required=False, allow_null=True, default=None)
    date_of_death = serializers.DateField(required=False, allow_null=True, default=None,
                                          help_text="Ngày mất theo giấy báo tử; ghi vào sổ đối tượng")


class FuneralPaySerializer(serializers.Serializer):
    expected_version = serializers.IntegerField()
    paid_on = serializers.DateField()


class PaymentSerializer(serializers.Serializer):
    method = serializers.ChoiceField(choices=PaymentMethod.choices, help_text="bank, agent hoặc cash (tại xã)")


class PaymentIssuedSerializer(serializers.Serializer):
    lines = serializers.IntegerField(help_text="Số dòng chi trả đã lập")
    files = serializers.ListField(child=serializers.IntegerField(), help_text="Các tệp chi trả đã giao")
