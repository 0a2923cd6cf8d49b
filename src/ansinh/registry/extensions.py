"""Where the apps built on the registry add their part: to the person page, and to a merge of two people."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from ansinh.core.extensions import Panel, Slot

# buttons in the person page's header, and panels under it (their context gets `person`)
PERSON_ACTIONS: Slot[Panel] = Slot("registry.person.actions")
PERSON_PANELS: Slot[Panel] = Slot("registry.person.panels")


@dataclass(frozen=True)
class MergePart:
    """An app's part in merging `duplicate` into `survivor` (`services.person_merge`), inside its transaction.

    `models` are the app's models that link to a person and that `move(user=, survivor=, duplicate=)` moves
    itself, where moving every link blindly would break a rule of the app; it returns what it did, for the
    audit event and the message (say, months paid to both people), or raises a `DomainError` to refuse.
    """

    models: tuple[type[Model], ...]
    move: Callable[..., dict[str, Any]]


MERGE_PARTS: Slot[MergePart] = Slot("registry.person.merge")
