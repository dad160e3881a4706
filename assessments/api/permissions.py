"""API access: signed in (session or token) and holding a role. What each role may do is
decided by the services, exactly as for the pages; objects outside a user's reach are 404s.
"""

from rest_framework.permissions import BasePermission

from assessments.roles import roles_of


class HasRole(BasePermission):
    message = "Your account has no role yet; an admin must give you one before you can use vendorrisk."

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and roles_of(request.user))
