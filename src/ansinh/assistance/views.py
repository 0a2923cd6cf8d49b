import datetime

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ansinh.accounts.permissions import ASSISTANCE_VIEW, POLICY_MANAGE
from ansinh.core.exceptions import DomainError
from ansinh.core.web import form_error, paginate, require

from . import policy, selectors, services
from .calculator import evaluate_case
from .forms import CalculatorForm, ParameterForm


def _province_of(user) -> str:
    return user.jurisdiction.province_code if user.jurisdiction else ""


@require(ASSISTANCE_VIEW)
def calculator(request):
    form = CalculatorForm(request.GET or None, initial={"reference_month": datetime.date.today().strftime("%Y-%m")})
    result = None
    if request.GET and form.is_valid():
        result = evaluate_case(form.as_case(), selectors.parameters_source(_province_of(request.user)))
    return render(request, "assistance/calculator.html", {"form": form, "result": result})


@require(ASSISTANCE_VIEW)
def parameter_list(request):
    today = datetime.date.today()
    in_force, _notes = selectors.parameters_at(today, _province_of(request.user))
    rows = selectors.parameter_list(user=request.user, key=request.GET.get("key", ""))
    return render(request, "assistance/parameter_list.html", {
        "page": paginate(request, rows, per_page=100), "labels": policy.LABELS, "in_force": in_force, "today": today,
    })


@require(POLICY_MANAGE)
def parameter_add(request):
    unit = request.user.jurisdiction
    form = ParameterForm(request.POST or None, initial={"province_code": unit.province_code if unit else ""})
    if request.method == "POST" and form.is_valid():
        try:
            services.parameter_add(user=request.user, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm giá trị mới của tham số."))
            return redirect("assistance:parameter_list")
    return render(request, "assistance/parameter_form.html", {"form": form})
