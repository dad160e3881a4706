"""Celery tasks for statements. Thin: take ids, re-fetch, call a service."""

from celery import shared_task

from policies.models import Statement


@shared_task(name="policies.tasks.process_statement")
def process_statement(statement_id: int) -> None:
    """Read a statement and auto-fill its vendor's questionnaire."""
    from policies.processing import statement_process

    statement = Statement.objects.filter(pk=statement_id).first()
    if statement is None:
        return
    statement_process(statement_id=statement_id)
