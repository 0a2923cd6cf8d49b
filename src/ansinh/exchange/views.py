"""Importing lists: the imports of one's jurisdiction, the upload, a job's progress, preview and result,
its error report, and the blank templates."""

from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ansinh.core.files import XLSX, download
from ansinh.core.generic import (
    ActionView,
    Export,
    ScopedDetailView,
    ScopedListView,
    ServiceFormView,
)
from ansinh.core.web import require

from . import selectors, services
from .access import IMPORT_RUN
from .actions import JOB_ACTIONS
from .exports import JOB_COLUMNS
from .filters import ImportJobFilterSet
from .forms import UploadForm
from .kinds import KINDS
from .workbook import template_bytes

PREVIEW_ERRORS = 100


class JobList(ScopedListView):
    access = IMPORT_RUN
    filterset_class = ImportJobFilterSet
    template_name = "exchange/job_list.html"
    source = selectors.jobs
    export = Export(columns=JOB_COLUMNS, filename="lan-nhap", what="exchange.importjob", url_name="exchange:job_export",
                    sheet="Lần nhập")

    def get_context_data(self, **context):
        return {**context, "kinds": KINDS.values()}


class Upload(ServiceFormView):
    access = IMPORT_RUN
    form_class = UploadForm
    template_name = "exchange/upload.html"

    def get_initial(self):
        return {"kind": self.request.GET.get("kind", "persons")}

    def get_context_data(self, **context):
        return {**context, "kinds": KINDS.values()}

    def perform(self, form):
        upload = form.cleaned_data["file"]
        return services.import_upload(user=self.request.user, kind=form.cleaned_data["kind"], name=upload.name,
                                      chunks=upload.chunks(), on_existing=form.cleaned_data["on_existing"])

    def success(self, job):
        return redirect("exchange:job_detail", pk=job.pk)


class JobDetail(ScopedDetailView):
    access = IMPORT_RUN
    template_name = "exchange/job_detail.html"
    read = selectors.access_job
    context_object_name = "job"

    def get(self, request, *args, **kwargs):
        job = self.get_object()
        if request.htmx and request.htmx.target == "job-progress" and not job.is_working:
            return HttpResponse(headers={"HX-Refresh": "true"})  # the polling card: finished, show the page
        if request.htmx and request.htmx.target == "job-progress":
            self.template_name = "exchange/_job_progress.html"
        self.object = job
        return super().get(request, *args, **kwargs)

    def get_object(self):
        return getattr(self, "object", None) or super().get_object()

    def get_context_data(self, **context):
        job = context["job"]
        return {**context, "errors": list(selectors.error_rows(job, limit=PREVIEW_ERRORS)),
                "preview_limit": PREVIEW_ERRORS,
                "actions": [(a, a.form(job)) for a in JOB_ACTIONS.available(self.request.user, job)]}


class JobAction(ActionView):
    access = IMPORT_RUN
    actions = JOB_ACTIONS
    read = selectors.access_job
    errors_as_messages = True

    def back_url(self, job):
        return reverse("exchange:job_detail", args=[job.pk])


@require(IMPORT_RUN)
def error_report(request, pk: int, fmt: str):
    """The rows that were not imported, as they were in the file, with the reason in a last column."""
    job = selectors.access_job(request.user, pk)
    return download(user=request.user, table=selectors.error_table(job), fmt=fmt, record=job,
                    filename=f"loi-nhap-{job.pk}", changes={"what": "exchange.errors"})


@require(IMPORT_RUN)
def template(request, kind: str):
    """The blank template of a kind of list (no personal data in it)."""
    if kind not in KINDS:
        raise Http404(_("Không tìm thấy."))
    declared = KINDS[kind]
    response = HttpResponse(template_bytes(declared), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="mau-nhap-{declared.name}.xlsx"'
    return response

