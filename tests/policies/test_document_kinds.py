"""A vendor's document set: kinds, versions per kind, and which questionnaire each kind fills."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from assessments.models import Assessment, AuditEvent
from policies.models import DocumentKind, Statement
from policies.processing import statement_process
from policies.services import statement_add_text, statement_add_upload
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"
STATEMENT = (DEMO / "fixitnow.txt").read_text()
DPA = (DEMO / "fixitnow-dpa.txt").read_text()
SECURITY_PAGE = """Security at Acme Help Desk

Our service is hosted in two data centres in Frankfurt, both certified to ISO 27001. All traffic is
encrypted with TLS 1.2 or higher, and ticket attachments are encrypted at rest with AES-256. Staff
access to production is limited to the on-call team, uses hardware security keys, and is logged.
We run an external penetration test every year and fix critical findings within seven days.
"""


def processed(statement: Statement) -> Statement:
    statement_process(statement_id=statement.pk)
    statement.refresh_from_db()
    return statement


def test_the_standard_kinds_exist_and_a_new_statement_is_a_privacy_statement(requester, vendor):
    keys = list(DocumentKind.objects.values_list("key", flat=True))
    assert keys == ["privacy_statement", "dpa", "subprocessor_list", "security_page"]
    statement = statement_add_text(vendor=vendor, actor=requester, text=STATEMENT)
    assert statement.kind_id == DocumentKind.PRIVACY_STATEMENT and statement.version == 1


def test_versions_are_numbered_per_kind(requester, vendor):
    first = statement_add_text(vendor=vendor, actor=requester, text=STATEMENT)
    dpa = statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="dpa")
    second = statement_add_text(
        vendor=vendor, actor=requester, text=STATEMENT + "\nUpdated in May.", kind="privacy_statement"
    )
    assert (first.version, dpa.version, second.version) == (1, 1, 2)
    assert str(dpa) == "Acme Help Desk DPA v1"


def test_an_unknown_kind_is_refused_with_the_known_ones_named(requester, vendor):
    with pytest.raises(ValidationError) as refused:
        statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="contract")
    assert "“contract” is not a kind of document" in refused.value.messages[0]
    assert "dpa" in refused.value.messages[0]
    assert not Statement.objects.exists()


def test_the_same_bytes_under_another_kind_are_refused_and_say_where_they_are(requester, vendor):
    statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="dpa")
    with pytest.raises(ValidationError) as refused:
        statement_add_text(vendor=vendor, actor=requester, text=DPA)
    assert refused.value.messages == [
        "This exact document is already stored for Acme Help Desk as version 1 of its DPA."
    ]


def test_a_dpa_fills_the_art28_questionnaire_and_leaves_the_privacy_one_alone(requester, vendor):
    statement = processed(statement_add_text(vendor=vendor, actor=requester, text=STATEMENT))
    dpa = processed(
        statement_add_upload(
            vendor=vendor, actor=requester, upload=SimpleUploadedFile("dpa.txt", DPA.encode()), kind="dpa"
        )
    )
    assert dpa.status == "done", dpa.error
    privacy = Assessment.objects.get(vendor=vendor, template__slug="helpdesk-privacy")
    art28 = Assessment.objects.get(vendor=vendor, template__slug="gdpr-art28")
    assert privacy.statement == statement and privacy.answers.count() == V1_QUESTION_COUNT
    assert art28.statement == dpa
    answers = {answer.question.key: answer for answer in art28.answers.select_related("question")}
    assert set(answers) >= {"art28.instructions", "art28.audits", "art28.objection_days", "art28.governing_law"}
    stated = [answer for answer in answers.values() if answer.value != "not_stated"]
    assert len(stated) >= 6
    for answer in stated:
        quote = answer.evidence[0]
        assert dpa.extracted_text[quote["start"] : quote["end"]] == quote["text"]
    done = AuditEvent.objects.get(assessment=art28, kind=AuditEvent.Kind.JOB_DONE)
    assert done.message.startswith("DPA v1 read for GDPR")
    assert done.data["kind"] == "dpa"


def test_a_second_dpa_version_refreshes_the_same_art28_assessment(requester, vendor):
    processed(statement_add_text(vendor=vendor, actor=requester, text=DPA, kind="dpa"))
    second = processed(
        statement_add_text(vendor=vendor, actor=requester, text=DPA + "\nLast revised in March.", kind="dpa")
    )
    assert second.status == "done", second.error
    art28 = Assessment.objects.get(vendor=vendor, template__slug="gdpr-art28")
    assert art28.statement == second
    assert not Assessment.objects.filter(vendor=vendor, template__slug="helpdesk-privacy").exists()


def test_a_kind_that_feeds_no_questionnaire_is_read_kept_and_audited(requester, vendor):
    page = processed(statement_add_text(vendor=vendor, actor=requester, text=SECURITY_PAGE, kind="security_page"))
    assert page.status == "done", page.error
    assert "Frankfurt" in page.extracted_text
    assert not Assessment.objects.filter(vendor=vendor).exists()
    event = AuditEvent.objects.get(vendor=vendor, kind=AuditEvent.Kind.JOB_DONE)
    assert event.message == "Security page v1 read and kept; no questionnaire is filled from this kind of document."


def test_the_vendor_page_shows_the_document_set_and_what_is_missing(client_for, requester, vendor):
    processed(statement_add_text(vendor=vendor, actor=requester, text=STATEMENT))
    page = client_for(requester).get(f"/vendors/{vendor.pk}/").content.decode()
    assert 'id="document-set"' in page
    assert "Missing: DPA, Sub-processor list, Security page." in page
    added = client_for(requester).get(f"/vendors/{vendor.pk}/?kind=dpa").content.decode()
    assert '<option value="dpa" selected>DPA</option>' in added


def test_the_form_files_a_version_under_the_chosen_kind(client_for, requester, vendor):
    response = client_for(requester).post(f"/vendors/{vendor.pk}/statements/paste/", {"text": DPA, "kind": "dpa"})
    assert response.status_code == 302
    statement = Statement.objects.get()
    assert statement.kind_id == "dpa"
    follow = client_for(requester).get(response["Location"]).content.decode()
    assert "DPA v1 saved." in follow


def test_an_admin_added_kind_is_offered_and_listed_once_it_has_a_version(client_for, requester, vendor):
    DocumentKind.objects.create(key="trust_centre", name="Trust centre", expected=False, position=50)
    page = client_for(requester).get(f"/vendors/{vendor.pk}/").content.decode()
    assert '<option value="trust_centre">Trust centre</option>' in page
    assert 'data-kind="trust_centre"' not in page
    statement_add_text(vendor=vendor, actor=requester, text=SECURITY_PAGE, kind="trust_centre")
    page = client_for(requester).get(f"/vendors/{vendor.pk}/").content.decode()
    assert 'data-kind="trust_centre"' in page
