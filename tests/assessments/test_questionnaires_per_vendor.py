"""One current assessment per vendor per questionnaire: the lists show the worst, a DPA on file
answers "a DPA is available", and the PDF covers every questionnaire of the vendor."""

import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from assessments import exports
from assessments.models import Answer, Assessment, QuestionnaireTemplate, RoundSupersession
from assessments.services.answers import answers_apply_documents_on_file
from assessments.services.review import answer_override
from assessments.services.workflow import assessment_sign_off, assessment_submit
from policies.processing import statement_process
from policies.services import statement_add_text
from tests.factories import AssessmentFactory, StatementFactory, VendorFactory

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"
STATEMENT = (DEMO / "fixitnow.txt").read_text()
DPA = (DEMO / "fixitnow-dpa.txt").read_text()
DPA_KEY = "compliance.dpa_available"


def art28() -> QuestionnaireTemplate:
    return QuestionnaireTemplate.objects.get(slug="gdpr-art28")


def two_questionnaires(vendor, *, privacy_tier="low", art28_tier="high", **fields):
    privacy = AssessmentFactory(vendor=vendor, risk_tier=privacy_tier, risk_score=3, **fields)
    dpa = StatementFactory(vendor=vendor, kind_id="dpa", version=1)
    other = AssessmentFactory(vendor=vendor, template=art28(), statement=dpa, risk_tier=art28_tier, risk_score=20)
    return privacy, other


def processed(statement):
    statement_process(statement_id=statement.pk)
    statement.refresh_from_db()
    assert statement.status == "done", statement.error
    return statement


def dpa_answer(assessment: Assessment) -> Answer:
    return assessment.answers.get(question__key=DPA_KEY)


# --- the lists --------------------------------------------------------------------------------


def test_a_vendor_with_two_questionnaires_lists_once_with_its_worst_tier(client_for, reviewer, vendor):
    privacy, other = two_questionnaires(vendor)
    assert set(Assessment.objects.filter(vendor=vendor, is_current=True)) == {privacy, other}
    page = client_for(reviewer).get("/vendors/").content.decode()
    assert page.count(f'href="/vendors/{vendor.pk}/"') == 1
    row = page.split(f'href="/vendors/{vendor.pk}/"')[1].split("</tr>")[0]
    assert "tier-high" in row and "tier-low" not in row and "worst of 2" in row


def test_the_tier_filter_and_the_api_read_the_worst_tier(client_for, reviewer, vendor):
    two_questionnaires(vendor)
    client = client_for(reviewer)
    assert vendor.name in client.get("/vendors/", {"tier": "high"}).content.decode()
    assert vendor.name not in client.get("/vendors/", {"tier": "low"}).content.decode()
    listed = client.get("/api/v1/vendors/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    mine = [row for row in rows if row["id"] == vendor.pk]
    assert len(mine) == 1 and mine[0]["latest_assessment"]["risk_tier"] == "high"


def test_an_unscored_questionnaire_does_not_hide_a_scored_one(client_for, reviewer, vendor):
    two_questionnaires(vendor, privacy_tier="medium", art28_tier="")
    row = client_for(reviewer).get("/vendors/").content.decode().split(f'href="/vendors/{vendor.pk}/"')[1]
    assert "tier-medium" in row.split("</tr>")[0]


def test_the_dashboard_counts_each_vendor_once_by_its_worst_tier(client_for, reviewer, vendor):
    two_questionnaires(vendor)
    AssessmentFactory(vendor=VendorFactory(), risk_tier="low")
    page = client_for(reviewer).get("/").content.decode()
    tiers = page.split("By tier")[1].split("</ul>")[0]
    assert '?tier=high">1</a>' in tiers and '?tier=low">1</a>' in tiers
    statuses = page.split("By status")[1].split("</ul>")[0]
    assert '?status=draft">2</a>' in statuses


def test_the_vendor_page_shows_both_current_assessments_first(client_for, reviewer, vendor):
    privacy, other = two_questionnaires(vendor)
    page = client_for(reviewer).get(f"/vendors/{vendor.pk}/").content.decode()
    assert page.count("current-assessment") == 2
    assert page.index(f"#{privacy.pk}</a>") < page.index(f"#{other.pk}</a>")
    assert "GDPR" in page and "v1" in page


# --- a DPA on file answers "a DPA is available" ------------------------------------------------


def test_a_dpa_added_later_makes_the_privacy_answer_yes_with_the_dpa_as_evidence(requester, vendor):
    processed(statement_add_text(vendor=vendor, actor=requester, text=STATEMENT))
    privacy = Assessment.objects.get(vendor=vendor, template__slug="helpdesk-privacy")
    assert dpa_answer(privacy).value == "not_stated"
    dpa = processed(statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="dpa"))
    answer = dpa_answer(privacy)
    assert (answer.value, answer.source) == ("yes", "auto")
    (quote,) = answer.evidence
    assert quote["document"] == dpa.pk
    assert dpa.extracted_text[quote["start"] : quote["end"]] == quote["text"] and quote["text"].strip()
    privacy.refresh_from_db()
    assert privacy.statement.kind_id == "privacy_statement"  # still reads its own statement
    assert "compliance.dpa_available" in privacy.events.latest("created_at").message


