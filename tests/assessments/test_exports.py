"""The PDF risk summary, the portfolio CSV and the JSON export: content, access and escaping."""

import csv
import io
import json
import subprocess

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from assessments import exports
from assessments.models import Answer, Assessment, AuditEvent, ReviewComment, SignOff
from tests.factories import AssessmentFactory, UserFactory, VendorFactory
from tests.questionnaires import V1_QUESTION_COUNT

PAYLOAD = '<script>alert("x")</script><img src=x onerror=alert(1)>'
CREDENTIALS_QUOTE = "Our agents may ask for your password to reproduce a problem in your account."
REMOTE_QUOTE = "With your consent, our technicians can take remote control of your computer."
SILENT_REASON = "Security measures are not described at all."


def _answer(assessment: Assessment, key: str) -> Answer:
    return assessment.answers.get(question__key=key)


def _set(assessment: Assessment, key: str, value: str, quote: str = "", **fields) -> None:
    evidence = [{"start": 10, "end": 10 + len(quote), "text": quote}] if quote else []
    Answer.objects.filter(pk=_answer(assessment, key).pk).update(
        value=value, evidence=evidence, confidence=0.9 if quote else 0.0, **fields
    )


def _line(key: str, section: str, value: str, points: int, reason: str) -> dict:
    return {
        "key": key,
        "question": f"Question {key}",
        "section": section,
        "value": value,
        "points": points,
        "reason": reason,
    }


def _breakdown(lines: list[dict], factor: float = 1.5) -> dict:
    residual = sum(line["points"] for line in lines)
    return {
        "lines": lines,
        "residual": residual,
        "inherent": {"factor": factor, "reasons": ["The help desk gets remote access to devices."]},
        "score": round(residual * factor),
        "tier": "high",
        "thresholds": {"medium": 8, "high": 16, "critical": 28},
    }


@pytest.fixture
def assessment(vendor, reviewer, approver):
    """A scored assessment in review: three findings, two sign-offs and a few audit events."""
    assessment = AssessmentFactory(vendor=vendor, with_answers=True, status=Assessment.Status.IN_REVIEW)
    _set(assessment, "collect.credentials", "yes", CREDENTIALS_QUOTE)
    _set(assessment, "collect.remote_access", "yes", REMOTE_QUOTE, reviewer_comment="Confirmed with the vendor.")
    lines = [
        _line("collect.credentials", "collect", "yes", 3, "Agents may handle passwords."),
        _line("collect.remote_access", "collect", "yes", 3, "Staff may control devices."),
        _line("security.measures", "security", "not_stated", 3, SILENT_REASON),
        _line("rights.access", "rights", "not_stated", 0, "No points."),
    ]
    breakdown = _breakdown(lines)
    Assessment.objects.filter(pk=assessment.pk).update(
        score_breakdown=breakdown, risk_score=breakdown["score"], residual_score=breakdown["residual"], risk_tier="high"
    )
    SignOff.objects.create(
        assessment=assessment,
        user=reviewer,
        role="Reviewer",
        decision="approve",
        statement_sha256=assessment.statement.sha256,
    )
    SignOff.objects.create(
        assessment=assessment, user=approver, role="Approver", decision="request_changes", comment="Ask about MFA."
    )
    AuditEvent.objects.create(
        vendor=vendor, assessment=assessment, kind=AuditEvent.Kind.JOB_DONE, message="Auto-fill finished."
    )
    assessment.refresh_from_db()
    return assessment


def _pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _squash(text: str) -> str:
    # Text extraction may break a long line anywhere; compare with all white space removed.
    return "".join(text.split())


# --- the PDF ----------------------------------------------------------------------------------


def test_pdf_carries_vendor_tier_findings_with_evidence_and_signoffs(assessment):
    pdf = exports.assessment_pdf(assessment=assessment)
    assert pdf.startswith(b"%PDF-")
    text = _pdf_text(pdf)
    squashed = _squash(text)
    assert "Acme Help Desk" in text
    assert "High risk" in text
    for quote in (CREDENTIALS_QUOTE, REMOTE_QUOTE):
        assert _squash(quote) in squashed
    assert "The statement is silent on this." in text
    assert _squash(SILENT_REASON) in squashed
    for name, role, decision in (("Ravi", "Reviewer", "Approve"), ("Ada", "Approver", "Request changes")):
        assert _squash(f"{name} {role} {decision}") in squashed
    assert _squash(assessment.statement.sha256) in squashed
    assert "Help-desk vendor privacy questionnaire, version 1" in text


