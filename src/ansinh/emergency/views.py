"""Pages of emergency assistance, for a commune officer during a disaster (plain forms, one page per event, no
script needed) and for the province watching who still waits: the events, an event with its list, aid, decisions
and requests, the people still waiting, and the funeral supports."""

import datetime

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ansinh.audit.models import AuditEvent
from ansinh.audit.services import audit_record
from ansinh.core.access import can
from ansinh.core.exceptions import DomainError
from ansinh.core.files import Table
from ansinh.core.generic import Export, ScopedDetailView, ScopedListView, ServiceFormView
from ansinh.core.web import posted, require
from ansinh.fund.models import Fund

from . import documents, selectors, services
from .access import EMERGENCY_MANAGE, EMERGENCY_VIEW
from .filters import EventFilterSet, FuneralFilterSet, WaitingFilterSet
from .forms import (
    AidForm,
    AnswerForm,
    CloseForm,
    CommuneForm,
    DecisionForm,
    DeliverAllForm,
    DeliveryForm,
    EventForm,
    FuneralDecideForm,
    FuneralPayForm,
    PasteForm,
    PaymentForm,
    RequestForm,
)
from .models import AidKind

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LINES_PER_PAGE = 100


class EventList(ScopedListView):
    access = EMERGENCY_VIEW
    filterset_class = EventFilterSet
    template_name = "emergency/event_list.html"
    source = selectors.events

    def get_context_data(self, **context):
        page = context["page"]
        page.object_list = selectors.with_counts(page.object_list, user=self.request.user)
        return context


class EventCreate(ServiceFormView):
    access = EMERGENCY_MANAGE
    form_class = EventForm
    template_name = "emergency/event_form.html"

    def get_form_kwargs(self):
        return {"user": self.request.user}

    def get_initial(self):
        return {"started_on": timezone.localdate()}

    def perform(self, form):
        return services.event_create(user=self.request.user, **form.cleaned_data)

    def success(self, event):
        return redirect("emergency:event_detail", pk=event.pk)

    def success_text(self, event):
        return _("Đã ghi sự kiện. Hãy dán danh sách người, hộ bị ảnh hưởng.")


def _status(line, today: datetime.date) -> tuple[str, str]:
    """(css, text) of a line's timeliness, with how long it has waited."""
    state = line.timeliness(today)
    if state == "closed":
        return "light", _("Không trợ giúp: %(reason)s") % {"reason": line.closed_reason}
    if state == "prompt":
        return "success", _("Kịp thời")
    waited = (today - line.detected_on).days
    if state == "late" and line.delivered_on is not None:
        return "warning", _("Đã nhận, quyết định trễ hạn")
    if state == "late":
        return "danger", _("Quá hạn, chờ %(days)s ngày") % {"days": waited}
    if line.decided_on is not None:
        return "info", _("Đã quyết định, chờ nhận (%(days)s ngày)") % {"days": waited}
    return "secondary", _("Chờ quyết định (%(days)s ngày)") % {"days": waited}


