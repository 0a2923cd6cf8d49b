import datetime

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ansinh.core.charts import bar_chart
from ansinh.core.exceptions import DomainError
from ansinh.core.files import download
from ansinh.core.generic import Export, ScopedListView
from ansinh.core.web import form_error, paginate, require
from ansinh.geo.models import AdministrativeUnit

from . import exports, selectors, services
from .access import PAYMENT_FILES, PAYROLL_RUN
from .filters import PaymentFileFilterSet, PaymentLineFilterSet
from .forms import PayrollForm, ResultUploadForm
from .results import read_results


@require(PAYROLL_RUN)
def run_list(request):
    form = PayrollForm(request.POST or None, user=request.user,
                       initial={"month": datetime.date.today().replace(day=1)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        commune = data.get("commune")
        province = commune.province_code if commune else (data.get("province") or form.province_code)
        try:
            run = services.payroll_request(user=request.user, month=data["month"], province_code=province,
                                           commune=commune, programme=data["programme"] or "tcxh")
        except DomainError as exc:
            form_error(form, exc)
        else:
            if run.status == run.Status.DONE:
                messages.success(request, _("Đã lập danh sách chi trả tháng %(m)s: thêm %(n)s dòng.")
                                 % {"m": run.month.strftime("%m/%Y"), "n": f"{run.lines_created:,}".replace(",", ".")})
            return redirect("payments:run_detail", pk=run.pk)
    totals = selectors.monthly_totals(user=request.user)
    chart = bar_chart(
        title=_("Chi trả theo tháng"), labels=[row["month"].strftime("%m/%Y") for row in totals],
        series={_("Số người"): [row["n"] for row in totals]},
    ) if totals else None
    labels, series = selectors.monthly_by_category(user=request.user)
    spending = bar_chart(title=_("Số tiền theo diện và tháng (triệu đồng)"), labels=labels, series=series,
                         stacked=True) if labels else None
    return render(request, "payments/run_list.html", {
        "form": form, "page": paginate(request, selectors.run_list(user=request.user)), "chart": chart,
        "spending": spending, "totals": totals, "provinces": dict(AdministrativeUnit.objects.filter(
            level="province", valid_to__isnull=True).values_list("code", "name")),
    })


@require(PAYROLL_RUN)
def run_detail(request, pk: int):
    run = selectors.run_get(user=request.user, pk=pk)
    if run.status != run.Status.DONE:
        # still in the worker's hands: a small page that refreshes itself until the lines are written
        template = "payments/_run_progress.html" if request.htmx else "payments/run_progress.html"
        response = render(request, template, {"run": run, "progress": selectors.run_progress(run=run)})
        if request.htmx and run.status not in (run.Status.QUEUED, run.Status.RUNNING):
            response["HX-Refresh"] = "true"
        return response
    if request.htmx and request.htmx.target == "run-progress":  # the polling progress card: done, reload
        return HttpResponse(headers={"HX-Refresh": "true"})
    lines = PaymentLineFilterSet(request.GET or None, queryset=selectors.run_lines(user=request.user, run=run))
    summary = selectors.run_summary(user=request.user, run=run)
    communes = summary["by_commune"][:15]
    chart = bar_chart(
        title=_("Số tiền theo xã/phường (nghìn đồng)"), labels=[row["commune__name"] for row in communes],
        series={_("Số tiền"): [row["amount"] // 1000 for row in communes]}, horizontal=True,
    ) if communes else None
    return render(request, "payments/run_detail.html", {
        "run": run, "summary": summary, "chart": chart, "lines": lines,
        "page": paginate(request, lines.qs, per_page=50),
        **_files_by_kind(selectors.file_list(user=request.user, run=run)), "unissued": selectors.unissued_count(run=run),
        "province_name": AdministrativeUnit.objects.filter(level="province", code=run.province_code,
                                                           valid_to__isnull=True).values_list("name", flat=True).first(),
    })


def _files_by_kind(files) -> dict:
    """Agents' files one by one; the communes' cash files (one per commune) folded under one line."""
    files = list(files)
    cash = [f for f in files if f.agent_id is None]
    return {"agent_files": [f for f in files if f.agent_id], "cash_files": cash,
            "cash_lines": sum(f.line_count for f in cash), "cash_total": sum(f.total for f in cash)}


@require(PAYROLL_RUN)
def run_export(request, pk: int, fmt: str):
    run = selectors.run_get(user=request.user, pk=pk)
    name = f"chi-tra-{run.month:%Y-%m}-{run.province_code}{'-' + run.commune.code if run.commune else ''}"
    table = exports.lines_table(selectors.run_lines(user=request.user, run=run))
    return download(user=request.user, table=table, fmt=fmt, filename=name, record=run,
                    changes={"month": str(run.month)})


@require(PAYROLL_RUN)
def run_issue(request, pk: int):
    run = selectors.run_get(user=request.user, pk=pk)
    if request.method == "POST":
        try:
            files = services.payment_files_issue(user=request.user, run=run)
        except DomainError as exc:
            messages.error(request, exc.message)
        else:
            left = selectors.unissued_count(run=run)
            messages.success(request, _("Đã giao %(n)s tệp chi trả.") % {"n": len(files)})
            if left:
                messages.warning(request, _("Còn %(n)s dòng chưa có tổ chức chi trả phục vụ xã của người hưởng.")
                                 % {"n": left})
    return redirect("payments:run_detail", pk=pk)


class FileList(ScopedListView):
    """An agent's files, or the files of the officer's jurisdiction."""

    access = PAYMENT_FILES
    filterset_class = PaymentFileFilterSet
    template_name = "payments/file_list.html"
    source = selectors.file_list
    export = Export(columns=exports.FILE_COLUMNS, related=("run", "agent", "commune"), filename="tep-chi-tra",
                    what="payments.paymentfile", url_name="payments:file_list_export", sheet="Tệp chi trả")


@require(PAYMENT_FILES)
def file_detail(request, pk: int):
    file = selectors.file_get(user=request.user, pk=pk)
    form = ResultUploadForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["result"]
        try:
            rows = read_results(upload.name, upload.read())
            summary = services.payment_file_reconcile(user=request.user, file=file, rows=rows)
        except DomainError as exc:
            errors = exc.errors.get("file") or [exc.message]
        else:
            messages.success(request, _("Đã đối soát: %(paid)s dòng đã chi, %(failed)s dòng không thành công "
                                        "(sẽ đưa vào tệp chi trả sau).") % summary)
            return redirect("payments:file_detail", pk=pk)
    return render(request, "payments/file_detail.html", {
        "file": file, "form": form, "errors": errors,
        "page": paginate(request, selectors.file_lines(file=file), per_page=50),
    })


@require(PAYMENT_FILES)
def file_export(request, pk: int, fmt: str):
    file = selectors.file_get(user=request.user, pk=pk)
    return download(user=request.user, table=exports.lines_table(selectors.file_lines(file=file)), fmt=fmt,
                    filename=exports.file_name(file), record=file)
