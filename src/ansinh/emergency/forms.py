"""Emergency forms: they parse and check shapes; the rules live in services."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from ansinh.assistance.models import PaymentMethod
from ansinh.core.forms import StyledForm
from ansinh.fund.models import Fund
from ansinh.geo.fields import CommuneChoiceField
from ansinh.geo.models import AdministrativeUnit
from ansinh.geo.selectors import communes_for

from .models import AidKind, EventKind
from .services.events import COLUMNS

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
WHOLE = forms.NumberInput(attrs={"inputmode": "numeric", "min": 0})


class EventForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại sự kiện"), choices=EventKind.choices)
    name = forms.CharField(label=_("Tên sự kiện"), max_length=160,
                           help_text=_("Ví dụ: Triều cường, mưa lớn tháng 10/2026"))
    started_on = forms.DateField(label=_("Từ ngày"), widget=DATE)
    ended_on = forms.DateField(label=_("Đến ngày"), widget=DATE, required=False)
    communes = forms.ModelMultipleChoiceField(label=_("Xã/phường bị ảnh hưởng"),
                                              queryset=AdministrativeUnit.objects.none(),
                                              widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Tình hình (ngắn gọn)"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        communes = communes_for(user)
        self.fields["communes"].queryset = communes
        if communes.count() == 1:
            self.fields["communes"].initial = [communes.first().pk]


class _InEvent(StyledForm):
    """A form about one of the event's communes the user covers (a commune officer's own is the only one)."""

    commune = CommuneChoiceField(label=_("Xã/phường"), queryset=AdministrativeUnit.objects.none())

    def __init__(self, *args, communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        ids = [c.pk for c in communes]
        self.fields["commune"].queryset = AdministrativeUnit.objects.filter(pk__in=ids).order_by("name")
        if len(ids) == 1:
            self.fields["commune"].initial = ids[0]
            self.fields["commune"].widget = forms.HiddenInput()


class PasteForm(_InEvent):
    detected_on = forms.DateField(label=_("Ngày phát hiện"), widget=DATE)
    rows = forms.CharField(
        label=_("Danh sách (dán từ bảng tính, mỗi người một dòng)"),
        widget=forms.Textarea(attrs={"rows": 6, "spellcheck": "false", "wrap": "off", "class": "font-monospace"}),
        help_text=format_lazy(_("Các cột theo thứ tự: {columns}. Gõ tay thì ngăn cột bằng dấu chấm phẩy (;)."),
                              columns=" · ".join(COLUMNS)))


class CommuneForm(_InEvent):
    pass


class DecisionForm(_InEvent):
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    urgent = forms.BooleanField(label=_("Khẩn cấp: quyết định ngay, không qua bình xét (Điều 17 khoản 2)"),
                                required=False)
    reviewed_on = forms.DateField(label=_("Ngày họp bình xét ở thôn"), widget=DATE, required=False)
    signer = forms.CharField(label=_("Chủ tịch UBND xã (người ký)"), max_length=120, required=False)


class CloseForm(StyledForm):
    reason = forms.CharField(label=_("Lý do không trợ giúp"), max_length=255)
    closed_on = forms.DateField(label=_("Ngày"), widget=DATE)


class _FromFund(StyledForm):
    """A distribution that may come from a social assistance fund the user keeps."""

    fund = forms.ModelChoiceField(label=_("Chi từ quỹ (tiền mặt, hiện vật)"), queryset=Fund.objects.none(),
                                  required=False, empty_label=_("Không chi từ quỹ"))

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["fund"].queryset = Fund.objects.visible_to(user, "manage").order_by("name")


class DeliverAllForm(_FromFund):
    delivered_on = forms.DateField(label=_("Ngày chi, phát"), widget=DATE)


class PaymentForm(StyledForm):
    method = forms.ChoiceField(label=_("Hình thức chi trả"), choices=PaymentMethod.choices,
                               initial=PaymentMethod.AGENT)


class DeliveryForm(_FromFund):
    delivered_on = forms.DateField(label=_("Ngày chi, phát"), widget=DATE)
    quantity = forms.IntegerField(label=_("Số lượng (kg gạo; đồng)"), min_value=1, widget=WHOLE)
    receiver = forms.CharField(label=_("Người nhận"), max_length=120, required=False)


class AidForm(StyledForm):
    kind = forms.ChoiceField(label=_("Hình thức"), choices=AidKind.choices)
    quantity = forms.IntegerField(label=_("Số lượng (kg gạo; đồng) — để trống: mức tối thiểu"), min_value=1,
                                  required=False, widget=WHOLE)
    months = forms.IntegerField(label=_("Số tháng (gạo)"), min_value=1, max_value=12, required=False, widget=WHOLE)
    goods = forms.CharField(label=_("Hiện vật, nội dung"), max_length=255, required=False)


class RequestForm(_InEvent):
    rice_kg = forms.IntegerField(label=_("Gạo đề nghị (kg)"), min_value=0, initial=0, widget=WHOLE)
    amount = forms.IntegerField(label=_("Kinh phí đề nghị (đồng)"), min_value=0, initial=0, widget=WHOLE)
    reason = forms.CharField(label=_("Lý do"), max_length=255)
    sent_on = forms.DateField(label=_("Ngày gửi"), widget=DATE)


class AnswerForm(StyledForm):
    granted_rice_kg = forms.IntegerField(label=_("Gạo được cấp (kg)"), min_value=0, initial=0, widget=WHOLE)
    granted_amount = forms.IntegerField(label=_("Kinh phí được cấp (đồng)"), min_value=0, initial=0, widget=WHOLE)
    answer = forms.CharField(label=_("Trả lời"), max_length=255)
    answered_on = forms.DateField(label=_("Ngày trả lời"), widget=DATE)


class FuneralDecideForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decided_on = forms.DateField(label=_("Ngày quyết định"), widget=DATE)
    recipient = forms.CharField(label=_("Người, tổ chức lo mai táng (người nhận)"), max_length=120)
    amount = forms.IntegerField(label=_("Số tiền (để trống: mức theo quy định)"), min_value=1, required=False,
                                widget=WHOLE)
    date_of_death = forms.DateField(label=_("Ngày mất theo giấy báo tử (để trống nếu mất tích)"), widget=DATE,
                                    required=False)


class FuneralPayForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    paid_on = forms.DateField(label=_("Ngày chi trả"), widget=DATE)
