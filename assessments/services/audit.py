from django.contrib.auth.models import AbstractBaseUser

from assessments.models import Assessment, AuditEvent, Vendor
from assessments.webhooks import webhooks_for_audit


def audit_record(
    *,
    vendor: Vendor | None,
    kind: AuditEvent.Kind,
    message: str,
    actor: AbstractBaseUser | None = None,
    assessment: Assessment | None = None,
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the audit trail (never changed afterwards); queue its webhooks."""
    event = AuditEvent.objects.create(
        vendor=vendor,
        assessment=assessment,
        actor=actor,
        kind=kind,
        message=message[:500],
        data=data or {},
    )
    webhooks_for_audit(event)
    return event


def audit_export(*, actor: AbstractBaseUser, what: str, assessment: Assessment | None = None) -> AuditEvent:
    """Record that someone took a copy out of the app: an assessment's PDF or JSON, or the portfolio."""
    return audit_record(
        vendor=assessment.vendor if assessment else None,
        assessment=assessment,
        kind=AuditEvent.Kind.EXPORTED,
        actor=actor,
        message=f"Downloaded the {what} of assessment #{assessment.pk}." if assessment else f"Downloaded the {what}.",
        data={"format": what},
    )
