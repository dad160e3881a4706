"""Who may do what: the one place that answers it, for views, services and templates.

``ALLOWED`` is the role × action matrix; ``can`` asks it, ``require`` refuses with the
reason. What depends on the object (which vendors a requester sees, four eyes, the state
of the workflow) is checked by the selectors and the workflow service on top of this.
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied

from assessments.roles import Role, roles_of


class Action(StrEnum):
    VIEW = "view"
    REGISTER_VENDOR = "register_vendor"
    EDIT_VENDOR = "edit_vendor"
    ADD_STATEMENT = "add_statement"
    RETRY_STATEMENT = "retry_statement"
    SUBMIT = "submit"
    REVIEW_ANSWER = "review_answer"  # accept one, accept in bulk, override
    HANDLE_FINDING = "handle_finding"  # accept a finding as a known risk, or dismiss it
    SIGN_AS_REVIEWER = "sign_as_reviewer"
    SIGN_AS_APPROVER = "sign_as_approver"
    COMMENT = "comment"  # the request-changes thread
    REASSESS = "reassess"
    EXPORT = "export"
    USE_ADMIN = "use_admin"  # users, groups and vendors only; the record is read-only there
    MONITOR_DOCUMENTS = "monitor_documents"  # pause, resume, set how often a vendor's URLs are checked


R, V, A, D = Role.REQUESTER, Role.REVIEWER, Role.APPROVER, Role.ADMIN
ALLOWED: dict[Action, frozenset[Role]] = {
    Action.VIEW: frozenset({R, V, A, D}),
    Action.REGISTER_VENDOR: frozenset({R, D}),
    Action.EDIT_VENDOR: frozenset({R, D}),
    Action.ADD_STATEMENT: frozenset({R, D}),
    Action.RETRY_STATEMENT: frozenset({R, D}),
    Action.SUBMIT: frozenset({R, D}),
    Action.REVIEW_ANSWER: frozenset({V, D}),
    Action.HANDLE_FINDING: frozenset({V, D}),
    # Signing is personal: an admin holds no signing role unless given it.
    Action.SIGN_AS_REVIEWER: frozenset({V}),
    Action.SIGN_AS_APPROVER: frozenset({A}),
    Action.COMMENT: frozenset({R, V, A, D}),
    Action.REASSESS: frozenset({R, V, D}),
    Action.EXPORT: frozenset({R, V, A, D}),
    Action.USE_ADMIN: frozenset({D}),
    Action.MONITOR_DOCUMENTS: frozenset({R, D}),
}
SIGN_ACTIONS = {Role.REVIEWER.value: Action.SIGN_AS_REVIEWER, Role.APPROVER.value: Action.SIGN_AS_APPROVER}
MESSAGES = {
    Action.REGISTER_VENDOR: "Only requesters and admins register vendors.",
    Action.EDIT_VENDOR: "Only requesters and admins edit vendors.",
    Action.ADD_STATEMENT: "Only requesters and admins add statements.",
    Action.RETRY_STATEMENT: "Only requesters and admins retry statements.",
    Action.SUBMIT: "This needs the Requester or Admin role.",
    Action.REVIEW_ANSWER: "This needs the Reviewer or Admin role.",
    Action.HANDLE_FINDING: "Only reviewers and admins accept or dismiss findings.",
    Action.MONITOR_DOCUMENTS: "Only requesters and admins change how a vendor's documents are monitored.",
}


def can(user, action: Action) -> bool:
    """Whether the user's roles allow the action at all."""
    return bool(roles_of(user) & ALLOWED[action])


def require(user, action: Action) -> None:
    """Raise PermissionDenied, saying who may, unless the user's roles allow the action."""
    if not can(user, action):
        wanted = " or ".join(sorted(role.value for role in ALLOWED[action]))
        raise PermissionDenied(MESSAGES.get(action, f"This needs the {wanted} role."))


def allowed_actions(user) -> dict[str, bool]:
    """``{action: allowed}`` for templates: ``{% if may.review_answer %}``."""
    return {action.value: can(user, action) for action in Action}
