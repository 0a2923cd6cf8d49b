"""Domain errors. Their message is Vietnamese and meant for the user."""


class DomainError(Exception):
    """A rule was broken; `field` names the offending input when there is one."""

    def __init__(self, message: str, *, field: str | None = None, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors = errors or ({field: [message]} if field else {})


class ConflictError(DomainError):
    """Someone else saved the record since it was opened (optimistic locking)."""


class PermissionDeniedError(DomainError):
    """The user may not do this."""
