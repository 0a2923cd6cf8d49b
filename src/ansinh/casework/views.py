"""Pages of case management: the workbench, the cases a user is related to, a case's file with its steps, the
units' case workers, and the register of children in special circumstances."""


from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_POST

from ansinh.assistance.models import Enrolment
from ansinh.core import indicators
from ansinh.core.access import can
from ansinh.core.charts import bar_chart
from ansinh.core.exceptions import DomainError
from ansinh.core.generic import (
    ActionView,
    Export,
    ScopedDetailView,
    ScopedListView,
    ServiceFormView,
)
from ansinh.core.web import posted, require
from ansinh.facilities.models import Organisation
from ansinh.registry.selectors import access_person, person_by_citizen_id

from . import selectors, services
from .access import (
    CASEWORK_MANAGE,
    CASEWORK_OVERSEE,
    CASEWORK_VIEW,
    CASEWORK_WORK,
    CHILDREN_CHANGE,
    CHILDREN_VIEW,
)
from .actions import CASE_ACTIONS
from .filters import CaseFilterSet, CircumstanceFilterSet
from .forms import (
    CaseEditForm,
    CaseOpenForm,
    ChildAddForm,
    CircumstanceEndForm,
    CircumstanceForm,
    RespondForm,
    SupportForm,
    WorkerForm,
)
from .indicators import CHILDREN, PEOPLE
from .models import SENSITIVE_GROUPS, Case, CaseShare, Circumstance, Deadline, Worker

CASE_COLUMNS = (  # no names, no summary: a file leaving the system says what and where, not who
    (gettext_lazy("Số hồ sơ"), lambda c: c.code),
    (gettext_lazy("Đơn vị"), lambda c: c.organisation.name),
    (gettext_lazy("Loại ca"), lambda c: c.get_case_type_display()),
    (gettext_lazy("Nguy cơ"), lambda c: c.get_risk_display()),
    (gettext_lazy("Bước"), lambda c: c.get_stage_display()),
    (pgettext_lazy("received at", "Tiếp nhận"), lambda c: timezone.localtime(c.received_at).strftime("%d/%m/%Y %H:%M")),
    (gettext_lazy("Người quản lý ca"), lambda c: c.worker.username),
    (gettext_lazy("Ngày đóng"), lambda c: c.closed_on),
)
CHILD_COLUMNS = (
    (gettext_lazy("Họ và tên"), lambda r: r.person.full_name),
    (gettext_lazy("Ngày sinh"), lambda r: r.person.birth_display),
    (gettext_lazy("Xã/phường"), lambda r: r.person.commune.name),
    (gettext_lazy("Nhóm"), lambda r: r.get_group_display()),
    (gettext_lazy("Từ ngày"), lambda r: r.since),
    (gettext_lazy("Đến ngày"), lambda r: r.until),
)


# --- the workbench -------------------------------------------------------------------------------------


def _trend_charts(trend: dict) -> tuple[str, str]:
    labels = [f"{m:%m/%y}" for m in trend["months"]]
    from .models import CaseType
    names = dict(CaseType.choices)
    received = bar_chart(title=_("Ca tiếp nhận theo tháng, theo loại"), labels=labels, stacked=True, width=640,
                         series={str(names[k]): v for k, v in sorted(trend["received"].items())} or {"": []})
    status = bar_chart(title=_("Ca đang mở cuối tháng và ca đóng trong tháng"), labels=labels, width=640,
                       series={_("Đang mở"): trend["open"], _("Đóng trong tháng"): trend["closed"]})
    return received, status


@require(CASEWORK_VIEW)
def workbench(request):
    user = request.user
    data = selectors.workbench(user=user)
    received, status = _trend_charts(data["trend"])
    incoming = list(selectors.incoming_referrals(user=user)[:50])
    people: dict[int, list] = {}
    for referral in incoming:  # the receiving unit's workers, once per unit
        referral.people = people.setdefault(referral.to_id, list(selectors.unit_workers(referral.to)))
    return render(request, "casework/workbench.html", {
        "mine": data["mine"][:25], "mine_count": data["mine"].count(),
        "overdue": data["overdue"][:50], "overdue_count": data["overdue"].count(),
        "due_today": data["due_today"][:50], "caseloads": data["caseloads"],
        "incoming": incoming, "chart_received": received,
        "chart_status": status, "can_open": can(user, CASEWORK_WORK), "can_oversee": can(user, CASEWORK_OVERSEE),
        "indicators": [(code, indicators.get(code).label) for code, cap in ((PEOPLE, CASEWORK_OVERSEE),
                       (CHILDREN, CHILDREN_VIEW)) if can(user, cap)],
        "now": timezone.now()})


