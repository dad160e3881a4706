"""Celery tasks of the assessments app. Thin: take an id, call the service."""

from celery import shared_task

from assessments.webhooks import WebhookDeliveryError, webhook_deliver
from vendorrisk.celery import app as _celery_app  # noqa: F401  (the app the shared tasks bind to)

WEBHOOK_MAX_RETRIES = 8


@shared_task(name="assessments.tasks.deliver_webhook", bind=True, acks_late=True, max_retries=WEBHOOK_MAX_RETRIES)
def deliver_webhook(self, delivery_id: int) -> None:
    """Deliver one webhook; retried with exponential backoff (10 s … about 20 min) and jitter."""
    final = self.request.retries >= WEBHOOK_MAX_RETRIES
    try:
        webhook_deliver(delivery_id=delivery_id, final=final)
    except WebhookDeliveryError as error:
        raise self.retry(exc=error, countdown=min(10 * 2**self.request.retries, 1200)) from None
