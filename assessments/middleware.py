from django.shortcuts import render
from django.urls import Resolver404, resolve

from assessments.roles import roles_of

# Pages a signed-in user without a role may still reach: they can leave and fix their account.
# The API answers a role-less or anonymous caller in JSON itself (its docs page is a page).
API_PREFIXES = ("/api/v1/", "/api/schema/")
OPEN_TO_ROLELESS = {"logout", "password_change", "password_change_done", "healthz", "no_role"}


class RoleRequiredMiddleware:
    """Show users without a role one page that says so, whatever URL they ask for."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if request.path_info.startswith(API_PREFIXES):
            return self.get_response(request)
        if user.is_authenticated and not roles_of(user) and not self._is_open(request.path_info):
            return render(request, "no_role.html", status=403)
        return self.get_response(request)

    @staticmethod
    def _is_open(path: str) -> bool:
        try:
            return resolve(path).url_name in OPEN_TO_ROLELESS
        except Resolver404:  # an unknown URL gets the no-role page like any other
            return False
