"""Webhooks: signed JSON events for integrators, queued with the change, delivered with retries
behind the same address guard as URL fetching, to a real receiver on 127.0.0.1."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from celery.exceptions import Retry

from assessments.models import Answer, WebhookDelivery, WebhookEndpoint
from assessments.services.workflow import assessment_submit
from assessments.tasks import WEBHOOK_MAX_RETRIES, deliver_webhook
from assessments.webhooks import WebhookDeliveryError, webhook_deliver
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


class Receiver(BaseHTTPRequestHandler):
    received: list[tuple[dict, bytes]] = []
    answer = 204

    def log_message(self, format, *args):
        pass

    def do_POST(self) -> None:  # noqa: N802
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((dict(self.headers), body))
        self.send_response(self.answer)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture
def receiver() -> Iterator[tuple[str, type[Receiver]]]:
    Receiver.received, Receiver.answer = [], 204
    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/hooks", Receiver
    server.shutdown()
    server.server_close()


@pytest.fixture
def allow_loopback(settings):
    settings.STATEMENT_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]


def endpoint(url: str, events=("assessment.submitted",), **fields) -> WebhookEndpoint:
    return WebhookEndpoint.objects.create(name="GRC", url=url, secret="s3cret", events=list(events), **fields)


def submit(vendor, requester, django_capture_on_commit_callbacks, monkeypatch):
    queued: list[int] = []
    monkeypatch.setattr(deliver_webhook, "delay", queued.append)
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    with django_capture_on_commit_callbacks(execute=True):
        assessment_submit(assessment=assessment, actor=requester)
    return assessment, queued


def test_a_submission_is_queued_for_subscribed_active_endpoints_after_commit(
    receiver, vendor, requester, django_capture_on_commit_callbacks, monkeypatch
):
    url, _ = receiver
    wanted = endpoint(url)
    endpoint(url, events=["assessment.approved"])
    endpoint(url, is_active=False)
    assessment, queued = submit(vendor, requester, django_capture_on_commit_callbacks, monkeypatch)
    delivery = WebhookDelivery.objects.get()
    assert delivery.endpoint == wanted and queued == [delivery.pk]
    assert delivery.payload["event"] == "assessment.submitted"
    assert delivery.payload["assessment"] == {"id": assessment.pk}


def test_a_delivery_is_signed_json_the_receiver_can_verify(
    receiver, allow_loopback, vendor, requester, django_capture_on_commit_callbacks, monkeypatch
):
    url, handler = receiver
    endpoint(url)
    _, queued = submit(vendor, requester, django_capture_on_commit_callbacks, monkeypatch)
    delivery = webhook_deliver(delivery_id=queued[0])
    assert delivery.status == "delivered" and delivery.response_status == 204 and delivery.attempts == 1
    headers, body = handler.received[0]
    stamp, signature = (part.split("=", 1)[1] for part in headers["X-Vendorrisk-Signature"].split(","))
    expected = hmac.new(b"s3cret", f"{stamp}.".encode() + body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature, expected)
    assert json.loads(body)["event"] == headers["X-Vendorrisk-Event"] == "assessment.submitted"
    assert webhook_deliver(delivery_id=queued[0]).attempts == 1  # delivered once, never again


def test_the_address_guard_refuses_an_internal_receiver(
    receiver, vendor, requester, django_capture_on_commit_callbacks, monkeypatch
):
    url, handler = receiver
    endpoint(url)
    _, queued = submit(vendor, requester, django_capture_on_commit_callbacks, monkeypatch)
    with pytest.raises(WebhookDeliveryError, match="loopback"):
        webhook_deliver(delivery_id=queued[0])
    assert handler.received == []
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "pending" and "loopback" in delivery.error


def test_a_failing_receiver_is_retried_then_given_up_with_its_status(
    receiver, allow_loopback, vendor, requester, django_capture_on_commit_callbacks, monkeypatch
):
    url, handler = receiver
    handler.answer = 500
    endpoint(url)
    _, queued = submit(vendor, requester, django_capture_on_commit_callbacks, monkeypatch)
    for retries in range(WEBHOOK_MAX_RETRIES):  # each try as the worker makes it, without the wait between
        with pytest.raises(Retry):
            deliver_webhook.apply(args=[queued[0]], retries=retries)
        assert WebhookDelivery.objects.get().status == "pending"
    deliver_webhook.apply(args=[queued[0]], retries=WEBHOOK_MAX_RETRIES)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.response_status == 500
    assert delivery.attempts == len(handler.received) == 9 and "HTTP 500" in delivery.error


def test_a_statement_read_and_a_decision_are_events_too(vendor, requester, monkeypatch):
    from assessments.models import AuditEvent
    from assessments.services.audit import audit_record

    endpoint("https://hooks.example.test/in", events=["document.read", "assessment.approved"])
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    audit_record(vendor=vendor, assessment=assessment, kind=AuditEvent.Kind.JOB_DONE, message="Read.")
    audit_record(
        vendor=vendor, kind=AuditEvent.Kind.TRANSITION, message="x", assessment=assessment, data={"to": "approved"}
    )
    audit_record(vendor=vendor, kind=AuditEvent.Kind.ANSWER_CHANGED, message="Not an event.")
    assert sorted(WebhookDelivery.objects.values_list("event", flat=True)) == ["assessment.approved", "document.read"]
    assert Answer.objects.filter(assessment=assessment).exists()
