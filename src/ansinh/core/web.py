"""Small helpers shared by every app's views: capability checks, pagination, domain errors on forms."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _

from ansinh.accounts.permissions import can

from .exceptions import DomainError

PAGE_SIZE = 25


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

        return wrapped

    return decorator


def paginate(request, queryset, per_page: int = PAGE_SIZE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def form_error(form, exc: DomainError) -> None:
    """Put a service's Vietnamese message on the field it names, or on the form as a whole."""
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
