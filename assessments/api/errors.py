"""One error shape for every API failure: ``{"type", "detail", "errors"}``.

``type`` is a stable machine word, ``detail`` a sentence for people, ``errors`` the field
errors (field name → list of messages; ``non_field_errors`` for the rest), empty when none.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, serializers, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

TYPES = {
    exceptions.ValidationError: "invalid",
    exceptions.ParseError: "malformed",
    exceptions.UnsupportedMediaType: "unsupported_media_type",
    exceptions.NotAuthenticated: "not_authenticated",
    exceptions.AuthenticationFailed: "authentication_failed",
    exceptions.PermissionDenied: "permission_denied",
    exceptions.NotFound: "not_found",
    exceptions.MethodNotAllowed: "method_not_allowed",
    exceptions.NotAcceptable: "not_acceptable",
    exceptions.Throttled: "throttled",
}


class ErrorSerializer(serializers.Serializer):
    type = serializers.CharField()
    detail = serializers.CharField()
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()))


def api_exception_handler(exc, context):
    """DRF's handler, after turning the services' Django exceptions into their API twins."""
    exc = _as_api_exception(exc)
    response = exception_handler(exc, context)
    if response is None:
        return None
    kind = next((name for cls, name in TYPES.items() if isinstance(exc, cls)), "error")
    errors = _field_errors(exc.detail) if isinstance(exc, exceptions.ValidationError) else {}
    detail = _first_message(exc.detail) if kind == "invalid" else str(exc.detail)
    response.data = {"type": kind, "detail": detail, "errors": errors}
    return response


def _as_api_exception(exc):
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(
                {k: [m for e in v for m in e.messages] for k, v in exc.error_dict.items()}
            )
        return exceptions.ValidationError({"non_field_errors": exc.messages})
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied(str(exc) or None)
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    return exc


def _field_errors(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        return {str(key): [str(message) for message in _flatten(value)] for key, value in detail.items()}
    return {"non_field_errors": [str(message) for message in _flatten(detail)]}


def _flatten(value) -> list:
    if isinstance(value, dict):
        return [message for item in value.values() for message in _flatten(item)]
    if isinstance(value, list):
        return [message for item in value for message in _flatten(item)]
    return [value]


def _first_message(detail) -> str:
    messages = _flatten(detail)
    return str(messages[0]) if messages else "The request is not valid."


def error_response(kind: str, detail: str, code: int = status.HTTP_400_BAD_REQUEST) -> Response:
    return Response({"type": kind, "detail": detail, "errors": {}}, status=code)