# --- cases ---------------------------------------------------------------------------------------------


class CaseList(ScopedListView):
    access = CASEWORK_VIEW
    filterset_class = CaseFilterSet
    template_name = "casework/case_list.html"
    table_template = "casework/_case_table.html"
    table_id = "case-results"
    source = selectors.cases
    export = Export(columns=CASE_COLUMNS, related=("organisation", "worker"), filename="ca", what="casework.case",
                    url_name="casework:case_export", sheet="Ca")

    def get_context_data(self, **context):
        return {**context, "can_open": can(self.request.user, CASEWORK_WORK)}


class CaseOpen(ServiceFormView):
    access = CASEWORK_WORK
    form_class = CaseOpenForm
    template_name = "casework/case_form.html"

    def get_form_kwargs(self):
        units = selectors.openable_units(user=self.request.user)
        people = get_user_model().objects.filter(
            pk__in=Worker.objects.filter(organisation__in=units, active=True).values("user_id")).order_by("username")
        return {"units": units, "people": people}

    def get_initial(self):
        units = self.get_form_kwargs()["units"]
        return {"organisation": units.first() if units.count() == 1 else None, "worker": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        user = self.request.user
        subjects = []
        for number in data["ids"]:
            try:
                subjects.append(person_by_citizen_id(user=user, citizen_id=number))
            except DomainError as exc:
                raise DomainError(f"{number}: {exc.message}", field="citizen_ids") from None
        new_person = None
        if data.get("new_name"):
            year, month, day = data["new_birth"]
            new_person = {"full_name": data["new_name"], "birth_year": year, "birth_month": month, "birth_day": day,
                          "sex": data["new_sex"]}
        return services.case_open(
            user=user, organisation=data["organisation"], source=data["source"], received_at=data["received_at"],
            case_type=data["case_type"], risk=data["risk"], summary=data["summary"], worker=data["worker"],
            supervisor=data["supervisor"], subjects=subjects, new_person=new_person,
            reporter_name=data["reporter_name"], reporter_phone=data["reporter_phone"])

    def success_text(self, case):
        worker = case.worker.get_full_name() or case.worker.username
        return _("Đã mở ca %(code)s, giao cho %(worker)s.") % {"code": case.code, "worker": worker}

    def success(self, case):
        if not selectors.relations(self.request.user, case):  # opened for others: the file is theirs to read
            return redirect("casework:workbench")
        return redirect("casework:case_detail", pk=case.pk)


def _deadline_rows(case, now):
    rows = []
    for d in case.deadlines.all():
        state = "met" if d.met_at else ("late" if d.due_at < now else "open")
        if d.met_at and d.met_at > d.due_at:
            state = "met_late"
        rows.append((d, state))
    return rows


class CaseDetail(ScopedDetailView):
    access = CASEWORK_VIEW
    template_name = "casework/case_detail.html"
    read = selectors.access_case
    context_object_name = "case"

    def get_context_data(self, **context):
        case, user = context["case"], self.request.user
        services.case_view(user=user, case=case)
        now = timezone.now()
        actions = [(a, a.form(case)) for a in CASE_ACTIONS.available(user, case)]
        if case.deadlines.filter(step=Deadline.Step.EMERGENCY, met_at__isnull=True).exists():
            actions.sort(key=lambda pair: pair[0].name != "emergency")  # the 12 hours come first
        try:
            from . import documents
            forms = documents.available(case)
        except ImportError:  # pragma: no cover - the forms module ships with the app
            forms = []
        return {**context, "actions": actions, "deadlines": _deadline_rows(case, now), "now": now,
                "relations": selectors.relations(user, case),
                "subjects": case.subjects.select_related("person", "person__commune"),
                "entries": case.entries.select_related("by").prefetch_related("needs"),
                "plans": case.plans.prefetch_related("items"), "services": case.services.all(),
                "referrals": case.referrals.select_related("to", "receiving_worker"),
                "shares": case.shares.filter(revoked_at__isnull=True).select_related("user"),
                "forms": forms, "can_edit": bool(selectors.relations(user, case) & {"worker", "supervisor"})}


class CaseEdit(ServiceFormView):
    access = CASEWORK_WORK
    form_class = CaseEditForm
    template_name = "casework/case_edit.html"

    def load(self):
        self.case = selectors.access_case(self.request.user, self.kwargs["pk"])

    def get_initial(self):
        c = self.case
        return {"source": c.source, "reporter_name": c.reporter_name, "reporter_phone": c.reporter_phone,
                "case_type": c.case_type, "risk": c.risk, "summary": c.summary, "version": c.version}

    def get_context_data(self, **context):
        return {**context, "case": self.case}

    def perform(self, form):
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return services.case_update(user=self.request.user, case=self.case, expected_version=version, **data)

    def success_text(self, case):
        return _("Đã lưu.")

    def success(self, case):
        return redirect("casework:case_detail", pk=case.pk)


class CaseStep(ActionView):
    access = CASEWORK_WORK
    actions = CASE_ACTIONS
    read = selectors.access_case
    template_name = "casework/case_action.html"

    def back_url(self, case):
        return reverse("casework:case_detail", args=[case.pk])

    def get_context_data(self, **context):
        return {**context, "case": context["object"]}


@require(CASEWORK_VIEW)
def case_form(request, pk: int, slug: str):
    """A form of the case as DOCX (the case file, printed): the download is recorded."""
    from . import documents

    case = selectors.access_case(request.user, pk)
    try:
        filename, content = documents.form_docx(case, slug)
    except KeyError:
        raise Http404(_("Không tìm thấy.")) from None
    services.case_form_printed(user=request.user, case=case, form=slug)
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument."
                                                  "wordprocessingml.document")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_POST
