"""Template context every page needs: what the user may do, for the navigation bar."""

from .access import capabilities_of


def navigation(request):
    caps = capabilities_of(getattr(request, "user", None))
    return {"caps": {c.replace(".", "_"): True for c in caps}}