class EventDetail(ScopedDetailView):
    access = EMERGENCY_VIEW
    template_name = "emergency/event_detail.html"
    read = selectors.access_event
    context_object_name = "event"

    def get_context_data(self, **context):
        event, user, today = context["event"], self.request.user, timezone.localdate()
        communes = selectors.event_communes(user=user, event=event)
        chosen = next((c for c in communes if c.code == self.request.GET.get("commune")), None)
        lines = selectors.affected_of(user=user, event=event, commune=chosen)
        page = Paginator(lines, LINES_PER_PAGE).get_page(self.request.GET.get("page"))
        for line in page.object_list:
            line.css, line.status = _status(line, today)
        manage = can(user, EMERGENCY_MANAGE) and bool(communes)
        mine = [chosen] if chosen else communes
        initial = {"detected_on": today, "decided_on": today, "sent_on": today}
        refused = self.request.session.pop(PASTE_KEY, None)  # a list refused comes back to be corrected
        paste_initial = {**initial, "rows": refused["rows"], "detected_on": refused["detected_on"]} \
            if refused and refused.get("event") == event.pk else initial
        summary = selectors.summary(user=user, event=event, today=today)
        return {**context, "today": today, "communes": communes, "chosen": chosen, "page": page,
                "summary": summary, "totals": selectors.totals(user=user, event=event),
                "decisions": selectors.decisions_of(user=user, event=event),
                "requests": selectors.requests_of(user=user, event=event), "can_manage": manage,
                "answers": manage and getattr(user.jurisdiction, "level", "province") != "commune",
                "query": self.request.GET.urlencode(), "aid_kinds": AidKind,
                "paste_form": PasteForm(prefix="p", communes=mine, initial=paste_initial), "paste_refused": bool(refused),
                "decision_days": selectors.terms(today, event.province_code).decision_days,
                "propose_form": CommuneForm(prefix="m", communes=mine),
                "decision_form": DecisionForm(prefix="q", communes=mine, initial=initial),
                "request_form": RequestForm(prefix="r", communes=mine, initial=initial),
                "deliver_form": DeliverAllForm(prefix="g", initial={"delivered_on": today}),
                "payment_methods": PaymentForm.base_fields["method"].choices,
                "funds": list(Fund.objects.visible_to(user, "manage").order_by("name")) if manage else [],
                "fund_uses": selectors.fund_uses(user=user, event=event),
                "answer_form": AnswerForm(prefix="t", initial={"answered_on": today})}


def _back(pk: int) -> str:
    return reverse("emergency:event_detail", args=[pk])


def _communes(request, event):
    return selectors.event_communes(user=request.user, event=event)


PASTE_KEY = "emergency.refused_list"


@require_POST
@require(EMERGENCY_MANAGE)
def affected_paste(request, pk: int):
    """The list, all or nothing; a refused list is kept for the page, so the officer corrects the rows named
    instead of pasting them all again."""
    event = selectors.access_event(request.user, pk, "manage")
    request.session[PASTE_KEY] = {"event": event.pk, "rows": request.POST.get("p-rows", "")[:200_000],
                                  "detected_on": request.POST.get("p-detected_on", "")}

    def perform(data):
        created = services.affected_paste(user=request.user, event=event, commune=data["commune"],
                                          text=data["rows"], detected_on=data["detected_on"])
        request.session.pop(PASTE_KEY, None)  # written: nothing to bring back
        return created

    return posted(request, PasteForm(request.POST, prefix="p", communes=_communes(request, event)), perform,
                  done=_("Đã ghi danh sách."), back=_back(pk))


@require_POST
@require(EMERGENCY_MANAGE)
def aids_propose(request, pk: int):
    event = selectors.access_event(request.user, pk, "manage")
    return posted(request, CommuneForm(request.POST, prefix="m", communes=_communes(request, event)),
                  lambda data: services.aids_propose_minimums(user=request.user, event=event,
                                                              commune=data["commune"]),
                  done=_("Đã đề xuất mức trợ giúp tối thiểu theo quy định cho các dòng chưa có."), back=_back(pk))


@require_POST
@require(EMERGENCY_MANAGE)
def decision_make(request, pk: int):
    event = selectors.access_event(request.user, pk, "manage")
    return posted(request, DecisionForm(request.POST, prefix="q", communes=_communes(request, event)),
                  lambda data: services.decision_make(user=request.user, event=event, **data),
                  done=_("Đã ghi quyết định trợ giúp khẩn cấp."), back=_back(pk))


@require_POST
@require(EMERGENCY_MANAGE)
def request_send(request, pk: int):
    event = selectors.access_event(request.user, pk, "manage")
    return posted(request, RequestForm(request.POST, prefix="r", communes=_communes(request, event)),
                  lambda data: services.request_send(user=request.user, event=event, **data),
                  done=_("Đã gửi đề nghị lên tỉnh."), back=_back(pk))