def test_pdf_has_page_numbers_and_the_vendor_in_the_footer(assessment):
    reader = PdfReader(io.BytesIO(exports.assessment_pdf(assessment=assessment)))
    pages = len(reader.pages)
    assert pages > 1
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert f"Page {number} of {pages}" in text
        assert "Acme Help Desk" in text
        assert " · generated " in text
        # The cover carries the assessment's number in its facts; later pages in the header.
        assert number == 1 or f"Privacy risk summary · assessment #{assessment.pk}" in text


def test_pdf_text_uses_the_packaged_dejavu_fonts(assessment):
    reader = PdfReader(io.BytesIO(exports.assessment_pdf(assessment=assessment)))
    fonts = {
        str(font.get_object()["/BaseFont"]) for page in reader.pages for font in page["/Resources"]["/Font"].values()
    }
    assert fonts and all("DejaVu" in font for font in fonts), fonts


def test_draft_carries_the_watermark_on_every_page(assessment):
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.DRAFT)
    reader = PdfReader(io.BytesIO(exports.assessment_pdf(assessment=assessment)))
    assert all("DRAFT,notapproved" in _squash(page.extract_text()) for page in reader.pages)


def test_approved_assessment_has_no_watermark(assessment):
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.APPROVED)
    text = _pdf_text(exports.assessment_pdf(assessment=assessment))
    assert "DRAFT" not in text and "notapproved" not in _squash(text)
    assert "Approved" in text


def test_rejected_assessment_is_not_called_a_draft(assessment):
    Assessment.objects.filter(pk=assessment.pk).update(status=Assessment.Status.REJECTED)
    text = _pdf_text(exports.assessment_pdf(assessment=assessment))
    assert "REJECTED,notapproved" in _squash(text) and "DRAFT" not in text


def test_unscored_assessment_says_so(vendor):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    text = _pdf_text(exports.assessment_pdf(assessment=assessment))
    assert "Not scored yet" in text
    assert "has not been scored yet" in text


