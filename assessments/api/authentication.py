"""Personal API tokens in the Authorization header: ``Bearer vr_…`` (or ``Token vr_…``)."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from assessments.services.tokens import api_token_authenticate

SCHEMES = (b"bearer", b"token")


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """Authenticate as the token's user; the token is kept on ``request.auth`` for throttling."""

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() not in SCHEMES:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed("The Authorization header is “Bearer <token>”, with one token.")
        token = api_token_authenticate(raw=parts[1].decode("latin-1"))
        if token is None:
            raise exceptions.AuthenticationFailed("The token is unknown, expired or revoked.")
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token from the “API tokens” page, as `Authorization: Bearer vr_…`.",
        }
