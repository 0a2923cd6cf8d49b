"""Social assistance pages: declarations on the generic scoped views, the actions of enrolments and
applications, and the lists an officer works from (changes next month, health insurance, posting)."""

import datetime

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ansinh.core import parameters
from ansinh.core import services as core_services
from ansinh.core.access import covers
from ansinh.core.access_grants import POLICY_MANAGE, POLICY_VIEW
from ansinh.core.dates import add_months, first_of_month
from ansinh.core.documents import place_of
from ansinh.core.extensions import render_panels
from ansinh.core.files import FORMATS, download
from ansinh.core.generic import (
    ActionView,
    Export,
    ScopedDetailView,
    ScopedListView,
    ServiceFormView,
)
from ansinh.core.selectors import holidays
from ansinh.core.web import require
from ansinh.registry.selectors import person_get

from . import documents, exports, rules, selectors, services
from .access import ASSISTANCE_VIEW, ENROLMENT_MANAGE
from .actions import APPLICATION_ACTIONS, ENROLMENT_ACTIONS
from .calculator import evaluate_case
from .extensions import CHANGES_PANELS, ENROLMENT_PANELS
from .filters import ApplicationFilterSet, EnrolmentFilterSet, ParameterFilterSet
from .forms import ApplicationForm, CalculatorForm, EnrolmentCreateForm, ParameterForm, PensionForm
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


class ParameterList(ScopedListView):
    """Every value of every parameter, in the order of the law's text; the value in force today is marked."""

    access = POLICY_VIEW
    filterset_class = ParameterFilterSet
    template_name = "assistance/parameter_list.html"
    paginate_by = 200
    source = selectors.parameters
    export = Export(columns=exports.PARAMETER_COLUMNS, filename="tham-so", what="core.policyparameter",
                    url_name="assistance:parameter_export", sheet="Tham số")

    def get_rows(self, filterset):
        order = {key: i for i, key in enumerate(parameters.labels())}
        return sorted(filterset.qs, key=lambda r: (order.get(r.key, len(order)), r.province_code,
                                                   -r.valid_from.toordinal()))

    def get_context_data(self, **context):
        today = datetime.date.today()
        current, seen = set(), set()
        for row in context["page"].paginator.object_list:  # newest first within a key: the first in force
            if row.valid_from <= today and (row.key, row.province_code) not in seen:
                seen.add((row.key, row.province_code))
                current.add(row.pk)
        return {**context, "labels": parameters.labels(), "current": current, "today": today}


class ParameterAdd(ServiceFormView):
    access = POLICY_MANAGE
    form_class = ParameterForm
    template_name = "assistance/parameter_form.html"

    def get_initial(self):
        unit = self.request.user.jurisdiction
        return {"province_code": unit.province_code if unit else ""}

    def perform(self, form):
        return core_services.parameter_add(user=self.request.user, **form.cleaned_data)

    def success_text(self, row):
        return _("Đã thêm giá trị mới của tham số.")

    def success(self, row):
        return redirect("assistance:parameter_list")


# --- enrolments -------------------------------------------------------------------------------------


class EnrolmentList(ScopedListView):
    access = ASSISTANCE_VIEW
    filterset_class = EnrolmentFilterSet
    template_name = "assistance/enrolment_list.html"
    table_template = "assistance/_enrolment_table.html"
    table_id = "enrolment-results"
    source = selectors.enrolments
    export = Export(columns=exports.ENROLMENT_COLUMNS, filename="doi-tuong-huong", what="assistance.enrolment",
                    url_name="assistance:enrolment_export", sheet="Đối tượng hưởng")

    def get_context_data(self, **context):
        return {**context, "summary": selectors.enrolment_summary(user=self.request.user)}


@require(ASSISTANCE_VIEW)
def enrolment_changes(request):
    today = datetime.date.today()
    changes = selectors.changes_next_month(user=request.user, month=today)
    return render(request, "assistance/enrolment_changes.html", {
        "changes": changes, "month": add_months(first_of_month(today), 1),
        "milestones": selectors.AGE_MILESTONES, "panels": render_panels(CHANGES_PANELS, request, today=today),
    })


class EnrolmentDetail(ScopedDetailView):
    access = ASSISTANCE_VIEW
    template_name = "assistance/enrolment_detail.html"
    read = selectors.access_enrolment
    context_object_name = "enrolment"

    def get_context_data(self, **context):
        enrolment, request = context["enrolment"], self.request
        return {
            **context,
            "periods": selectors.enrolment_periods(user=request.user, enrolment=enrolment),
            "panels": render_panels(ENROLMENT_PANELS, request, enrolment=enrolment),
            "actions": [(a, a.form(enrolment)) for a in ENROLMENT_ACTIONS.available(request.user, enrolment)],
            "funeral": getattr(enrolment.person, "funeral_support", None),
        }


class EnrolmentAction(ActionView):
    """A change of an enrolment period; then its page, or the list when the period now open lies outside the
    officer's jurisdiction (moved away)."""

    access = ENROLMENT_MANAGE
    actions = ENROLMENT_ACTIONS
    read = selectors.access_enrolment
    template_name = "assistance/enrolment_action.html"

    def back_url(self, enrolment):
        return reverse("assistance:enrolment_detail", args=[enrolment.pk])

    def next_url(self, enrolment, result):
        target = result if isinstance(result, Enrolment) else enrolment
        if covers(self.request.user, target.commune):
            return reverse("assistance:enrolment_detail", args=[target.pk])
        return reverse("assistance:enrolment_list")


