"""Sign in and out; administrators list and create users of their jurisdiction."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ansinh.core.exceptions import DomainError
from ansinh.core.web import form_error, paginate, require

from . import selectors, services
from .access import USERS_MANAGE
from .forms import LoginForm, UserCreateForm


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


@require(USERS_MANAGE)
def user_list(request):
    page = paginate(request, selectors.user_list(user=request.user))
    return render(request, "accounts/user_list.html", {"page": page})


@require(USERS_MANAGE)
def user_create(request):
    form = UserCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_create(actor=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo người dùng %(username)s.") % {"username": user.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_form.html", {"form": form})
