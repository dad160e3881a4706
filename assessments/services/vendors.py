from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from assessments.models import Assessment, AuditEvent, Vendor
from assessments.roles import Role, require_role
from assessments.scoring import vendor_intake
from assessments.selectors import vendor_can_edit
from assessments.services.answers import assessment_rescore
from assessments.services.audit import audit_record

INTAKE_FIELDS = [
    "name",
    "website",
    "service",
    "description",
    "business_owner",
    "handles_customer_data",
    "handles_employee_data",
    "has_device_access",
    "handles_payment_data",
    "criticality",
]


@transaction.atomic
def vendor_create(*, actor: AbstractBaseUser, **fields) -> Vendor:
    """Register a vendor with its inherent-risk intake."""
    require_role(actor, Role.REQUESTER, Role.ADMIN)
    vendor = Vendor(created_by=actor, **{name: fields[name] for name in INTAKE_FIELDS if name in fields})
    vendor.full_clean()
    vendor.save()
    audit_record(vendor=vendor, kind=AuditEvent.Kind.VENDOR_CREATED, actor=actor, message=f"Registered {vendor.name}.")
    return vendor


@transaction.atomic
def vendor_update(*, vendor: Vendor, actor: AbstractBaseUser, **fields) -> Vendor:
    """Change a vendor's details; the audit event lists the fields that changed."""
    if not vendor_can_edit(actor, vendor):
        require_role(actor, Role.ADMIN)
    changed = [name for name in INTAKE_FIELDS if name in fields and getattr(vendor, name) != fields[name]]
    if not changed:
        return vendor
    for name in changed:
        setattr(vendor, name, fields[name])
    vendor.full_clean()
    vendor.save(update_fields=[*changed, "updated_at"])
    audit_record(
        vendor=vendor,
        kind=AuditEvent.Kind.VENDOR_UPDATED,
        actor=actor,
        message=f"Updated {', '.join(changed)}.",
        data={"fields": changed},
    )
    if set(changed) & set(vendor_intake(vendor)):
        _rescore_open_assessments(vendor)
    return vendor


def _rescore_open_assessments(vendor: Vendor) -> None:
    # The inherent risk scales the score; decided assessments keep the score they were decided on.
    for assessment in vendor.assessments.exclude(status__in=[Assessment.Status.APPROVED, Assessment.Status.REJECTED]):
        assessment_rescore(assessment=assessment)
