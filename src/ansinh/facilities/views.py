"""Pages of the network of organisations: declarations on the generic scoped views."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.audit.selectors import history_of
from ansinh.core.access import can
from ansinh.core.exceptions import DomainError
from ansinh.core.extensions import render_panels
from ansinh.core.generic import Export, ScopedDetailView, ScopedListView, ServiceFormView
from ansinh.core.web import posted, require
from ansinh.registry.selectors import person_by_citizen_id

from . import selectors, services
from .access import FACILITIES_CHANGE, FACILITIES_VIEW
from .exports import ORGANISATION_COLUMNS
from .extensions import ORGANISATION_PANELS
from .filters import OrganisationFilterSet, ProjectFilterSet
from .forms import (
    AssessmentForm,
    DischargeForm,
    FundingForm,
    OrganisationForm,
    ProjectForm,
    ResidentForm,
    ServiceForm,
    StaffCountForm,
)
from .models import HOUSING, StaffFunction
from .services import ATTRIBUTES


class OrganisationList(ScopedListView):
    access = FACILITIES_VIEW
    filterset_class = OrganisationFilterSet
    template_name = "facilities/organisation_list.html"
    table_template = "facilities/_organisation_table.html"
    table_id = "organisation-results"
    source = selectors.organisations
    export = Export(columns=ORGANISATION_COLUMNS, related=("commune",), filename="co-quan-co-so",
                    what="facilities.organisation", url_name="facilities:organisation_export", sheet="Cơ quan, cơ sở")


class OrganisationDetail(ScopedDetailView):
    access = FACILITIES_VIEW
    template_name = "facilities/organisation_detail.html"
    read = selectors.access_organisation
    context_object_name = "organisation"

    def get_context_data(self, **context):
        organisation = context["organisation"]
        periods = list(selectors.history_of(organisation))
        today = timezone.localdate()
        return {**context, "periods": periods,
                "now": next((p for p in periods if p.valid_from <= today and (p.valid_to is None or p.valid_to > today)),
                            None),
                "history": history_of(user=self.request.user, instance=organisation)[:50],
                "panels": render_panels(ORGANISATION_PANELS, self.request, organisation=organisation),
                **housing_context(self.request, organisation),
                "services": list(selectors.services_of(user=self.request.user, organisation=organisation)),
                "service_form": ServiceForm(
                    initial={"started_on": timezone.localdate()}), "today": timezone.localdate(),
                "can_change": can(self.request.user, FACILITIES_CHANGE)}


class OrganisationCreate(ServiceFormView):
    access = FACILITIES_CHANGE
    form_class = OrganisationForm
    template_name = "facilities/organisation_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **context):
        return {**context, "title": _("Thêm cơ quan, cơ sở")}

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in ATTRIBUTES}
        return services.organisation_create(user=self.request.user, valid_from=form.cleaned_data["valid_from"],
                                            code=form.cleaned_data.get("code") or "", **data)

    def success_text(self, organisation):
        return _("Đã thêm %(name)s.") % {"name": organisation.name}

    def success(self, organisation):
        return redirect("facilities:organisation_detail", pk=organisation.pk)


class OrganisationChange(OrganisationCreate):
    """What changes from a day: the form shows the organisation as it is today; the fields changed go to the
    service, from the day given."""

    def load(self):
        self.organisation = selectors.access_organisation(self.request.user, self.kwargs["pk"], "change")

    def get_form_kwargs(self):
        return {"user": self.request.user, "organisation": self.organisation}

    def get_initial(self):
        period = self.organisation.periods.latest("valid_from")
        return {**{name: getattr(period, name) for name in ATTRIBUTES}, "valid_from": timezone.localdate(),
                "version": self.organisation.version}

    def get_context_data(self, **context):
        return {**context, "organisation": self.organisation,
                "title": _("Thay đổi %(name)s") % {"name": self.organisation.name}}

    def perform(self, form):
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in ATTRIBUTES}
        return services.organisation_change(user=self.request.user, organisation=self.organisation,
                                            expected_version=form.cleaned_data.get("version") or 0,
                                            valid_from=form.cleaned_data["valid_from"], **changes)

    def success_text(self, organisation):
        return _("Đã ghi thay đổi.")


@require_POST
@require(FACILITIES_CHANGE)
def organisation_close(request, pk: int):
    organisation = selectors.access_organisation(request.user, pk, "change")
    try:
        day = timezone.datetime.strptime(request.POST.get("on", ""), "%Y-%m-%d").date()
    except ValueError:
        messages.error(request, _("Hãy chọn ngày giải thể."))
        return redirect("facilities:organisation_detail", pk=pk)
    try:
        services.organisation_close(user=request.user, organisation=organisation, on=day,
                                    expected_version=int(request.POST.get("version") or 0),
                                    basis=request.POST.get("basis", ""))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi ngày giải thể."))
    return redirect("facilities:organisation_detail", pk=pk)


# --- residents and staffing ---------------------------------------------------------------------------


def housing_context(request, organisation) -> dict:
    today = timezone.localdate()
    period = organisation.periods.on(today).first()
    if period is None or period.kind not in HOUSING:
        return {}
    care = selectors.care_on(user=request.user, organisation=organisation, day=today)
    return {"housing": True, "care": care, "capacity": period.capacity, "staffing": selectors.staffing_on(
        organisation, today, user=request.user), "care_total": sum(a for _r, a in care if a), "today": today,
        "staff_form": StaffCountForm(initial={"as_of": today}), "discharge_form": DischargeForm(),
        "staff_labels": dict(StaffFunction.choices), "assessment_form": AssessmentForm(initial={"assessed_on": today}),
        "assessments": list(selectors.assessments_of(user=request.user, organisation=organisation)[:10])}


class ResidentAdmit(ServiceFormView):
    access = FACILITIES_CHANGE
    form_class = ResidentForm
    template_name = "facilities/resident_form.html"
    field_aliases = {"person": "citizen_id"}

    def load(self):
        self.organisation = selectors.access_organisation(self.request.user, self.kwargs["pk"], "change")

    def get_form(self):
        form = super().get_form()
        form.field_aliases = self.field_aliases
        return form

    def get_initial(self):
        return {"admitted_on": timezone.localdate()}

    def get_context_data(self, **context):
        return {**context, "organisation": self.organisation}

    def perform(self, form):
        data = dict(form.cleaned_data)
        person = person_by_citizen_id(user=self.request.user, citizen_id=data.pop("citizen_id"))
        return services.resident_admit(user=self.request.user, organisation=self.organisation, person=person, **data)

    def success_text(self, resident):
        return _("Đã tiếp nhận %(name)s.") % {"name": resident.person.full_name}

    def success(self, resident):
        return redirect("facilities:organisation_detail", pk=self.organisation.pk)


@require_POST
@require(FACILITIES_CHANGE)
def resident_discharge(request, pk: int):
    resident = selectors.access_resident(request.user, pk, "change")
    return posted(request, DischargeForm(request.POST), lambda data: services.resident_discharge(
        user=request.user, resident=resident, expected_version=data["version"], discharged_on=data["discharged_on"],
        reason=data["discharge_reason"]), done=_("Đã ghi rời cơ sở."),
        back=reverse("facilities:organisation_detail", args=[resident.organisation_id]))


@require_POST
@require(FACILITIES_CHANGE)
def staff_count_set(request, pk: int):
    organisation = selectors.access_organisation(request.user, pk, "change")
    return posted(request, StaffCountForm(request.POST), lambda data: services.staff_count_set(
        user=request.user, organisation=organisation, **data), done=_("Đã ghi nhân sự hiện có."),
        back=reverse("facilities:organisation_detail", args=[pk]))


@require_POST
@require(FACILITIES_CHANGE)
def assessment_record(request, pk: int):
    organisation = selectors.access_organisation(request.user, pk, "change")
    return posted(request, AssessmentForm(request.POST), lambda data: services.assessment_record(
        user=request.user, organisation=organisation, **data), done=_("Đã ghi kết quả đánh giá tiêu chuẩn."),
        back=reverse("facilities:organisation_detail", args=[pk]))


# --- investment projects -------------------------------------------------------------------------------


class ProjectList(ScopedListView):
    access = FACILITIES_VIEW
    filterset_class = ProjectFilterSet
    template_name = "facilities/project_list.html"
    source = selectors.projects


class ProjectCreate(ServiceFormView):
    access = FACILITIES_CHANGE
    form_class = ProjectForm
    template_name = "facilities/project_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def perform(self, form):
        return services.project_create(user=self.request.user, **form.cleaned_data)

    def success_text(self, project):
        return _("Đã thêm dự án %(name)s.") % {"name": project.name}

    def success(self, project):
        return redirect("facilities:project_detail", pk=project.pk)


class ProjectDetail(ServiceFormView):
    """A project, its sources as a tree (a part of a source under it), and the form adding a source."""

    access = FACILITIES_VIEW
    write_access = FACILITIES_CHANGE
    form_class = FundingForm
    template_name = "facilities/project_detail.html"

    def load(self):
        self.project = selectors.access_project(self.request.user, self.kwargs["pk"])

    def get_form_kwargs(self):
        return {"project": self.project}

    def get_context_data(self, **context):
        tree, unfunded = selectors.funding_tree(user=self.request.user, project=self.project)
        return {**context, "project": self.project, "tree": tree, "unfunded": unfunded,
                "can_change": can(self.request.user, FACILITIES_CHANGE)}

    def perform(self, form):
        return services.funding_add(user=self.request.user, project=self.project, **form.cleaned_data)

    def success_text(self, row):
        return _("Đã ghi nguồn vốn.")

    def success(self, row):
        return redirect("facilities:project_detail", pk=self.project.pk)


@require_POST
@require(FACILITIES_CHANGE)
def service_start(request, pk: int):
    organisation = selectors.access_organisation(request.user, pk, "change")
    return posted(request, ServiceForm(request.POST), lambda data: services.service_start(
        user=request.user, organisation=organisation, **data), done=_("Đã ghi dịch vụ."),
        back=reverse("facilities:organisation_detail", args=[pk]))


@require_POST
@require(FACILITIES_CHANGE)
def service_end(request, pk: int):
    row = selectors.access_service(request.user, pk, "change")
    try:
        day = timezone.datetime.strptime(request.POST.get("ended_on", ""), "%Y-%m-%d").date()
        services.service_end(user=request.user, row=row, ended_on=day)
    except ValueError:
        messages.error(request, _("Hãy chọn ngày dừng."))
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã ghi ngày dừng dịch vụ."))
    return redirect("facilities:organisation_detail", pk=row.organisation_id)