def test_a_privacy_statement_read_after_the_dpa_is_answered_from_it_too(requester, vendor):
    dpa = processed(statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="dpa"))
    processed(statement_add_text(vendor=vendor, actor=requester, text=STATEMENT))
    answer = dpa_answer(Assessment.objects.get(vendor=vendor, template__slug="helpdesk-privacy"))
    assert answer.value == "yes" and answer.evidence[0]["document"] == dpa.pk


def test_a_manual_override_still_wins_over_a_dpa_on_file(requester, reviewer, vendor):
    processed(statement_add_text(vendor=vendor, actor=requester, text=STATEMENT))
    privacy = Assessment.objects.get(vendor=vendor, template__slug="helpdesk-privacy")
    answer_override(answer=dpa_answer(privacy), actor=reviewer, value="no", comment="Their DPA is not signable.")
    processed(statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="dpa"))
    answer = dpa_answer(privacy)
    assert (answer.value, answer.source, answer.review) == ("no", "manual", "overridden")
    assert answer.auto_value == "yes" and answer.auto_evidence[0]["text"]


def test_a_dpa_reaching_a_signed_round_voids_it(requester, reviewer, vendor):
    processed(statement_add_text(vendor=vendor, actor=requester, text=STATEMENT))
    privacy = Assessment.objects.get(vendor=vendor, template__slug="helpdesk-privacy")
    privacy.answers.update(review="accepted")
    assessment_submit(assessment=privacy, actor=requester)
    assessment_sign_off(assessment=privacy, actor=reviewer, role="Reviewer", decision="approve")
    processed(statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="dpa"))
    voided = RoundSupersession.objects.get(assessment=privacy)
    keys = {change["key"] for entry in voided.changes for change in entry["changes"]}
    assert keys == {DPA_KEY}
    privacy.refresh_from_db()
    assert privacy.status == "in_review" and privacy.review_round == 2
    assert dpa_answer(privacy).review == "pending"  # a new reading needs a fresh look


def test_a_decided_assessment_is_not_touched_by_a_dpa(requester, vendor):
    processed(statement_add_text(vendor=vendor, actor=requester, text=STATEMENT))
    privacy = Assessment.objects.get(vendor=vendor, template__slug="helpdesk-privacy")
    Assessment.objects.filter(pk=privacy.pk).update(status="approved")
    processed(statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="dpa"))
    assert dpa_answer(privacy).value == "not_stated"


def test_refreshing_twice_changes_nothing_the_second_time(requester, vendor):
    processed(statement_add_text(vendor=vendor, actor=requester, text=STATEMENT))
    processed(statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="dpa"))
    assert answers_apply_documents_on_file(vendor_id=vendor.pk, actor=None) == []


def test_the_evidence_viewer_shows_the_dpa_and_the_pdf_names_it(client_for, requester, reviewer, vendor):
    processed(statement_add_text(vendor=vendor, actor=requester, text=STATEMENT))
    dpa = processed(statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="dpa"))
    privacy = Assessment.objects.get(vendor=vendor, template__slug="helpdesk-privacy")
    answer = dpa_answer(privacy)
    page = client_for(reviewer).get(f"/assessments/{privacy.pk}/", {"answer": answer.pk}).content.decode()
    viewer = page.split('id="statement-viewer"')[1]
    assert "Quoted from the vendor's" in viewer and f"DPA v{dpa.version}" in viewer
    assert "<mark" in viewer
    html = exports.assessment_pdf_html(assessment=privacy)
    assert "(the vendor&#x27;s DPA v1)" in html or "(the vendor's DPA v1)" in html


# --- the PDF covers every questionnaire ---------------------------------------------------------


def test_the_pdf_has_a_section_for_the_vendors_other_questionnaire(requester, vendor):
    privacy, other = two_questionnaires(vendor)
    line = {"key": "art28.audits", "question": "Audits allowed?", "value": "no", "points": 6, "reason": "No audits."}
    other.score_breakdown = {"lines": [line]}
    other.save(update_fields=["score_breakdown"])
    reader = PdfReader(io.BytesIO(exports.assessment_pdf(assessment=privacy)))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "The vendor's other questionnaires" in text
    assert "GDPR" in text and f"#{other.pk}" in text and "No audits." in text
    alone = exports.assessment_pdf_html(assessment=AssessmentFactory(vendor=VendorFactory()))
    assert "other-questionnaires" not in alone
