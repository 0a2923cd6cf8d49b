"""Request and response rules for every page: CSP, language, no NUL characters."""

from django.conf import settings
from django.http import HttpResponseBadRequest, JsonResponse
from django.utils import translation

# Content-Security-Policy: every asset is served by An Sinh itself, so nothing else is allowed.
POLICY = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
    "script-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)


class RejectNulMiddleware:
    """A NUL character in a query string or form field is never meaningful and no database takes
    it (PostgreSQL refuses it outright): answer 400 before any view sees it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any("\x00" in v for v in request.GET.values()):
            return self.refuse(request, "Yêu cầu chứa ký tự không hợp lệ (NUL).")
        if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data") and any(
            "\x00" in v for v in request.POST.values()
        ):
            return self.refuse(request, "Biểu mẫu chứa ký tự không hợp lệ (NUL).")
        return self.get_response(request)

    @staticmethod
    def refuse(request, message: str):
        """The API answers in JSON as everywhere else in it (`detail`); a page in plain text."""
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": message}, status=400, json_dumps_params={"ensure_ascii": False})
        return HttpResponseBadRequest(message.encode(), content_type="text/plain; charset=utf-8")


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", POLICY)
        return response


class VietnameseFirstLocaleMiddleware:
    """Vietnamese unless the user chose another language with the switch (cookie); the browser's
    Accept-Language is ignored, so an English-language browser still opens in Vietnamese."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
