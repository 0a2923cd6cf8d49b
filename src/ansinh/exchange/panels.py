"""The exchange's part of other apps' pages."""

from ansinh.core.access import can

from .access import IMPORT_RUN
from .kinds import kind_of


def list_tools(kind: str):
    """The template and the import of `kind`, beside its list, for a user who may import."""
    def context(request, **objects):
        declared = kind_of(kind)
        if not (can(request.user, IMPORT_RUN) and (not declared.capability or can(request.user, declared.capability))):
            return None
        return {"kind": declared}
    return context
