"""Workforce forms: they parse and check shapes; the rules live in services."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.core.forms import StyledForm
from ansinh.facilities.models import Organisation
from ansinh.facilities.selectors import organisations
from ansinh.geo.fields import CommuneChoiceField
from ansinh.geo.models import AdministrativeUnit
from ansinh.geo.selectors import communes_for

from .models import CourseKind, Engagement, Funding, Grade, Level, Title

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY = forms.NumberInput(attrs={"step": 1000, "inputmode": "numeric"})


class PositionForm(StyledForm):
    organisation = forms.ModelChoiceField(label=_("Cơ quan, cơ sở"), queryset=Organisation.objects.none())
    citizen_id = forms.CharField(label=_("Số định danh cá nhân"), max_length=20,
                                 help_text=_("Người phải có trong sổ đối tượng của địa bàn."))
    job = forms.CharField(label=_("Vị trí việc làm"), max_length=120, required=False,
                          help_text=_("Ví dụ: nhân viên công tác xã hội trường học."))
    title = forms.ChoiceField(label=_("Chức danh"), choices=[("", "---"), *Title.choices])
    grade = forms.ChoiceField(label=_("Mã chức danh nghề nghiệp"), choices=[("", _("Không có")), *Grade.choices],
                              required=False)
    engagement = forms.ChoiceField(label=_("Hình thức"), choices=[("", "---"), *Engagement.choices])
    monthly_allowance = forms.DecimalField(label=_("Phụ cấp hằng tháng (đồng)"), max_digits=12, decimal_places=0,
                                           widget=MONEY)
    start_date = forms.DateField(label=_("Từ ngày"), widget=DATE)
    end_date = forms.DateField(label=_("Đến ngày"), widget=DATE, required=False,
                               help_text=_("Để trống nếu đang làm."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations(user=user).order_by("name")


class PositionEndForm(StyledForm):
    end_date = forms.DateField(label=_("Ngày cuối cùng"), widget=DATE)
    end_reason = forms.CharField(label=_("Lý do"), max_length=255)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AllowanceForm(StyledForm):
    monthly_allowance = forms.DecimalField(label=_("Phụ cấp mới (đồng/tháng)"), max_digits=12, decimal_places=0,
                                           widget=MONEY)
    from_date = forms.DateField(label=_("Áp dụng từ ngày"), widget=DATE)
    basis = forms.CharField(label=_("Căn cứ"), max_length=255, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class QualificationForm(StyledForm):
    level = forms.ChoiceField(label=_("Trình độ"), choices=[("", "---"), *Level.choices])
    social_work = forms.BooleanField(label=_("Ngành công tác xã hội"), required=False, initial=True)
    field = forms.CharField(label=_("Ngành khác (nếu không phải công tác xã hội)"), max_length=120, required=False)
    institution = forms.CharField(label=_("Cơ sở đào tạo"), max_length=255, required=False)
    year = forms.IntegerField(label=_("Năm tốt nghiệp, cấp"))


class CertificateForm(StyledForm):
    number = forms.CharField(label=_("Số giấy chứng nhận hành nghề"), max_length=40)
    issued_on = forms.DateField(label=_("Ngày cấp"), widget=DATE)
    issuer = forms.CharField(label=_("Nơi cấp"), max_length=255, initial=_("Sở Y tế"))


class CourseForm(StyledForm):
    title = forms.CharField(label=_("Tên khóa"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", "---"), *CourseKind.choices])
    organiser = forms.CharField(label=_("Đơn vị tổ chức"), max_length=255)
    start_date = forms.DateField(label=_("Từ ngày"), widget=DATE)
    end_date = forms.DateField(label=_("Đến ngày"), widget=DATE)
    funding = forms.ChoiceField(label=_("Nguồn kinh phí"), choices=[("", "---"), *Funding.choices])
    amount = forms.DecimalField(label=_("Kinh phí (đồng)"), max_digits=15, decimal_places=0, initial=0, widget=MONEY)
    commune = CommuneChoiceField(label=_("Khóa của xã (để trống: khóa của tỉnh)"),
                                 queryset=AdministrativeUnit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_for(user)


class AttendanceForm(StyledForm):
    citizen_id = forms.CharField(label=_("Số định danh cá nhân"), max_length=20)
    completed_on = forms.DateField(label=_("Ngày hoàn thành"), widget=DATE, required=False,
                                   help_text=_("Để trống nếu chưa hoàn thành."))
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class CompleteForm(StyledForm):
    completed_on = forms.DateField(label=_("Ngày hoàn thành"), widget=DATE)


class TargetForm(StyledForm):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    places = forms.IntegerField(label=_("Số lượt người"), min_value=0)
    basis = forms.CharField(label=_("Căn cứ"), max_length=255, help_text=_("Ví dụ: 62/KH-UBND mục II.4."))


class IndicatorForm(forms.Form):
    """The day (and the period's first day) and the commune the indicators are computed for."""

    day = forms.DateField(label=_("Đến ngày"), widget=DATE, required=False)
    start = forms.DateField(label=_("Từ ngày (chỉ số theo kỳ)"), widget=DATE, required=False)
    commune = CommuneChoiceField(label=_("Xã/phường"), queryset=AdministrativeUnit.objects.none(), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_for(user)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select form-select-sm" if isinstance(
                field, forms.ModelChoiceField) else "form-control form-control-sm")

    def period(self) -> tuple[datetime.date, datetime.date, AdministrativeUnit | None]:
        data = self.cleaned_data if self.is_valid() else {}
        day = data.get("day") or datetime.date.today()
        start = data.get("start") or datetime.date(day.year, 1, 1)
        return day, min(start, day), data.get("commune")
