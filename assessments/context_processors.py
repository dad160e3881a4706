from assessments.roles import Role, roles_of


def roles(request) -> dict:
    """The signed-in user's roles, for menus. Templates only hide; views and services enforce."""
    user_roles = roles_of(request.user) if hasattr(request, "user") else frozenset()
    return {"user_roles": user_roles, "Role": Role}
