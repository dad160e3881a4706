"""Sub-processor rows stored by the job, and findings across a vendor's documents."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assessments.models import Assessment, AuditEvent, Finding, RoundSupersession, Vendor
from assessments.services.findings import finding_accept, finding_dismiss
from assessments.services.review import answers_accept_above
from assessments.services.workflow import WorkflowError, assessment_sign_off, assessment_submit
from policies.models import Statement, SubProcessor
from policies.processing import statement_process
from policies.services import statement_add_text, statement_add_upload

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"
LIST_V2 = """# TicketTide Sub-processors

Last updated: 2 May 2026

| Sub-processor | Purpose | Location | Customer content |
|---|---|---|---|
| Polder Hosting B.V. | Hosting and database | Netherlands | Yes |
| Chatterbox Relay Inc. | Delivery of chat messages | Canada | Yes |
| Quillfeather Analytics Ltd | Usage analytics for the admin console | United Kingdom | No |
"""


def upload(vendor, actor, name: str, kind: str) -> Statement:
    data = (DEMO / name).read_bytes()
    statement = statement_add_upload(vendor=vendor, actor=actor, upload=SimpleUploadedFile(name, data), kind=kind)
    statement_process(statement_id=statement.pk)
    statement.refresh_from_db()
    assert statement.status == "done", statement.error
    return statement


def document_set(vendor, actor, prefix: str) -> dict[str, Statement]:
    return {
        "statement": upload(vendor, actor, f"{prefix}.md", "privacy_statement"),
        "dpa": upload(vendor, actor, f"{prefix}-dpa.md", "dpa"),
        "list": upload(vendor, actor, f"{prefix}-subprocessors.md", "subprocessor_list"),
    }


def privacy(vendor) -> Assessment:
    return Assessment.objects.get(vendor=vendor, template__slug="helpdesk-privacy")


@pytest.fixture
def tide(requester):
    return Vendor.objects.create(name="TicketTide", business_owner=requester, created_by=requester)


@pytest.fixture
def harbor(requester):
    return Vendor.objects.create(name="Harborline Support", business_owner=requester, created_by=requester)


def test_a_list_version_keeps_its_rows_with_evidence(requester, harbor):
    listed = document_set(harbor, requester, "harborline")["list"]
    rows = list(SubProcessor.objects.filter(statement=listed))
    assert [(row.name, row.countries, row.customer_content) for row in rows] == [
        ("Nimbus Cloud Services Ltd", ["IE"], "yes"),
        ("Postwise Mail GmbH", ["DE"], "yes"),
        ("Tallyhall Billing Inc.", ["US"], "no"),
    ]
    for row in rows:
        assert listed.extracted_text[row.evidence_start : row.evidence_end] == row.evidence_text
        assert row.name.split()[0] in row.evidence_text


def test_reading_a_list_again_does_not_duplicate_its_rows(requester, harbor):
    listed = document_set(harbor, requester, "harborline")["list"]
    Statement.objects.filter(pk=listed.pk).update(status="queued")
    statement_process(statement_id=listed.pk)
    assert SubProcessor.objects.filter(statement=listed).count() == 3


def test_the_consistent_vendor_has_no_finding(requester, harbor):
    document_set(harbor, requester, "harborline")
    assert list(Finding.objects.filter(vendor=harbor)) == []


def test_the_contradictory_vendor_has_exactly_its_three_findings_with_both_quotes(requester, tide):
    docs = document_set(tide, requester, "tickettide")
    findings = {f.rule: f for f in Finding.objects.filter(vendor=tide)}
    assert sorted(findings) == [
        "region.subprocessor_outside", "retention.differs_from_dpa", "share.none_but_subprocessors"
    ]
    assessment = privacy(tide)
    assert all(f.assessment == assessment and f.status == "open" for f in findings.values())
    region = findings["region.subprocessor_outside"]
    assert region.subject == "Chatterbox Relay Inc."
    assert [(q["role"], q["statement"]) for q in region.quotes] == [
        ("statement", docs["statement"].pk), ("list", docs["list"].pk)
    ]
    assert "not transferred outside the European Union" in region.quotes[0]["text"]
    assert "Chatterbox Relay Inc." in region.quotes[1]["text"]
    retention = findings["retention.differs_from_dpa"]
    assert {q["statement"] for q in retention.quotes} == {docs["statement"].pk, docs["dpa"].pk}
    for finding in findings.values():
        for quote in finding.quotes:
            text = Statement.objects.get(pk=quote["statement"]).extracted_text
            assert text[quote["start"] : quote["end"]] == quote["text"]


def test_findings_raise_the_score_line_by_line(requester, tide):
    document_set(tide, requester, "tickettide")
    assessment = privacy(tide)
    lines = [line for line in assessment.score_breakdown["lines"] if line["section"] == "findings"]
    assert sorted(line["points"] for line in lines) == [2, 2, 3]
    assert {line["key"] for line in lines} == {
        "region.subprocessor_outside:Chatterbox Relay Inc.",
        "retention.differs_from_dpa",
        "share.none_but_subprocessors",
    }


def test_a_second_list_version_yields_change_findings_with_the_objection_deadline(requester, tide):
    docs = document_set(tide, requester, "tickettide")
    second = statement_add_text(vendor=tide, actor=requester, text=LIST_V2, kind="subprocessor_list")
    statement_process(statement_id=second.pk)
    second.refresh_from_db()
    changes = {f.rule: f for f in Finding.objects.filter(vendor=tide, rule__startswith="list.")}
    assert sorted(changes) == ["list.added", "list.location_changed", "list.removed"]
    added = changes["list.added"]
    assert added.subject == "v2 Quillfeather Analytics Ltd"
    # The DPA gives 30 days to object, counted from when the new version was obtained.
    assert added.deadline == timezone.localdate(second.created_at) + timedelta(days=30)
    moved = changes["list.location_changed"]
    assert [q["statement"] for q in moved.quotes] == [docs["list"].pk, second.pk]
    assert "United States" in moved.quotes[0]["text"] and "Canada" in moved.quotes[1]["text"]
    # Chatterbox is now in Canada, outside the EU all the same; the region finding stays.
    assert Finding.objects.filter(vendor=tide, rule="region.subprocessor_outside", status="open").count() == 2


def _signed_by_reviewer(assessment, requester, reviewer):
    assessment_submit(assessment=assessment, actor=requester)
    answers_accept_above(assessment=assessment, actor=reviewer, threshold=0.0)
    assessment.answers.filter(review="pending").update(review="accepted")
    return assessment


def test_open_findings_keep_the_reviewer_from_signing(requester, reviewer, tide):
    document_set(tide, requester, "tickettide")
    assessment = _signed_by_reviewer(privacy(tide), requester, reviewer)
    with pytest.raises(WorkflowError) as refused:
        assessment_sign_off(assessment=assessment, actor=reviewer, role="Reviewer", decision="approve")
    assert "3 findings still open: accept or dismiss each." in str(refused.value)


def test_accepting_and_dismissing_are_audited_and_void_a_signed_round(requester, reviewer, tide):
    document_set(tide, requester, "tickettide")
    assessment = _signed_by_reviewer(privacy(tide), requester, reviewer)
    region, retention, sharing = Finding.objects.filter(vendor=tide).order_by("rule")
    finding_accept(finding=region, actor=reviewer, comment="Chat relay in the US is covered by SCCs.")
    finding_dismiss(finding=retention, actor=reviewer, reason="The 90 days apply to closed accounts only.")
    finding_accept(finding=sharing, actor=reviewer, comment="Known: they mean no sale of data.")
    assessment_sign_off(assessment=assessment, actor=reviewer, role="Reviewer", decision="approve")
    events = AuditEvent.objects.filter(vendor=tide, kind=AuditEvent.Kind.FINDING_REVIEWED).order_by("id")
    assert [e.data["to"] for e in events] == ["accepted", "dismissed", "accepted"]
    assert events[1].actor == reviewer and "closed accounts only" in events[1].message
    assessment.refresh_from_db()
    signed_round = assessment.review_round
    # A dismissed finding adds no points; an accepted one keeps them.
    points = [line["points"] for line in assessment.score_breakdown["lines"] if line["section"] == "findings"]
    assert sorted(points) == [2, 3]
    finding_dismiss(finding=region, actor=reviewer, reason="On reflection the relay stores nothing.")
    assessment.refresh_from_db()
    assert assessment.review_round == signed_round + 1
    voided = RoundSupersession.objects.get(assessment=assessment, review_round=signed_round)
    changed = [(c["key"], c["field"]) for c in voided.changes[0]["changes"]]
    key = "finding region.subprocessor_outside:Chatterbox Relay Inc."
    assert changed == [(key, "status"), (key, "comment")]


def test_only_reviewers_handle_findings_and_always_with_a_reason(requester, reviewer, tide):
    document_set(tide, requester, "tickettide")
    finding = Finding.objects.filter(vendor=tide).first()
    with pytest.raises(PermissionDenied):
        finding_accept(finding=finding, actor=requester, comment="fine")
    with pytest.raises(ValidationError):
        finding_dismiss(finding=finding, actor=reviewer, reason="  ")
    finding.refresh_from_db()
    assert finding.status == "open"
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.FINDING_REVIEWED).exists()


def test_the_vendor_page_shows_the_sortable_table_and_the_findings(requester, reviewer, client_for, tide):
    docs = document_set(tide, requester, "tickettide")
    page = client_for(reviewer).get(f"/vendors/{tide.pk}/?sort=country").content.decode()
    table = page[page.index('id="subprocessor-table"') :]
    # Sorted by country: NL, SE, US.
    assert table.index("Polder Hosting") < table.index("Lumen Mail") < table.index("Chatterbox Relay")
    by_name = client_for(reviewer).get(f"/vendors/{tide.pk}/?sort=name").content.decode()
    table = by_name[by_name.index('id="subprocessor-table"') :]
    assert table.index("Chatterbox Relay") < table.index("Lumen Mail") < table.index("Polder Hosting")
    assert "A sub-processor is located outside the promised region" in page
    assert "Why this is a finding:" in page
    assert f'/statements/{docs["statement"].pk}/?start=' in page
    assert 'name="decision" value="dismiss"' in page
    # A requester sees the findings but gets no form to decide them.
    as_requester = client_for(requester).get(f"/vendors/{tide.pk}/").content.decode()
    assert "Why this is a finding:" in as_requester and 'value="dismiss"' not in as_requester


def test_a_quote_link_highlights_the_passage_in_the_document(requester, client_for, tide):
    docs = document_set(tide, requester, "tickettide")
    quote = Finding.objects.get(vendor=tide, rule="retention.differs_from_dpa").quotes[1]
    page = client_for(requester).get(f"/statements/{quote['statement']}/?start={quote['start']}&end={quote['end']}")
    assert "<mark" in page.content.decode() and "within 30 days" in page.content.decode()
    listed = client_for(requester).get(f"/statements/{docs['list'].pk}/").content.decode()
    assert 'id="subprocessor-table"' in listed and "Chatterbox Relay Inc." in listed


def test_the_reviewer_dismisses_a_finding_through_the_page(requester, reviewer, client_for, tide):
    document_set(tide, requester, "tickettide")
    finding = Finding.objects.get(vendor=tide, rule="share.none_but_subprocessors")
    client = client_for(reviewer)
    refused = client.post(f"/findings/{finding.pk}/review/", {"decision": "dismiss", "comment": ""}, follow=True)
    assert "Say why this is not a contradiction." in refused.content.decode()
    reason = "Processors are not third parties."
    client.post(f"/findings/{finding.pk}/review/", {"decision": "dismiss", "comment": reason})
    finding.refresh_from_db()
    assert (finding.status, finding.comment, finding.reviewed_by) == ("dismissed", reason, reviewer)
    other = client_for(requester).post(f"/findings/{finding.pk}/review/", {"decision": "accept", "comment": "x"})
    assert other.status_code == 403


def test_the_dashboard_lists_open_objection_deadlines(requester, client_for, tide):
    document_set(tide, requester, "tickettide")
    statement_process(
        statement_id=statement_add_text(vendor=tide, actor=requester, text=LIST_V2, kind="subprocessor_list").pk
    )
    page = client_for(requester).get("/").content.decode()
    deadlines = page[page.index('id="objection-deadlines"') :]
    assert "Quillfeather Analytics Ltd" in deadlines and "object by" in deadlines


def test_json_and_pdf_carry_the_table_and_the_findings(requester, tide):
    from assessments.exports import assessment_json, assessment_pdf_html

    document_set(tide, requester, "tickettide")
    assessment = privacy(tide)
    exported = assessment_json(assessment=assessment)
    assert [row["name"] for row in exported["subprocessors"]["rows"]] == [
        "Polder Hosting B.V.", "Chatterbox Relay Inc.", "Lumen Mail AB"
    ]
    assert exported["subprocessors"]["rows"][1]["countries"] == ["US"]
    assert {f["rule"] for f in exported["findings"]} == {
        "region.subprocessor_outside", "retention.differs_from_dpa", "share.none_but_subprocessors"
    }
    assert all(len(f["quotes"]) >= 2 for f in exported["findings"])
    html = assessment_pdf_html(assessment=assessment)
    chapter = html[html.index('id="document-findings"') :]
    assert "A sub-processor is located outside the promised region" in chapter
    assert "is not transferred outside the European Union" in chapter
    assert "Chatterbox Relay Inc." in html[html.index('id="subprocessor-table"') :]


def test_the_order_the_documents_arrive_in_does_not_matter(requester, tide):
    upload(tide, requester, "tickettide-subprocessors.md", "subprocessor_list")
    upload(tide, requester, "tickettide-dpa.md", "dpa")
    # No statement read yet: nothing to contradict.
    assert not Finding.objects.filter(vendor=tide).exists()
    upload(tide, requester, "tickettide.md", "privacy_statement")
    findings = Finding.objects.filter(vendor=tide)
    assert sorted(f.rule for f in findings) == [
        "region.subprocessor_outside", "retention.differs_from_dpa", "share.none_but_subprocessors"
    ]
    assert {f.assessment for f in findings} == {privacy(tide)}


def test_a_reassessment_gets_the_findings_again_to_be_reviewed(requester, reviewer, approver, tide):
    from assessments.services.workflow import assessment_reassess

    document_set(tide, requester, "tickettide")
    assessment = _signed_by_reviewer(privacy(tide), requester, reviewer)
    for finding in Finding.objects.filter(vendor=tide):
        finding_accept(finding=finding, actor=reviewer, comment="Known and accepted.")
    assessment_sign_off(assessment=assessment, actor=reviewer, role="Reviewer", decision="approve")
    assessment_sign_off(assessment=assessment, actor=approver, role="Approver", decision="approve")
    again = assessment_reassess(assessment=assessment, actor=requester)
    assert sorted(again.findings.values_list("status", flat=True)) == ["open", "open", "open"]
    assert sorted(assessment.findings.values_list("status", flat=True)) == ["accepted", "accepted", "accepted"]
