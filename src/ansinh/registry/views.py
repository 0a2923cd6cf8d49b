"""Registry pages: declarations on the generic scoped views, and the few household actions of the detail page."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.audit.models import AuditEvent
from ansinh.audit.selectors import history_of
from ansinh.core.access import can
from ansinh.core.exceptions import DomainError
from ansinh.core.extensions import render_panels
from ansinh.core.generic import (
    ActionView,
    Export,
    ScopedDetailView,
    ScopedListView,
    ServiceFormView,
)
from ansinh.core.web import require

from . import selectors, services
from .access import REGISTRY_CHANGE, REGISTRY_MERGE, REGISTRY_VIEW
from .actions import DUPLICATE_ACTIONS
from .exports import DUPLICATE_COLUMNS, HOUSEHOLD_COLUMNS, person_table
from .extensions import PERSON_ACTIONS, PERSON_PANELS
from .filters import DuplicateFilterSet, HouseholdFilterSet, PersonFilterSet
from .forms import HouseholdForm, MemberAddForm, PersonForm, PovertyForm
from .models import HouseholdMember, Person

# --- people -------------------------------------------------------------------------------------------


class PersonList(ScopedListView):
    access = REGISTRY_VIEW
    filterset_class = PersonFilterSet
    template_name = "registry/person_list.html"
    table_template = "registry/_person_table.html"
    table_id = "person-results"
    export = Export(table=person_table, filename="doi-tuong", what="registry.person", url_name="registry:person_export")
    source = selectors.people

    def get_rows(self, filterset):
        return filterset.results()


class PersonDetail(ScopedDetailView):
    access = REGISTRY_VIEW
    template_name = "registry/person_detail.html"
    read = selectors.access_person
    context_object_name = "person"

    def get_object(self):
        person = super().get_object()
        services.person_record_view(user=self.request.user, person=person)  # reading a file is logged
        return person

    def get_context_data(self, **context):
        person, request = context["person"], self.request
        return {
            **context,
            "membership": selectors.person_current_membership(person=person),
            "history": history_of(user=request.user, instance=person).exclude(action=AuditEvent.Action.VIEW)[:50],
            "can_change": can(request.user, REGISTRY_CHANGE) and not person.merged_into_id,
            "age": person.age_on(timezone.localdate()),
            # what the apps built on the registry show of this person (social assistance…)
            "actions": render_panels(PERSON_ACTIONS, request, person=person),
            "panels": render_panels(PERSON_PANELS, request, person=person),
        }


class PersonCreate(ServiceFormView):
    access = REGISTRY_CHANGE
    form_class = PersonForm
    template_name = "registry/person_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **context):
        return {**context, "title": _("Thêm đối tượng")}

    def perform(self, form):
        return services.person_create(user=self.request.user, **form.service_data())

    def success_text(self, person):
        return _("Đã thêm %(name)s vào sổ đăng ký.") % {"name": person.full_name}

    def success(self, person):
        return redirect("registry:person_detail", pk=person.pk)


class PersonEdit(PersonCreate):
    def load(self):
        self.person = selectors.access_person(self.request.user, self.kwargs["pk"])

    def get_initial(self):
        return PersonForm.initial_from(self.person)

    def get_context_data(self, **context):
        return {**context, "person": self.person, "title": _("Sửa: %(name)s") % {"name": self.person.full_name}}

    def perform(self, form):
        return services.person_update(user=self.request.user, person=self.person,
                                      expected_version=form.cleaned_data.get("version") or 0, **form.service_data())

    def success_text(self, person):
        return _("Đã lưu thay đổi.")


# --- households ---------------------------------------------------------------------------------------


class HouseholdList(ScopedListView):
    access = REGISTRY_VIEW
    filterset_class = HouseholdFilterSet
    template_name = "registry/household_list.html"
    table_template = "registry/_household_table.html"
    table_id = "household-results"
    source = selectors.households
    export = Export(columns=HOUSEHOLD_COLUMNS, related=("head", "commune"), filename="ho-gia-dinh",
                    what="registry.household", url_name="registry:household_export", sheet="Hộ gia đình")


class HouseholdDetail(ScopedDetailView):
    access = REGISTRY_VIEW
    template_name = "registry/household_detail.html"
    read = selectors.access_household
    context_object_name = "household"

    def get_context_data(self, **context):
        household = context["household"]
        members = household.memberships.all()
        return {
            **context,
            "members": [m for m in members if m.left_on is None],
            "former": [m for m in members if m.left_on is not None],
            "history": history_of(user=self.request.user, instance=household)[:50],
            "can_change": can(self.request.user, REGISTRY_CHANGE),
            "member_form": MemberAddForm(),
            "poverty_form": PovertyForm(initial={"year": timezone.localdate().year}),
        }


class HouseholdCreate(ServiceFormView):
    access = REGISTRY_CHANGE
    form_class = HouseholdForm
    template_name = "registry/household_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_context_data(self, **context):
        return {**context, "title": _("Thêm hộ gia đình")}

    def perform(self, form):
        data = dict(form.cleaned_data)
        data.pop("version", None)
        return services.household_create(user=self.request.user, **data)

    def success_text(self, household):
        return _("Đã tạo hộ %(code)s.") % {"code": household.code}

    def success(self, household):
        return redirect("registry:household_detail", pk=household.pk)


class HouseholdEdit(HouseholdCreate):
    def load(self):
        self.household = selectors.access_household(self.request.user, self.kwargs["pk"])

    def get_initial(self):
        h = self.household
        return {"code": h.code, "commune": h.commune_id, "hamlet": h.hamlet, "address": h.address, "version": h.version}

    def get_context_data(self, **context):
        return {**context, "household": self.household, "title": _("Sửa hộ %(code)s") % {"code": self.household.code}}

    def perform(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        return services.household_update(user=self.request.user, household=self.household, expected_version=version,
                                         **data)

    def success_text(self, household):
        return _("Đã lưu thay đổi.")


def _find_person(user, ref: str) -> Person | None:
    ref = (ref or "").strip()
    if not ref.isdigit():
        return None
    people = Person.objects.visible_to(user).active()
    return people.filter(Q(citizen_id=ref) | Q(pk=int(ref)) if len(ref) < 12 else Q(citizen_id=ref)).first()


@require_POST
@require(REGISTRY_CHANGE)
def household_member_add(request, pk: int):
    household = selectors.household_get(user=request.user, pk=pk)
    form = MemberAddForm(request.POST)
    if form.is_valid():
        person = _find_person(request.user, form.cleaned_data["person_ref"])
        if person is None:
            messages.error(request, _("Không tìm thấy người có số định danh hoặc mã hồ sơ “%(ref)s” trong địa bàn của bạn.")
                           % {"ref": form.cleaned_data["person_ref"]})
        else:
            try:
                services.household_member_add(user=request.user, household=household, person=person,
                                              relationship=form.cleaned_data["relationship"])
            except DomainError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, _("Đã thêm %(name)s vào hộ.") % {"name": person.full_name})
    else:
        messages.error(request, _("Hãy nhập số định danh hoặc mã hồ sơ và chọn quan hệ với chủ hộ."))
    return redirect("registry:household_detail", pk=household.pk)


@require_POST
@require(REGISTRY_CHANGE)
def household_member_remove(request, pk: int, member_id: int):
    household = selectors.household_get(user=request.user, pk=pk)
    member = HouseholdMember.objects.filter(household=household, pk=member_id).select_related("person").first()
    if member is None:
        messages.error(request, _("Không tìm thấy thành viên."))
    else:
        try:
            services.household_member_remove(user=request.user, member=member)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("%(name)s đã ra khỏi hộ.") % {"name": member.person.full_name})
    return redirect("registry:household_detail", pk=household.pk)


@require_POST
@require(REGISTRY_CHANGE)
def household_poverty_set(request, pk: int):
    household = selectors.household_get(user=request.user, pk=pk)
    form = PovertyForm(request.POST)
    if form.is_valid():
        try:
            services.household_poverty_set(user=request.user, household=household, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("Đã ghi kết quả rà soát hộ nghèo."))
    else:
        details = " ".join(f"{form.fields[f].label}: {' '.join(e)}" for f, e in form.errors.items())
        messages.error(request, _("Phân loại hộ nghèo: %(errors)s") % {"errors": details})
    return redirect("registry:household_detail", pk=household.pk)


# --- duplicates ---------------------------------------------------------------------------------------


class DuplicateList(ScopedListView):
    access = REGISTRY_MERGE
    filterset_class = DuplicateFilterSet
    template_name = "registry/duplicate_list.html"
    source = selectors.duplicates
    export = Export(columns=DUPLICATE_COLUMNS, related=("person_a", "person_b", "commune"), filename="nghi-trung",
                    what="registry.duplicatecandidate", url_name="registry:duplicate_export", sheet="Nghi trùng")

    def get_context_data(self, **context):
        filterset = context["filter"]
        chosen = filterset.form.cleaned_data.get("status") if filterset.is_bound and filterset.form.is_valid() else ""
        return {**context, "status": chosen or "pending", "statuses": filterset.filters["status"].extra["choices"]}


class DuplicateAction(ActionView):
    """Merge (keeping `merge-keep` = a or b) or dismiss a pair, from the queue; the outcome is a message."""

    access = REGISTRY_MERGE
    actions = DUPLICATE_ACTIONS
    read = selectors.access_duplicate
    errors_as_messages = True

    def back_url(self, obj):
        return "registry:duplicate_list"

    def next_url(self, obj, result):
        for note in getattr(result, "notes", ()):
            messages.warning(self.request, note)
        return "registry:duplicate_list"
