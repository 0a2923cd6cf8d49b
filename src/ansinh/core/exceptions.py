"""Domain errors. Their message is Vietnamese and meant for the user."""


class DomainError(Exception):
    """A rule was broken; `field` names the offending input when there is one."""

    def __init__(self, message: str, *, field: str | None = None, errors: dict | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.errors = errors or ({field: [message]} if field else {})


class ConflictError(DomainError):
    """Someone else saved the record since it was opened (optimistic locking). `differences` show what: one
    (label, value saved now, value this user sent) per field where the two differ, so nothing is overwritten
    unseen and the user can redo their change knowingly."""

    def __init__(self, message: str, *, differences=(), **kwargs):
        super().__init__(message, **kwargs)
        self.differences = [tuple(d) for d in differences]


class PermissionDeniedError(DomainError):
    """The user may not do this."""
