"""The approval workflow: submit, sign off with four eyes, decide, reassess.

    draft → in_review → changes_requested → in_review → approved | rejected

Every change of status goes through ``_transition``, which refuses any move not in
``ALLOWED_TRANSITIONS`` and records it in the audit trail.
"""

from __future__ import annotations

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from assessments import notifications
from assessments.models import (
    Answer,
    Assessment,
    AuditEvent,
    Finding,
    QuestionnaireTemplate,
    ReviewComment,
    SignOff,
)
from assessments.permissions import SIGN_ACTIONS, Action, can, require
from assessments.roles import Role, has_role, roles_of
from assessments.selectors import assessments_visible_to
from assessments.services.audit import audit_record
from assessments.services.comments import assessment_comment_add
from assessments.services.findings import findings_recompute
from assessments.services.integrity import answers_snapshot, round_void_if_stale, snapshot_digest, supersession_summary

Status = Assessment.Status
Decision = SignOff.Decision

ALLOWED_TRANSITIONS: dict[str, set[str]] = {
    Status.DRAFT: {Status.IN_REVIEW},
    Status.IN_REVIEW: {Status.CHANGES_REQUESTED, Status.APPROVED, Status.REJECTED},
    Status.CHANGES_REQUESTED: {Status.IN_REVIEW},
    Status.APPROVED: set(),
    Status.REJECTED: set(),
}
# A request for changes or a rejection opens (or continues) the assessment's thread.
THREAD_KINDS = {
    Decision.REQUEST_CHANGES: ReviewComment.Kind.REQUEST_CHANGES,
    Decision.REJECT: ReviewComment.Kind.REJECTION,
}
DECISION_OUTCOME = {Decision.REQUEST_CHANGES: Status.CHANGES_REQUESTED, Decision.REJECT: Status.REJECTED}


class WorkflowError(ValidationError):
    """A step the workflow does not allow now; its message says why."""


def assessment_submit(*, assessment: Assessment, actor: AbstractBaseUser) -> Assessment:
    """Send a draft (or a corrected assessment) to review, opening a new review round."""
    require(actor, Action.SUBMIT)
    _require_visible(actor, assessment)
    with transaction.atomic():
        assessment = _locked(assessment)
        if not assessment.answers.exists():
            raise WorkflowError("The questionnaire is not filled in yet: wait for the auto-fill to finish.")
        if not assessment.looks_like_statement:
            raise WorkflowError(
                f"{not_a_statement_message(assessment)} Add the vendor's privacy statement to replace it first."
            )
        _transition(assessment, Status.IN_REVIEW, actor=actor)
        assessment.submitted_by = actor
        assessment.submitted_at = timezone.now()
        assessment.review_round += 1
        assessment.save(update_fields=["submitted_by", "submitted_at", "review_round", "updated_at"])
        transaction.on_commit(lambda: notifications.assessment_submitted(assessment))
    return assessment


def assessment_sign_off(
    *, assessment: Assessment, actor: AbstractBaseUser, role: str, decision: str, comment: str = ""
) -> SignOff:
    """Record one person's decision; the last required approval approves the assessment.

    The assessment row is locked for the whole step, so two approvals arriving together
    are taken one after the other: one of them completes the approval, the other finds
    the assessment approved and is refused.
    """
    _require_visible(actor, assessment)
    _refuse_if_stale(assessment)
    with transaction.atomic():
        assessment = _locked(assessment)
        _check_may_sign(assessment, actor=actor, role=role, decision=decision, comment=comment)
        signoff = _signoff_create(assessment, actor=actor, role=role, decision=decision, comment=comment)
        outcome = DECISION_OUTCOME.get(decision) or (Status.APPROVED if not roles_awaiting(assessment) else None)
        if outcome:
            _decide(assessment, outcome, actor=actor)
        transaction.on_commit(lambda: notifications.assessment_decided(assessment, signoff))
    return signoff


