"""Case-management forms: they parse and check shapes; the rules live in services and rules."""

import datetime

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ansinh.core.forms import PartialDateField, StyledForm, style_widget
from ansinh.facilities.models import Organisation
from ansinh.registry.models import Sex

from .models import (
    CaseType,
    ChildGroup,
    CloseReason,
    NeedArea,
    Referral,
    Risk,
    ServiceKind,
    Source,
    Support,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MOMENT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
MONEY = forms.NumberInput(attrs={"step": 1000, "inputmode": "numeric", "min": 0})
LEVELS = [(0, _("Không")), (1, _("Thấp")), (2, _("Trung bình")), (3, _("Cao"))]
PLAN_ROWS = 5


def _now() -> datetime.datetime:
    return timezone.localtime().replace(second=0, microsecond=0)


def moment(label=None) -> forms.DateTimeField:
    return forms.DateTimeField(label=label or _("Thời điểm"), widget=MOMENT, initial=_now,
                               input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%d/%m/%Y %H:%M"])


def _choices(choices) -> list:
    return [("", "---"), *choices]


class VersionMixin(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CaseOpenForm(StyledForm):
    organisation = forms.ModelChoiceField(label=_("Đơn vị quản lý ca"), queryset=Organisation.objects.none())
    source = forms.ChoiceField(label=_("Nguồn tiếp nhận"), choices=_choices(Source.choices))
    received_at = moment(_("Thời điểm tiếp nhận"))
    reporter_name = forms.CharField(label=_("Người báo tin"), max_length=120, required=False)
    reporter_phone = forms.CharField(label=_("Điện thoại người báo tin"), max_length=20, required=False)
    case_type = forms.ChoiceField(label=_("Loại ca"), choices=_choices(CaseType.choices))
    risk = forms.ChoiceField(label=_("Mức độ nguy cơ"), choices=_choices(Risk.choices))
    summary = forms.CharField(label=_("Nội dung sự việc"), widget=forms.Textarea(attrs={"rows": 3}))
    citizen_ids = forms.CharField(
        label=_("Số định danh của đối tượng"), required=False,
        help_text=_("Một hoặc nhiều số, cách nhau bằng dấu phẩy; người đầu tiên là đối tượng chính."))
    new_name = forms.CharField(label=_("Hoặc đăng ký người mới: họ và tên"), max_length=120, required=False)
    new_birth = PartialDateField(label=_("Ngày sinh (dd/mm/yyyy, mm/yyyy hoặc yyyy)"), required=False)
    new_sex = forms.ChoiceField(label=_("Giới tính"), choices=_choices(Sex.choices), required=False)
    worker = forms.ModelChoiceField(label=_("Người quản lý ca"), queryset=get_user_model().objects.none())
    supervisor = forms.ModelChoiceField(label=_("Người giám sát"), queryset=get_user_model().objects.none())

    def __init__(self, *args, units, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = units
        self.fields["worker"].queryset = people
        self.fields["supervisor"].queryset = people
        for name in ("worker", "supervisor"):
            self.fields[name].label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.username})"

    def clean(self):
        data = super().clean()
        ids = [x.strip() for x in (data.get("citizen_ids") or "").replace(";", ",").split(",") if x.strip()]
        data["ids"] = ids
        if not ids and not data.get("new_name"):
            self.add_error("citizen_ids", _("Hãy nhập số định danh của đối tượng, hoặc đăng ký người mới."))
        if data.get("new_name") and (not data.get("new_birth") or not data.get("new_sex")):
            self.add_error("new_birth", _("Người mới cần năm sinh và giới tính."))
        return data


class CaseEditForm(StyledForm, VersionMixin):
    source = forms.ChoiceField(label=_("Nguồn tiếp nhận"), choices=Source.choices)
    reporter_name = forms.CharField(label=_("Người báo tin"), max_length=120, required=False)
    reporter_phone = forms.CharField(label=_("Điện thoại người báo tin"), max_length=20, required=False)
    case_type = forms.ChoiceField(label=_("Loại ca"), choices=CaseType.choices)
    risk = forms.ChoiceField(label=_("Mức độ nguy cơ"), choices=Risk.choices)
    summary = forms.CharField(label=_("Nội dung sự việc"), widget=forms.Textarea(attrs={"rows": 4}))


# --- the steps (one form per `actions.Action`) -----------------------------------------------------------


class InitialForm(StyledForm, VersionMixin):
    at = moment()
    risk = forms.ChoiceField(label=_("Mức độ nguy cơ"), choices=Risk.choices)
    note = forms.CharField(label=_("Kết quả đánh giá ban đầu (Mẫu 02)"), widget=forms.Textarea(attrs={"rows": 2}))


class EmergencyForm(StyledForm, VersionMixin):
    at = moment()
    separation = forms.BooleanField(label=_("Tạm thời cách ly trẻ (quyết định của Chủ tịch UBND xã, Mẫu 07)"),
                                    required=False)
    decision_number = forms.CharField(label=_("Số quyết định (khi cách ly)"), max_length=40, required=False)
    note = forms.CharField(label=_("Biện pháp đã áp dụng"), widget=forms.Textarea(attrs={"rows": 2}))


class SeparationEndForm(StyledForm, VersionMixin):
    on = forms.DateField(label=_("Ngày kết thúc cách ly"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Trẻ được đưa về đâu"), max_length=255, required=False)


class AssessForm(StyledForm, VersionMixin):
    """Detailed assessment: a level and a note for each area of need (TT 02/2020 Điều 5)."""

    at = moment()
    note = forms.CharField(label=_("Nhận định chung, ý kiến của trẻ và cha mẹ (Mẫu 03)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for value, label in NeedArea.choices:
            self.fields[f"level_{value}"] = forms.TypedChoiceField(label=label, choices=LEVELS, coerce=int, initial=0)
            self.fields[f"need_{value}"] = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)
        for field in self.fields.values():
            style_widget(field.widget)

    def areas(self):
        return [(self[f"level_{v}"], self[f"need_{v}"]) for v, _label in NeedArea.choices]

    def clean(self):
        data = super().clean()
        data["needs"] = {v: (data.get(f"level_{v}") or 0, data.get(f"need_{v}") or "") for v, _l in NeedArea.choices}
        return data


class PlanForm(StyledForm, VersionMixin):
    """The plan (Mẫu 04): goals, then up to five activities."""

    at = moment()
    goals = forms.CharField(label=pgettext_lazy("plan", "Mục tiêu"), widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for n in range(1, PLAN_ROWS + 1):
            required = n == 1
            self.fields[f"service_{n}"] = forms.CharField(label=_("Hoạt động, dịch vụ"), max_length=255,
                                                          required=required)
            self.fields[f"start_{n}"] = forms.DateField(label=_("Từ ngày"), widget=DATE, required=required)
            self.fields[f"end_{n}"] = forms.DateField(label=_("Đến ngày"), widget=DATE, required=required)
            self.fields[f"responsible_{n}"] = forms.CharField(label=_("Người chịu trách nhiệm"), max_length=120,
                                                              required=required)
            self.fields[f"provider_{n}"] = forms.CharField(label=_("Đơn vị cung cấp"), max_length=255, required=False)
            self.fields[f"budget_{n}"] = forms.DecimalField(label=_("Kinh phí (đồng)"), max_digits=14,
                                                            decimal_places=0, required=False, widget=MONEY)
            for name in ("service", "start", "end", "responsible", "provider", "budget"):
                style_widget(self.fields[f"{name}_{n}"].widget)

    def rows(self):
        return [[self[f"{name}_{n}"] for name in ("service", "start", "end", "responsible", "provider", "budget")]
                for n in range(1, PLAN_ROWS + 1)]

    def clean(self):
        data = super().clean()
        items = []
        for n in range(1, PLAN_ROWS + 1):
            service = (data.get(f"service_{n}") or "").strip()
            if not service:
                continue
            if not data.get(f"start_{n}") or not data.get(f"end_{n}"):
                self.add_error(f"start_{n}", _("Hoạt động %(n)s cần ngày bắt đầu và kết thúc.") % {"n": n})
                continue
            items.append({"service": service, "start_date": data[f"start_{n}"], "end_date": data[f"end_{n}"],
                          "responsible": data.get(f"responsible_{n}") or "", "provider": data.get(f"provider_{n}") or "",
                          "budget": data.get(f"budget_{n}") or 0})
        data["items"] = items
        return data


class ApproveForm(StyledForm, VersionMixin):
    at = moment(_("Ngày phê duyệt"))
    decision_number = forms.CharField(label=_("Số quyết định phê duyệt (Mẫu 05)"), max_length=40, required=False)


class ReturnPlanForm(StyledForm, VersionMixin):
    at = moment()
    note = forms.CharField(label=_("Điều cần sửa"), max_length=500)


class ServiceForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại dịch vụ"), choices=_choices(ServiceKind.choices))
    given_on = forms.DateField(label=_("Ngày"), widget=DATE, initial=timezone.localdate)
    provider = forms.CharField(label=_("Đơn vị, người cung cấp"), max_length=255, required=False)
    cost = forms.DecimalField(label=_("Chi phí (đồng)"), max_digits=14, decimal_places=0, initial=0, widget=MONEY)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class ReferForm(StyledForm):
    to = forms.ModelChoiceField(label=_("Chuyển đến"), queryset=Organisation.objects.none())
    reason = forms.CharField(label=_("Lý do, dịch vụ cần"), max_length=255)
    consent_by = forms.ChoiceField(label=_("Người đồng ý chia sẻ thông tin"),
                                   choices=_choices(Referral.Consenter.choices), required=False)
    consent_name = forms.CharField(label=_("Họ tên người đồng ý"), max_length=120, required=False)
    consent_on = forms.DateField(label=_("Ngày đồng ý"), widget=DATE, required=False)
    head_consent = forms.BooleanField(label=_("Thủ trưởng đơn vị / Chủ tịch UBND xã đã đồng ý (TT 02/2020 Điều 9)"),
                                      required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["to"].queryset = organisations


class ReviewForm(StyledForm, VersionMixin):
    at = moment()
    replan = forms.BooleanField(label=_("Cần xây dựng lại kế hoạch"), required=False)
    note = forms.CharField(label=_("Kết quả theo dõi, rà soát (Mẫu 06)"), widget=forms.Textarea(attrs={"rows": 2}))


class ReturnedForm(StyledForm, VersionMixin):
    on = forms.DateField(label=_("Ngày về gia đình, cộng đồng"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class CloseForm(StyledForm, VersionMixin):
    closed_on = forms.DateField(label=_("Ngày đóng ca"), widget=DATE, initial=timezone.localdate)
    reason = forms.ChoiceField(label=_("Lý do đóng ca"), choices=_choices(CloseReason.choices), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class ReopenForm(StyledForm, VersionMixin):
    note = forms.CharField(label=_("Lý do mở lại"), max_length=255)


class AssignForm(StyledForm, VersionMixin):
    worker = forms.ModelChoiceField(label=_("Người quản lý ca"), queryset=get_user_model().objects.none())
    supervisor = forms.ModelChoiceField(label=_("Người giám sát"), queryset=get_user_model().objects.none())

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["worker"].queryset = people
            self.fields["supervisor"].queryset = people


class ShareForm(StyledForm):
    field_aliases = {"with_user": "username"}
    username = forms.CharField(label=_("Tên đăng nhập người được chia sẻ"), max_length=150)
    reason = forms.CharField(label=_("Lý do"), max_length=255)


class RespondForm(StyledForm):
    accept = forms.TypedChoiceField(label=_("Trả lời"), choices=[("1", pgettext_lazy("answer", "Tiếp nhận")), ("0", pgettext_lazy("answer", "Từ chối"))],
                                    coerce=lambda v: v == "1")
    receiving_worker = forms.ModelChoiceField(label=_("Người tiếp nhận"), queryset=get_user_model().objects.none(),
                                              required=False)
    note = forms.CharField(label=_("Ghi chú / lý do từ chối"), max_length=255, required=False)

    def __init__(self, *args, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if people is not None:
            self.fields["receiving_worker"].queryset = people


class WorkerForm(StyledForm):
    organisation = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Organisation.objects.none())
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    supervisor = forms.BooleanField(label=_("Giám sát ca"), required=False)

    def __init__(self, *args, organisations=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisations is not None:
            self.fields["organisation"].queryset = organisations


# --- children ------------------------------------------------------------------------------------------


class CircumstanceForm(StyledForm):
    group = forms.ChoiceField(label=_("Nhóm hoàn cảnh đặc biệt"), choices=_choices(ChildGroup.choices))
    since = forms.DateField(label=_("Từ ngày"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)


class CircumstanceEndForm(StyledForm):
    until = forms.DateField(label=_("Đến ngày"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Lý do"), max_length=255, required=False)


class ChildAddForm(CircumstanceForm):
    citizen_id = forms.CharField(label=_("Số định danh của trẻ"), max_length=20)
    field_order = ["citizen_id", "group", "since", "note"]


class SupportForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại hỗ trợ"), choices=_choices(Support.Kind.choices))
    given_on = forms.DateField(label=_("Ngày"), widget=DATE, initial=timezone.localdate)
    provider = forms.CharField(label=_("Đơn vị hỗ trợ"), max_length=255)
    amount = forms.DecimalField(label=_("Giá trị (đồng)"), max_digits=14, decimal_places=0, initial=0, widget=MONEY)
    note = forms.CharField(label=_("Ghi chú"), max_length=255, required=False)
