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
    order = {key: i for i, key in enumerate(policy.LABELS)}
    rows = sorted(
        selectors.parameter_list(user=request.user, key=request.GET.get("key", "")),
        key=lambda r: (order.get(r.key, len(order)), r.province_code, -r.valid_from.toordinal()),
    )
    current, seen = set(), set()
    for row in rows:  # newest first within a key: the first one already in force is the current one
        if row.valid_from <= today and (row.key, row.province_code) not in seen:
            seen.add((row.key, row.province_code))
            current.add(row.pk)
    return render(request, "assistance/parameter_list.html", {
        "page": paginate(request, rows, per_page=200), "labels": policy.LABELS, "current": current, "today": today,
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