@require_POST
@require(EMERGENCY_MANAGE)
def request_answer(request, pk: int):
    support_request = selectors.access_request(request.user, pk, "manage")
    return posted(request, AnswerForm(request.POST, prefix="t"),
                  lambda data: services.request_answer(user=request.user, request=support_request, **data),
                  done=_("Đã ghi trả lời của tỉnh."), back=_back(support_request.event_id))


@require_POST
@require(EMERGENCY_MANAGE)
def aid_propose(request, pk: int):
    line = selectors.access_affected(request.user, pk, "manage")
    return posted(request, AidForm(request.POST, prefix="a"),
                  lambda data: services.aid_propose(user=request.user, affected=line, **data),
                  done=_("Đã đề xuất khoản trợ giúp."), back=_back(line.event_id))


@require_POST
@require(EMERGENCY_MANAGE)
def affected_close(request, pk: int):
    line = selectors.access_affected(request.user, pk, "manage")
    return posted(request, CloseForm(request.POST, prefix="c"),
                  lambda data: services.affected_close(user=request.user, affected=line, **data),
                  done=_("Đã ghi không trợ giúp %(name)s.") % {"name": line.person.full_name}, back=_back(line.event_id))


@require_POST
@require(EMERGENCY_MANAGE)
def aid_withdraw(request, pk: int):
    aid = selectors.access_aid(request.user, pk, "manage")
    try:
        services.aid_withdraw(user=request.user, aid=aid)
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Đã rút đề xuất."))
    return redirect(_back(aid.affected.event_id))


@require_POST
@require(EMERGENCY_MANAGE)
def delivery_record(request, pk: int):
    aid = selectors.access_aid(request.user, pk, "manage")
    return posted(request, DeliveryForm(request.POST, prefix="d", user=request.user),
                  lambda data: services.delivery_record(user=request.user, aid=aid, **data),
                  done=_("Đã ghi chi, phát."), back=_back(aid.affected.event_id))


@require_POST
@require(EMERGENCY_MANAGE)
def decision_deliver(request, pk: int):
    decision = selectors.access_decision(request.user, pk, "manage")
    return posted(request, DeliverAllForm(request.POST, prefix="g", user=request.user),
                  lambda data: services.deliver_decision(user=request.user, decision=decision, **data),
                  done=_("Đã ghi chi, phát đủ theo quyết định %(number)s.") % {"number": decision.number},
                  back=_back(decision.event_id))


@require_POST
@require(EMERGENCY_MANAGE)
def decision_payment(request, pk: int):
    decision = selectors.access_decision(request.user, pk, "manage")

    def perform(data):
        made, files = services.decision_payment(user=request.user, decision=decision, method=data["method"])
        if not files:
            messages.warning(request, _("Chưa có tổ chức chi trả nào phục vụ xã này: các dòng chờ giao tệp."))
        return made

    return posted(request, PaymentForm(request.POST, prefix="y"), perform,
                  done=_("Đã giao tiền mặt của quyết định %(number)s cho tổ chức chi trả; kết quả chi được ghi khi "
                         "đối soát tệp kết quả.") % {"number": decision.number}, back=_back(decision.event_id))


