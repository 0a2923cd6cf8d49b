"""Forms for signing in and for administrators creating users."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from ansinh.geo.models import AdministrativeUnit

from .models import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Tên đăng nhập")
        self.fields["password"].label = _("Mật khẩu")


class UserCreateForm(forms.Form):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150)
    last_name = forms.CharField(label=_("Họ và tên đệm"), max_length=150, required=False)
    first_name = forms.CharField(label=_("Tên"), max_length=150, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    jurisdiction = forms.ModelChoiceField(
        label=_("Địa bàn"), queryset=AdministrativeUnit.objects.none(), required=False,
        empty_label=_("Toàn quốc"),
    )
    password = forms.CharField(label=_("Mật khẩu"), widget=forms.PasswordInput, min_length=8)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        units = AdministrativeUnit.objects.filter(valid_to__isnull=True, level__in=["province", "commune"])
        unit = actor.jurisdiction
        if unit is not None:
            self.fields["jurisdiction"].required = True
            self.fields["jurisdiction"].empty_label = None
            units = units.filter(pk=unit.pk) if unit.level == "commune" else units.filter(province_code=unit.province_code)
        self.fields["jurisdiction"].queryset = units.order_by("province_code", "-level", "name")
