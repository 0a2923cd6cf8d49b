"""Template context every page needs: what the user may do, for the navigation bar."""

from ansinh.accounts.permissions import CAPABILITIES


def navigation(request):
    user = getattr(request, "user", None)
    caps = CAPABILITIES.get(getattr(user, "role", None), frozenset()) if user and user.is_authenticated else frozenset()
    return {"caps": {c.replace(".", "_"): True for c in caps}}
