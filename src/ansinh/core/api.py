"""API plumbing shared by every app: capability checks, and domain errors as 400/409/403 with the Vietnamese message."""

from django.http import Http404
from rest_framework import status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .access import NOT_ALLOWED, can
from .exceptions import ConflictError, DomainError, PermissionDeniedError


class HasCapability(BasePermission):
    """Reading needs the view's `capability`, writing its `write_capability`."""

    message = NOT_ALLOWED

    def has_permission(self, request, view) -> bool:
        needed = view.capability if request.method in SAFE_METHODS else getattr(view, "write_capability", None)
        return bool(needed) and can(request.user, needed)


def exception_handler(exc, context):
    if isinstance(exc, DomainError):
        code = status.HTTP_400_BAD_REQUEST
        if isinstance(exc, ConflictError):
            code = status.HTTP_409_CONFLICT
        elif isinstance(exc, PermissionDeniedError):
            code = status.HTTP_403_FORBIDDEN
        body = {"detail": exc.message}
        body.update(exc.errors)
        return Response(body, status=code)
    if isinstance(exc, Http404):
        return Response({"detail": "Không tìm thấy."}, status=status.HTTP_404_NOT_FOUND)
    return drf_exception_handler(exc, context)


class CappedPageNumberPagination(PageNumberPagination):
    """Pages of a list whose count stops at 1,001 (`core.paging.OrderedUnion`); `count_capped` says when."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data["count_capped"] = bool(getattr(self.page.paginator.object_list, "capped", False))
        return response

    def get_paginated_response_schema(self, schema):
        response_schema = super().get_paginated_response_schema(schema)
        response_schema["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "true: có hơn 1.000 kết quả, `count` dừng ở 1.001 — hãy lọc cụ thể hơn.",
        }
        return response_schema
