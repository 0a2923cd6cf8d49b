"""What the fund API reads and writes."""

from rest_framework import serializers

from ansinh.geo.fields import CommuneField

from .models import Donation, Fund, Use


class FundSerializer(serializers.ModelSerializer):
    commune = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    cash_balance = serializers.IntegerField(read_only=True, help_text="Tiền còn lại hôm nay (đồng)")
    goods_balance = serializers.IntegerField(read_only=True, help_text="Hiện vật còn lại hôm nay, theo giá trị")

    class Meta:
        model = Fund
        fields = ["id", "name", "province_code", "commune", "established_on", "basis", "cash_balance",
                  "goods_balance"]
        read_only_fields = fields


class FundCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=255)
    established_on = serializers.DateField()
    basis = serializers.CharField(max_length=255)
    commune = CommuneField(required=False, allow_null=True, default=None)
    province_code = serializers.CharField(max_length=3, allow_blank=True, default="")


class DonationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Donation
        fields = ["id", "donor", "donor_kind", "received_on", "form", "value", "goods", "receipt"]
        read_only_fields = ["id"]


class UseSerializer(serializers.ModelSerializer):
    citizen_id = serializers.CharField(max_length=20, allow_blank=True, default="", write_only=True,
                                       help_text="Số định danh người nhận; hoặc ghi `programme`")

    class Meta:
        model = Use
        fields = ["id", "used_on", "form", "value", "goods", "person", "citizen_id", "programme", "decision"]
        read_only_fields = ["id", "person"]


