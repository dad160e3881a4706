from celery import shared_task

from assessments.services.reminders import reassessments_mark_overdue


@shared_task(name="assessments.tasks.mark_overdue_reassessments")
def mark_overdue_reassessments() -> int:
    """Daily: mark approved assessments past their review date and e-mail their owners."""
    return reassessments_mark_overdue()
