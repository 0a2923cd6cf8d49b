"""Generic scoped views: a new module's pages are declarations on these.

- `ScopedListView`: a FilterSet over a scoped queryset, paged, its table refreshed by htmx, and exported
  as CSV/XLSX through the audited download.
- `ScopedDetailView`: one record read through the app's `access_<entity>` helper (missing and out of
  scope are the same 404).
- `ServiceFormView`: a form whose valid data goes to a service; a `DomainError` lands on the field it
  names, and nothing is written.
- `ActionView`: one of a record's `Action`s (core.actions), its form, its check and its service.

Each view says who may open it with `access` (a capability, or `web.SIGNED_IN`), which the start-up
check reads; a user without it gets a 404 on reading and a 403 on writing, as with `web.require`.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from .access import can
from .actions import Action, ActionSet
from .exceptions import DomainError
from .extensions import list_tools, render_panels
from .files import Table, download
from .web import PAGE_SIZE, SIGNED_IN, form_error, paginate


class AccessMixin:
    """Signed in, then `access`: a capability (or SIGNED_IN); then `load()` reads what the URL names."""

    access: str = ""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if self.access != SIGNED_IN and not can(request.user, self.access):
            if request.method == "GET":
                raise Http404(_("Không tìm thấy."))
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        self.load()
        return super().dispatch(request, *args, **kwargs)

    def load(self) -> None:
        """Read the records the URL names (through an `access_<entity>` helper, so a 404 when not visible)."""


@dataclass(frozen=True)
class Export:
    """A list's download at the URL named `url_name` (with the file format): `table(queryset)` gives its rows —
    or `columns`, (header, value of one record) pairs, with `related` read alongside —; the file is named
    `filename-<time>` and the audit event says `what` was taken and with which filters."""

    filename: str
    what: str
    url_name: str
    table: Callable[[Any], Table] | None = None
    columns: tuple[tuple[Any, Callable[[Any], Any]], ...] = ()
    related: tuple[str, ...] = ()
    sheet: str = "Danh sách"

    def table_of(self, queryset) -> Table:
        if self.table is not None:
            return self.table(queryset)
        if self.related:
            queryset = queryset.select_related(*self.related)
        columns = self.columns
        rows = ([value(record) for _header, value in columns] for record in queryset.iterator(chunk_size=2000))
        return Table(headers=[header for header, _value in columns], rows=rows, sheet=self.sheet)


class ScopedListView(AccessMixin, View):
    """A list page: `filterset_class` over `get_queryset()` (scoped), `table_template` alone when htmx
    asks for the table (`#<table_id>`), `export` when the URL names a file format."""

    filterset_class: type
    template_name: str
    table_template: str = ""
    table_id: str = "results"
    paginate_by: int = PAGE_SIZE
    export: Export | None = None
    source: Callable[..., Any] | None = None  # the app's selector `(*, user)` of the rows; else visible_to(user)

    def get_queryset(self):
        if type(self).source is not None:
            return type(self).source(user=self.request.user)
        return self.filterset_class._meta.model.objects.visible_to(self.request.user)

    def get_filterset(self):
        return self.filterset_class(self.request.GET or None, queryset=self.get_queryset(), request=self.request)

    def get_rows(self, filterset):
        """What the page pages through (a queryset, or an `OrderedUnion` for a measured fast path)."""
        return filterset.qs

    def get_context_data(self, **context) -> dict[str, Any]:
        return context

    def get(self, request, *args, fmt: str | None = None, **kwargs):
        filterset = self.get_filterset()
        if fmt is not None:
            return self.download(filterset, fmt)
        page = paginate(request, self.get_rows(filterset), per_page=self.paginate_by)
        query = request.GET.urlencode()
        exports = [(fmt, f"{reverse(self.export.url_name, args=[fmt])}?{query}") for fmt in ("xlsx", "csv")] \
            if self.export else []
        tools = render_panels(list_tools(self.export.what), request) if self.export else []
        context = self.get_context_data(filter=filterset, form=filterset.form, page=page, exports=exports,
                                        tools=tools, htmx_target=f"#{self.table_id}", query=query)
        if self.table_template and request.htmx and request.htmx.target == self.table_id:
            return render(request, self.table_template, context)
        return render(request, self.template_name, context)

    def download(self, filterset, fmt: str) -> HttpResponse:
        if self.export is None:
            raise Http404(_("Không tìm thấy."))
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        return download(user=self.request.user, table=self.export.table_of(filterset.qs), fmt=fmt,
                        filename=f"{self.export.filename}-{stamp}",
                        changes={"what": self.export.what, "filters": filterset.values()})


class ScopedDetailView(AccessMixin, View):
    """One record: `read(user, pk)` is the app's `access_<entity>` helper (404 when missing or out of scope)."""

    template_name: str
    read: Callable[..., Any]
    context_object_name: str = "object"

    def get_object(self):
        return type(self).read(self.request.user, self.kwargs["pk"])

    def get_context_data(self, **context) -> dict[str, Any]:
        return context

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return render(request, self.template_name, self.get_context_data(**{self.context_object_name: self.object}))