def _docx(request, instance, content: bytes, filename: str) -> HttpResponse:
    audit_record(actor=request.user, action=AuditEvent.Action.EXPORT, instance=instance,
                 changes={"what": filename})
    response = HttpResponse(content, content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require(EMERGENCY_VIEW)
def decision_docx(request, pk: int):
    decision = selectors.access_decision(request.user, pk)
    return _docx(request, decision, documents.decision_docx(decision),
                 f"quyet-dinh-tro-giup-khan-cap-{decision.number.replace('/', '-')}.docx")


# --- who is still waiting ---------------------------------------------------------------------------------------


def _waiting_table(queryset):
    today = timezone.localdate()
    rows = ([line.event.name, line.commune.name, line.hamlet, line.person.full_name, line.get_damage_display(),
             line.people, f"{line.detected_on:%d/%m/%Y}", f"{line.due_on:%d/%m/%Y}",
             f"{line.decided_on:%d/%m/%Y}" if line.decided_on else "", (today - line.detected_on).days]
            for line in queryset.iterator(chunk_size=2000))
    return Table(headers=[_("Sự kiện"), _("Xã/phường"), _("Thôn/ấp"), _("Họ và tên"), _("Thiệt hại"), _("Số người"),
                          _("Ngày phát hiện"), _("Hạn quyết định"), _("Ngày quyết định"), _("Số ngày chờ")],
                 rows=rows, sheet=_("Chờ trợ giúp"))


class WaitingList(ScopedListView):
    access = EMERGENCY_VIEW
    filterset_class = WaitingFilterSet
    template_name = "emergency/waiting_list.html"
    table_template = "emergency/_waiting_table.html"
    export = Export(filename="cho-tro-giup-khan-cap", what="Người, hộ chờ trợ giúp khẩn cấp",
                    url_name="emergency:waiting_export", table=_waiting_table)

    def get_queryset(self):
        return selectors.waiting(user=self.request.user, today=timezone.localdate())

    def get_context_data(self, **context):
        today = timezone.localdate()
        for line in context["page"].object_list:
            line.waited = (today - line.detected_on).days
            line.overdue = line.decided_on is None and line.due_on < today
        return {**context, "today": today}


# --- funeral support ---------------------------------------------------------------------------------------------


class FuneralList(ScopedListView):
    access = EMERGENCY_VIEW
    filterset_class = FuneralFilterSet
    template_name = "emergency/funeral_list.html"
    source = selectors.funeral_supports


class FuneralDetail(ScopedDetailView):
    access = EMERGENCY_VIEW
    template_name = "emergency/funeral_detail.html"
    read = selectors.access_funeral
    context_object_name = "support"

    def get_context_data(self, **context):
        support, today = context["support"], timezone.localdate()
        return {**context, "can_manage": can(self.request.user, EMERGENCY_MANAGE) and can(
                    self.request.user, support.scope.capability("manage")),
                "decide_form": FuneralDecideForm(initial={"version": support.version, "decided_on": today,
                                                          "recipient": support.recipient}),
                "pay_form": FuneralPayForm(initial={"version": support.version, "paid_on": today})}


def _funeral_back(pk: int) -> str:
    return reverse("emergency:funeral_detail", args=[pk])


@require_POST
@require(EMERGENCY_MANAGE)
def funeral_decide(request, pk: int):
    support = selectors.access_funeral(request.user, pk, "manage")
    return posted(request, FuneralDecideForm(request.POST),
                  lambda data: services.funeral_decide(user=request.user, support=support,
                                                       expected_version=data.pop("version"), **data),
                  done=_("Đã ghi quyết định hỗ trợ mai táng."), back=_funeral_back(pk))


@require_POST
@require(EMERGENCY_MANAGE)
def funeral_pay(request, pk: int):
    support = selectors.access_funeral(request.user, pk, "manage")
    return posted(request, FuneralPayForm(request.POST),
                  lambda data: services.funeral_pay(user=request.user, support=support,
                                                    expected_version=data["version"], paid_on=data["paid_on"]),
                  done=_("Đã ghi chi trả hỗ trợ mai táng."), back=_funeral_back(pk))


@require(EMERGENCY_VIEW)
def funeral_docx(request, pk: int):
    support = selectors.access_funeral(request.user, pk)
    if not support.decision_number:
        raise Http404(_("Không tìm thấy."))
    return _docx(request, support, documents.funeral_docx(support),
                 f"quyet-dinh-ho-tro-mai-tang-{support.decision_number.replace('/', '-')}.docx")
