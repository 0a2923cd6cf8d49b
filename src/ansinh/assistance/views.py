import datetime

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ansinh.core.access import can, covers
from ansinh.core.dates import add_months, first_of_month
from ansinh.core.exceptions import DomainError
from ansinh.core.extensions import render_panels
from ansinh.core.files import FORMATS, download
from ansinh.core.selectors import holidays
from ansinh.core.web import form_error, paginate, require
from ansinh.registry.selectors import person_get

from . import documents, exports, policy, rules, selectors, services
from .access import ASSISTANCE_VIEW, ENROLMENT_MANAGE, POLICY_MANAGE
from .calculator import evaluate_case
from .extensions import CHANGES_PANELS, ENROLMENT_PANELS
from .forms import (
    ApplicationForm,
    ApplicationRejectForm,
    ApplicationStepForm,
    CalculatorForm,
    DeathForm,
    EnrolmentActionForm,
    EnrolmentCreateForm,
    ParameterForm,
    PensionForm,
)
from .models import Application, Enrolment


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


# --- enrolments -------------------------------------------------------------------------------------


@require(ASSISTANCE_VIEW)
def enrolment_list(request):
    status = request.GET.get("status", "")
    search = request.GET.get("q", "").strip()
    rows = selectors.enrolment_list(user=request.user, status=status, search=search)
    context = {"page": paginate(request, rows), "status": status, "q": search, "statuses": Enrolment.Status.choices,
               "summary": selectors.enrolment_summary(user=request.user)}
    return render(request, "assistance/enrolment_list.html", context)


@require(ASSISTANCE_VIEW)
def enrolment_changes(request):
    today = datetime.date.today()
    changes = selectors.changes_next_month(user=request.user, month=today)
    return render(request, "assistance/enrolment_changes.html", {
        "changes": changes, "month": add_months(first_of_month(today), 1),
        "milestones": selectors.AGE_MILESTONES, "panels": render_panels(CHANGES_PANELS, request, today=today),
    })


@require(ASSISTANCE_VIEW)
def enrolment_detail(request, pk: int):
    enrolment = selectors.enrolment_get(user=request.user, pk=pk)
    province = enrolment.province_code
    actions = {}
    if can(request.user, ENROLMENT_MANAGE) and enrolment.end_month is None:
        allowed = ["reassess", "move", "end"] + (["resume"] if enrolment.status == "suspended" else ["suspend"])
        for action in allowed:
            actions[action] = EnrolmentActionForm(action=action, province_code=province, prefix=action,
                                                  initial={"version": enrolment.version})
    return render(request, "assistance/enrolment_detail.html", {
        "enrolment": enrolment, "periods": selectors.enrolment_periods(user=request.user, enrolment=enrolment),
        "panels": render_panels(ENROLMENT_PANELS, request, enrolment=enrolment),
        "actions": actions, "action_labels": EnrolmentActionForm.ACTIONS,
        "death_form": DeathForm() if actions else None,
        "funeral": getattr(enrolment.person, "funeral_support", None),
    })


