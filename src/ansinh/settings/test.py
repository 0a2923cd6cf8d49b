"""Settings for the test suite: the database still comes from DATABASE_URL (SQLite by default)."""

from .base import *  # noqa: F403
from .base import DATABASES

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
AXES_FAILURE_LIMIT = 3

# Tasks run at once in the test process; tests/payments/test_tasks.py runs the real database queue.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
