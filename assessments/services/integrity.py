"""Binding sign-offs to what was signed, and voiding a round when that changes.

A sign-off stores a snapshot of the answer set (each key's value, source, review state and
evidence offsets, plus the statement's sha256) and the sha256 of that snapshot. Whenever
an answer or the statement changes, ``round_void_if_stale`` compares the current snapshot
with the open round's sign-offs: if any differs, the round is superseded (an append-only
``RoundSupersession`` row; the sign-offs themselves are never touched), the assessment
stays in review with a new round, and everyone is told what changed since whom signed.
"""

from __future__ import annotations

import hashlib
import json

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from assessments import notifications
from assessments.models import Assessment, AuditEvent, RoundSupersession, SignOff
from assessments.services.audit import audit_record

STATEMENT_KEY = "statement_sha256"
# The fields of an answer a sign-off covers, in the order the page lists a change.
SIGNED_FIELDS = ("value", "source", "review", "evidence")
FINDINGS_KEY = "findings"
FINDING_FIELDS = ("status", "comment", "points", "quotes")


def answers_snapshot(assessment: Assessment) -> dict:
    """The signed shape of the assessment's answers: ``{key: {value, source, review, evidence}}``."""
    rows = assessment.answers.select_related("question").order_by("question__position")
    answers = {
        answer.question.key: {
            "value": answer.value,
            "source": answer.source,
            "review": answer.review,
            "evidence": [_evidence_signed(e) for e in answer.evidence or []],
        }
        for answer in rows
    }
    statement = assessment.statement.sha256 if assessment.statement_id else ""
    snapshot = {"answers": answers, STATEMENT_KEY: statement}
    findings = findings_snapshot(assessment)
    if findings:
        # Only when there are findings, so what was signed before findings existed keeps its digest.
        snapshot[FINDINGS_KEY] = findings
    return snapshot


def findings_snapshot(assessment: Assessment) -> dict:
    """The signed shape of the findings: ``{rule:subject: {status, comment, points, quotes}}``."""
    return {
        finding.key: {
            "status": finding.status,
            "comment": finding.comment,
            "points": finding.points,
            "quotes": [[q.get("statement"), q.get("start"), q.get("end")] for q in finding.quotes or []],
        }
        for finding in assessment.findings.all()
    }


def _evidence_signed(item: dict) -> list[int]:
    # Evidence quoting another document of the vendor (a DPA on file) names it; the plain
    # [start, end] of the assessment's own statement stays as it was, so older digests hold.
    offsets = [int(item.get("start", 0)), int(item.get("end", 0))]
    return [*offsets, int(item["document"])] if "document" in item else offsets


def snapshot_digest(snapshot: dict) -> str:
    """sha256 of the snapshot in a canonical JSON form (sorted keys, no spaces)."""
    canonical = json.dumps(snapshot, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def snapshot_changes(before: dict, after: dict) -> list[dict]:
    """What differs between two snapshots, one line per answer field (and the statement)."""
    changes = []
    if before.get(STATEMENT_KEY) != after.get(STATEMENT_KEY):
        changes.append(
            {"key": "statement", "field": "sha256", "before": before.get(STATEMENT_KEY), "after": after[STATEMENT_KEY]}
        )
    old, new = before.get("answers", {}), after.get("answers", {})
    for key in [*new, *(k for k in old if k not in new)]:
        for field in SIGNED_FIELDS:
            was, now = (old.get(key) or {}).get(field), (new.get(key) or {}).get(field)
            if was != now:
                changes.append({"key": key, "field": field, "before": was, "after": now})
    old, new = before.get(FINDINGS_KEY) or {}, after.get(FINDINGS_KEY) or {}
    for key in [*new, *(k for k in old if k not in new)]:
        for field in FINDING_FIELDS:
            was, now = (old.get(key) or {}).get(field), (new.get(key) or {}).get(field)
            if was != now:
                changes.append({"key": f"finding {key}", "field": field, "before": was, "after": now})
    return changes


def open_round_signoffs(assessment: Assessment):
    """The approvals given in the assessment's current round, oldest first."""
    return assessment.signoffs.filter(
        review_round=assessment.review_round, decision=SignOff.Decision.APPROVE
    ).select_related("user")


def round_void_if_stale(
    *, assessment: Assessment, actor: AbstractBaseUser | None, reason: str = RoundSupersession.Reason.ANSWER_CHANGED
) -> RoundSupersession | None:
    """Supersede the open round if what its sign-offs signed has changed; returns the supersession.

    Call it inside the transaction of any change to answers or to the assessment's statement.
    """
    # Lock the row a sign-off locks, so a change and a sign-off landing together are taken in
    # turn: whichever comes second sees the other (and the approver's check catches the rest).
    locked = Assessment.objects.select_for_update().filter(pk=assessment.pk).values("status", "review_round").first()
    if locked is None:
        return None
    assessment.status, assessment.review_round = locked["status"], locked["review_round"]
    if assessment.status != Assessment.Status.IN_REVIEW:
        return None
    current = answers_snapshot(assessment)
    digest = snapshot_digest(current)
    stale = [signoff for signoff in open_round_signoffs(assessment) if signoff.answers_digest != digest]
    if not stale:
        return None
    return _round_supersede(assessment, stale, current, actor=actor, reason=reason)


def _round_supersede(assessment, stale: list[SignOff], current: dict, *, actor, reason: str) -> RoundSupersession:
    changes = [
        {
            "signoff": signoff.pk,
            "user": signoff.user.get_full_name() or signoff.user.get_username(),
            "role": signoff.role,
            "signed_at": signoff.created_at.isoformat(),
            "changes": snapshot_changes(signoff.answers_snapshot or {}, current),
        }
        for signoff in stale
    ]
    supersession = RoundSupersession.objects.create(
        assessment=assessment, review_round=assessment.review_round, reason=reason, changes=changes, actor=actor
    )
    assessment.review_round += 1
    assessment.save(update_fields=["review_round", "updated_at"])
    audit_record(
        vendor=assessment.vendor,
        assessment=assessment,
        actor=actor,
        kind=AuditEvent.Kind.ROUND_REOPENED,
        message=supersession_summary(supersession),
        data={"superseded_round": supersession.review_round, "reason": reason, "signoffs": [s.pk for s in stale]},
    )
    transaction.on_commit(lambda: notifications.round_reopened(assessment, supersession))
    return supersession


def supersession_summary(supersession: RoundSupersession) -> str:
    """One sentence: which round, why, and what changed since whom signed."""
    parts = []
    for entry in supersession.changes:
        keys = sorted({change["key"] for change in entry["changes"]})
        listed = ", ".join(keys[:8]) + (f" and {len(keys) - 8} more" if len(keys) > 8 else "")
        parts.append(f"since {entry['user']} signed as {entry['role']}: {listed or 'the signed record'} changed")
    return (
        f"Round {supersession.review_round} reopened ({supersession.get_reason_display().lower()}); "
        + "; ".join(parts)
        + ". Its sign-offs are superseded."
    )
