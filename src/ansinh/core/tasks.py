"""Background work that survives a restart: each app registers here how to take up again what a stopped
worker left unfinished (a payroll run, an import), and the worker does it before it takes new work."""

from collections.abc import Callable
from dataclasses import dataclass

from .extensions import Slot


@dataclass(frozen=True)
class Resume:
    """`queue_again()` queues once more every unfinished job of its kind and says how many; `label` names
    the kind in the worker's message."""

    label: str
    queue_again: Callable[[], int]


RESUME: Slot[Resume] = Slot("resume")


def resume_all() -> dict[str, int]:
    """Queue again the unfinished work of every kind: {label: how many}."""
    return {entry.label: entry.queue_again() for entry in RESUME}
