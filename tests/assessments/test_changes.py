"""A new document version reopens only the answers it changed, and a change review carries the rest."""

from pathlib import Path

import pytest

from assessments.models import Answer, Assessment, AuditEvent
from assessments.selectors import assessment_changes
from assessments.services.review import answer_accept, answer_override
from assessments.services.workflow import assessment_sign_off, assessment_submit
from policies.processing import statement_process
from policies.services import statement_add_text

pytestmark = pytest.mark.django_db

VERSIONS = Path(__file__).resolve().parents[1] / "policies" / "versions"
V1, REWORDED, V3 = (
    (VERSIONS / name).read_text()
    for name in ("tallybird-privacy-v1.md", "tallybird-privacy-v2-reworded.md", "tallybird-privacy-v3.md")
)
# What the realistic revision (v3) touches: the AI drafts, the new region's sentence (quoted by
# two answers), the retention period and the date.
REVISED = {
    "policy.last_updated",
    "use.automated_analysis",
    "share.third_parties",
    "share.names_processors",
    "retention.period",
}


def read(vendor, actor, text):
    statement = statement_add_text(vendor=vendor, actor=actor, text=text)
    statement_process(statement_id=statement.pk)
    statement.refresh_from_db()
    assert statement.status == "done", statement.error
    return statement


def states(assessment) -> dict[str, tuple[str, str]]:
    return {a.question.key: (a.value, a.review) for a in assessment.answers.select_related("question")}


def changed_keys(assessment) -> set[str]:
    return set(assessment.answers.exclude(change="").values_list("question__key", flat=True))


@pytest.fixture
def accepted(vendor, requester, reviewer):
    read(vendor, requester, V1)
    assessment = Assessment.objects.get()
    for answer in assessment.answers.all():
        answer_accept(answer=answer, actor=reviewer)
    return assessment


@pytest.fixture
def approved(accepted, requester, reviewer, approver):
    sells = accepted.answers.get(question__key="share.sells_data")
    answer_override(answer=sells, actor=reviewer, value="yes", comment="The contract allows resale of analytics.")
    assessment_submit(assessment=accepted, actor=requester)
    assessment_sign_off(assessment=accepted, actor=reviewer, role="Reviewer", decision="approve")
    assessment_sign_off(assessment=accepted, actor=approver, role="Approver", decision="approve")
    accepted.refresh_from_db()
    assert accepted.status == Assessment.Status.APPROVED
    return accepted


def test_a_reworded_section_with_moved_and_rewrapped_evidence_reopens_no_answer(accepted, vendor, requester):
    before = states(accepted)
    read(vendor, requester, REWORDED)
    accepted.refresh_from_db()
    assert accepted.statement.version == 2
    assert states(accepted) == before
    assert all(review == "accepted" for _, review in before.values())
    assert changed_keys(accepted) == set() and assessment_changes(accepted) is None
    # The carried evidence points at the new version's offsets, so the viewer still highlights it.
    retention = accepted.answers.get(question__key="retention.period")
    start, end = retention.evidence[0]["start"], retention.evidence[0]["end"]
    assert accepted.statement.extracted_text[start:end] == retention.evidence[0]["text"]


def test_the_realistic_revision_reopens_exactly_the_affected_answers(accepted, vendor, requester):
    read(vendor, requester, REWORDED)
    read(vendor, requester, V3)
    accepted.refresh_from_db()
    after = states(accepted)
    assert changed_keys(accepted) == REVISED
    assert {key for key, (_, review) in after.items() if review == "pending"} == REVISED
    ai = accepted.answers.get(question__key="use.automated_analysis")
    assert (ai.change, ai.previous_value, ai.value, ai.previous_evidence) == ("value", "not_stated", "yes", [])
    assert any("Mistral AI" in quote["text"] for quote in ai.evidence)
    retention = accepted.answers.get(question__key="retention.period")
    assert (retention.change, retention.previous_value, retention.value) == ("evidence", "specific", "specific")
    assert any("60 days" in quote["text"] for quote in retention.previous_evidence)
    assert any("90 days" in quote["text"] for quote in retention.evidence)
    assert retention.changed_from.version == 2 and retention.reviewed_by is None
    event = AuditEvent.objects.get(assessment=accepted, kind=AuditEvent.Kind.ANSWER_CHANGED)
    assert set(event.data["reopened"]) == REVISED


