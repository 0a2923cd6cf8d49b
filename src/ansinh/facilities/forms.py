"""Organisation forms: they parse and check shapes; the rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.core.forms import StyledForm
from ansinh.geo.fields import CommuneChoiceField
from ansinh.geo.models import AdministrativeUnit
from ansinh.geo.selectors import communes_for

from . import selectors
from .models import (
    CareGroup,
    FundingSource,
    Kind,
    Organisation,
    Ownership,
    ProjectFunding,
    ProjectPurpose,
    Service,
    StaffFunction,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(StyledForm):
    """A new organisation, or what changes from a day (`valid_from`); only the fields the officer changed
    are handed to the service (`changed_data`), so a back-dated change touches nothing else."""

    valid_from = forms.DateField(label=_("Từ ngày"), widget=DATE,
                                 help_text=_("Ngày thành lập, hoặc ngày thay đổi có hiệu lực (có thể là ngày đã qua)."))
    name = forms.CharField(label=_("Tên"), max_length=255)
    kind = forms.ChoiceField(label=_("Loại"), choices=[("", "---"), *Kind.choices])
    ownership = forms.ChoiceField(label=_("Loại hình"), choices=Ownership.choices, initial=Ownership.PUBLIC)
    commune = CommuneChoiceField(label=_("Xã/phường/đặc khu"), queryset=AdministrativeUnit.objects.none())
    parent = forms.ModelChoiceField(label=_("Cơ quan chủ quản"), queryset=Organisation.objects.none(), required=False)
    in_plan_scope = forms.BooleanField(label=_("Thuộc phạm vi kế hoạch phát triển công tác xã hội"), required=False)
    provides_social_work = forms.BooleanField(label=_("Cung cấp dịch vụ công tác xã hội"), required=False)
    capacity = forms.IntegerField(label=_("Công suất (số chỗ nuôi dưỡng)"), min_value=0, required=False,
                                  help_text=_("Cho cơ sở nuôi dưỡng, chăm sóc đối tượng."))
    basis = forms.CharField(label=_("Căn cứ (quyết định, văn bản)"), max_length=255, required=False)
    code = forms.CharField(label=_("Mã"), max_length=30, required=False, help_text=_("Để trống: hệ thống tự đặt."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, organisation: Organisation | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes_for(user)
        parents = selectors.organisations(user=user)
        if organisation is not None:
            parents = parents.exclude(pk=organisation.pk)
            del self.fields["code"]
        self.fields["parent"].queryset = parents


class ResidentForm(StyledForm):
    citizen_id = forms.CharField(label=_("Số định danh cá nhân"), max_length=20,
                                 help_text=_("Người phải có trong sổ đối tượng của địa bàn."))
    care_group = forms.ChoiceField(label=_("Nhóm chăm sóc"), choices=[("", "---"), *CareGroup.choices])
    admitted_on = forms.DateField(label=_("Ngày tiếp nhận"), widget=DATE)
    emergency = forms.BooleanField(label=_("Tiếp nhận khẩn cấp (tối đa 3 tháng)"), required=False)
    basis = forms.CharField(label=_("Quyết định tiếp nhận"), max_length=255, required=False)


class DischargeForm(StyledForm):
    discharged_on = forms.DateField(label=_("Ngày rời cơ sở"), widget=DATE)
    discharge_reason = forms.CharField(label=_("Lý do"), max_length=255)
    version = forms.IntegerField(widget=forms.HiddenInput)


class StaffCountForm(StyledForm):
    function = forms.ChoiceField(label=_("Vị trí"), choices=StaffFunction.choices)
    count = forms.IntegerField(label=_("Số người"), min_value=0)
    as_of = forms.DateField(label=_("Từ ngày"), widget=DATE)


class AssessmentForm(StyledForm):
    assessed_on = forms.DateField(label=_("Ngày đánh giá"), widget=DATE)
    meets = forms.BooleanField(label=_("Đạt tiêu chuẩn"), required=False)
    basis = forms.CharField(label=_("Quyết định, biên bản"), max_length=255)


class ProjectForm(StyledForm):
    name = forms.CharField(label=_("Tên dự án"), max_length=255)
    purpose = forms.ChoiceField(label=_("Mục tiêu"), choices=[("", "---"), *ProjectPurpose.choices])
    organisation = forms.ModelChoiceField(label=_("Cơ sở (nếu có)"), queryset=Organisation.objects.none(),
                                          required=False)
    total = forms.DecimalField(label=_("Tổng mức đầu tư (đồng)"), max_digits=18, decimal_places=0)
    start_year = forms.IntegerField(label=_("Từ năm"), min_value=2000, max_value=2100)
    end_year = forms.IntegerField(label=_("Đến năm"), min_value=2000, max_value=2100)
    basis = forms.CharField(label=_("Căn cứ (kế hoạch, quyết định)"), max_length=255)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations(user=user).order_by("name")


class FundingForm(StyledForm):
    source = forms.ChoiceField(label=_("Nguồn vốn"), choices=FundingSource.choices)
    amount = forms.DecimalField(label=_("Số tiền (đồng)"), max_digits=18, decimal_places=0)
    part_of = forms.ModelChoiceField(label=_("Thuộc nguồn (nếu là một phần của nguồn khác)"),
                                     queryset=ProjectFunding.objects.none(), required=False)

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["part_of"].queryset = project.funding.filter(part_of__isnull=True)


class ServiceForm(StyledForm):
    service = forms.ChoiceField(label=_("Dịch vụ"), choices=Service.choices)
    started_on = forms.DateField(label=_("Từ ngày"), widget=DATE)
