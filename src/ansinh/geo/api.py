"""Administrative units API: reference data, readable by every signed-in user."""

from django.db.models import Q
from rest_framework import serializers, viewsets

from ansinh.core.text import fold
from ansinh.core.web import SIGNED_IN

from .models import AdministrativeUnit


class AdministrativeUnitSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)

    class Meta:
        model = AdministrativeUnit
        fields = ["id", "code", "name", "level", "kind", "parent", "province_code", "valid_from", "valid_to", "legal_basis"]


class AdministrativeUnitViewSet(viewsets.ReadOnlyModelViewSet):
    """Đơn vị hành chính. Lọc: `level` (province/commune/district), `province` (mã tỉnh), `search`, `current` (mặc định 1)."""

    serializer_class = AdministrativeUnitSerializer
    access = SIGNED_IN  # reference data, the same for everyone

    def get_queryset(self):
        params = self.request.query_params
        qs = AdministrativeUnit.objects.select_related("parent").order_by("province_code", "level", "code")
        if params.get("current", "1") != "0":
            qs = qs.filter(valid_to__isnull=True)
        if params.get("level"):
            qs = qs.filter(level=params["level"])
        if params.get("province"):
            qs = qs.filter(province_code=params["province"])
        if params.get("search"):
            text = params["search"].strip()
            qs = qs.filter(Q(code=text) | Q(name_folded__contains=fold(text)))
        return qs
