"""Small helpers shared by every app's views: capability checks, pagination, domain errors on forms."""

import datetime
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import register_converter
from django.utils.translation import gettext as _

from .access import can
from .exceptions import DomainError

PAGE_SIZE = 25


class FileFormatConverter:
    """`<fileformat:fmt>` in a URL: a download as csv or xlsx; anything else is no URL at all (404)."""

    regex = "csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(FileFormatConverter, "fileformat")


# What a URL's view asks of its user (`view.access`), besides the capability `require` names; every URL
# declares one of the three, and `core.checks` refuses to start when one does not.
PUBLIC = "public"  # anyone, signed in or not: signing in, the language, the API's description
SIGNED_IN = "signed_in"  # any signed-in user: the home page, national reference data


def require(capability: str):
    """Login required, then the capability; a user without it gets a 404 (nothing is revealed)."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not can(request.user, capability):
                if request.method == "GET":
                    raise Http404(_("Không tìm thấy."))
                raise PermissionDenied(_("Bạn không có quyền thực hiện thao tác này."))
            return view(request, *args, **kwargs)

        wrapped.access = capability
        return wrapped

    return decorator


def signed_in(view):
    """Any signed-in user; the view itself shows each only what is theirs."""
    wrapped = login_required(view)
    wrapped.access = SIGNED_IN
    return wrapped


def public(view):
    """No sign-in needed (a view of Django's or a library's, declared where its URL is)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return view(request, *args, **kwargs)

    wrapped.access = PUBLIC
    return wrapped


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def form_error(form, exc: DomainError) -> None:
    """Put a service's Vietnamese message on the field it names, or on the form as a whole; a conflict's
    differences go with the form (`form.conflict`, drawn by `core/_form_fields.html`)."""
    form.conflict = getattr(exc, "differences", None) or []
    if exc.errors:
        aliases = getattr(form, "field_aliases", {})
        for field, messages in exc.errors.items():
            field = aliases.get(field, field)
            target = field if field in form.fields else None
            for message in messages:
                form.add_error(target, message)
    else:
        form.add_error(None, exc.message)


def query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def posted(request, form, perform, *, done: str, back: str, after=None) -> HttpResponse:
    """A small form posted from a record's page (a date and a reason, a count…): `perform(cleaned_data)` runs the
    service; then back to the page (`back`, or `after(result)`) with `done`, or with each message of the form —
    its fields' and the service's — named by the field's label, nothing written."""
    if form.is_valid():
        try:
            result = perform(form.cleaned_data)
        except DomainError as exc:
            form_error(form, exc)
        else:
            messages.success(request, done)
            return redirect(after(result) if after else back)
    for field, errors in form.errors.items():
        label = form.fields[field].label if field in form.fields else ""
        for error in errors:
            messages.error(request, f"{label}: {error}" if label else error)
    return redirect(back)


def day_param(value: str | None) -> datetime.date | None:
    """A day given in a URL's query (YYYY-MM-DD), or None when absent or unreadable."""
    try:
        return datetime.date.fromisoformat(value) if value else None
    except ValueError:
        return None
