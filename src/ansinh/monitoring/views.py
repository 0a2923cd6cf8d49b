"""Pages of the plans: the province's plans, a plan with its targets — measured today where a computed indicator
measures them — and its task table; the periodic reports of a plan (who has reported, who is late), a report
being written, reviewed, previewed and downloaded as DOCX with its XLSX annex."""

import datetime
from collections import Counter

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views import View

from ansinh.core.access import can
from ansinh.core.charts import bar_chart, line_chart
from ansinh.core.exceptions import DomainError
from ansinh.core.files import XLSX
from ansinh.core.generic import AccessMixin, ScopedDetailView, ScopedListView
from ansinh.core.web import form_error

from . import documents, rules, selectors, services
from .access import PLANS_MANAGE, PLANS_VIEW, REPORTS_PREPARE, REPORTS_REVIEW, REPORTS_VIEW
from .filters import PlanFilterSet
from .forms import DefinitionForm, PlanForm, ReportForm, ReviewForm, TaskUpdateForm

PROGRESS_LABELS = {rules.ON_TRACK: _lazy("Đúng tiến độ"), rules.AT_RISK: _lazy("Có nguy cơ chậm"),
                   rules.OFF_TRACK: _lazy("Chậm tiến độ"), rules.MET: _lazy("Đạt"), rules.NOT_MET: _lazy("Không đạt")}
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class PlanList(ScopedListView):
    """The province's plans, each with how many of its targets are on track, at risk or off track today."""

    access = PLANS_VIEW
    filterset_class = PlanFilterSet
    template_name = "monitoring/plan_list.html"
    source = selectors.plans

    def get_context_data(self, **context):
        page = context.get("page")
        plans = list(page) if page is not None else []
        unit = getattr(self.request.user, "jurisdiction", None)
        return {**context, "statuses": selectors.plan_statuses(user=self.request.user, plans=plans,
                                                                today=timezone.localdate()),
                "can_add": can(self.request.user, PLANS_MANAGE) and unit is not None and unit.level == "province"}


def _freshness(request, province_code: str):
    """The state of the province's stored figures; a refresh queued when they are older than an hour."""
    if services.rollups_stale(province_code):
        services.rollups_request(province_code=province_code)
    return selectors.run_of(province_code)


class PlanDetail(ScopedDetailView):
    """A plan as a dashboard: each target's figure in the reader's jurisdiction, its progress by the rule stated on
    the page, the time the figures were computed; its reporting schedule and task table."""

    access = PLANS_VIEW
    template_name = "monitoring/plan_detail.html"
    read = selectors.access_plan
    context_object_name = "plan"

    def get_context_data(self, **context):
        today = timezone.localdate()
        plan = context["plan"]
        rows = selectors.target_rows(user=self.request.user, plan=plan, today=today)
        counts = Counter(row.status for row in rows if row.status)
        return {**context, "today": today, "rows": rows, "counts": counts, "labels": PROGRESS_LABELS,
                "rule": rules.PROGRESS_RULE, "run": _freshness(self.request, plan.province_code),
                "can_refresh": can(self.request.user, PLANS_MANAGE),
                "tasks": selectors.task_states(plan=plan, today=today), "schedules": plan.schedules.all(),
                "can_report": can(self.request.user, REPORTS_VIEW)}

    def post(self, request, pk):
        """A province officer asks for the figures to be computed again now."""
        plan = selectors.access_plan(request.user, pk)
        if not can(request.user, PLANS_MANAGE):
            raise Http404(_("Không tìm thấy."))
        services.rollups_request(province_code=plan.province_code, all_years=request.POST.get("all") == "1")
        messages.success(request, _("Đã yêu cầu tính lại số liệu; trang cho biết khi nào tính xong."))
        return redirect("monitoring:plan_detail", pk=plan.pk)


