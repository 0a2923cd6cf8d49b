"""Registry forms: they parse and check shapes; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.core.forms import PartialDateField, StyledForm
from ansinh.geo.fields import CommuneChoiceField
from ansinh.geo.models import AdministrativeUnit
from ansinh.geo.selectors import communes_for

from .models import PERSON_FIELDS, DisabilityLevel, PensionStatus, PovertyStatus, Relationship, Sex
from .reference import ETHNICITIES


class PersonForm(StyledForm):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=120)
    birth = PartialDateField(
        label=_("Ngày sinh"), max_length=10,
        help_text=_("dd/mm/yyyy, mm/yyyy hoặc chỉ năm (yyyy). Chỉ biết năm sinh thì ngày sinh được tính là 01/01 năm đó."),
    )
    sex = forms.ChoiceField(label=_("Giới tính"), choices=[("", "---")] + list(Sex.choices))
    citizen_id = forms.CharField(
        label=_("Số định danh cá nhân (CCCD)"), max_length=20, required=False,
        help_text=_("12 chữ số; để trống nếu chưa có."),
    )
    ethnicity = forms.ChoiceField(label=_("Dân tộc"), choices=[("", "---")] + ETHNICITIES, required=False)
    commune = CommuneChoiceField(label=_("Xã/phường/đặc khu"), queryset=AdministrativeUnit.objects.none())
    hamlet = forms.CharField(label=_("Thôn/ấp/khóm/tổ dân phố"), max_length=100, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    legacy_address = forms.CharField(label=_("Địa chỉ cũ (trước 01/7/2025)"), max_length=255, required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=20, required=False)
    disability_level = forms.ChoiceField(label=_("Mức độ khuyết tật"), choices=DisabilityLevel.choices, initial="none")
    disability_certificate_date = forms.DateField(label=_("Ngày cấp giấy xác nhận khuyết tật"), required=False,
                                                  help_text="dd/mm/yyyy")
    date_of_death = forms.DateField(label=_("Ngày mất"), required=False, help_text="dd/mm/yyyy")
    pension_status = forms.ChoiceField(label=_("Lương hưu / trợ cấp BHXH"), choices=PensionStatus.choices, initial="none")
    bank_name = forms.CharField(label=_("Ngân hàng"), max_length=100, required=False)
    bank_account = forms.CharField(label=_("Số tài khoản"), max_length=30, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Services name the birth date by its parts; this form has one field for it.
    field_aliases = {"birth_year": "birth", "birth_month": "birth", "birth_day": "birth"}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_for(user)
        if user.jurisdiction is not None and user.jurisdiction.level == "commune":
            self.fields["commune"].initial = user.jurisdiction.pk

    def clean_citizen_id(self):
        return (self.cleaned_data.get("citizen_id") or "").replace(" ", "").replace(".", "")

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        year, month, day = data.pop("birth") or (None, None, None)
        data.pop("version", None)
        data.update(birth_year=year, birth_month=month, birth_day=day)
        return data

    @staticmethod
    def initial_from(person) -> dict:
        initial = {name: getattr(person, name) for name in PERSON_FIELDS}
        initial["commune"] = person.commune_id
        initial["birth"] = person.birth_display
        initial["version"] = person.version
        return initial


class HouseholdForm(StyledForm):
    code = forms.CharField(label=_("Mã hộ"), max_length=30, required=False, help_text=_("Để trống để hệ thống tự cấp mã."))
    commune = CommuneChoiceField(label=_("Xã/phường/đặc khu"), queryset=AdministrativeUnit.objects.none())
    hamlet = forms.CharField(label=_("Thôn/ấp/khóm/tổ dân phố"), max_length=100, required=False)
    address = forms.CharField(label=_("Địa chỉ"), max_length=255, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_for(user)
        if user.jurisdiction is not None and user.jurisdiction.level == "commune":
            self.fields["commune"].initial = user.jurisdiction.pk


class MemberAddForm(StyledForm):
    person_ref = forms.CharField(label=_("Số định danh hoặc mã hồ sơ người cần thêm"), max_length=14)
    relationship = forms.ChoiceField(label=_("Quan hệ với chủ hộ"), choices=Relationship.choices)


class PovertyForm(StyledForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Phân loại"), choices=PovertyStatus.choices)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=50, required=False)
    decision_date = forms.DateField(label=_("Ngày quyết định"), required=False, help_text="dd/mm/yyyy")