@require(CASEWORK_WORK)
def case_unshare(request, pk: int, share: int):
    case = selectors.access_case(request.user, pk)
    row = CaseShare.objects.filter(case=case, pk=share, revoked_at__isnull=True).first()
    if row is None:
        raise Http404(_("Không tìm thấy."))
    try:
        services.case_unshare(user=request.user, share=row)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thôi chia sẻ."))
    return redirect("casework:case_detail", pk=case.pk)


@require_POST
@require(CASEWORK_WORK)
def referral_respond(request, pk: int):
    referral = selectors.access_incoming(request.user, pk)
    form = RespondForm(request.POST, people=selectors.unit_workers(referral.to))
    return posted(request, form, lambda data: services.referral_respond(
        user=request.user, referral=referral, accept=data["accept"], receiving_worker=data.get("receiving_worker"),
        note=data.get("note") or ""), done=_("Đã trả lời chuyển gửi."), back=reverse("casework:workbench"))


# --- units and their case workers ----------------------------------------------------------------------


@require(CASEWORK_OVERSEE)
def worker_list(request):
    user = request.user
    units = selectors.units(user=user)
    form = WorkerForm(organisations=selectors.possible_units(user=user)) if can(user, CASEWORK_MANAGE) else None
    rows = selectors.caseloads(user=user)
    return render(request, "casework/worker_list.html", {
        "caseloads": rows, "totals": selectors.unit_totals(rows), "units": units, "form": form})


@require_POST
@require(CASEWORK_MANAGE)
def worker_add(request):
    user = request.user
    form = WorkerForm(request.POST, organisations=Organisation.objects.all())

    def perform(data):
        organisation = data["organisation"]
        worker = get_user_model().objects.filter(username=data["username"].strip()).first()
        if worker is None:
            raise DomainError(_("Không có người dùng này."), field="username")
        return services.worker_add(user=user, organisation=organisation, worker=worker, supervisor=data["supervisor"])

    return posted(request, form, perform, done=_("Đã ghi người quản lý ca."), back=reverse("casework:worker_list"))


@require_POST
@require(CASEWORK_MANAGE)
def worker_remove(request, pk: int):
    worker = selectors.access_worker(request.user, pk, "manage")
    try:
        services.worker_remove(user=request.user, worker=worker)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã thôi ghi người này quản lý ca tại đơn vị."))
    return redirect("casework:worker_list")