def not_a_statement_message(assessment: Assessment) -> str:
    """The figures behind "does not look like a privacy statement", in one sentence."""
    figures = assessment.statement_figures or {}
    version = f"v{assessment.statement.version}" if assessment.statement_id else ""
    return (
        f"Statement {version} does not look like a privacy statement: the reader answered "
        f"{figures.get('stated', 0)} of {figures.get('total', 0)} questions from it "
        f"and it is {figures.get('chars', 0)} characters long."
    )


def _refuse_if_stale(assessment: Assessment) -> None:
    """Void the round, and refuse the sign-off, if answers changed behind the services' back.

    The services void a round as they change an answer; this catches any other path (a
    shell, a script) before anyone signs on top of a record that is no longer what was signed.
    """
    with transaction.atomic():
        voided = round_void_if_stale(assessment=_locked(assessment), actor=None)
    if voided:
        raise WorkflowError(f"{supersession_summary(voided)} Review the changes and sign the new round.")


def assessment_reassess(*, assessment: Assessment, actor: AbstractBaseUser) -> Assessment:
    """Start a new draft assessment from a decided one, carrying its answers over for review."""
    require(actor, Action.REASSESS)
    _require_visible(actor, assessment)
    with transaction.atomic():
        assessment = _locked(assessment)
        created = assessment_create(
            vendor=assessment.vendor, statement=assessment.statement, created_by=actor, previous=assessment
        )
        # The vendor's documents are judged again for the new round (a new document does it too).
        findings_recompute(vendor=created.vendor, actor=actor)
        return created


def assessment_create(
    *,
    vendor,
    created_by: AbstractBaseUser,
    statement=None,
    previous: Assessment | None = None,
    template=None,
    change_review: bool = False,
) -> Assessment:
    """The one way an assessment comes to be: a vendor's first, or the reassessment of a decided one.

    A reassessment keeps the previous template and copies its answers, manual overrides
    included (a machine reading never overwrites them), each to be reviewed again. The
    caller checks who may do it; a new statement reaching a decided assessment is one route,
    "Start a reassessment" the other.

    A ``change_review`` (a new document version after an approval) carries every answer's
    review state instead and compares with the signed version (``compares_to``): reading the
    new version then reopens only the answers it changed (assessments.services.changes).
    """
    if change_review and (previous is None or previous.status != Status.APPROVED):
        raise WorkflowError("A change review follows an approved assessment.")
    if previous is not None:
        if not previous.is_locked:
            raise WorkflowError("Only an approved or rejected assessment can be reassessed; this one is still open.")
        if Assessment.objects.filter(previous=previous).exists():
            raise WorkflowError("A reassessment of this assessment has already been started.")
    template = template or (previous.template if previous else QuestionnaireTemplate.objects.get(is_default=True))
    created = Assessment.objects.create(
        vendor=vendor,
        template=template,
        statement=statement,
        previous=previous,
        created_by=created_by,
        compares_to=previous.statement if change_review else None,
    )
    if previous is not None:
        _copy_answers(previous, created, keep_review=change_review)
    audit_record(
        vendor=vendor,
        assessment=created,
        actor=created_by,
        kind=AuditEvent.Kind.TRANSITION,
        message=_started_message(previous, created),
        data={"previous": previous.pk if previous else None, "compares_to": created.compares_to_id},
    )
    if previous is not None:
        from assessments.services.answers import assessment_rescore

        created.looks_like_statement = previous.looks_like_statement
        created.statement_figures = previous.statement_figures
        assessment_rescore(assessment=created)
    return created


def _started_message(previous: Assessment | None, created: Assessment) -> str:
    if previous is None:
        return "Assessment started."
    if created.compares_to is None:
        return f"Reassessment started from assessment #{previous.pk}."
    signed = created.compares_to
    return (
        f"Change review started from approved assessment #{previous.pk}, comparing with the signed "
        f"{signed.kind_label} v{signed.version}; unchanged answers keep their review."
    )


def required_roles(assessment: Assessment) -> list[str]:
    return list(assessment.template.required_signoff_roles or [Role.REVIEWER.value, Role.APPROVER.value])


