"""The auto-fill job as a service: a saved statement becomes a filled, scored assessment, safely twice."""

from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.utils import timezone

from assessments.models import Answer, Assessment, AuditEvent
from policies import tasks
from policies.broker import BrokerView
from policies.models import Statement
from policies.processing import MAX_ATTEMPTS, statement_process, statements_requeue_stuck
from policies.services import statement_add_text, statement_add_upload, statement_add_url
from tests.documents import make_pdf
from tests.policies.statement_server import PAGE_TEXT, statement_server
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"
FIXITNOW = (DEMO / "fixitnow.txt").read_text()
QUIETQUEUE = (DEMO / "quietqueue.txt").read_text()


def processed(statement: Statement) -> Statement:
    statement_process(statement_id=statement.pk)
    statement.refresh_from_db()
    return statement


def answers_of(assessment: Assessment) -> dict[str, tuple]:
    return {
        a.question.key: (a.pk, a.value, a.source, a.evidence) for a in assessment.answers.select_related("question")
    }


def test_a_pasted_statement_is_read_filled_and_scored(requester, vendor):
    statement = processed(statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW))
    assert (statement.status, statement.progress, statement.error, statement.attempts) == ("done", 100, "", 1)
    assert statement.format == "txt" and "FIXITNOW REMOTE SUPPORT" in statement.extracted_text
    assessment = Assessment.objects.get(vendor=vendor)
    assert assessment.statement == statement and assessment.status == "draft"
    assert assessment.answers.count() == V1_QUESTION_COUNT
    remote = assessment.answers.get(question__key="collect.remote_access")
    assert remote.value == remote.auto_value == "yes" and remote.source == "auto" and 0 < remote.confidence <= 1
    for span in remote.evidence:  # every quote points at the stored text
        assert statement.extracted_text[span["start"] : span["end"]] == span["text"]
    assert "remote control" in remote.evidence[0]["text"]
    assert assessment.risk_tier and assessment.risk_score > 0
    assert {"collect.remote_access", "transfer.privacy_shield"} <= {
        line["key"] for line in assessment.score_breakdown["lines"]
    }
    assert AuditEvent.objects.filter(kind="job_done", assessment=assessment).count() == 1


def test_a_finished_job_delivered_again_does_nothing(requester, vendor):
    statement = processed(statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW))
    before = answers_of(Assessment.objects.get())
    statement = processed(statement)
    assert statement.attempts == 1
    assert answers_of(Assessment.objects.get()) == before
    assert AuditEvent.objects.filter(kind="job_done").count() == 1


def test_a_job_interrupted_mid_way_continues_and_finishes_once(requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW)
    # What a worker killed while detecting leaves behind: an active stage, one attempt used.
    Statement.objects.filter(pk=statement.pk).update(status="detecting", progress=40, attempts=1)
    statement = processed(statement)
    assert statement.status == "done" and statement.attempts == 2
    assert Assessment.objects.count() == 1 and Answer.objects.count() == V1_QUESTION_COUNT
    assert AuditEvent.objects.filter(kind="job_done").count() == 1


def test_running_the_same_statement_again_gives_the_same_answers_and_no_duplicates(requester, vendor):
    statement = processed(statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW))
    before = answers_of(Assessment.objects.get())
    Statement.objects.filter(pk=statement.pk).update(status="queued")
    processed(statement)
    assert Assessment.objects.count() == 1
    assert answers_of(Assessment.objects.get()) == before  # same rows, same values, same evidence


def test_a_manual_answer_survives_a_new_reading_beside_the_new_automatic_value(requester, vendor):
    processed(statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW))
    assessment = Assessment.objects.get()
    Answer.objects.filter(assessment=assessment, question__key="share.sells_data").update(
        value="no", source="manual", evidence=[], reviewer_comment="Confirmed with the vendor's DPO."
    )
    second = processed(statement_add_text(vendor=vendor, actor=requester, text=QUIETQUEUE))
    assert second.status == "done" and Assessment.objects.count() == 1
    assessment.refresh_from_db()
    assert assessment.statement == second
    kept = assessment.answers.get(question__key="share.sells_data")
    assert (kept.value, kept.source, kept.reviewer_comment) == ("no", "manual", "Confirmed with the vendor's DPO.")
    assert kept.auto_value == "no" and kept.auto_evidence  # QuietQueue says it does not sell
    remote = assessment.answers.get(question__key="collect.remote_access")
    assert remote.source == "auto" and remote.value == remote.auto_value


def test_a_decided_assessment_is_left_alone_and_a_new_one_follows_it(requester, vendor):
    processed(statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW))
    first = Assessment.objects.get()
    Assessment.objects.filter(pk=first.pk).update(status="approved")
    before = answers_of(first)
    second_statement = processed(statement_add_text(vendor=vendor, actor=requester, text=QUIETQUEUE))
    second = Assessment.objects.exclude(pk=first.pk).get()
    assert second.previous == first and second.statement == second_statement
    assert second.answers.count() == V1_QUESTION_COUNT
    assert answers_of(first) == before


def test_an_unreadable_file_fails_at_once_with_its_reason(requester, vendor):
    upload = SimpleUploadedFile("notice.pdf", make_pdf([None]))  # a scan: no text layer
    statement = processed(statement_add_upload(vendor=vendor, actor=requester, upload=upload))
    assert statement.status == "failed"
    assert statement.error.startswith("The PDF has no text layer")
    assert not Assessment.objects.exists()
    event = AuditEvent.objects.get(kind="job_failed")
    assert "no text layer" in event.message


