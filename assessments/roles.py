"""Who may do what: the four roles and the checks every view and service goes through."""

from __future__ import annotations

from enum import StrEnum

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied


class Role(StrEnum):
    """The roles, named as the auth groups a data migration creates."""

    REQUESTER = "Requester"
    REVIEWER = "Reviewer"
    APPROVER = "Approver"
    ADMIN = "Admin"


# Roles that see every vendor; a requester sees only the vendors they brought in or own.
PORTFOLIO_ROLES = frozenset({Role.REVIEWER, Role.APPROVER, Role.ADMIN})


def roles_of(user: AbstractBaseUser | AnonymousUser) -> frozenset[Role]:
    """The user's roles, read once per request and cached on the user object."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_vendorrisk_roles", None)
    if cached is None:
        names = set(user.groups.values_list("name", flat=True))
        cached = frozenset(role for role in Role if role.value in names)
        if user.is_superuser:
            cached = cached | {Role.ADMIN}
        user._vendorrisk_roles = cached
    return cached


def has_role(user, *roles: Role) -> bool:
    return bool(roles_of(user) & set(roles))


def require_role(user, *roles: Role) -> None:
    """Raise PermissionDenied unless the user holds one of the roles."""
    if not has_role(user, *roles):
        wanted = " or ".join(role.value for role in roles)
        raise PermissionDenied(f"This needs the {wanted} role.")
