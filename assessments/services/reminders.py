import datetime

from django.db import transaction
from django.utils import timezone

from assessments import notifications
from assessments.models import Assessment


def overdue_assessments(today: datetime.date):
    """Approved assessments past their review date that no newer assessment replaces (still current)."""
    return Assessment.objects.filter(status=Assessment.Status.APPROVED, next_review_due__lt=today, is_current=True)


def reassessments_mark_overdue(*, today: datetime.date | None = None) -> int:
    """Mark overdue assessments and e-mail their owners once; returns how many were newly marked."""
    today = today or timezone.localdate()
    marked = 0
    pending = overdue_assessments(today).filter(overdue_notified_at__isnull=True)
    for assessment in pending.select_related("vendor__business_owner", "created_by"):
        with transaction.atomic():
            # The conditional update claims the row, so two runs at once mail only once.
            claimed = Assessment.objects.filter(pk=assessment.pk, overdue_notified_at__isnull=True).update(
                overdue_notified_at=timezone.now()
            )
            if claimed:
                transaction.on_commit(lambda a=assessment: notifications.reassessment_overdue(a))
                marked += 1
    return marked
