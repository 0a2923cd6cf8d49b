"""Sign in and out; administrators list and create users of their jurisdiction."""

from django.contrib.auth import views as auth_views
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from ansinh.core.generic import Export, ScopedListView, ServiceFormView

from . import selectors, services
from .access import USERS_MANAGE
from .exports import USER_COLUMNS
from .filters import UserFilterSet
from .forms import LoginForm, UserCreateForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class UserList(ScopedListView):
    access = USERS_MANAGE
    filterset_class = UserFilterSet
    template_name = "accounts/user_list.html"
    source = selectors.user_list
    export = Export(columns=USER_COLUMNS, related=("jurisdiction",), filename="nguoi-dung", what="accounts.user",
                    url_name="accounts:user_export", sheet="Người dùng")


class UserCreate(ServiceFormView):
    access = USERS_MANAGE
    form_class = UserCreateForm
    template_name = "accounts/user_form.html"

    def get_form_kwargs(self):
        return {"actor": self.request.user}

    def perform(self, form):
        return services.user_create(actor=self.request.user, **form.cleaned_data)

    def success_text(self, user):
        return _("Đã tạo người dùng %(username)s.") % {"username": user.username}

    def success(self, user):
        return redirect("accounts:user_list")
