"""API plumbing shared by every app: capability checks, and domain errors as 400/409/403 with the Vietnamese message."""

from collections.abc import Callable
from itertools import islice
from typing import Any

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import SAFE_METHODS, BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from . import indicators
from .access import NOT_ALLOWED, can
from .actions import Action, ActionSet
from .exceptions import ConflictError, DomainError, PermissionDeniedError
from .views import DRILL_LIMIT, indicator_query
from .web import SIGNED_IN


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
        if getattr(exc, "differences", None):
            body["differences"] = [{"field": str(label), "saved": saved, "yours": yours}
                                   for label, saved, yours in exc.differences]
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


def with_actions(actions: ActionSet):
    """Give a viewset one `POST …/<pk>/<name>/` endpoint per action of `actions`: the action's serializer
    parses the body, `Action.run` checks and executes, the answer is the action's `result_serializer` (or
    the view's serializer) of what the service returned. The URL names are `<basename>-<name>`."""

    def decorate(viewset):
        for act in actions:
            setattr(viewset, act.name, _endpoint(act))
        return viewset

    return decorate


def _endpoint(act: Action):
    def endpoint(self, request, pk=None):
        obj = self.get_object()
        data: dict = {}
        if act.serializer_class is not None:
            payload = act.serializer_class(data=request.data, context=self.get_serializer_context())
            payload.is_valid(raise_exception=True)
            data = dict(payload.validated_data)
        result = act.run(user=request.user, obj=obj, data=data)
        if result is None:
            return Response(None)
        if act.result_serializer is not None:
            return Response(act.result_serializer(result, context=self.get_serializer_context()).data)
        reread = getattr(self, "reread", None)  # a viewset may read the record again with what it shows
        return Response(self.get_serializer(reread(result) if reread else result).data)

    endpoint.__name__ = act.name
    endpoint.__doc__ = act.description or str(act.label)
    endpoint = action(detail=True, methods=["post"], url_path=act.name)(endpoint)
    return extend_schema(request=act.serializer_class, responses=act.result_serializer or None)(endpoint)


class FileFormatNegotiation(DefaultContentNegotiation):
    """On a download `?format=` names the file (xlsx/csv), not an API renderer; errors stay JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ScopedViewSet(viewsets.GenericViewSet):
    """A viewset over an app's scoped records: `source(user=)` (a selector) gives the list, `read(user, pk)`
    (an `access_<entity>` helper) one record, so a missing and an out-of-scope record are the same 404; the
    view's `capability` reads, its `write_capability` writes."""

    permission_classes = [HasCapability]
    source: Callable[..., Any]
    read: Callable[..., Any] | None = None

    def get_queryset(self):
        return type(self).source(user=self.request.user)

    def written(self, serializer_class, write: Callable[[dict], Any], *, answer=None,
                code: int = status.HTTP_201_CREATED) -> Response:
        """A write through the API: the request's body read by `serializer_class`, handed to `write` (a service,
        whose `DomainError` becomes the 400/403/409 of the exception handler), and what it wrote answered with
        `answer` (by default the same serializer)."""
        payload = serializer_class(data=self.request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        result = write(dict(payload.validated_data))
        return Response((answer or serializer_class)(result, context=self.get_serializer_context()).data, status=code)

    def get_object(self):
        if type(self).read is None:
            return super().get_object()
        obj = type(self).read(self.request.user, self.kwargs["pk"])
        self.check_object_permissions(self.request, obj)
        return obj


class IndicatorView(viewsets.ViewSet):
    """Chỉ số tính từ dữ liệu, theo mã: `day`, `start` (YYYY-MM-DD; chỉ số theo kỳ tính từ `start` đến `day`),
    `commune` (mã xã). Kết quả theo từng xã trong địa bàn của người dùng; `records` cho danh sách đứng sau con số
    (`part`: numerator, denominator, missing)."""

    access = SIGNED_IN
    permission_classes = [IsAuthenticated]
    lookup_field = "code"
    lookup_value_regex = r"[a-z_.]+"

    def _readable(self, code: str):
        indicator = indicators.get(code)
        if indicator is None or not can(self.request.user, indicator.capability):
            raise Http404
        return indicator

    def list(self, request):
        return Response([{"code": i.code, "label": i.label, "numerator": i.numerator_label,
                          "denominator": i.denominator_label, "periodic": i.periodic, "legal": i.legal,
                          "by_sex_and_age": i.breakdown is not None}
                         for i in indicators.all_indicators() if can(request.user, i.capability)])

    def retrieve(self, request, code=None):
        indicator = self._readable(code)
        day, start, commune, _part = indicator_query(request)
        result = indicators.compute(indicator, user=request.user, day=day, start=start, commune_id=commune)
        names = indicators.commune_names(result.by_commune)
        return Response({
            "code": indicator.code, "label": indicator.label, "day": day, "start": start,
            "numerator": result.numerator, "denominator": result.denominator, "share": result.share,
            "by_commune": [{"commune": names.get(pk, ("", ""))[0], "name": names.get(pk, ("", ""))[1],
                            "numerator": n, "denominator": d} for pk, (n, d) in sorted(result.by_commune.items())],
            # an indicator of people, by sex (M, F) and age band (0-15, 16-59, 60+, ? for an unknown birth year)
            "by_group": [{"sex": sex, "age": band, "numerator": n, "denominator": d} for (sex, band), (n, d) in
                         sorted(indicators.breakdown(indicator, user=request.user, day=day, start=start,
                                                     commune_id=commune).items())]
            if indicator.breakdown is not None else None,
        })

    @action(detail=True, methods=["get"])
    def records(self, request, code=None):
        indicator = self._readable(code)
        day, start, commune, part = indicator_query(request)
        rows = islice(indicator.drill(user=request.user, day=day, start=start, commune=commune, part=part),
                      DRILL_LIMIT)
        return Response({"columns": list(indicator.columns), "part": part,
                         "rows": [{"url": row.url, "values": [str(v) for v in row.values]} for row in rows]})
