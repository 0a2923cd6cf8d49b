"""Actions on a record, declared once (Wagtail's `actions/`): the page's buttons and forms, the page's POST
and the API's endpoint all use the same `check` and `execute`, so no view dispatches on an action's name.

An action needs its model's scope capability for `scope_action` (`Scope.actions`) and whatever state
`refusal(obj)` asks; `execute` calls the service, which checks again inside its transaction.
"""

from collections.abc import Iterable, Iterator
from typing import Any, ClassVar

from django.utils.translation import gettext_lazy as _

from .access import NOT_ALLOWED, can, scope_of
from .exceptions import DomainError, PermissionDeniedError


class Action:
    name: ClassVar[str]
    label: ClassVar[Any]  # a lazy translation: shown on the button and the form
    description: ClassVar[str] = ""  # the API's documentation of the endpoint
    scope_action: ClassVar[str] = "manage"
    form_class: ClassVar[type | None] = None  # the page parses with this form…
    serializer_class: ClassVar[type | None] = None  # …the API with this serializer, into the same keys
    result_serializer: ClassVar[type | None] = None  # the API's answer (default: the view's own serializer)
    done: ClassVar[Any] = _("Đã lưu.")

    def refusal(self, obj) -> str | None:
        """Why the record's state does not allow the action now (None: it does)."""
        return None

    def check(self, user, obj) -> str | None:
        """None when `user` may do this to `obj` now; otherwise the reason, in Vietnamese."""
        if not can(user, scope_of(type(obj)).capability(self.scope_action)):
            return NOT_ALLOWED
        return self.refusal(obj)

    def execute(self, *, user, obj, data: dict[str, Any]) -> Any:
        raise NotImplementedError

    def run(self, *, user, obj, data: dict[str, Any]) -> Any:
        """`check`, then `execute`: a missing capability is a `PermissionDeniedError`, a state that does not
        allow it a `DomainError` carrying the reason. A form read from an older version of the record is the
        service's to refuse (it locks the record and says someone else changed it), whatever the state now."""
        if not can(user, scope_of(type(obj)).capability(self.scope_action)):
            raise PermissionDeniedError(NOT_ALLOWED)
        stale = data.get("version") is not None and data["version"] != getattr(obj, "version", data["version"])
        reason = None if stale else self.refusal(obj)
        if reason:
            raise DomainError(reason)
        return self.execute(user=user, obj=obj, data=data)

    # --- the page's form ---

    def initial(self, obj) -> dict[str, Any]:
        return {"version": obj.version} if hasattr(obj, "version") else {}

    def form_kwargs(self, obj) -> dict[str, Any]:
        return {}

    def form(self, obj, data=None):
        return self.form_class(data, prefix=self.name, initial=self.initial(obj), **self.form_kwargs(obj))

    def done_message(self, result) -> str:
        return str(self.done)


class ActionSet:
    """A model's actions, in the order its page shows them."""

    def __init__(self, actions: Iterable[Action]):
        self._actions = {a.name: a for a in actions}

    def __iter__(self) -> Iterator[Action]:
        return iter(self._actions.values())

    def __getitem__(self, name: str) -> Action:
        return self._actions[name]

    def available(self, user, obj) -> list[Action]:
        """The actions `user` may take on `obj` now: the page's buttons."""
        return [a for a in self if a.check(user, obj) is None]
