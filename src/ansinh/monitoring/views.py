"""Pages of the plans: the province's plans, a plan with its targets — measured today where a computed indicator
measures them — and its task table; the periodic reports of a plan (who has reported, who is late), a report
being written, reviewed, previewed and downloaded as DOCX with its XLSX annex."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from ansinh.core.access import can
from ansinh.core.exceptions import DomainError
from ansinh.core.files import XLSX
from ansinh.core.generic import AccessMixin, ScopedDetailView, ScopedListView
from ansinh.core.web import form_error

from . import documents, rules, selectors, services
from .access import PLANS_VIEW, REPORTS_PREPARE, REPORTS_REVIEW, REPORTS_VIEW
from .filters import PlanFilterSet
from .forms import ReportForm, ReviewForm

PROGRESS_LABELS = {rules.ON_TRACK: _lazy("Đúng tiến độ"), rules.AT_RISK: _lazy("Có nguy cơ chậm"),
                   rules.OFF_TRACK: _lazy("Chậm tiến độ"), rules.MET: _lazy("Đạt"), rules.NOT_MET: _lazy("Không đạt")}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PlanList(ScopedListView):
    access = PLANS_VIEW
    filterset_class = PlanFilterSet
    template_name = "monitoring/plan_list.html"
    source = selectors.plans


class PlanDetail(ScopedDetailView):
    access = PLANS_VIEW
    template_name = "monitoring/plan_detail.html"
    read = selectors.access_plan
    context_object_name = "plan"

    def get_context_data(self, **context):
        today = timezone.localdate()
        return {**context, "today": today,
                "rows": selectors.progress(user=self.request.user, plan=context["plan"], day=today),
                "tasks": context["plan"].tasks.order_by("position"),
                "schedules": context["plan"].schedules.all(),
                "can_report": can(self.request.user, REPORTS_VIEW)}


class PlanReports(AccessMixin, View):
    """The reports a plan asks for in one period: each unit's state, deadline and lateness; the user's own unit's
    report to open or start."""

    access = REPORTS_VIEW

    def load(self):
        self.plan = selectors.access_plan(self.request.user, self.kwargs["pk"])
        self.today = timezone.localdate()
        self.periods = selectors.periods(self.plan, self.today)
        chosen = self.request.GET.get("period") or self.request.POST.get("period")
        found = [p for p in self.periods if p.code == chosen]
        self.period = found[0] if found else (self.periods[0] if self.periods else None)

    def get(self, request, pk):
        rows = selectors.submissions(user=request.user, plan=self.plan, period=self.period, today=self.today) \
            if self.period else []
        unit = getattr(request.user, "jurisdiction", None)
        owed = [r for r in rows if r.unit.level == "commune"]
        counts = {"units": len(owed), "submitted": sum(1 for r in owed if not r.missing),
                  "approved": sum(1 for r in owed if r.report and r.report.status == "approved"),
                  "late": sum(1 for r in owed if r.days_late and r.missing)}
        return render(request, "monitoring/plan_reports.html", {
            "plan": self.plan, "periods": self.periods, "period": self.period, "rows": rows, "counts": counts,
            "can_prepare": can(request.user, REPORTS_PREPARE) and unit is not None,
            "mine": next((r for r in rows if unit is not None and r.unit.pk == unit.pk), None)})

    def post(self, request, pk):
        if self.period is None:
            raise Http404(_("Không tìm thấy."))
        try:
            report = services.report_prepare(user=request.user, plan=self.plan, period=self.period.code)
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect(f"{reverse('monitoring:plan_reports', args=[self.plan.pk])}?period={self.period.code}")
        return redirect("monitoring:report_detail", pk=report.pk)


class ReportDetail(AccessMixin, View):
    """A report: its unit writes it (figures, texts) and submits it; the level above returns or approves it, or
    reopens it once approved."""

    access = REPORTS_VIEW

    def load(self):
        self.report = selectors.access_report(self.request.user, self.kwargs["pk"])

    def _context(self, form=None, review=None):
        user, report = self.request.user, self.report
        lines = selectors.report_lines(report)
        own = getattr(getattr(user, "jurisdiction", None), "pk", None) == report.unit_id
        can_edit = own and report.editable and can(user, REPORTS_PREPARE)
        can_review = can(user, REPORTS_REVIEW) and not own and (
            report.unit.level == "commune" or getattr(user, "jurisdiction", None) is None)
        if can_edit and form is None:
            form = ReportForm(initial=ReportForm.initial_for(report, lines), lines=lines)
        if can_review and review is None:
            review = ReviewForm(initial={"version": report.version})
        return {"report": report, "lines": [(line, documents.progress(line, report.data_day),
                                             documents.target_text(line)) for line in lines],
                "labels": PROGRESS_LABELS,
                "form": form if can_edit else None, "review": review if can_review else None,
                "period": report.reporting_period, "rule": rules.PROGRESS_RULE}

    def get(self, request, pk):
        return render(request, "monitoring/report_detail.html", self._context())

    def post(self, request, pk):
        action = request.POST.get("action")
        if action in ("save", "submit"):
            return self._write(request, action)
        if action in ("return", "approve", "reopen"):
            return self._review(request, action)
        raise Http404(_("Không tìm thấy."))

    def _write(self, request, action):
        if not can(request.user, REPORTS_PREPARE):
            raise Http404(_("Không tìm thấy."))
        form = ReportForm(request.POST, lines=selectors.report_lines(self.report))
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.report_save(user=request.user, report=self.report, version=data["version"],
                                              narrative=data["narrative"], difficulties=data["difficulties"],
                                              proposals=data["proposals"], figures=form.figures())
                if action == "submit":
                    report = services.report_submit(user=request.user, report=report, version=report.version)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã nộp báo cáo.") if action == "submit" else _("Đã lưu báo cáo."))
                return redirect("monitoring:report_detail", pk=report.pk)
        self.report.refresh_from_db()
        return render(request, "monitoring/report_detail.html", self._context(form=form), status=400)

    def _review(self, request, action):
        if not can(request.user, REPORTS_REVIEW):
            raise Http404(_("Không tìm thấy."))
        review = ReviewForm(request.POST)
        if review.is_valid():
            data = review.cleaned_data
            try:
                if action == "return":
                    services.report_return(user=request.user, report=self.report, version=data["version"],
                                           comment=data["comment"])
                elif action == "approve":
                    services.report_approve(user=request.user, report=self.report, version=data["version"])
                else:
                    services.report_reopen(user=request.user, report=self.report, version=data["version"],
                                           reason=data["comment"])
            except DomainError as exc:
                form_error(review, exc)
            else:
                messages.success(request, {"return": _("Đã trả lại báo cáo cho đơn vị."),
                                           "approve": _("Đã duyệt báo cáo; số liệu đã khóa."),
                                           "reopen": _("Đã mở lại báo cáo cho đơn vị sửa.")}[action])
                return redirect("monitoring:report_detail", pk=self.report.pk)
        return render(request, "monitoring/report_detail.html", self._context(review=review), status=400)


def file_name(report) -> str:
    return f"bao-cao-{report.plan.number.replace('/', '-')}-{report.period}-{report.unit.code}"


def docx_response(report) -> HttpResponse:
    response = HttpResponse(documents.report_docx(report, lines=selectors.report_lines(report),
                                                  units=selectors.commune_reports(report)), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{file_name(report)}.docx"'
    return response


class ReportFile(AccessMixin, View):
    """The report as DOCX (`docx`), its annex as XLSX (`xlsx`), or the document previewed in the page (`html`)."""

    access = REPORTS_VIEW

    def get(self, request, pk, fmt):
        report = selectors.access_report(request.user, pk)
        lines = selectors.report_lines(report)
        if fmt == "docx":
            return docx_response(report)
        if fmt == "xlsx":
            response = HttpResponse(documents.report_annex(report, lines=lines), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{file_name(report)}-phu-luc.xlsx"'
            return response
        if fmt == "html":
            return render(request, "monitoring/report_preview.html", {
                "report": report, "document": documents.report_html(report, lines=lines, units=selectors.commune_reports(report))})
        raise Http404(_("Không tìm thấy."))