def test_first_page_renders_to_png(assessment, tmp_path):
    pdf_path = tmp_path / "summary.pdf"
    pdf_path.write_bytes(exports.assessment_pdf(assessment=assessment))
    subprocess.run(
        ["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf_path), str(tmp_path / "page")],
        check=True,
        timeout=60,
    )
    pngs = list(tmp_path.glob("page*.png"))
    assert len(pngs) == 1
    image = pngs[0].read_bytes()
    assert image.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(image) > 5_000


def test_pdf_reads_its_rows_in_a_fixed_number_of_queries(assessment, reviewer, requester):
    with CaptureQueriesContext(connection) as small:
        exports.assessment_pdf_html(assessment=assessment)
    for n in range(5):
        AuditEvent.objects.create(
            vendor=assessment.vendor,
            assessment=assessment,
            actor=reviewer,
            kind="answer_changed",
            message=f"Change {n}",
        )
    Answer.objects.filter(assessment=assessment).update(reviewed_by=reviewer, reviewer_comment="Checked.")
    for author, kind in ((reviewer, "request_changes"), (requester, "reply"), (reviewer, "request_changes")):
        ReviewComment.objects.create(assessment=assessment, author=author, kind=kind, body=f"Message from {author}.")
    with CaptureQueriesContext(connection) as large:
        exports.assessment_pdf_html(assessment=assessment)
    # 9, plus the other questionnaires, the findings across documents and the sub-processor list.
    assert len(large) == len(small) <= 12


# --- escaping ---------------------------------------------------------------------------------


@pytest.fixture
def hostile(assessment, reviewer):
    """The payload in the vendor's name and service, in evidence, in comments and in an event."""
    vendor = assessment.vendor
    vendor.name, vendor.service = f"Evil {PAYLOAD}", PAYLOAD
    vendor.save()
    _set(assessment, "collect.credentials", "yes", f"We keep {PAYLOAD} forever.", reviewer_comment=f"Note {PAYLOAD}")
    SignOff.objects.create(
        assessment=assessment, user=reviewer, role="Reviewer", decision="reject", comment=PAYLOAD, review_round=2
    )
    AuditEvent.objects.create(
        vendor=vendor, assessment=assessment, kind=AuditEvent.Kind.VENDOR_UPDATED, message=PAYLOAD
    )
    return assessment


def test_hostile_text_is_escaped_in_the_pdf_html(hostile):
    html = exports.assessment_pdf_html(assessment=hostile)
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "<script" not in html and "<img" not in html


def test_hostile_text_comes_out_literally_in_the_pdf(hostile):
    text = _pdf_text(exports.assessment_pdf(assessment=hostile))
    squashed = _squash(text)
    assert _squash(f"Evil {PAYLOAD}") in squashed  # cover and footer
    assert _squash(f"We keep {PAYLOAD} forever.") in squashed  # evidence
    assert _squash(f"Note {PAYLOAD}") in squashed  # reviewer comment
    assert squashed.count(_squash(PAYLOAD)) >= 6


def test_template_escapes_a_vendor_name_given_directly(assessment):
    context = exports._pdf_context(exports.assessment_export_load(assessment_id=assessment.pk))
    context["vendor"] = VendorFactory.build(name=PAYLOAD, business_owner=assessment.vendor.business_owner)
    html = render_to_string(exports.PDF_TEMPLATE, context)
    assert "<h1>&lt;script&gt;" in html


# --- the portfolio CSV ------------------------------------------------------------------------


def test_portfolio_csv_has_a_row_per_vendor_for_a_reviewer(assessment, reviewer):
    other = VendorFactory(name="Zeta Desk", service="Chat")
    rows = list(csv.reader(io.StringIO(exports.portfolio_csv(user=reviewer))))
    assert rows[0] == ["vendor", "service", "owner", "tier", "score", "status", "next review"]
    by_vendor = {row[0]: row for row in rows[1:]}
    assert set(by_vendor) == {"Acme Help Desk", other.name}
    assert by_vendor["Acme Help Desk"][3:6] == ["High", str(assessment.risk_score), "In review"]
    assert by_vendor["Zeta Desk"][3:6] == ["", "", "Not assessed"]


def test_portfolio_csv_shows_a_requester_only_their_vendors(assessment, requester):
    VendorFactory(name="Someone Else's Desk")
    rows = list(csv.DictReader(io.StringIO(exports.portfolio_csv(user=requester))))
    assert [row["vendor"] for row in rows] == ["Acme Help Desk"]
    assert rows[0]["owner"] == "Rita"


def test_portfolio_csv_shows_the_latest_assessment(assessment, reviewer):
    AssessmentFactory(vendor=assessment.vendor, status=Assessment.Status.APPROVED, risk_tier="low", risk_score=3)
    rows = list(csv.DictReader(io.StringIO(exports.portfolio_csv(user=reviewer))))
    assert (rows[0]["tier"], rows[0]["score"], rows[0]["status"]) == ("Low", "3", "Approved")


def test_portfolio_csv_neutralises_spreadsheet_formulas(reviewer):
    VendorFactory(name='=HYPERLINK("http://evil.test","x")', service="+1")
    rows = list(csv.DictReader(io.StringIO(exports.portfolio_csv(user=reviewer))))
    assert rows[0]["vendor"].startswith("'=HYPERLINK")
    assert rows[0]["service"] == "'+1"


def test_portfolio_csv_uses_a_fixed_number_of_queries(reviewer):
    VendorFactory()
    exports.portfolio_csv(user=reviewer)  # reads the user's roles once; they stay cached on the user
    with CaptureQueriesContext(connection) as few:
        exports.portfolio_csv(user=reviewer)
    for _ in range(4):
        AssessmentFactory(vendor=VendorFactory())
    with CaptureQueriesContext(connection) as many:
        exports.portfolio_csv(user=reviewer)
    assert len(many) == len(few)


# --- the JSON export --------------------------------------------------------------------------


def test_json_export_shape(assessment):
    document = exports.assessment_json(assessment=assessment)
    json.dumps(document)  # plain JSON types only
    assert document["format"] == "vendorrisk-assessment/1"
    assert document["questionnaire"] == {"slug": "helpdesk-privacy", "version": 1, "title": assessment.template.title}
    assert document["statement"]["sha256"] == assessment.statement.sha256
    assert document["assessment"]["risk_tier"] == "high" and document["assessment"]["status"] == "in_review"
    assert document["vendor"]["name"] == "Acme Help Desk"
    assert len(document["answers"]) == V1_QUESTION_COUNT
    credentials = document["answers"]["collect.credentials"]
    assert credentials["value"] == "yes" and credentials["source"] == "auto" and credentials["confidence"] == 0.9
    assert credentials["evidence"] == [{"start": 10, "end": 10 + len(CREDENTIALS_QUOTE), "text": CREDENTIALS_QUOTE}]
    assert document["score_breakdown"]["score"] == assessment.risk_score
    assert [(s["name"], s["role"], s["decision"]) for s in document["signoffs"]] == [
        ("Ravi", "Reviewer", "approve"),
        ("Ada", "Approver", "request_changes"),
    ]


def test_json_export_of_an_unscored_assessment(vendor):
    document = exports.assessment_json(assessment=AssessmentFactory(vendor=vendor, with_answers=True))
    assert document["score_breakdown"] is None and document["assessment"]["risk_tier"] is None
    assert document["answers"]["security.measures"]["evidence"] == []


# --- views: access, headers, audit ------------------------------------------------------------


@pytest.mark.parametrize("name", ["assessment_pdf", "assessment_json"])
def test_download_is_an_attachment_and_is_audited(client_for, reviewer, assessment, name):
    response = client_for(reviewer).get(reverse(name, args=[assessment.pk]))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="acme-help-desk-')
    assert "no-store" in response["Cache-Control"]
    event = AuditEvent.objects.filter(assessment=assessment, kind=AuditEvent.Kind.EXPORTED).get()
    assert event.actor == reviewer


def test_pdf_download_is_a_pdf(client_for, requester, assessment):
    response = client_for(requester).get(reverse("assessment_pdf", args=[assessment.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF-")


def test_json_download_parses(client_for, approver, assessment):
    response = client_for(approver).get(reverse("assessment_json", args=[assessment.pk]))
    assert json.loads(response.content)["vendor"]["name"] == "Acme Help Desk"


def test_file_name_is_safe_whatever_the_vendor_name(client_for, reviewer, hostile):
    response = client_for(reviewer).get(reverse("assessment_pdf", args=[hostile.pk]))
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="evil-scriptalertxscriptimg-src')
    assert "<" not in disposition and "/" not in disposition.split("filename=")[1].strip('"')


@pytest.mark.parametrize("name", ["assessment_pdf", "assessment_json"])
def test_requester_of_another_vendor_gets_a_404(client_for, assessment, name):
    stranger = UserFactory(username="sam", roles=["Requester"])
    response = client_for(stranger).get(reverse(name, args=[assessment.pk]))
    assert response.status_code == 404
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.EXPORTED).exists()


@pytest.mark.parametrize("name", ["assessment_pdf", "assessment_json"])
def test_outsider_gets_the_no_role_page(client_for, outsider, assessment, name):
    response = client_for(outsider).get(reverse(name, args=[assessment.pk]))
    assert response.status_code == 403
    assert b"no role" in response.content


def test_portfolio_csv_download(client_for, requester, assessment):
    VendorFactory(name="Hidden Desk")
    response = client_for(requester).get(reverse("portfolio_csv"))
    assert response.status_code == 200 and response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="vendor-portfolio-')
    assert response.streaming  # row by row, never the whole portfolio in memory
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [row["vendor"] for row in rows] == ["Acme Help Desk"]


def test_outsider_cannot_download_the_portfolio(client_for, outsider, assessment):
    assert client_for(outsider).get(reverse("portfolio_csv")).status_code == 403


def test_assessment_page_links_the_downloads(client_for, reviewer, assessment):
    page = client_for(reviewer).get(reverse("assessment_detail", args=[assessment.pk])).content.decode()
    assert reverse("assessment_pdf", args=[assessment.pk]) in page
    assert reverse("assessment_json", args=[assessment.pk]) in page


def test_vendor_list_links_the_portfolio_csv(client_for, requester):
    assert reverse("portfolio_csv") in client_for(requester).get(reverse("vendor_list")).content.decode()
