from django import forms
from django.utils.translation import gettext_lazy as _

from ansinh.core.forms import StyledForm

from .kinds import KINDS
from .models import ImportJob


class UploadForm(StyledForm):
    kind = forms.ChoiceField(label=_("Loại danh sách"), choices=())
    file = forms.FileField(label=_("Tệp (Excel .xlsx/.xls/.ods hoặc CSV)"))
    on_existing = forms.ChoiceField(label=_("Bản ghi đã có trong sổ (người theo số định danh, hộ theo mã hộ)"), choices=ImportJob.OnExisting.choices,
                                    initial=ImportJob.OnExisting.SKIP)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.name, k.label) for k in KINDS.values()]
