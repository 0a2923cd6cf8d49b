"""Forms of the periodic reports: they parse shapes; the rules live in services."""

import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.core.forms import StyledForm

TEXT = forms.Textarea(attrs={"rows": 5})
FIGURE = forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control form-control-sm", "size": 8})


class ReportForm(StyledForm):
    """The report's texts, and a numerator (and denominator, for a share) and a note per reported target:
    `n_<position>`, `d_<position>`, `note_<position>`; a computed target takes a note only."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    narrative = forms.CharField(label=_("Tình hình, kết quả thực hiện"), required=False, widget=TEXT)
    difficulties = forms.CharField(label=_("Khó khăn, vướng mắc"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 3}))
    proposals = forms.CharField(label=_("Đề xuất, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.lines = list(lines)
        for line in self.lines:
            if not line.computed:
                self.fields[f"n_{line.position}"] = forms.CharField(
                    label=_("Tử số") if line.share else _("Số lượng"), required=False, widget=FIGURE)
                if line.share:
                    self.fields[f"d_{line.position}"] = forms.CharField(label=_("Mẫu số"), required=False,
                                                                        widget=FIGURE)
            self.fields[f"note_{line.position}"] = forms.CharField(label=_("Ghi chú"), required=False, max_length=500,
                                                                   widget=FIGURE)

    def rows(self):
        """(line, numerator field, denominator field, note field) for the template."""
        for line in self.lines:
            p = line.position
            yield (line, self[f"n_{p}"] if f"n_{p}" in self.fields else None,
                   self[f"d_{p}"] if f"d_{p}" in self.fields else None, self[f"note_{p}"])

    def figures(self) -> dict[int, dict]:
        data = self.cleaned_data
        return {line.position: {"numerator": data.get(f"n_{line.position}"),
                                "denominator": data.get(f"d_{line.position}"),
                                "note": data.get(f"note_{line.position}", "")} for line in self.lines}

    @staticmethod
    def initial_for(report, lines) -> dict:
        initial = {"version": report.version, "narrative": report.narrative, "difficulties": report.difficulties,
                   "proposals": report.proposals}
        for line in lines:
            initial[f"n_{line.position}"] = "" if line.numerator is None else f"{line.numerator.normalize():f}"
            initial[f"d_{line.position}"] = "" if line.denominator is None else f"{line.denominator.normalize():f}"
            initial[f"note_{line.position}"] = line.note
        return initial


class ReviewForm(StyledForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    comment = forms.CharField(label=_("Ý kiến (khi trả lại) hoặc lý do (khi mở lại)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class TaskUpdateForm(StyledForm):
    due_on = forms.TypedChoiceField(label=_("Hạn"), coerce=datetime.date.fromisoformat, required=False)
    status = forms.ChoiceField(label=_("Tình trạng"))
    note = forms.CharField(label=_("Kết quả, ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("Tệp minh chứng (PDF, Word, Excel, ảnh; tối đa 20 MB)"), required=False)

    def __init__(self, *args, dues=(), **kwargs):
        from .models import TaskUpdate

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = TaskUpdate.Status.choices
        if dues:
            self.fields["due_on"].choices = [(d.isoformat(), f"{d:%d/%m/%Y}") for d in dues]
            self.fields["due_on"].required = True
        else:
            del self.fields["due_on"]


class PlanForm(StyledForm):
    """A plan's header, and its targets, tasks and reporting periods pasted from a spreadsheet (one line each)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.CharField(label=_("Số, ký hiệu"), max_length=40)
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=160)
    date = forms.DateField(label=_("Ngày ban hành"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    title = forms.CharField(label=_("Tên kế hoạch"), widget=forms.Textarea(attrs={"rows": 2}))
    parent = forms.CharField(label=_("Thực hiện văn bản"), max_length=400, required=False)
    targets = forms.CharField(
        label=_("Chỉ tiêu"), required=False, widget=forms.Textarea(attrs={"rows": 6, "class": "font-monospace"}),
        help_text=_("Mỗi dòng một chỉ tiêu, dán từ Excel (các cột cách nhau bởi Tab, hoặc gõ dấu |): Từ năm | Đến năm | "
                    "Giá trị | Đơn vị (% hoặc người, cơ sở…) | Năm gốc (chỉ tiêu tăng so với năm gốc) | x nếu là mức "
                    "trần (“dưới…”) | Mã chỉ số (nếu có) | Câu của kế hoạch."))
    tasks = forms.CharField(
        label=_("Nhiệm vụ"), required=False, widget=forms.Textarea(attrs={"rows": 6, "class": "font-monospace"}),
        help_text=_("Mỗi dòng một nhiệm vụ: Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp (cách nhau bởi ;) | Sản phẩm "
                    "| Thời gian (Hàng năm, Quý I hàng năm, Năm 2026, 2026 - 2030…)."))
    reports = forms.CharField(
        label=_("Kỳ báo cáo"), required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "font-monospace"}),
        help_text=_("Mỗi dòng một kỳ: 6 tháng hoặc năm | xã hoặc tỉnh (cấp báo cáo) | Hạn (ngày/tháng, ví dụ 10/6; để "
                    "trống nếu theo quy định) | Câu của kế hoạch."))


class DefinitionForm(StyledForm):
    """A reported indicator of the province: what its units report because the system does not hold it."""

    code = forms.CharField(label=_("Mã chỉ số"), max_length=80,
                           help_text=_("Ví dụ ctxh.cong_tac_vien; ghi lại mã đã có để sửa định nghĩa (thành phiên bản mới)."))
    label = forms.CharField(label=_("Tên chỉ số"), widget=forms.Textarea(attrs={"rows": 2}))
    numerator_label = forms.CharField(label=_("Tử số (hoặc đơn vị đếm)"), max_length=200)
    denominator_label = forms.CharField(label=_("Mẫu số (để trống nếu là số lượng)"), max_length=200, required=False)
    legal = forms.CharField(label=_("Căn cứ"), required=False)