@require(ENROLMENT_MANAGE)
def enrolment_action(request, pk: int, action: str):
    enrolment = selectors.enrolment_get(user=request.user, pk=pk)
    if request.method != "POST" or action not in EnrolmentActionForm.ACTIONS:
        return redirect("assistance:enrolment_detail", pk=pk)
    form = EnrolmentActionForm(request.POST, action=action, province_code=enrolment.province_code, prefix=action)
    if form.is_valid():
        data = form.cleaned_data
        common = {"user": request.user, "enrolment": enrolment, "expected_version": data["version"],
                  "from_month": data["from_month"]}
        try:
            if action == "reassess":
                result = services.enrolment_reassess(**common, children_count=data.get("children_count"))
            elif action == "suspend":
                result = services.enrolment_suspend(**common, reason=data["reason"])
            elif action == "resume":
                result = services.enrolment_resume(**common)
            elif action == "move":
                result = services.enrolment_move(**common, to_commune=data["to_commune"])
            else:
                result = services.enrolment_end(**common, reason=data["reason"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu: %(action)s.") % {"action": EnrolmentActionForm.ACTIONS[action]})
            target = result or enrolment
            if covers(request.user, target.commune):
                return redirect("assistance:enrolment_detail", pk=target.pk)
            return redirect("assistance:enrolment_list")
    return render(request, "assistance/enrolment_action.html", {"enrolment": enrolment, "form": form,
                                                                "title": EnrolmentActionForm.ACTIONS[action]})


@require(ENROLMENT_MANAGE)
def enrolment_death(request, pk: int):
    enrolment = selectors.enrolment_get(user=request.user, pk=pk)
    form = DeathForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_death_record(user=request.user, person=enrolment.person,
                                         date_of_death=form.cleaned_data["date_of_death"],
                                         recipient=form.cleaned_data["recipient"])
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận người mất; đã dừng chi trả và đề xuất hỗ trợ mai táng."))
            return redirect("assistance:enrolment_detail", pk=pk)
    return render(request, "assistance/enrolment_action.html", {"enrolment": enrolment, "form": form,
                                                                "title": _("Báo tử")})


@require(ENROLMENT_MANAGE)
def enrolment_create(request, person_id: int):
    person = person_get(user=request.user, pk=person_id)
    form = EnrolmentCreateForm(request.POST or None, initial={"decision_date": datetime.date.today()})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            enrolment = services.enrolment_create(
                user=request.user, person=person, categories=data["categories"],
                decision_number=data["decision_number"], decision_date=data["decision_date"],
                payment_method=data["payment_method"], studying=data["studying"],
                children_count=data.get("children_count") or 0,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã quyết định hưởng trợ cấp từ tháng %(m)s.")
                             % {"m": enrolment.start_month.strftime("%m/%Y")})
            return redirect("assistance:enrolment_detail", pk=enrolment.pk)
    return render(request, "assistance/enrolment_form.html", {"form": form, "person": person, "preview": preview})


@require(ASSISTANCE_VIEW)
def health_insurance(request):
    try:
        month = datetime.datetime.strptime(request.GET.get("month", ""), "%Y-%m").date()
    except ValueError:
        month = first_of_month(datetime.date.today())
    changes = selectors.health_insurance_changes(user=request.user, month=month)
    fmt = request.GET.get("format")
    if fmt in FORMATS:
        return download(user=request.user, table=exports.changes_table(changes), fmt=fmt, filename=f"bhyt-{month:%Y-%m}",
                        changes={"what": "assistance.health_insurance", "month": str(month),
                                 **{kind: len(rows) for kind, rows in changes.items()}})
    return render(request, "assistance/health_insurance.html", {
        "month": month, "changes": changes, "kinds": exports.KINDS,
    })


# --- applications -----------------------------------------------------------------------------------


@require(ASSISTANCE_VIEW)
def application_list(request):
    status = request.GET.get("status", "")
    today = datetime.date.today()
    days = holidays()
    page = paginate(request, selectors.application_list(user=request.user, status=status))
    rows = [(a, selectors.application_timeline(a, today=today, holiday_dates=days)) for a in page]
    return render(request, "assistance/application_list.html", {
        "page": page, "rows": rows, "status": status, "statuses": Application.Status.choices,
    })


@require(ENROLMENT_MANAGE)
def application_create(request, person_id: int):
    person = person_get(user=request.user, pk=person_id)
    form = ApplicationForm(request.POST or None, initial={"received_on": datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            application = services.application_receive(
                user=request.user, person=person, form_type=data["form_type"], categories=data["categories"],
                received_on=data["received_on"], documents=data["documents"], studying=data["studying"],
                children_count=data.get("children_count") or 0,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã tiếp nhận hồ sơ."))
            return redirect("assistance:application_detail", pk=application.pk)
    return render(request, "assistance/application_form.html", {"form": form, "person": person})


@require(ASSISTANCE_VIEW)
def application_detail(request, pk: int):
    application = selectors.application_get(user=request.user, pk=pk)
    timeline = selectors.application_timeline(application, today=datetime.date.today(),
                                              holiday_dates=holidays())
    step_form = reject_form = complaint_form = None
    if can(request.user, ENROLMENT_MANAGE) and timeline["next"]:
        initial = {"version": application.version, "done_on": datetime.date.today()}
        step_form = ApplicationStepForm(initial=initial, deciding=timeline["next"].code == "decided")
        reject_form = ApplicationRejectForm(initial=initial)
        if timeline["complaint_allowed"]:
            complaint_form = ApplicationStepForm(initial=initial, prefix="complaint")
    return render(request, "assistance/application_detail.html", {
        "application": application, "timeline": timeline, "step_form": step_form, "reject_form": reject_form,
        "complaint_form": complaint_form,
    })


@require(ENROLMENT_MANAGE)
def application_step(request, pk: int, kind: str):
    application = selectors.application_get(user=request.user, pk=pk)
    if request.method != "POST" or kind not in ("advance", "reject", "complaint"):
        return redirect("assistance:application_detail", pk=pk)
    timeline = selectors.application_timeline(application, today=datetime.date.today())
    if kind == "reject":
        form = ApplicationRejectForm(request.POST)
    elif kind == "complaint":
        form = ApplicationStepForm(request.POST, prefix="complaint")
    else:
        form = ApplicationStepForm(request.POST, deciding=bool(timeline["next"]) and timeline["next"].code == "decided")
    if form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "reject":
                services.application_reject(user=request.user, application=application,
                                            expected_version=data["version"], done_on=data["done_on"],
                                            reply=data["reply"])
            elif kind == "complaint":
                services.application_complaint(user=request.user, application=application,
                                               expected_version=data["version"], done_on=data["done_on"],
                                               note=data.get("note", ""))
            else:
                services.application_advance(user=request.user, application=application,
                                             expected_version=data["version"], done_on=data["done_on"],
                                             note=data.get("note", ""),
                                             payment_method=data.get("payment_method") or "agent")
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận."))
            return redirect("assistance:application_detail", pk=pk)
    return render(request, "assistance/application_detail.html", {
        "application": application, "timeline": timeline,
        "step_form": form if kind == "advance" else None, "reject_form": form if kind == "reject" else None,
        "complaint_form": form if kind == "complaint" else None,
    })


@require(ASSISTANCE_VIEW)
def application_decision(request, pk: int):
    application = selectors.application_get(user=request.user, pk=pk)
    if application.status != Application.Status.DECIDED:
        raise Http404
    values, _notes = selectors.parameters_at(application.enrolment.start_month, application.province_code)
    amount = rules.amount_for(application.enrolment.coefficient, values["standard_level"])
    place = application.commune.name.removeprefix("Xã ").removeprefix("Phường ").removeprefix("Đặc khu ")
    content = documents.decision_docx(application, place=place, payable_amount=amount)
    response = HttpResponse(content, content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    number = application.decision_number.split("/")[0]
    response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{number}-{application.decision_date.year}.docx"'
    return response


@require(ASSISTANCE_VIEW)
def posting_list(request):
    return render(request, "assistance/posting_list.html", {"rows": selectors.posting_list(user=request.user)})


@require(ENROLMENT_MANAGE)
def pension_create(request, person_id: int):
    person = person_get(user=request.user, pk=person_id)
    form = PensionForm(request.POST or None, initial={"decision_date": datetime.date.today()})
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.pension_enrol(user=request.user, person=person, **form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã quyết định hưởng trợ cấp hưu trí xã hội từ tháng %(m)s.")
                             % {"m": enrolment.start_month.strftime("%m/%Y")})
            return redirect("assistance:enrolment_detail", pk=enrolment.pk)
    return render(request, "assistance/enrolment_form.html", {
        "form": form, "person": person, "title": _("Quyết định hưởng trợ cấp hưu trí xã hội"),
        "intro": _("Người từ đủ 75 tuổi không hưởng lương hưu, trợ cấp BHXH hằng tháng (hoặc hưởng thấp hơn mức "
                   "trợ cấp hưu trí xã hội); người từ đủ 70 đến dưới 75 tuổi thuộc hộ nghèo, cận nghèo. Hưởng từ "
                   "tháng ký quyết định (NĐ 176/2025). Nếu đang hưởng trợ cấp xã hội hằng tháng, chỉ hưởng mức cao hơn."),
    })
