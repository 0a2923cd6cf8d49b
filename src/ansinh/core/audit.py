"""Audit from core: what core writes (a download, a holiday, a document number) is recorded by the audit app,
which registers its recorder here when it starts, since core imports no app."""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

_recorders: list[Callable[..., Any]] = []


def register(recorder: Callable[..., Any]) -> None:
    """`recorder(*, actor, action, instance, changes=None, commune=None, province_code="")` writes one event."""
    _recorders[:] = [recorder]


def record(**event: Any) -> Any:
    """Write an audit event now, inside the caller's transaction. With no recorder a write would go unaudited:
    that is refused."""
    if not _recorders:
        raise ImproperlyConfigured("No audit recorder is registered (is ansinh.audit installed?).")
    return _recorders[0](**event)
