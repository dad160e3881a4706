"""The PDF a privacy officer files: every script a vendor name comes in, the evidence for every stated
answer, where the statement came from, review coverage, human wording and unreviewed answers flagged."""

import io
import unicodedata

import pytest
from pypdf import PdfReader

from assessments import exports
from assessments.models import Answer, Assessment
from policies.models import Statement
from tests.factories import AssessmentFactory, VendorFactory

pytestmark = pytest.mark.django_db

NAMES = {
    "CJK": "蓝天客服 ヘルプデスク 고객센터",
    "Cyrillic": "Служба поддержки Ромашка",
    "Greek": "Υπηρεσία Εξυπηρέτησης Άλφα",
    "Arabic": "مكتب المساعدة السريع",
}
DELETION_QUOTE = "You can ask us to delete your data at any time."
TABLE_QUOTE = "| Tickets | deleted after _90 days_ |"


def pdf_of(assessment: Assessment) -> PdfReader:
    return PdfReader(io.BytesIO(exports.assessment_pdf(assessment=assessment)))


def text_of(reader: PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def squashed(text: str) -> str:
    # Compatibility forms fold Arabic presentation forms back to letters; spaces may move.
    return "".join(unicodedata.normalize("NFKC", text).split())


def fonts_of(reader: PdfReader) -> set[str]:
    return {
        str(font.get_object()["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }


@pytest.mark.parametrize("script", NAMES)
def test_a_vendor_name_in_any_script_is_printed_and_reads_back(requester, script):
    name = NAMES[script]
    vendor = VendorFactory(name=name, business_owner=requester, created_by=requester)
    reader = pdf_of(AssessmentFactory(vendor=vendor, with_answers=True))
    found = squashed(text_of(reader))
    # Right-to-left text may be extracted in visual order; either order is the name.
    assert squashed(name) in found or squashed(name)[::-1] in found, (script, found[:300])
    if script == "CJK":
        assert any("Noto" in font and "CJK" in font for font in fonts_of(reader)), fonts_of(reader)


@pytest.fixture
def filed(requester, reviewer):
    vendor = VendorFactory(name="Acme Help Desk", business_owner=requester, created_by=requester)
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    Statement.objects.filter(pk=assessment.statement_id).update(
        source="url", source_url="https://acme.example/privacy", status="done"
    )
    answers = {answer.question.key: answer for answer in assessment.answers.select_related("question")}
    start = 0
    Answer.objects.filter(pk=answers["rights.deletion"].pk).update(
        value="yes", evidence=[{"start": start, "end": len(DELETION_QUOTE), "text": DELETION_QUOTE}], review="accepted",
        reviewed_by=reviewer,
    )  # fmt: skip
    Answer.objects.filter(pk=answers["retention.period"].pk).update(
        value="specific", evidence=[{"start": 0, "end": len(TABLE_QUOTE), "text": TABLE_QUOTE}]
    )
    Answer.objects.filter(pk=answers["collect.remote_access"].pk).update(
        value="no", source="manual", review="overridden", reviewed_by=reviewer, reviewer_comment="Contract clause 7."
    )
    return assessment


def test_the_appendix_quotes_the_evidence_of_every_stated_answer(filed):
    text = squashed(text_of(pdf_of(filed)))
    assert squashed("Appendix: the evidence for every stated answer") in text
    assert squashed(DELETION_QUOTE) in text
    assert squashed("“Tickets · deleted after 90 days”") in text and "_90days_" not in text
    assert squashed("No passage quoted: a reviewer set this answer (“Contract clause 7.”)") in text


def test_the_cover_names_the_statements_source_and_the_review_coverage(filed):
    text = squashed(text_of(pdf_of(filed)))
    statement = filed.statement
    assert squashed("Fetched from a URL: https://acme.example/privacy") in text
    assert squashed(f"{statement.created_at:%Y-%m-%d} ") in text and squashed("by Rita") in text
    assert squashed("Fetched and read") in text
    assert squashed("2 of 35 answers reviewed by a person (1 accepted, 1 overridden); 33 never reviewed") in text


def test_values_read_as_words_and_unreviewed_answers_are_flagged(filed):
    text = text_of(pdf_of(filed))
    assert "not_stated" not in text and "Not stated" in text
    # 33 unreviewed answers in the table, one more in the appendix (retention is stated, unreviewed).
    assert squashed(text).count("NEVERREVIEWED") >= 34
