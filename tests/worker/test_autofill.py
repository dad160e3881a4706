"""The auto-fill job on a real worker: upload to ready, a re-run keeping manual answers, the failure path."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Answer, Assessment, AuditEvent
from policies.models import Statement
from tests.celery_worker import wait_for
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"


@pytest.fixture(scope="module")
def worker(start_worker):
    return start_worker()


def finished(statement: Statement) -> Statement:
    def ended():
        statement.refresh_from_db()
        return statement.status in ("done", "failed")

    wait_for(ended)
    return statement


def upload(client, vendor, name: str, content: bytes) -> Statement:
    response = client.post(f"/vendors/{vendor.pk}/statements/upload/", {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content.decode()[:500]
    return Statement.objects.get(pk=int(response["Location"].strip("/").split("/")[-1]))


def test_an_uploaded_statement_becomes_a_filled_questionnaire(worker, client_for, requester, vendor):
    client = client_for(requester)
    statement = finished(upload(client, vendor, "fixitnow.txt", (DEMO / "fixitnow.txt").read_bytes()))
    assert statement.status == "done", statement.error
    assessment = Assessment.objects.get(vendor=vendor)
    assert assessment.answers.count() == V1_QUESTION_COUNT and assessment.risk_tier
    assert AuditEvent.objects.filter(kind="job_done", assessment=assessment).count() == 1
    page = client.get(f"/statements/{statement.pk}/").content.decode()
    silent = assessment.answers.filter(value="not_stated").count()
    said = f"Ready for review: {V1_QUESTION_COUNT - silent} answered from the statement, {silent} not stated"
    assert said in page and "every 1s" not in page


def test_a_new_reading_keeps_the_answers_set_by_hand(worker, client_for, requester, vendor):
    client = client_for(requester)
    finished(upload(client, vendor, "fixitnow.txt", (DEMO / "fixitnow.txt").read_bytes()))
    manual = Answer.objects.get(question__key="collect.remote_access")
    Answer.objects.filter(pk=manual.pk).update(value="no", source="manual", reviewer_comment="Contract forbids it.")

    client.post(f"/vendors/{vendor.pk}/statements/paste/", {"text": (DEMO / "quietqueue.txt").read_text()})
    second = finished(Statement.objects.get(version=2))
    assert second.status == "done", second.error
    manual.refresh_from_db()
    assert (manual.value, manual.source, manual.reviewer_comment) == ("no", "manual", "Contract forbids it.")
    assert manual.auto_value == "not_stated"  # QuietQueue's statement does not mention remote access
    assert Assessment.objects.count() == 1 and Answer.objects.count() == V1_QUESTION_COUNT


def test_a_bad_file_fails_with_its_reason_on_the_page_and_the_worker_goes_on(worker, client_for, requester, vendor):
    client = client_for(requester)
    broken = finished(upload(client, vendor, "notice.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog"))
    assert broken.status == "failed" and broken.error
    page = client.get(f"/statements/{broken.pk}/").content.decode()
    assert broken.error.replace("'", "&#x27;") in page and ">Retry</button>" in page
    assert AuditEvent.objects.filter(kind="job_failed").count() == 1

    good = finished(upload(client, vendor, "fixitnow.txt", (DEMO / "fixitnow.txt").read_bytes()))
    assert good.status == "done", good.error
