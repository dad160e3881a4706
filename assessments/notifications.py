"""E-mails the workflow sends. Sent after commit, so a rolled-back step mails nobody."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.urls import reverse

from assessments.models import Assessment, SignOff


def _link(assessment: Assessment) -> str:
    return settings.SITE_URL.rstrip("/") + reverse("assessment_detail", args=[assessment.pk])


def _addresses(users) -> list[str]:
    return sorted({user.email for user in users if user.email})


def assessment_submitted(assessment: Assessment) -> None:
    """Tell the reviewers and approvers whose sign-off is needed that an assessment awaits them."""
    from assessments.services.workflow import required_roles

    signers = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=required_roles(assessment))
        .exclude(pk=assessment.submitted_by_id)
    )
    recipients = _addresses(signers.distinct())
    if recipients:
        send_mail(
            f"[vendorrisk] {assessment.vendor.name}: assessment #{assessment.pk} awaits your sign-off",
            f"{assessment.submitted_by} submitted the privacy assessment of {assessment.vendor.name} for review.\n\n"
            f"Risk: {assessment.risk_tier or 'not scored'} (score {assessment.risk_score}).\n\n{_link(assessment)}\n",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )


def assessment_decided(assessment: Assessment, signoff: SignOff) -> None:
    """Tell the requester each decision taken on their assessment."""
    recipients = _addresses(filter(None, [assessment.created_by, assessment.submitted_by]))
    if recipients:
        send_mail(
            f"[vendorrisk] {assessment.vendor.name}: {signoff.get_decision_display().lower()} by {signoff.role}",
            f"{signoff.user} signed the assessment of {assessment.vendor.name} as {signoff.role}: "
            f"{signoff.get_decision_display()}.\n\n{signoff.comment}\n\n"
            f"The assessment is now {assessment.get_status_display().lower()}.\n\n{_link(assessment)}\n",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )


def reassessment_overdue(assessment: Assessment) -> None:
    """Tell the vendor's business owner and requester that a reassessment is overdue."""
    vendor = assessment.vendor
    recipients = _addresses(filter(None, [vendor.business_owner, assessment.created_by]))
    if recipients:
        send_mail(
            f"[vendorrisk] {vendor.name}: reassessment overdue since {assessment.next_review_due}",
            f"The privacy assessment of {vendor.name} (tier {assessment.risk_tier}) was due for review on "
            f"{assessment.next_review_due}. Start a reassessment:\n\n{_link(assessment)}\n",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )


def document_changed(*, statement, previous, summary: str) -> None:
    """Tell the vendor's business owner and the reviewers that monitoring found a new version."""
    from assessments.roles import Role

    vendor = statement.vendor
    reviewers = get_user_model().objects.filter(is_active=True, groups__name=Role.REVIEWER.value).distinct()
    recipients = _addresses([vendor.business_owner, *reviewers])
    if recipients:
        link = settings.SITE_URL.rstrip("/") + reverse("statement_detail", args=[statement.pk])
        send_mail(
            f"[vendorrisk] {vendor.name}: the {statement.kind_label} changed (v{statement.version})",
            f"Monitoring fetched {statement.source_url} again and found a new version of {vendor.name}'s "
            f"{statement.kind_label}: v{statement.version}, after v{previous.version}.\n\n{summary}\n\n"
            "It is read now like any added version: an open assessment is brought up to date, a decided one "
            f"gets a reassessment to review. The new version and what it filled in:\n\n{link}\n",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )


def round_reopened(assessment: Assessment, supersession) -> None:
    """Tell the signers of a voided round and the requester what changed since whom signed."""
    from assessments.services.integrity import supersession_summary

    signers = [signoff.user for signoff in assessment.signoffs.filter(review_round=supersession.review_round)]
    recipients = _addresses(filter(None, [*signers, assessment.created_by, assessment.submitted_by]))
    if recipients:
        lines = "\n".join(
            f"Since {entry['user']} signed as {entry['role']}:\n"
            + "\n".join(f"  - {c['key']} {c['field']}: {c['before']} → {c['after']}" for c in entry["changes"][:30])
            for entry in supersession.changes
        )
        send_mail(
            f"[vendorrisk] {assessment.vendor.name}: review round {supersession.review_round} reopened",
            f"{supersession_summary(supersession)}\n\n{lines}\n\n"
            f"The assessment is in review again (round {assessment.review_round}) and needs new sign-offs.\n\n"
            f"{_link(assessment)}\n",
            settings.DEFAULT_FROM_EMAIL,
            recipients,
        )
