"""The statement page: a live progress bar, then the questionnaire link when done, or the reason and Retry."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from policies.models import Statement
from policies.processing import statement_process
from policies.services import statement_add_text, statement_add_upload
from tests.documents import encrypt_pdf, make_pdf
from tests.factories import UserFactory
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = pytest.mark.django_db

TEXT = "Privacy notice. We may take remote control of your devices. We do not sell personal data."


def test_a_queued_statement_polls_its_progress(client_for, requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=TEXT)
    page = client_for(requester).get(f"/statements/{statement.pk}/").content.decode()
    assert f'hx-get="/statements/{statement.pk}/progress/?then=facts"' in page and 'hx-trigger="every 1s"' in page
    assert '<progress class="w-100" value="0" max="100"' in page and "Queued" in page


def test_the_progress_partial_follows_the_stage(client_for, requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=TEXT)
    Statement.objects.filter(pk=statement.pk).update(status="detecting", progress=40)
    html = client_for(requester).get(f"/statements/{statement.pk}/progress/").content.decode()
    assert "Finding the answers" in html and 'value="40"' in html and "every 1s" in html


def test_a_done_statement_stops_polling_and_links_the_questionnaire(client_for, requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=TEXT)
    statement_process(statement_id=statement.pk)
    assessment = vendor.assessments.get()
    html = client_for(requester).get(f"/statements/{statement.pk}/progress/").content.decode()
    assert "every 1s" not in html and 'value="100"' in html
    silent = assessment.answers.filter(value="not_stated").count()
    said = f"Ready for review: {V1_QUESTION_COUNT - silent} answered from the statement, {silent} not stated"
    assert said in html and f'href="/assessments/{assessment.pk}/"' in html


def test_the_assessment_page_reloads_when_its_job_is_done(client_for, requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=TEXT)
    statement_process(statement_id=statement.pk)
    response = client_for(requester).get(f"/statements/{statement.pk}/progress/?then=refresh", HTTP_HX_REQUEST="true")
    assert response["HX-Refresh"] == "true"


def failed_statement(vendor, requester):
    """A statement the worker cannot read: its PDF needs a password."""
    locked = encrypt_pdf(make_pdf([["We use cookies."]]), user_password="secret")
    statement = statement_add_upload(vendor=vendor, actor=requester, upload=SimpleUploadedFile("n.pdf", locked))
    statement_process(statement_id=statement.pk)
    return statement


def test_a_failed_statement_shows_its_reason_and_a_retry_button(client_for, requester, reviewer, vendor):
    statement = failed_statement(vendor, requester)
    page = client_for(requester).get(f"/statements/{statement.pk}/").content.decode()
    assert "The PDF is password-protected; upload an unprotected copy." in page
    assert f'action="/statements/{statement.pk}/retry/"' in page and "every 1s" not in page
    assert "Retry" not in client_for(reviewer).get(f"/statements/{statement.pk}/").content.decode()


def test_retry_queues_the_statement_again_and_returns_to_the_page(
    client_for, requester, vendor, django_capture_on_commit_callbacks
):
    statement = failed_statement(vendor, requester)
    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(requester).post(f"/statements/{statement.pk}/retry/", {"next": f"/vendors/{vendor.pk}/"})
    assert response.status_code == 302 and response["Location"] == f"/vendors/{vendor.pk}/"
    statement.refresh_from_db()
    assert statement.status == "queued" and statement.error == "" and len(callbacks) == 1


def test_retry_never_redirects_off_site(client_for, requester, vendor):
    statement = failed_statement(vendor, requester)
    response = client_for(requester).post(f"/statements/{statement.pk}/retry/", {"next": "https://evil.example/"})
    assert response["Location"] == f"/statements/{statement.pk}/"


def test_the_vendor_page_badge_polls_while_the_job_runs(client_for, requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=TEXT)
    page = client_for(requester).get(f"/vendors/{vendor.pk}/").content.decode()
    assert f'hx-get="/statements/{statement.pk}/status/"' in page
    statement_process(statement_id=statement.pk)
    badge = client_for(requester).get(f"/statements/{statement.pk}/status/").content.decode()
    assert "Done" in badge and "hx-get" not in badge


def test_an_outsider_cannot_watch_someone_elses_job(client_for, vendor, requester):
    statement = statement_add_text(vendor=vendor, actor=requester, text=TEXT)
    stranger = client_for(UserFactory(username="sam", roles=["Requester"]))
    assert stranger.get(f"/statements/{statement.pk}/progress/").status_code == 404
