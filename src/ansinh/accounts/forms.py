"""Forms for signing in and for administrators creating users."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from ansinh.geo.models import AdministrativeUnit

from .models import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "inactive": "Tài khoản này đã bị khóa.",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Tên đăng nhập"
        self.fields["password"].label = "Mật khẩu"


class UserCreateForm(forms.Form):
    username = forms.CharField(label="Tên đăng nhập", max_length=150)
    last_name = forms.CharField(label="Họ và tên đệm", max_length=150, required=False)
    first_name = forms.CharField(label="Tên", max_length=150, required=False)
    email = forms.EmailField(label="Thư điện tử", required=False)
    role = forms.ChoiceField(label="Vai trò", choices=Role.choices)
    jurisdiction = forms.ModelChoiceField(
        label="Địa bàn", queryset=AdministrativeUnit.objects.none(), required=False,
        empty_label="Toàn quốc",
    )
    password = forms.CharField(label="Mật khẩu", widget=forms.PasswordInput, min_length=8)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        units = AdministrativeUnit.objects.filter(valid_to__isnull=True, level__in=["province", "commune"])
        unit = actor.jurisdiction
        if unit is not None:
            self.fields["jurisdiction"].required = True
            self.fields["jurisdiction"].empty_label = None
            units = units.filter(pk=unit.pk) if unit.level == "commune" else units.filter(province_code=unit.province_code)
        self.fields["jurisdiction"].queryset = units.order_by("province_code", "-level", "name")