# --- children in special circumstances ----------------------------------------------------------------


class ChildList(ScopedListView):
    access = CHILDREN_VIEW
    filterset_class = CircumstanceFilterSet
    template_name = "casework/child_list.html"
    table_template = "casework/_child_table.html"
    table_id = "child-results"
    export = Export(columns=CHILD_COLUMNS, related=("person", "person__commune"), filename="tre-em-hcdb",
                    what="casework.circumstance", url_name="casework:child_export", sheet="Trẻ em HCĐB")

    def get_queryset(self):
        return selectors.circumstances(user=self.request.user).exclude(group__in=SENSITIVE_GROUPS)

    def get_context_data(self, **context):
        return {**context, "can_add": can(self.request.user, CHILDREN_CHANGE), "add_form": ChildAddForm()}


@require(CHILDREN_VIEW)
def child_detail(request, pk: int):
    """A child's circumstances, the support and allowances received, and the cases the reader may see. Reading
    it is recorded; the sensitive groups are shown to those who keep the register."""
    user = request.user
    person = access_person(user, pk)
    rows = selectors.circumstances(user=user).filter(person=person)
    if not rows.exists():
        raise Http404(_("Không tìm thấy."))
    keeper = can(user, CHILDREN_CHANGE)
    services.child_record_view(user=user, person=person)
    return render(request, "casework/child_detail.html", {
        "person": person, "groups": rows if keeper else rows.exclude(group__in=SENSITIVE_GROUPS),
        "hidden": 0 if keeper else rows.filter(group__in=SENSITIVE_GROUPS).count(),
        "supports": selectors.supports(user=user).filter(person=person),
        "allowances": Enrolment.objects.visible_to(user).filter(person=person).order_by("-start_month")
        if can(user, "assistance.view") else [],
        "cases": Case.objects.visible_to(user).filter(subjects__person=person).select_related("organisation"),
        "keeper": keeper, "group_form": CircumstanceForm(prefix="g"), "support_form": SupportForm(prefix="s"),
        "end_form": CircumstanceEndForm(prefix="e")})


@require_POST
@require(CHILDREN_CHANGE)
def child_add(request):
    form = ChildAddForm(request.POST)

    def perform(data):
        try:
            person = person_by_citizen_id(user=request.user, citizen_id=data["citizen_id"])
        except DomainError as exc:
            raise DomainError(exc.message, field="citizen_id") from None
        return services.circumstance_add(user=request.user, person=person, group=data["group"], since=data["since"],
                                         note=data.get("note") or "")

    return posted(request, form, perform, done=_("Đã ghi vào sổ trẻ em có hoàn cảnh đặc biệt."),
                  back=reverse("casework:child_list"),
                  after=lambda row: reverse("casework:child_detail", args=[row.person_id]))


@require_POST
@require(CHILDREN_CHANGE)
def child_group_add(request, pk: int):
    person = access_person(request.user, pk)
    return posted(request, CircumstanceForm(request.POST, prefix="g"), lambda data: services.circumstance_add(
        user=request.user, person=person, group=data["group"], since=data["since"], note=data.get("note") or ""),
        done=_("Đã ghi."), back=reverse("casework:child_detail", args=[pk]))


@require_POST
@require(CHILDREN_CHANGE)
def child_group_end(request, pk: int, row: int):
    circumstance = Circumstance.objects.visible_to(request.user, "change").filter(person_id=pk, pk=row).first()
    if circumstance is None:
        raise Http404(_("Không tìm thấy."))
    return posted(request, CircumstanceEndForm(request.POST, prefix="e"), lambda data: services.circumstance_end(
        user=request.user, circumstance=circumstance, until=data["until"], note=data.get("note") or ""),
        done=_("Đã ghi."), back=reverse("casework:child_detail", args=[pk]))


@require_POST
@require(CHILDREN_CHANGE)
def child_support_add(request, pk: int):
    person = access_person(request.user, pk)
    return posted(request, SupportForm(request.POST, prefix="s"), lambda data: services.support_add(
        user=request.user, person=person, kind=data["kind"], given_on=data["given_on"], provider=data["provider"],
        amount=data.get("amount") or 0, note=data.get("note") or ""),
        done=_("Đã ghi hỗ trợ."), back=reverse("casework:child_detail", args=[pk]))