def signoffs_this_round(assessment: Assessment):
    return assessment.signoffs.filter(review_round=assessment.review_round)


def roles_awaiting(assessment: Assessment) -> list[str]:
    """The required roles without an approval in the current round."""
    approved = set(signoffs_this_round(assessment).filter(decision=Decision.APPROVE).values_list("role", flat=True))
    return [role for role in required_roles(assessment) if role not in approved]


def signable_roles(assessment: Assessment, user: AbstractBaseUser) -> list[str]:
    """The roles in which ``user`` may sign this assessment now (empty when they may not).

    Signing includes requesting changes and rejecting; an approval may further wait on
    ``approval_blockers`` (the review coverage, an earlier role), which the form shows.
    """
    if sign_refusals(assessment, user):
        return []
    return [role for role in roles_awaiting(assessment) if role in held_signing_roles(assessment, user)]


def held_signing_roles(assessment: Assessment, user: AbstractBaseUser) -> list[str]:
    held = {role.value for role in roles_of(user)}
    return [role for role in required_roles(assessment) if role in held]


def sign_refusals(assessment: Assessment, user: AbstractBaseUser) -> list[str]:
    """Why a user who holds a signing role is not offered a sign-off now, in words for the page."""
    if assessment.status != Status.IN_REVIEW or not held_signing_roles(assessment, user):
        return []
    if user.pk == assessment.submitted_by_id:
        return ["You submitted this assessment; four eyes needs another person to sign it."]
    mine = signoffs_this_round(assessment).filter(user=user, decision=Decision.APPROVE).first()
    if mine:
        return [f"You signed this round as {mine.role}; four eyes needs another person."]
    return []


def approval_blockers(assessment: Assessment, role: str) -> list[str]:
    """What must happen before ``role`` may approve: earlier roles' approvals, then a full review."""
    roles, awaiting = required_roles(assessment), roles_awaiting(assessment)
    earlier = [other for other in roles[: roles.index(role)] if other in awaiting] if role in roles else []
    blockers = [f"The {role} approves after the {' and '.join(earlier)} sign-off."] if earlier else []
    if not assessment.looks_like_statement:
        blockers.append(not_a_statement_message(assessment))
    pending = assessment.answers.filter(review=Answer.Review.PENDING).count()
    if pending:
        blockers.append(f"{pending} answer{'s' if pending != 1 else ''} still need review: accept or override each.")
    if open_findings := assessment.findings.filter(status=Finding.Status.OPEN).count():
        blockers.append(
            f"{open_findings} finding{'s' if open_findings != 1 else ''} still open: accept or dismiss each."
        )
    return blockers


def _check_may_sign(assessment: Assessment, *, actor, role: str, decision: str, comment: str) -> None:
    if decision not in Decision.values:
        raise WorkflowError(f"“{decision}” is not a decision; choose approve, request changes or reject.")
    if role not in required_roles(assessment):
        needed = ", ".join(required_roles(assessment))
        raise WorkflowError(f"This questionnaire needs sign-off from {needed}, not {role}.")
    if (role in SIGN_ACTIONS and not can(actor, SIGN_ACTIONS[role])) or not has_role(actor, Role(role)):
        raise PermissionDenied(f"You do not hold the {role} role.")
    if assessment.status != Status.IN_REVIEW:
        raise WorkflowError(f"The assessment is {assessment.get_status_display().lower()}, not in review.")
    if actor.pk == assessment.submitted_by_id:
        raise PermissionDenied("Four eyes: you submitted this assessment, so someone else must sign it off.")
    mine = signoffs_this_round(assessment).filter(user=actor, decision=Decision.APPROVE)
    if mine.exists():
        raise PermissionDenied(f"Four eyes: you already signed this round as {mine.first().role}.")
    if decision == Decision.APPROVE and role not in roles_awaiting(assessment):
        raise WorkflowError(f"The {role} sign-off for this round is already given.")
    if decision != Decision.APPROVE and not comment.strip():
        raise WorkflowError("Say why in a comment when you request changes or reject.")
    if decision == Decision.APPROVE and (blockers := approval_blockers(assessment, role)):
        raise WorkflowError(f"You cannot approve yet. {' '.join(blockers)}")