class ServiceFormView(AccessMixin, View):
    """A form whose valid data `perform(form)` hands to a service; its `DomainError`s become form errors."""

    form_class: type
    template_name: str
    success_message: str = ""
    write_access: str = ""  # when the page is read with `access` and its form needs more to be sent

    def get_form_kwargs(self) -> dict[str, Any]:
        return {}

    def get_initial(self) -> dict[str, Any]:
        return {}

    def get_form(self):
        data = (self.request.POST or None, self.request.FILES or None) if self.request.method == "POST" else (None,)
        return self.form_class(*data, initial=self.get_initial(), **self.get_form_kwargs())

    def get_context_data(self, **context) -> dict[str, Any]:
        return context

    def perform(self, form) -> Any:
        raise NotImplementedError

    def success(self, result) -> HttpResponse:
        raise NotImplementedError

    def success_text(self, result) -> str:
        return self.success_message

    def get(self, request, *args, **kwargs):
        return render(request, self.template_name, self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        if self.write_access and not can(request.user, self.write_access):
            raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
        form = self.get_form()
        if form.is_valid():
            try:
                result = self.perform(form)
            except DomainError as exc:
                form_error(form, exc)
            else:
                text = self.success_text(result)
                if text:
                    messages.success(request, text)
                return self.success(result)
        return render(request, self.template_name, self.get_context_data(form=form))


class ActionView(AccessMixin, View):
    """`POST …/<pk>/<action>/`: one of `actions` on the record `read(user, pk)`, through its form; a refused
    check or a service's `DomainError` shows the form again with the message. A GET goes back to the record."""

    actions: ActionSet
    read: Callable[..., Any]
    template_name: str = ""
    errors_as_messages = False  # a refusal as a message on the page it came from, not the form again

    def back_url(self, obj) -> str:
        raise NotImplementedError

    def next_url(self, obj, result) -> str:
        return self.back_url(obj)

    def get_context_data(self, **context) -> dict[str, Any]:
        return context

    def setup_action(self, pk: int, action: str) -> tuple[Any, Action]:
        obj = type(self).read(self.request.user, pk)
        try:
            return obj, self.actions[action]
        except KeyError:
            raise Http404(_("Không tìm thấy.")) from None

    def get(self, request, pk: int, action: str):
        obj, _act = self.setup_action(pk, action)
        return redirect(self.back_url(obj))

    def post(self, request, pk: int, action: str):
        obj, act = self.setup_action(pk, action)
        form = act.form(obj, data=request.POST)
        if form.is_valid():
            try:
                result = act.run(user=request.user, obj=obj, data=form.cleaned_data)
            except DomainError as exc:
                if self.errors_as_messages:
                    messages.error(request, exc.message)
                    return redirect(self.back_url(obj))
                form_error(form, exc)
            else:
                messages.success(request, act.done_message(result))
                return redirect(self.next_url(obj, result))
        if self.errors_as_messages:
            messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
            return redirect(self.back_url(obj))
        return render(request, self.template_name,
                      self.get_context_data(object=obj, form=form, action=act, title=act.label))
