import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.core import parameters
from ansinh.core.forms import MonthField, StyledForm
from ansinh.geo.models import AdministrativeUnit

from . import rules
from .models import FormType, PaymentMethod


class CalculatorForm(StyledForm):
    """The calculator takes what `ansinh allowance evaluate` takes, one case at a time."""

    categories = forms.MultipleChoiceField(
        label=_("Diện đối tượng (Điều 5 NĐ 20/2021)"), widget=forms.CheckboxSelectMultiple,
        choices=[(code, f"{code} — {label}") for code, (label, _cite) in rules.CATEGORIES.items()],
        error_messages={"required": _("Chọn ít nhất một diện.")},
    )
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    birth_year = forms.IntegerField(
        label=_("hoặc chỉ năm sinh"), required=False, min_value=1880, max_value=2200,
        help_text=_("Chỉ biết năm sinh: tính từ ngày 01/01 năm đó."),
    )
    reference_month = forms.CharField(
        label=_("Tháng tính trợ cấp"), widget=forms.DateInput(attrs={"type": "month"}),
        help_text=_("Dạng YYYY-MM, ví dụ 2026-03."),
    )
    disability_level = forms.ChoiceField(
        label=_("Mức độ khuyết tật"), required=False,
        choices=[("", _("Không / chưa xác định")), ("severe", _("Nặng")), ("especially_severe", _("Đặc biệt nặng"))],
    )
    studying = forms.BooleanField(label=_("Đang đi học (diện 5.2)"), required=False)
    children_count = forms.IntegerField(label=_("Số con đang nuôi (diện 5.4)"), required=False, min_value=0, initial=0)
    standard_level = forms.IntegerField(
        label=_("Mức chuẩn (đồng) — để trống dùng mức đang áp dụng"), required=False, min_value=1,
    )

    def clean_reference_month(self):
        value = self.cleaned_data["reference_month"].strip()
        try:
            datetime.datetime.strptime(value, "%Y-%m")
        except ValueError:
            raise forms.ValidationError(_("Tháng không hợp lệ (cần dạng YYYY-MM).")) from None
        return value

    def clean(self):
        data = super().clean()
        if not data.get("birth_date") and not data.get("birth_year"):
            self.add_error("birth_date", _("Nhập ngày sinh hoặc năm sinh."))
        return data

    def as_case(self) -> dict:
        """The JSON case `calculator.evaluate_case` takes — the same as a line of the CLI's input."""
        data = self.cleaned_data
        case = {
            "id": "ui", "categories": data["categories"], "reference_month": data["reference_month"],
            "disability_level": data.get("disability_level") or None, "studying": bool(data.get("studying")),
            "children_count": data.get("children_count") or 0,
        }
        if data.get("birth_date"):
            case["birth_date"] = data["birth_date"].isoformat()
        else:
            case["birth_year"] = data["birth_year"]
        if data.get("standard_level"):
            case["standard_level"] = data["standard_level"]
        return case


class ParameterForm(StyledForm):
    key = forms.ChoiceField(label=_("Tham số"), choices=lambda: sorted(parameters.labels().items()))
    province_code = forms.CharField(label=_("Mã tỉnh"), required=False, max_length=3,
                                    help_text=_("Để trống: áp dụng toàn quốc. Tỉnh chỉ đặt mức riêng cao hơn mức toàn quốc."))
    value = forms.DecimalField(label=_("Giá trị"), max_digits=14, decimal_places=2, min_value=0)
    valid_from = forms.DateField(label=_("Áp dụng từ ngày"), widget=forms.DateInput(attrs={"type": "date"}))
    legal_basis = forms.CharField(label=_("Căn cứ pháp lý"), max_length=255)
    verified = forms.BooleanField(label=_("Đã đối chiếu văn bản gốc"), required=False, initial=True)
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class EnrolmentCreateForm(StyledForm):
    categories = CalculatorForm.base_fields["categories"]
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=40)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=forms.DateInput(attrs={"type": "date"}))
    payment_method = forms.ChoiceField(label=_("Hình thức chi trả"), choices=PaymentMethod.choices,
                                       initial=PaymentMethod.AGENT)
    studying = forms.BooleanField(label=_("Đang đi học (diện 5.2)"), required=False)
    children_count = forms.IntegerField(label=_("Số con đang nuôi (diện 5.4)"), required=False, min_value=0, initial=0)


class EnrolmentChangeForm(StyledForm):
    """A change of an open period (`enrolment`) from a month; each change adds what it needs."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    from_month = MonthField(label=_("Áp dụng từ tháng"))

    def __init__(self, *args, enrolment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.enrolment = enrolment


class ReassessForm(EnrolmentChangeForm):
    children_count = forms.IntegerField(label=_("Số con đang nuôi (diện 5.4)"), required=False, min_value=0)


class ReasonForm(EnrolmentChangeForm):
    reason = forms.CharField(label=_("Lý do"), max_length=160)


class MoveForm(EnrolmentChangeForm):
    """To another commune of the period's province (a move to another province is that province's decision)."""

    to_commune = forms.ModelChoiceField(label=_("Xã/phường chuyển đến"), queryset=AdministrativeUnit.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_commune"].queryset = AdministrativeUnit.objects.filter(
            level="commune", valid_to__isnull=True, province_code=self.enrolment.province_code).order_by("name")


class DeathForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    date_of_death = forms.DateField(label=_("Ngày mất"), widget=forms.DateInput(attrs={"type": "date"}))
    recipient = forms.CharField(label=_("Người lo mai táng (nhận hỗ trợ)"), required=False, max_length=120)


class ApplicationForm(StyledForm):
    form_type = forms.ChoiceField(label=_("Mẫu tờ khai"), choices=FormType.choices)
    categories = CalculatorForm.base_fields["categories"]
    received_on = forms.DateField(label=_("Ngày nhận hồ sơ"), widget=forms.DateInput(attrs={"type": "date"}))
    documents = forms.CharField(label=_("Giấy tờ kèm theo (mỗi dòng một giấy tờ)"), required=False,
                                widget=forms.Textarea(attrs={"rows": 3}),
                                help_text=_("Ví dụ: Giấy xác nhận khuyết tật; Giấy khai sinh của con."))
    studying = forms.BooleanField(label=_("Đang đi học (diện 5.2)"), required=False)
    children_count = forms.IntegerField(label=_("Số con đang nuôi (diện 5.4)"), required=False, min_value=0, initial=0)


class ApplicationStepForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Ngày thực hiện"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=255)
    payment_method = forms.ChoiceField(label=_("Hình thức chi trả"), choices=PaymentMethod.choices,
                                       initial=PaymentMethod.AGENT, required=False)

    def __init__(self, *args, deciding: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not deciding:
            del self.fields["payment_method"]


class ApplicationRejectForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    done_on = forms.DateField(label=_("Ngày trả lời"), widget=forms.DateInput(attrs={"type": "date"}))
    reply = forms.CharField(label=_("Lý do không đủ điều kiện"), widget=forms.Textarea(attrs={"rows": 3}))


class PensionForm(StyledForm):
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=40)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=forms.DateInput(attrs={"type": "date"}))
    payment_method = forms.ChoiceField(label=_("Hình thức chi trả"), choices=PaymentMethod.choices,
                                       initial=PaymentMethod.AGENT)
    pension_below_level = forms.BooleanField(
        label=_("Có lương hưu/trợ cấp BHXH nhưng thấp hơn mức trợ cấp hưu trí xã hội"), required=False)