def _signoff_create(assessment: Assessment, *, actor, role: str, decision: str, comment: str) -> SignOff:
    snapshot = answers_snapshot(assessment)
    try:
        with transaction.atomic():
            signoff = SignOff.objects.create(
                answers_snapshot=snapshot,
                answers_digest=snapshot_digest(snapshot),
                assessment=assessment,
                user=actor,
                role=role,
                decision=decision,
                comment=comment.strip(),
                statement_sha256=assessment.statement.sha256 if assessment.statement else "",
                review_round=assessment.review_round,
            )
    except IntegrityError:
        raise WorkflowError(f"The {role} sign-off for this round is already given.") from None
    if decision in THREAD_KINDS:
        assessment_comment_add(assessment=assessment, actor=actor, body=comment, kind=THREAD_KINDS[decision])
    audit_record(
        vendor=assessment.vendor,
        assessment=assessment,
        actor=actor,
        kind=AuditEvent.Kind.SIGNOFF,
        message=f"{actor.get_full_name() or actor.get_username()} signed as {role}: {signoff.get_decision_display()}.",
        data={"signoff": signoff.pk, "role": role, "decision": decision, "round": assessment.review_round},
    )
    return signoff


def _decide(assessment: Assessment, outcome: str, *, actor) -> None:
    _transition(assessment, outcome, actor=actor)
    fields = ["updated_at"]
    if outcome in {Status.APPROVED, Status.REJECTED}:
        assessment.decided_at = timezone.now()
        fields.append("decided_at")
    if outcome == Status.APPROVED:
        assessment.next_review_due = next_review_date(assessment.risk_tier, assessment.decided_at.date())
        fields.append("next_review_due")
    assessment.save(update_fields=fields)


def next_review_date(tier: str, decided_on: datetime.date) -> datetime.date:
    months = settings.REASSESSMENT_MONTHS.get(tier or "high", settings.REASSESSMENT_MONTHS["high"])
    return decided_on + relativedelta(months=months)


def _transition(assessment: Assessment, target: str, *, actor) -> None:
    if target not in ALLOWED_TRANSITIONS[assessment.status]:
        raise WorkflowError(
            f"An assessment that is {assessment.get_status_display().lower()} cannot move to "
            f"{Status(target).label.lower()}."
        )
    before = assessment.status
    assessment.status = target
    assessment.save(update_fields=["status", "updated_at"])
    audit_record(
        vendor=assessment.vendor,
        assessment=assessment,
        actor=actor,
        kind=AuditEvent.Kind.TRANSITION,
        message=f"{Status(before).label} → {Status(target).label}.",
        data={"from": before, "to": target},
    )


def _copy_answers(source: Assessment, target: Assessment, *, keep_review: bool) -> None:
    # A change review carries each acceptance and override, with who gave it and when.
    def review_of(answer: Answer) -> dict:
        if not keep_review:
            return {}
        return {"review": answer.review, "reviewed_by_id": answer.reviewed_by_id, "reviewed_at": answer.reviewed_at}

    Answer.objects.bulk_create(
        Answer(
            assessment=target,
            question_id=answer.question_id,
            value=answer.value,
            source=answer.source,
            confidence=answer.confidence,
            evidence=answer.evidence,
            auto_value=answer.auto_value,
            auto_confidence=answer.auto_confidence,
            auto_evidence=answer.auto_evidence,
            reviewer_comment=answer.reviewer_comment,
            **review_of(answer),
        )
        for answer in source.answers.all()
    )


def _locked(assessment: Assessment) -> Assessment:
    rows = Assessment.objects.select_for_update(of=("self",)).select_related("vendor", "statement", "template")
    return rows.get(pk=assessment.pk)


def _require_visible(actor, assessment: Assessment) -> None:
    if not assessments_visible_to(actor).filter(pk=assessment.pk).exists():
        raise PermissionDenied("You cannot see this assessment.")
