"""Reading findings and sub-processor rows for the pages, the dashboard and the exports."""

from __future__ import annotations

from datetime import date

from assessments.models import Assessment, Finding, Vendor
from assessments.selectors import vendors_visible_to

# Findings a reader still has to act on, first; what was decided, then what is gone, after.
STATUS_ORDER = {Finding.Status.OPEN: 0, Finding.Status.ACCEPTED: 1, Finding.Status.DISMISSED: 2,
                Finding.Status.RESOLVED: 3}


def _ordered(findings) -> list[Finding]:
    return sorted(findings, key=lambda f: (STATUS_ORDER.get(f.status, 9), -f.points, f.rule, f.subject))


def vendor_findings(vendor: Vendor) -> list[Finding]:
    """The findings of the vendor's newest privacy assessment and those attached to none yet."""
    from assessments.services.findings import PRIVACY_SLUG

    latest = vendor.assessments.filter(template__slug=PRIVACY_SLUG).order_by("-created_at", "-pk").first()
    rows = Finding.objects.filter(vendor=vendor, assessment__isnull=True)
    if latest is not None:
        rows = rows | Finding.objects.filter(vendor=vendor, assessment=latest)
    return _ordered(rows.select_related("assessment", "reviewed_by"))


def assessment_findings(assessment: Assessment) -> list[Finding]:
    return _ordered(assessment.findings.select_related("reviewed_by"))


def objection_deadlines(user, *, today: date) -> list[Finding]:
    """Open list-change findings with a deadline to object, soonest first, of vendors the user sees."""
    rows = (
        Finding.objects.filter(status=Finding.Status.OPEN, deadline__isnull=False, vendor__in=vendors_visible_to(user))
        .select_related("vendor")
        .order_by("deadline", "vendor__name", "subject")
    )
    findings = list(rows[:20])
    for finding in findings:
        finding.days_left = (finding.deadline - today).days
    return findings