class TargetDetail(AccessMixin, View):
    """One target: its figure over the years against the target, the communes ranked by it, each figure leading to
    the records behind it."""

    access = PLANS_VIEW

    def get(self, request, pk, position):
        plan = selectors.access_plan(request.user, pk)
        target = plan.targets.filter(position=position).first()
        if target is None:
            raise Http404(_("Không tìm thấy."))
        today = timezone.localdate()
        figures = selectors.stored(user=request.user, province_code=plan.province_code)
        row = selectors.target_row(target, figures, today=today, readable=selectors.readable_codes(request.user))
        year = row.year or today.year
        communes = selectors.communes_ranked(user=request.user, target=target, year=year)
        return render(request, "monitoring/target_detail.html", {
            "plan": plan, "target": target, "row": row, "communes": communes, "year": year,
            "labels": PROGRESS_LABELS, "rule": rules.PROGRESS_RULE, "run": selectors.run_of(plan.province_code),
            "trend_chart": _trend_chart(row), "ranking_chart": _ranking_chart(row, communes),
            "groups": selectors.groups(user=request.user, code=target.indicator, province_code=plan.province_code,
                                       year=year),
            "start": datetime.date(year, 1, 1), "day": row.figure.day if row.figure else today})


def _trend_chart(row) -> str:
    if not row.indicator or not any(v is not None for _y, v in row.trend):
        return ""
    labels = [str(year) for year, _v in row.trend]
    series = {str(_("Số liệu")): [None if v is None else float(v) for _y, v in row.trend]}
    level = (str(_("Chỉ tiêu cuối giai đoạn")), float(row.required)) if row.required is not None else None
    return line_chart(title=str(_("Số liệu qua các năm")), labels=labels, series=series, percent=row.share,
                      width=640, height=300, level=level)


def _ranking_chart(row, communes) -> str:
    shown = [c for c in communes if c.value is not None][:15]
    if not row.indicator or not shown:
        return ""
    return bar_chart(title=str(_("Các xã, phường có số liệu cao nhất")) if not row.target.at_most else
                     str(_("Các xã, phường có số liệu thấp nhất")),
                     labels=[c.commune.name for c in shown], series={str(_("Số liệu")): [float(c.value) for c in shown]},
                     horizontal=True, percent=row.share, print_values=True, width=640,
                     height=120 + 28 * len(shown))


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
        counts = selectors.submission_counts(rows)
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
                with transaction.atomic():  # saved and submitted together, or neither
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


