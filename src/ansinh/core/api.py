"""API plumbing shared by every app: domain errors become 400/409/403 with the Vietnamese message."""

from django.http import Http404
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .exceptions import ConflictError, DomainError, PermissionDeniedError


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