def test_an_accepted_changed_answer_stays_marked_and_a_later_unchanged_version_keeps_it(
    accepted, vendor, requester, reviewer
):
    read(vendor, requester, V3)
    accepted.refresh_from_db()
    retention = accepted.answers.get(question__key="retention.period")
    answer_accept(answer=retention, actor=reviewer)
    read(vendor, requester, V3 + "\n\nThis statement is also published as a PDF.\n")
    retention.refresh_from_db()
    assert (retention.review, retention.change, retention.changed_from.version) == ("accepted", "evidence", 1)


def test_after_approval_a_new_version_opens_a_change_review_carrying_acceptances_and_overrides(
    approved, vendor, requester, reviewer, approver
):
    v3 = read(vendor, requester, V3)
    review = Assessment.objects.get(previous=approved)
    assert review.status == Assessment.Status.DRAFT and review.statement == v3
    assert review.compares_to == approved.statement and review.compares_to.version == 1
    after = states(review)
    assert changed_keys(review) == REVISED
    assert {key for key, (_, state) in after.items() if state == "pending"} == REVISED
    carried = {key for key, (_, state) in after.items() if state == "accepted"}
    assert carried == set(after) - REVISED - {"share.sells_data"}
    sells = review.answers.get(question__key="share.sells_data")
    assert (sells.value, sells.source, sells.review) == ("yes", "manual", "overridden")
    assert review.answers.get(question__key="rights.access").reviewed_by == reviewer
    changes = assessment_changes(review)
    assert changes["count"] == 5
    assert changes["summary"] == "5 answers changed since version 1, which Ravi and Ada signed."


def test_a_plain_reassessment_still_reviews_every_answer_again(approved, requester):
    from assessments.services.workflow import assessment_reassess

    again = assessment_reassess(assessment=approved, actor=requester)
    assert again.compares_to is None
    assert set(again.answers.values_list("review", flat=True)) == {Answer.Review.PENDING}


def test_the_review_page_filters_to_changed_answers_and_tells_the_approver_whose_signature(
    approved, vendor, requester, client_for, approver
):
    read(vendor, requester, V3)
    review = Assessment.objects.get(previous=approved)
    page = client_for(approver).get(review.get_absolute_url()).content.decode()
    assert "5 answers changed since version 1, which Ravi and Ada signed." in page
    assert page.count('class="alert alert-warning small py-2 px-3 mt-2 mb-1 answer-change"') == 5
    assert page.count('class="list-group-item answer-row') == review.answers.count()
    only = client_for(approver).get(review.get_absolute_url() + "?show=changed").content.decode()
    assert only.count('class="list-group-item answer-row') == 5
    assert "within 60 days" in only and "within 90 days" in only  # both quotes of the retention answer
    assert f"?from={approved.statement_id}&amp;to={review.statement_id}" in only


def test_the_pdf_of_a_change_review_has_the_changes_since_the_signed_version(approved, vendor, requester):
    from io import BytesIO

    from pypdf import PdfReader

    from assessments.exports import assessment_pdf, assessment_pdf_html

    read(vendor, requester, V3)
    review = Assessment.objects.get(previous=approved)
    html = assessment_pdf_html(assessment=review)
    assert "Changes since the signed version" in html
    assert "10 sentences changed in 5 sections; 2 moved" in html
    assert html.count('<tr class="changed-answer">') == 5
    assert "within 60 days" in html and "within 90 days" in html
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(assessment_pdf(assessment=review))).pages)
    assert "Changes since the signed version" in " ".join(text.split())
    # The first assessment, read from one version only, has no such section.
    assert "Changes since the signed version" not in assessment_pdf_html(assessment=approved)


def test_a_new_version_reaching_a_signed_round_names_who_signed_what_it_changed(
    accepted, vendor, requester, reviewer
):
    assessment_submit(assessment=accepted, actor=requester)
    assessment_sign_off(assessment=accepted, actor=reviewer, role="Reviewer", decision="approve")
    read(vendor, requester, REWORDED)
    read(vendor, requester, V3)
    accepted.refresh_from_db()
    assert accepted.status == Assessment.Status.IN_REVIEW and accepted.review_round == 2
    changes = assessment_changes(accepted)
    assert changes["summary"] == "5 answers changed since version 1, which Ravi signed."
    assert {answer.question.key for answer in changes["answers"]} == REVISED
