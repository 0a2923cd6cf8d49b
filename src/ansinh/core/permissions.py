"""API permission: reading needs the view's `capability`, writing its `write_capability`."""

from rest_framework.permissions import SAFE_METHODS, BasePermission

from ansinh.accounts.permissions import can


class HasCapability(BasePermission):
    message = "Bạn không có quyền thực hiện thao tác này."

    def has_permission(self, request, view) -> bool:
        needed = view.capability if request.method in SAFE_METHODS else getattr(view, "write_capability", None)
        return bool(needed) and can(request.user, needed)