def docx_response(report, *, user) -> HttpResponse:
    response = HttpResponse(documents.report_docx(report, lines=selectors.report_lines(report),
                                                  units=selectors.commune_reports(report, user=user)), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{file_name(report)}.docx"'
    return response


class ReportFile(AccessMixin, View):
    """The report as DOCX (`docx`), its annex as XLSX (`xlsx`), or the document previewed in the page (`html`)."""

    access = REPORTS_VIEW

    def get(self, request, pk, fmt):
        report = selectors.access_report(request.user, pk)
        lines = selectors.report_lines(report)
        if fmt == "docx":
            return docx_response(report, user=request.user)
        if fmt == "xlsx":
            response = HttpResponse(documents.report_annex(report, lines=lines), content_type=XLSX)
            response["Content-Disposition"] = f'attachment; filename="{file_name(report)}-phu-luc.xlsx"'
            return response
        if fmt == "html":
            return render(request, "monitoring/report_preview.html", {
                "report": report, "document": documents.report_html(report, lines=lines, units=selectors.commune_reports(report, user=request.user))})
        raise Http404(_("Không tìm thấy."))


class TaskDetail(AccessMixin, View):
    """A task of a plan: its deadlines and where it stands for each, the updates with their evidence; a province
    officer records a new update."""

    access = PLANS_VIEW

    def load(self):
        self.plan = selectors.access_plan(self.request.user, self.kwargs["pk"])
        self.task = selectors.access_task(self.request.user, self.plan, self.kwargs["position"])
        self.today = timezone.localdate()
        self.dues = selectors.task_dues(self.task, self.today)

    def _render(self, request, form=None, status=200):
        can_update = can(request.user, PLANS_MANAGE)
        state = selectors.task_state(task=self.task, today=self.today)
        if can_update and form is None:
            form = TaskUpdateForm(dues=self.dues, initial={"due_on": state.due_on.isoformat() if state.due_on else None})
        return render(request, "monitoring/task_detail.html", {
            "plan": self.plan, "task": self.task, "state": state, "form": form if can_update else None,
            "today": self.today}, status=status)

    def get(self, request, pk, position):
        return self._render(request)

    def post(self, request, pk, position):
        if not can(request.user, PLANS_MANAGE):
            raise Http404(_("Không tìm thấy."))
        form = TaskUpdateForm(request.POST, request.FILES, dues=self.dues)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.task_update_record(user=request.user, task=self.task, due_on=data.get("due_on"),
                                            status=data["status"], note=data["note"], evidence=data["evidence"])
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã ghi tình hình thực hiện nhiệm vụ."))
                return redirect("monitoring:task_detail", pk=self.plan.pk, position=self.task.position)
        return self._render(request, form=form, status=400)


class OverdueTasks(AccessMixin, View):
    """The tasks of the province's plans past a deadline and not done, by lead agency, with how late."""

    access = PLANS_VIEW

    def get(self, request):
        today = timezone.localdate()
        return render(request, "monitoring/overdue_tasks.html", {
            "groups": selectors.overdue_by_agency(user=request.user, today=today), "today": today})


class Evidence(AccessMixin, View):
    """A task update's evidence file, read in the plan's province."""

    access = PLANS_VIEW

    def get(self, request, pk):
        update = selectors.evidence_of(request.user, pk)
        return FileResponse(update.evidence.open("rb"), as_attachment=True,
                            filename=update.evidence_name or update.evidence.name.rsplit("/", 1)[-1])


class PlanEdit(AccessMixin, View):
    """A province officer records a plan of the province, or edits one: its header, and its targets, tasks and
    reporting periods pasted from a spreadsheet; recorded whole or refused naming each wrong line."""

    access = PLANS_MANAGE

    def load(self):
        self.plan = selectors.access_plan(self.request.user, self.kwargs["pk"], "manage") if "pk" in self.kwargs \
            else None
        unit = getattr(self.request.user, "jurisdiction", None)
        if self.plan is None and (unit is None or unit.level != "province"):
            raise Http404(_("Không tìm thấy."))  # a plan is a province's: recorded by its officers

    def _render(self, request, form, status=200):
        from .services.plans import REPORT_COLUMNS, TARGET_COLUMNS, TASK_COLUMNS
        return render(request, "monitoring/plan_form.html", {
            "form": form, "plan": self.plan, "columns": (TARGET_COLUMNS, TASK_COLUMNS, REPORT_COLUMNS)},
            status=status)

    def get(self, request, pk=None):
        return self._render(request, PlanForm(initial=selectors.plan_text(self.plan) if self.plan else {}))

    def post(self, request, pk=None):
        form = PlanForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            province = self.plan.province_code if self.plan else request.user.jurisdiction.province_code
            header = {"number": data["number"], "issuer": data["issuer"], "date": data["date"].isoformat(),
                      "title": data["title"], "parent": data["parent"], "province_code": province}
            try:
                with transaction.atomic():
                    document = services.plan_from_text(header=header, targets=data["targets"], tasks=data["tasks"],
                                                       reports=data["reports"])
                    plan, outcome = services.plan_record(user=request.user, data=document, plan=self.plan,
                                                         version=data["version"] if self.plan else None)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, {"created": _("Đã ghi kế hoạch."), "updated": _("Đã sửa kế hoạch."),
                                           "unchanged": _("Kế hoạch không có gì thay đổi.")}[outcome])
                return redirect("monitoring:plan_detail", pk=plan.pk)
        return self._render(request, form, status=400)


class Catalogue(AccessMixin, View):
    """The indicator catalogue: the computed indicators' definitions and the province's reported ones, each with
    its versions; a province officer adds a reported indicator or changes one (a new version)."""

    access = PLANS_VIEW

    def _render(self, request, form=None, status=200):
        unit = getattr(request.user, "jurisdiction", None)
        can_add = can(request.user, PLANS_MANAGE) and unit is not None and unit.level == "province"
        return render(request, "monitoring/catalogue.html", {
            "rows": selectors.catalogue(user=request.user),
            "form": (form or DefinitionForm()) if can_add else None}, status=status)

    def get(self, request):
        services.catalogue_sync()  # a computed indicator whose definition changed gets its new version
        return self._render(request)

    def post(self, request):
        if not can(request.user, PLANS_MANAGE):
            raise Http404(_("Không tìm thấy."))
        form = DefinitionForm(request.POST)
        if form.is_valid():
            try:
                services.definition_record(user=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_error(form, exc)
            else:
                messages.success(request, _("Đã ghi chỉ số do đơn vị báo cáo."))
                return redirect("monitoring:catalogue")
        return self._render(request, form=form, status=400)
