"""Fund forms: they parse and check shapes; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.core.forms import StyledForm
from ansinh.geo.fields import CommuneChoiceField
from ansinh.geo.models import AdministrativeUnit
from ansinh.geo.selectors import communes_for

from .models import DonorKind, Form

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = forms.NumberInput(attrs={"step": 1000, "inputmode": "numeric"})


class FundForm(StyledForm):
    name = forms.CharField(label=_("Tên quỹ"), max_length=255)
    established_on = forms.DateField(label=_("Ngày thành lập"), widget=DATE)
    basis = forms.CharField(label=_("Quyết định thành lập"), max_length=255)
    commune = CommuneChoiceField(label=_("Quỹ của xã (để trống: quỹ của tỉnh)"),
                                 queryset=AdministrativeUnit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_for(user)


class DonationForm(StyledForm):
    donor = forms.CharField(label=_("Nhà tài trợ"), max_length=255)
    donor_kind = forms.ChoiceField(label=_("Loại nhà tài trợ"), choices=DonorKind.choices)
    received_on = forms.DateField(label=_("Ngày nhận"), widget=DATE)
    form = forms.ChoiceField(label=_("Hình thức"), choices=Form.choices)
    value = forms.DecimalField(label=_("Số tiền, giá trị (đồng)"), max_digits=15, decimal_places=0, widget=MONEY)
    goods = forms.CharField(label=_("Hiện vật (nếu có)"), max_length=255, required=False)
    receipt = forms.CharField(label=_("Số biên nhận"), max_length=40, required=False)


class UseForm(StyledForm):
    used_on = forms.DateField(label=_("Ngày chi"), widget=DATE)
    form = forms.ChoiceField(label=_("Hình thức"), choices=Form.choices)
    value = forms.DecimalField(label=_("Số tiền, giá trị (đồng)"), max_digits=15, decimal_places=0, widget=MONEY)
    goods = forms.CharField(label=_("Hiện vật (nếu có)"), max_length=255, required=False)
    citizen_id = forms.CharField(label=_("Số định danh người nhận"), max_length=20, required=False)
    programme = forms.CharField(label=_("Hoặc chương trình, đợt trợ giúp"), max_length=255, required=False)
    decision = forms.CharField(label=_("Quyết định chi"), max_length=100)
    field_aliases = {"person": "citizen_id"}
