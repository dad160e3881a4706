from django.contrib.auth.models import AbstractBaseUser

from assessments.models import Assessment, AuditEvent, Vendor


def audit_record(
    *,
    vendor: Vendor | None,
    kind: AuditEvent.Kind,
    message: str,
    actor: AbstractBaseUser | None = None,
    assessment: Assessment | None = None,
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the audit trail. Events are never changed afterwards."""
    return AuditEvent.objects.create(
        vendor=vendor,
        assessment=assessment,
        actor=actor,
        kind=kind,
        message=message[:500],
        data=data or {},
    )
