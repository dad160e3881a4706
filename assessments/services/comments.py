"""The request-changes thread: a reviewer's request or rejection, and the requester's replies."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError

from assessments.models import Assessment, AuditEvent, ReviewComment
from assessments.permissions import Action, require
from assessments.selectors import assessments_visible_to
from assessments.services.audit import audit_record

MAX_COMMENT_CHARS = 4000


def assessment_comment_add(
    *, assessment: Assessment, actor: AbstractBaseUser, body: str, kind: str = ReviewComment.Kind.REPLY
) -> ReviewComment:
    """Add one message to the assessment's thread; it stays there, in the PDF too, for good."""
    require(actor, Action.COMMENT)
    if not assessments_visible_to(actor).filter(pk=assessment.pk).exists():
        raise PermissionDenied("You cannot see this assessment.")
    body = (body or "").strip()
    if not body:
        raise ValidationError("Write a message first.")
    if len(body) > MAX_COMMENT_CHARS:
        raise ValidationError(f"Keep the message under {MAX_COMMENT_CHARS} characters.")
    if kind == ReviewComment.Kind.REPLY and assessment.is_locked:
        raise ValidationError(f"The assessment is {assessment.get_status_display().lower()}; the thread is closed.")
    comment = ReviewComment.objects.create(
        assessment=assessment, author=actor, kind=kind, body=body, review_round=assessment.review_round
    )
    audit_record(
        vendor=assessment.vendor,
        assessment=assessment,
        actor=actor,
        kind=AuditEvent.Kind.COMMENTED,
        message=f"{comment.get_kind_display()}: {body}"[:500],
        data={"comment": comment.pk, "kind": kind, "round": assessment.review_round},
    )
    return comment
