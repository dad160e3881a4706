"""Personal API tokens: created and revoked by their owner, shown once, stored as a hash.

A token is 32 random bytes, so a single SHA-256 is enough to store it (there is nothing to
guess a dictionary for, unlike a password) and lets a request find its token by an indexed
lookup instead of trying a slow hash against every row.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments.models import ApiToken

TOKEN_PREFIX = "vr_"
LIFETIMES_DAYS = (30, 90, 365)
# A token's "last used" time is written at most this often, so a busy integration does not
# turn every API read into a database write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def api_token_create(*, user: AbstractBaseUser, name: str, lifetime_days: int) -> tuple[ApiToken, str]:
    """Create a token for ``user``; returns the row and the token itself, which is never stored."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError("Give the token a name that says what it is for.")
    if lifetime_days not in LIFETIMES_DAYS:
        allowed = ", ".join(str(days) for days in LIFETIMES_DAYS)
        raise ValidationError(f"A token lives {allowed} days; {lifetime_days} is not one of them.")
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=raw[: len(TOKEN_PREFIX) + 6],
        key_hash=token_hash(raw),
        expires_at=timezone.now() + timedelta(days=lifetime_days),
    )
    return token, raw


def api_token_revoke(*, token: ApiToken, actor: AbstractBaseUser) -> ApiToken:
    """Revoke one of the actor's own tokens; it stops working at once."""
    if token.user_id != actor.pk:
        raise PermissionDenied("You can revoke only your own tokens.")
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(*, raw: str) -> ApiToken | None:
    """The live token for ``raw`` (not revoked, not expired, its user active), or None."""
    now = timezone.now()
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_hash(raw), revoked_at__isnull=True, expires_at__gt=now, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    return token
