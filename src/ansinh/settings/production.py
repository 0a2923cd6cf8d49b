"""Production settings: refuse to start without a real secret; secure cookies behind HTTPS."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

if not os.environ.get("ANSINH_SECRET_KEY"):
    raise ImproperlyConfigured("ANSINH_SECRET_KEY must be set in production.")
SECRET_KEY = os.environ["ANSINH_SECRET_KEY"]
DEBUG = False
SESSION_COOKIE_SECURE = os.environ.get("ANSINH_HTTPS", "1") == "1"
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = 31536000 if SESSION_COOKIE_SECURE else 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = False
