"""Extension points: how an app learns of the apps built on it without importing them.

An app declares a `Slot` where others may add something (a panel on its page, a figure on the home
page, their part in a merge); the apps above register into it from their `AppConfig.ready()`. The
registry never names social assistance, and assistance never names payments.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

T = TypeVar("T")


class Slot(Generic[T]):
    """A named place that apps above fill in, each entry in the order given (then in registration order)."""

    def __init__(self, name: str):
        self.name = name
        self._entries: list[tuple[int, int, T]] = []

    def register(self, entry: T, *, order: int = 100) -> T:
        if all(e is not entry for _, _, e in self._entries):  # ready() may run twice in tests
            self._entries.append((order, len(self._entries), entry))
            self._entries.sort(key=lambda item: item[:2])
        return entry

    def __iter__(self) -> Iterator[T]:
        return iter([entry for _, _, entry in self._entries])

    def __repr__(self) -> str:
        return f"Slot({self.name!r}, {len(self._entries)} entries)"


@dataclass(frozen=True)
class Panel:
    """Part of a page another app draws: `context(request, **objects)` gives its template's context, or
    None when it has nothing to show to this user."""

    template: str
    context: Callable[..., dict[str, Any] | None]


_LIST_TOOLS: dict[str, Slot[Panel]] = {}


def list_tools(name: str) -> "Slot[Panel]":
    """Tools beside a list's export buttons (an import and its template), by the list's name (the `what` of
    its `Export`, "registry.person"): the list's app need not know who adds them."""
    return _LIST_TOOLS.setdefault(name, Slot(f"{name}.list_tools"))


def render_panels(slot: "Slot[Panel]", request, **objects) -> list[SafeString]:
    """The HTML of every panel of `slot` that has something to show."""
    html = []
    for panel in slot:
        context = panel.context(request, **objects)
        if context is not None:
            html.append(SafeString(render_to_string(panel.template, context, request=request)))
    return html
