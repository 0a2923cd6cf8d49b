from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.assistance.models import Programme
from ansinh.core.forms import MonthField, StyledForm
from ansinh.geo.models import AdministrativeUnit


class PayrollForm(StyledForm):
    month = MonthField(label=_("Tháng chi trả"))
    programme = forms.ChoiceField(label=_("Chính sách"), choices=Programme.choices, initial=Programme.MONTHLY_ALLOWANCE,
                                  required=False)
    commune = forms.ModelChoiceField(label=_("Xã/phường"), required=False, queryset=AdministrativeUnit.objects.none(),
                                     empty_label=_("Toàn tỉnh"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        unit = user.jurisdiction
        communes = AdministrativeUnit.objects.filter(level="commune", valid_to__isnull=True).order_by("name")
        if unit is not None and unit.level == "commune":
            communes = communes.filter(pk=unit.pk)
            self.fields["commune"].required = True
            self.fields["commune"].empty_label = None
        elif unit is not None:
            communes = communes.filter(province_code=unit.province_code)
        self.fields["commune"].queryset = communes
        self.province_code = unit.province_code if unit else ""
        if unit is None:
            self.fields["province"] = forms.ChoiceField(
                label=_("Tỉnh/thành phố"),
                choices=AdministrativeUnit.objects.filter(level="province", valid_to__isnull=True)
                .order_by("name").values_list("code", "name"),
            )
            self.fields["province"].widget.attrs["class"] = "form-select"


class ResultUploadForm(StyledForm):
    result = forms.FileField(label=_("Tệp kết quả chi trả (Excel hoặc CSV)"),
                             help_text=_("Tệp chi trả đã tải về, điền cột Kết quả (Đã chi / Không thành công), "
                                         "Lý do và Ngày chi."))
