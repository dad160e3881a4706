"""Webhooks: audit events that integrators care about, POSTed as signed JSON by the worker.

The audit trail is the one place every state change passes through, so events are derived
from it (``webhooks_for_audit``) instead of being raised by each service. A delivery row is
written in the same transaction as the change and enqueued after commit; the task retries
with backoff, and the POST goes through the URL guard that statement fetching uses.

Receivers check ``X-Vendorrisk-Signature: t=<unix time>,v1=<hex>``, where ``v1`` is
HMAC-SHA256 with the endpoint's secret over ``"<t>." + body``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from assessments.models import AuditEvent, WebhookDelivery, WebhookEndpoint, WebhookEvent
from policies.fetch import FetchError, FetchPolicy, post_json

# Which transitions are worth an event, by the status they reach.
TRANSITION_EVENTS = {
    "in_review": WebhookEvent.ASSESSMENT_SUBMITTED,
    "approved": WebhookEvent.ASSESSMENT_APPROVED,
    "rejected": WebhookEvent.ASSESSMENT_REJECTED,
}
MAX_RESPONSE_BYTES = 64 * 1024


class WebhookDeliveryError(Exception):
    """The receiver could not be reached or did not answer 2xx: worth another try later."""


def webhook_event_for(event: AuditEvent) -> str | None:
    if event.kind == AuditEvent.Kind.JOB_DONE:
        return WebhookEvent.DOCUMENT_READ
    if event.kind == AuditEvent.Kind.TRANSITION:
        return TRANSITION_EVENTS.get((event.data or {}).get("to"))
    return None


def webhooks_for_audit(event: AuditEvent) -> list[WebhookDelivery]:
    """Queue a delivery of ``event`` to every active endpoint that subscribed to its kind."""
    name = webhook_event_for(event)
    if name is None:
        return []
    endpoints = [e for e in WebhookEndpoint.objects.filter(is_active=True) if name in (e.events or [])]
    if not endpoints:
        return []
    payload = _payload(name, event)
    deliveries = WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, event=name, payload=payload) for endpoint in endpoints
    )
    transaction.on_commit(lambda: _enqueue(deliveries))
    return deliveries


def _payload(name: str, event: AuditEvent) -> dict:
    return {
        "event": name,
        "occurred_at": event.created_at.isoformat(),
        "vendor": {"id": event.vendor_id},
        "assessment": {"id": event.assessment_id} if event.assessment_id else None,
        "message": event.message,
        "data": event.data,
        "audit_event": event.pk,
    }


def _enqueue(deliveries: list[WebhookDelivery]) -> None:
    from assessments.tasks import deliver_webhook

    for delivery in deliveries:
        deliver_webhook.delay(delivery.pk)


def webhook_signature(*, secret: str, body: bytes, timestamp: int) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def webhook_deliver(*, delivery_id: int, final: bool = False) -> WebhookDelivery | None:
    """POST one delivery; record the outcome. Raises WebhookDeliveryError to be retried,
    unless ``final``, when a failure is recorded as failed for good."""
    delivery = WebhookDelivery.objects.select_related("endpoint").filter(pk=delivery_id).first()
    if delivery is None or delivery.status == WebhookDelivery.Status.DELIVERED:
        return delivery
    body = json.dumps(delivery.payload, cls=DjangoJSONEncoder, sort_keys=True).encode()
    headers = {
        "X-Vendorrisk-Event": delivery.event,
        "X-Vendorrisk-Delivery": str(delivery.pk),
        "X-Vendorrisk-Signature": webhook_signature(
            secret=delivery.endpoint.secret, body=body, timestamp=int(time.time())
        ),
    }
    delivery.attempts += 1
    try:
        code = post_json(delivery.endpoint.url, body=body, headers=headers, policy=_policy())
    except FetchError as error:
        return _failed(delivery, str(error), None, final)
    if not 200 <= code < 300:
        return _failed(delivery, f"The receiver answered HTTP {code}.", code, final)
    delivery.status, delivery.response_status, delivery.error = WebhookDelivery.Status.DELIVERED, code, ""
    delivery.delivered_at = timezone.now()
    delivery.save(update_fields=["status", "response_status", "error", "delivered_at", "attempts"])
    return delivery


def _failed(delivery: WebhookDelivery, reason: str, code: int | None, final: bool) -> WebhookDelivery:
    delivery.error, delivery.response_status = reason[:300], code
    if final:
        delivery.status = WebhookDelivery.Status.FAILED
    delivery.save(update_fields=["status", "response_status", "error", "attempts"])
    if not final:
        raise WebhookDeliveryError(reason)
    return delivery


def _policy() -> FetchPolicy:
    return FetchPolicy(
        max_bytes=MAX_RESPONSE_BYTES,
        timeout=float(settings.STATEMENT_FETCH_TIMEOUT_SECONDS),
        allowed_hosts=frozenset(host.lower() for host in settings.STATEMENT_FETCH_ALLOWED_HOSTS),
    )
