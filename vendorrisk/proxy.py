"""The client's address behind a known number of trusted proxies, for login throttling."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    """``REMOTE_ADDR``, or with DJANGO_TRUSTED_PROXY_COUNT = n > 0 the address the n-th proxy saw.

    Each trusted proxy appends the address it received the request from to X-Forwarded-For,
    so the n-th entry from the right is the client; anything further left was written by the
    client itself and is never trusted. With no proxy configured the header is ignored, so a
    client cannot pick the address it is throttled under.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    return forwarded[-count] if len(forwarded) >= count else remote
