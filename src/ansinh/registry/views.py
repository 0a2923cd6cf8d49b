"""Registry pages: thin — parse the request, call a selector or a service, render."""


from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.audit.models import AuditEvent
from ansinh.audit.selectors import history_of
from ansinh.audit.services import download
from ansinh.core.access import can
from ansinh.core.exceptions import DomainError
from ansinh.core.extensions import render_panels
from ansinh.core.web import form_error, paginate, require

from . import selectors, services
from .access import REGISTRY_CHANGE, REGISTRY_MERGE, REGISTRY_VIEW
from .exports import person_table
from .extensions import PERSON_ACTIONS, PERSON_PANELS
from .forms import HouseholdForm, MemberAddForm, PersonFilterForm, PersonForm, PovertyForm
from .models import DuplicateCandidate, HouseholdMember, Person


def _person_filters(request):
    form = PersonFilterForm(request.GET or None, user=request.user)
    filters = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "search": data.get("q") or "",
            "commune_id": data["commune"].pk if data.get("commune") else None,
            "sex": data.get("sex") or "",
            "disability": data.get("disability") or "",
        }
    return form, filters


@require(REGISTRY_VIEW)
def person_list(request):
    form, filters = _person_filters(request)
    page = paginate(request, selectors.person_results(user=request.user, **filters))
    context = {"form": form, "page": page, "htmx_target": "#person-results", "query": request.GET.urlencode()}
    if request.htmx and request.htmx.target == "person-results":
        return render(request, "registry/_person_table.html", context)
    return render(request, "registry/person_list.html", context)


@require(REGISTRY_VIEW)
def person_export(request, fmt: str):
    _form, filters = _person_filters(request)
    table = person_table(selectors.person_list(user=request.user, **filters))
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return download(user=request.user, table=table, fmt=fmt, filename=f"doi-tuong-{stamp}",
                    changes={"what": "registry.person", "filters": {k: v for k, v in filters.items() if v}})


@require(REGISTRY_VIEW)
def person_detail(request, pk: int):
    person = selectors.person_get(user=request.user, pk=pk)
    services.person_record_view(user=request.user, person=person)
    context = {
        "person": person,
        "membership": selectors.person_current_membership(person=person),
        "history": history_of(user=request.user, instance=person).exclude(action=AuditEvent.Action.VIEW)[:50],
        "can_change": can(request.user, REGISTRY_CHANGE) and not person.merged_into_id,
        "age": person.age_on(timezone.localdate()),
        # what the apps built on the registry show of this person (social assistance…)
        "actions": render_panels(PERSON_ACTIONS, request, person=person),
        "panels": render_panels(PERSON_PANELS, request, person=person),
    }
    return render(request, "registry/person_detail.html", context)


@require(REGISTRY_CHANGE)
def person_create(request):
    form = PersonForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(user=request.user, data=form.service_data())
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã thêm %(name)s vào sổ đăng ký.") % {"name": person.full_name})
            return redirect("registry:person_detail", pk=person.pk)
    return render(request, "registry/person_form.html", {"form": form, "title": _("Thêm đối tượng")})


@require(REGISTRY_CHANGE)
def person_edit(request, pk: int):
    person = selectors.person_get(user=request.user, pk=pk)
    form = PersonForm(request.POST or None, user=request.user, initial=PersonForm.initial_from(person))
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_update(
                user=request.user, person=person, data=form.service_data(),
                expected_version=form.cleaned_data.get("version") or 0,
            )
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("registry:person_detail", pk=person.pk)
    return render(request, "registry/person_form.html", {"form": form, "person": person, "title": _("Sửa: %(name)s") % {"name": person.full_name}})


@require(REGISTRY_VIEW)
def household_list(request):
    search = request.GET.get("q", "")
    page = paginate(request, selectors.household_list(user=request.user, search=search))
    context = {"page": page, "q": search, "htmx_target": "#household-results"}
    if request.htmx and request.htmx.target == "household-results":
        return render(request, "registry/_household_table.html", context)
    return render(request, "registry/household_list.html", context)


@require(REGISTRY_VIEW)
def household_detail(request, pk: int):
    household = selectors.household_get(user=request.user, pk=pk)
    context = {
        "household": household,
        "members": [m for m in household.memberships.all() if m.left_on is None],
        "former": [m for m in household.memberships.all() if m.left_on is not None],
        "history": history_of(user=request.user, instance=household)[:50],
        "can_change": can(request.user, REGISTRY_CHANGE),
        "member_form": MemberAddForm(),
        "poverty_form": PovertyForm(initial={"year": timezone.localdate().year}),
    }
    return render(request, "registry/household_detail.html", context)


@require(REGISTRY_CHANGE)
def household_create(request):
    form = HouseholdForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(user=request.user, data=form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã tạo hộ %(code)s.") % {"code": household.code})
            return redirect("registry:household_detail", pk=household.pk)
    return render(request, "registry/household_form.html", {"form": form, "title": _("Thêm hộ gia đình")})


@require(REGISTRY_CHANGE)
def household_edit(request, pk: int):
    household = selectors.household_get(user=request.user, pk=pk)
    initial = {"code": household.code, "commune": household.commune_id, "hamlet": household.hamlet,
               "address": household.address, "version": household.version}
    form = HouseholdForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version") or 0
        try:
            household = services.household_update(user=request.user, household=household, data=data, expected_version=version)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("registry:household_detail", pk=household.pk)
    return render(request, "registry/household_form.html", {"form": form, "household": household, "title": _("Sửa hộ %(code)s") % {"code": household.code}})


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


@require(REGISTRY_MERGE)
def duplicate_list(request):
    status = request.GET.get("status") or DuplicateCandidate.Status.PENDING
    page = paginate(request, selectors.duplicate_queue(user=request.user, status=status))
    return render(request, "registry/duplicate_list.html", {"page": page, "status": status,
                                                            "statuses": DuplicateCandidate.Status.choices})


@require_POST
@require(REGISTRY_MERGE)
def duplicate_resolve(request, pk: int):
    candidate = selectors.duplicate_get(user=request.user, pk=pk)
    action = request.POST.get("action")
    try:
        if action == "dismiss":
            services.duplicate_dismiss(user=request.user, candidate=candidate)
            messages.success(request, _("Đã đánh dấu hai hồ sơ là khác người."))
        elif action in ("keep_a", "keep_b"):
            a, b = candidate.person_a, candidate.person_b
            survivor, duplicate = (a, b) if action == "keep_a" else (b, a)
            services.person_merge(user=request.user, survivor=survivor, duplicate=duplicate)
            messages.success(request, _("Đã gộp hồ sơ %(duplicate)s vào %(name)s (mã %(survivor)s).")
                             % {"duplicate": duplicate.pk, "name": survivor.full_name, "survivor": survivor.pk})
        else:
            messages.error(request, _("Thao tác không hợp lệ."))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("registry:duplicate_list")