class DecisionForPerson(ServiceFormView):
    """A decision taken for a registered person (an enrolment, the social pension, an application received)."""

    access = ENROLMENT_MANAGE

    def load(self):
        self.person = person_get(user=self.request.user, pk=self.kwargs["person_id"])

    def get_context_data(self, **context):
        return {**context, "person": self.person}


class EnrolmentCreate(DecisionForPerson):
    form_class = EnrolmentCreateForm
    template_name = "assistance/enrolment_form.html"

    def get_initial(self):
        return {"decision_date": datetime.date.today()}

    def perform(self, form):
        data = form.cleaned_data
        return services.enrolment_create(
            user=self.request.user, person=self.person, categories=data["categories"],
            decision_number=data["decision_number"], decision_date=data["decision_date"],
            payment_method=data["payment_method"], studying=data["studying"],
            children_count=data.get("children_count") or 0,
        )

    def success_text(self, enrolment):
        return _("Đã quyết định hưởng trợ cấp từ tháng %(m)s.") % {"m": enrolment.start_month.strftime("%m/%Y")}

    def success(self, enrolment):
        return redirect("assistance:enrolment_detail", pk=enrolment.pk)


class PensionCreate(EnrolmentCreate):
    form_class = PensionForm

    def get_context_data(self, **context):
        ages = {"age": rules.SOCIAL_PENSION_AGE, "poor_age": rules.SOCIAL_PENSION_POOR_AGE}
        intro = _("Người từ đủ %(age)s tuổi không hưởng lương hưu, trợ cấp BHXH hằng tháng (hoặc hưởng thấp hơn mức "
                  "trợ cấp hưu trí xã hội); người từ đủ %(poor_age)s đến dưới %(age)s tuổi thuộc hộ nghèo, cận nghèo. "
                  "Hưởng từ tháng ký quyết định (NĐ 176/2025). Nếu đang hưởng trợ cấp xã hội hằng tháng, chỉ hưởng "
                  "mức cao hơn.") % ages
        return super().get_context_data(**context, title=_("Quyết định hưởng trợ cấp hưu trí xã hội"), intro=intro)

    def perform(self, form):
        return services.pension_enrol(user=self.request.user, person=self.person, **form.cleaned_data)

    def success_text(self, enrolment):
        return _("Đã quyết định hưởng trợ cấp hưu trí xã hội từ tháng %(m)s.") % {
            "m": enrolment.start_month.strftime("%m/%Y")}


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


class ApplicationList(ScopedListView):
    access = ASSISTANCE_VIEW
    filterset_class = ApplicationFilterSet
    template_name = "assistance/application_list.html"
    source = selectors.applications
    export = Export(columns=exports.APPLICATION_COLUMNS, filename="ho-so-de-nghi", what="assistance.application",
                    url_name="assistance:application_export", sheet="Hồ sơ đề nghị")

    def get_context_data(self, **context):
        today, days = datetime.date.today(), holidays()
        rows = [(a, selectors.application_timeline(a, today=today, holiday_dates=days)) for a in context["page"]]
        return {**context, "rows": rows}


class ApplicationCreate(DecisionForPerson):
    form_class = ApplicationForm
    template_name = "assistance/application_form.html"

    def get_initial(self):
        return {"received_on": datetime.date.today()}

    def perform(self, form):
        data = form.cleaned_data
        return services.application_receive(
            user=self.request.user, person=self.person, form_type=data["form_type"], categories=data["categories"],
            received_on=data["received_on"], documents=data["documents"], studying=data["studying"],
            children_count=data.get("children_count") or 0,
        )

    def success_text(self, application):
        return _("Đã tiếp nhận hồ sơ.")

    def success(self, application):
        return redirect("assistance:application_detail", pk=application.pk)


def _application_context(request, application, *, failed=None) -> dict:
    """The application's page: its timeline and the forms of the steps the user may record now (`failed`: an
    action whose form came back with errors, shown instead of a blank one)."""
    timeline = selectors.application_timeline(application, today=datetime.date.today(), holiday_dates=holidays())
    forms = {a.name: a.form(application) for a in APPLICATION_ACTIONS.available(request.user, application)}
    if failed is not None:
        forms[failed[0].name] = failed[1]
    return {"application": application, "timeline": timeline, "forms": forms}


class ApplicationDetail(ScopedDetailView):
    access = ASSISTANCE_VIEW
    template_name = "assistance/application_detail.html"
    read = selectors.access_application

    def get_context_data(self, **context):
        return _application_context(self.request, context["object"])


class ApplicationAction(ActionView):
    access = ENROLMENT_MANAGE
    actions = APPLICATION_ACTIONS
    read = selectors.access_application
    template_name = "assistance/application_detail.html"

    def back_url(self, application):
        return reverse("assistance:application_detail", args=[application.pk])

    def get_context_data(self, **context):
        return _application_context(self.request, context["object"], failed=(context["action"], context["form"]))


@require(ASSISTANCE_VIEW)
def application_decision(request, pk: int):
    application = selectors.application_get(user=request.user, pk=pk)
    if application.status != Application.Status.DECIDED:
        raise Http404
    values, _notes = selectors.parameters_at(application.enrolment.start_month, application.province_code)
    amount = rules.amount_for(application.enrolment.coefficient, values["standard_level"])
    place = place_of(application.commune.name)
    content = documents.decision_docx(application, place=place, payable_amount=amount)
    response = HttpResponse(content, content_type=(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"))
    number = application.decision_number.split("/")[0]
    response["Content-Disposition"] = f'attachment; filename="quyet-dinh-{number}-{application.decision_date.year}.docx"'
    return response


@require(ASSISTANCE_VIEW)
def posting_list(request):
    return render(request, "assistance/posting_list.html", {"rows": selectors.posting_list(user=request.user)})
