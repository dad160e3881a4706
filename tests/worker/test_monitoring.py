"""Monitoring on a real worker with its embedded beat, against a server of the test's own: the
beat's sweep finds the due document, the worker fetches it, and a change is read into a new
version that starts the reassessment and is e-mailed (the file backend, read back here)."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import timezone

from assessments.models import Assessment
from policies.models import MonitoredDocument, Statement
from policies.services import statement_add_url
from tests.celery_worker import wait_for
from tests.policies.monitor_server import page_server
from tests.policies.test_monitoring import FIRST, SECOND

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def mail_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("sent-mail")


@pytest.fixture(scope="module")
def worker(start_worker, mail_dir):
    return start_worker(
        beat=True,
        STATEMENT_FETCH_ALLOWED_HOSTS="localhost",
        STATEMENT_FETCH_TIMEOUT_SECONDS="3",
        DOCUMENT_MONITOR_SWEEP_SECONDS="1",
        DOCUMENT_MONITOR_RETRY_MINUTES="30",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        DJANGO_EMAIL_FILE_PATH=str(mail_dir),
    )


@pytest.fixture
def server():
    with page_server() as served:
        served.serve("/privacy.txt", FIRST)
        yield served


def make_due(monitored: MonitoredDocument) -> None:
    MonitoredDocument.objects.filter(pk=monitored.pk).update(next_check_at=timezone.now() - timedelta(minutes=1))


def sent(mail_dir: Path) -> str:
    return "\n".join(path.read_text() for path in sorted(mail_dir.iterdir()))


def test_a_monitored_url_that_changes_is_read_reassessed_and_mailed(
    worker, server, requester, reviewer, vendor, mail_dir
):
    url = server.url("/privacy.txt", host="localhost")
    first = statement_add_url(vendor=vendor, actor=requester, url=url)
    wait_for(lambda: Statement.objects.filter(pk=first.pk, status="done").exists())
    assessment = Assessment.objects.get(vendor=vendor)
    Assessment.objects.filter(pk=assessment.pk).update(status="approved")
    monitored = MonitoredDocument.objects.get(vendor=vendor)

    make_due(monitored)  # unchanged: only "checked at" moves
    wait_for(lambda: MonitoredDocument.objects.filter(pk=monitored.pk, checked_at__isnull=False).exists())
    assert Statement.objects.count() == 1 and Assessment.objects.count() == 1 and not sent(mail_dir)

    server.serve("/privacy.txt", SECOND)
    make_due(monitored)
    second = wait_for(lambda: Statement.objects.filter(vendor=vendor, version=2, status="done").first())
    assert second.source_url == url and b"90 days" in second.original_file.read()
    reassessment = wait_for(lambda: Assessment.objects.filter(previous=assessment).first())
    assert reassessment.statement == second and reassessment.status == "draft"
    mail = wait_for(lambda: sent(mail_dir))
    assert "the privacy statement changed (v2)" in mail
    assert "Compared with v1: 2 sentences changed in 2 sections." in mail
    assert requester.email in mail and reviewer.email in mail and f"/statements/{second.pk}/" in mail


def test_a_failing_url_is_recorded_and_retried_later_without_a_version(worker, server, requester, vendor):
    first = statement_add_url(vendor=vendor, actor=requester, url=server.url("/privacy.txt", host="localhost"))
    wait_for(lambda: Statement.objects.filter(pk=first.pk, status="done").exists())
    monitored = MonitoredDocument.objects.get(vendor=vendor)
    server.fail("/privacy.txt", 502)
    make_due(monitored)
    failed = wait_for(lambda: MonitoredDocument.objects.filter(pk=monitored.pk, failures=1).first())
    assert "HTTP 502" in failed.last_error
    assert failed.next_check_at - failed.failed_at == timedelta(minutes=30)
    assert Statement.objects.count() == 1