def test_a_statement_that_keeps_killing_the_worker_is_given_up(requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW)
    Statement.objects.filter(pk=statement.pk).update(status="detecting", attempts=MAX_ATTEMPTS)
    statement = processed(statement)
    assert statement.status == "failed" and f"started {MAX_ATTEMPTS} times" in statement.error


@pytest.fixture
def served(settings):
    settings.STATEMENT_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.STATEMENT_FETCH_TIMEOUT_SECONDS = 2
    with statement_server() as base_url:
        yield base_url


def test_a_url_statement_is_fetched_stored_and_read(requester, vendor, served):
    statement = processed(statement_add_url(vendor=vendor, actor=requester, url=f"{served}/page.html"))
    assert statement.status == "done", statement.error
    assert statement.format == "html" and statement.content_type == "text/html"
    assert len(statement.sha256) == 64 and statement.original_file.read().startswith(b"<!doctype html>")
    assessment = Assessment.objects.get()
    assert assessment.answers.get(question__key="policy.privacy_contact").value == "privacy@desk.example"


def test_a_url_serving_a_version_already_stored_fails_clearly(requester, vendor, served):
    statement_add_text(vendor=vendor, actor=requester, text=PAGE_TEXT.decode())
    statement = processed(statement_add_url(vendor=vendor, actor=requester, url=f"{served}/page.txt"))
    assert statement.status == "failed"
    assert (
        statement.error
        == "The page at this URL is identical to version 1 of Acme Help Desk's privacy statement; nothing new to read."
    )


@pytest.mark.parametrize(
    "url, message",
    [
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a link-local address"),
        ("http://127.0.0.1:9/", "127.0.0.1 is a loopback address"),
        ("http://0177.0.0.1/", "not written in dotted-decimal form"),
    ],
)
def test_a_url_aimed_inside_the_network_fails_with_the_guards_reason(requester, vendor, url, message):
    statement = processed(statement_add_url(vendor=vendor, actor=requester, url=url))
    assert statement.status == "failed" and message in statement.error
    assert not statement.original_file


def test_a_redirect_inside_the_network_fails(requester, vendor, served, settings):
    settings.STATEMENT_FETCH_ALLOWED_HOSTS = ["localhost"]
    url = served.replace("127.0.0.1", "localhost") + "/redirect?to=http://127.0.0.1:9/"
    statement = processed(statement_add_url(vendor=vendor, actor=requester, url=url))
    assert statement.status == "failed" and "127.0.0.1 is a loopback address" in statement.error


def test_stuck_jobs_are_queued_again_and_hopeless_ones_fail(requester, vendor, django_capture_on_commit_callbacks):
    stuck = statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW)
    hopeless = statement_add_text(vendor=vendor, actor=requester, text=QUIETQUEUE)
    fresh = statement_add_text(vendor=vendor, actor=requester, text="We collect e-mail addresses.")
    long_ago = timezone.now() - timedelta(hours=1)
    Statement.objects.filter(pk=stuck.pk).update(status="detecting", attempts=1, status_changed_at=long_ago)
    Statement.objects.filter(pk=hopeless.pk).update(status="reading", attempts=MAX_ATTEMPTS, status_changed_at=long_ago)
    nothing_held = mock.patch("policies.broker.broker_view", return_value=BrokerView())
    with nothing_held, mock.patch("policies.tasks.process_statement.delay") as delay:
        with django_capture_on_commit_callbacks(execute=True):
            assert statements_requeue_stuck() == 1
    delay.assert_called_once_with(stuck.pk)
    stuck.refresh_from_db(), hopeless.refresh_from_db(), fresh.refresh_from_db()
    assert stuck.status == "detecting" and stuck.status_changed_at > long_ago
    assert hopeless.status == "failed" and "while reading the statement" in hopeless.error
    assert fresh.status == "queued"
    assert statements_requeue_stuck() == 0  # just touched: not stuck any more


def test_the_task_fails_a_job_that_runs_out_of_time(requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW)
    with mock.patch("policies.tasks.statement_process", side_effect=SoftTimeLimitExceeded()):
        tasks.process_statement(statement.pk)
    statement.refresh_from_db()
    assert statement.status == "failed" and statement.error.startswith("Reading the statement took too long")


def test_the_task_fails_a_job_that_runs_out_of_memory(requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW)
    with mock.patch("policies.processing.read_document", side_effect=MemoryError()):
        tasks.process_statement(statement.pk)
    statement.refresh_from_db()
    assert statement.status == "failed" and statement.error == tasks.OUT_OF_MEMORY


def test_the_task_fails_a_job_on_an_unexpected_error_and_logs_it(requester, vendor, caplog):
    statement = statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW)
    with mock.patch("policies.processing.detect_text", side_effect=IndexError("detector bug")):
        tasks.process_statement(statement.pk)
    statement.refresh_from_db()
    assert statement.status == "failed" and statement.error == tasks.UNEXPECTED_FAILURE
    assert "detector bug" in caplog.text


def test_a_transient_error_leaves_the_job_to_be_retried(requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=FIXITNOW)
    with mock.patch("policies.processing.detect_text", side_effect=OperationalError("server closed the connection")):
        with pytest.raises(OperationalError):
            tasks.process_statement.run(statement.pk)
    statement.refresh_from_db()
    assert statement.status == "detecting"  # not failed: the retry claims it again


def test_the_task_retries_only_transient_errors():
    task = tasks.process_statement
    assert OperationalError in task.autoretry_for and Exception not in task.autoretry_for
    assert task.retry_backoff and task.retry_jitter and task.max_retries == tasks.MAX_RETRIES
    assert task.acks_late and task.reject_on_worker_lost


def test_the_task_ignores_a_statement_that_is_gone():
    tasks.process_statement(987654)  # no error, nothing to do
