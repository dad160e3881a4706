"""The filled questionnaire page: answers by section, the explained score, and the evidence viewer."""

import re

import pytest

from assessments.models import Answer
from policies.processing import statement_process
from policies.services import statement_add_text
from tests.factories import UserFactory
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = pytest.mark.django_db

HOSTILE = (
    "Privacy notice <script>alert('x')</script>.\n\n"
    "We may take remote control of your devices <img src=x onerror=alert(1)> during support sessions.\n\n"
    "We use industry standard security practices.\n\n"
    # Enough privacy topics that the page is scored as a privacy statement (test_not_a_statement.py).
    "We collect your name and e-mail address. We delete ticket data 90 days after the ticket is closed. "
    "We never sell your personal data. You can ask us to delete your data at any time."
)


@pytest.fixture
def filled(requester, vendor):
    statement = statement_add_text(vendor=vendor, actor=requester, text=HOSTILE)
    statement_process(statement_id=statement.pk)
    return vendor.assessments.get()


def test_the_page_shows_answers_by_section_with_source_confidence_and_evidence(client_for, requester, filled):
    page = client_for(requester).get(f"/assessments/{filled.pk}/").content.decode()
    assert "What is collected" in page and "Security" in page
    assert page.count('class="list-group-item answer-row') == V1_QUESTION_COUNT
    remote = filled.answers.get(question__key="collect.remote_access")
    row = page[page.index(f'id="answer-{remote.pk}"') :][:3000]
    assert ">yes<" in row and ">auto<" in row and "confidence" in row and "remote control" in row
    assert f"/assessments/{filled.pk}/answers/{remote.pk}/evidence/" in row


def test_the_score_is_explained_line_by_line(client_for, requester, filled):
    page = client_for(requester).get(f"/assessments/{filled.pk}/").content.decode()
    assert "Staff may remotely access or control devices." in page and "+3" in page
    assert f'Residual score (sum of the points)</th><th class="text-end">{filled.residual_score}' in page
    assert "Inherent risk factor ×1.0" in page and "Medium criticality: ×1" in page
    assert "Tiers start at: low 0 · medium 6 · high 12 · critical 20." in page


def test_choosing_an_answer_highlights_its_sentence_escaped(client_for, requester, filled):
    remote = filled.answers.get(question__key="collect.remote_access")
    response = client_for(requester).get(
        f"/assessments/{filled.pk}/answers/{remote.pk}/evidence/", headers={"HX-Request": "true"}
    )
    html = response.content.decode()
    assert '<mark id="evidence-0">We may take remote control of your devices &lt;img src=x onerror=alert(1)&gt;' in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
    assert "<script>" not in html and "<img" not in html
    assert re.search(r"<(?!/?(mark|p|h2|div)\b)", html) is None  # no markup but our own


def test_without_htmx_the_evidence_link_opens_the_page_with_the_viewer_filled(client_for, requester, filled):
    remote = filled.answers.get(question__key="collect.remote_access")
    response = client_for(requester).get(f"/assessments/{filled.pk}/answers/{remote.pk}/evidence/")
    assert response.status_code == 302
    page = client_for(requester).get(response["Location"]).content.decode()
    assert '<mark id="evidence-0">' in page


def test_a_manual_answer_shows_the_automatic_reading_beside_it(client_for, requester, filled):
    Answer.objects.filter(assessment=filled, question__key="collect.remote_access").update(value="no", source="manual")
    page = client_for(requester).get(f"/assessments/{filled.pk}/").content.decode()
    assert ">manual<" in page and "Automatic reading: <strong>yes</strong>" in page


def test_the_review_hook_appears_only_for_reviewers(client_for, requester, filled, settings, tmp_path):
    (tmp_path / "assessments").mkdir()
    (tmp_path / "assessments" / "_answer_review.html").write_text("<span>REVIEW-HOOK</span>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]
    assert b"REVIEW-HOOK" not in client_for(requester).get(f"/assessments/{filled.pk}/").content
    reviewer = UserFactory(username="rosa", roles=["Reviewer"])
    assert client_for(reviewer).get(f"/assessments/{filled.pk}/").content.count(b"REVIEW-HOOK") == V1_QUESTION_COUNT


def test_an_answer_of_another_assessment_is_not_shown(client_for, requester, filled):
    response = client_for(requester).get(f"/assessments/{filled.pk}/answers/999999/evidence/", HTTP_HX_REQUEST="true")
    assert response.status_code == 404


def test_an_open_assessment_shows_the_newer_statement_being_read(client_for, requester, vendor, filled):
    newer = statement_add_text(vendor=vendor, actor=requester, text="We collect e-mail addresses.")
    page = client_for(requester).get(f"/assessments/{filled.pk}/").content.decode()
    assert f"/statements/{newer.pk}/progress/?then=refresh" in page and 'hx-trigger="every 1s"' in page
