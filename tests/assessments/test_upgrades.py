"""Upgrading vendors to a new version of their questionnaire: help-desk privacy v1 -> v2."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from assessments.models import Assessment, AuditEvent, QuestionnaireTemplate, RoundSupersession, TemplateUpgrade
from assessments.services.review import answer_accept, answer_override
from assessments.services.upgrades import template_upgrade_plan, templates_upgrade
from assessments.services.workflow import assessment_sign_off, assessment_submit
from policies.processing import statement_process
from policies.services import statement_add_text
from tests.factories import AssessmentFactory, VendorFactory

pytestmark = pytest.mark.django_db

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"
STATEMENT = (DEMO / "fixitnow.txt").read_text()
# Written for these tests: a statement that speaks to some of v2's new questions.
NEWER_TOPICS = """
Where your data lives. You can choose to store your help-desk data in our EU data centre or in our US one.
Training. We do not use customer tickets or attachments to train machine-learning models.
"""


def v1() -> QuestionnaireTemplate:
    return QuestionnaireTemplate.objects.get(slug="helpdesk-privacy", version=1)


def v2() -> QuestionnaireTemplate:
    return QuestionnaireTemplate.objects.get(slug="helpdesk-privacy", version=2)


@pytest.fixture
def filled(requester, vendor):
    """The vendor's privacy statement read into a v1 assessment."""
    statement = statement_add_text(vendor=vendor, actor=requester, text=STATEMENT + NEWER_TOPICS)
    statement_process(statement_id=statement.pk)
    assessment = Assessment.objects.get(vendor=vendor)
    assert assessment.template == v1()
    return assessment


def answers_of(assessment):
    return {answer.question.key: answer for answer in assessment.answers.select_related("question")}


def test_the_plan_keeps_every_v1_question_and_adds_the_new_ones():
    plan = template_upgrade_plan(old=v1(), new=v2())
    assert set(plan.kept) == set(v1().questions.values_list("key", flat=True))
    assert "use.ai_training" in plan.added and "transfer.data_residency" in plan.added
    assert plan.archived == ()
    assert len(plan.kept) + len(plan.added) == v2().questions.count()


def test_a_changed_question_is_archived_and_asked_anew():
    changed = v2().questions.first()
    changed.text = "A question that now means something else?"
    changed.save(update_fields=["text"])
    plan = template_upgrade_plan(old=v1(), new=v2())
    assert changed.key in plan.added and changed.key in plan.archived and changed.key not in plan.kept


def test_the_upgrade_keeps_reviewed_answers_and_fills_the_new_ones(filled, reviewer):
    before = answers_of(filled)
    kept_key, overridden_key = "policy.privacy_contact", "compliance.dpa_available"
    answer_accept(answer=before[kept_key], actor=reviewer)
    answer_override(answer=before[overridden_key], actor=reviewer, value="no", comment="Checked with the vendor.")
    (outcome,) = templates_upgrade(slug="helpdesk-privacy", to_version=2, actor=reviewer)
    filled.refresh_from_db()
    assert filled.template == v2() and outcome.upgrade.assessment == filled and filled.is_current
    after = answers_of(filled)
    assert set(after) == set(v2().questions.values_list("key", flat=True))
    assert after[kept_key].pk == before[kept_key].pk and after[kept_key].review == "accepted"
    assert after[kept_key].reviewed_by == reviewer
    assert (after[overridden_key].value, after[overridden_key].source) == ("no", "manual")
    assert after["transfer.data_residency"].value == "yes" and after["use.ai_training"].value == "no"
    for key in outcome.plan.added:
        assert after[key].review == "pending"
        for quote in after[key].evidence:
            assert filled.statement.extracted_text[quote["start"] : quote["end"]] == quote["text"]
    # Rescored on v2: its new questions' risk rules count (one left not stated adds points).
    assert {line["key"] for line in filled.score_breakdown["lines"]} & set(outcome.plan.added)
    event = AuditEvent.objects.get(assessment=filled, kind=AuditEvent.Kind.UPGRADED)
    assert event.actor == reviewer and f"{len(outcome.plan.added)} new questions, 0 archived" in event.message


def test_the_assessment_page_says_it_was_upgraded(client_for, filled, reviewer):
    templates_upgrade(slug="helpdesk-privacy", to_version=2, actor=reviewer)
    page = client_for(reviewer).get(f"/assessments/{filled.pk}/").content.decode()
    added = v2().questions.count() - v1().questions.count()
    assert "Upgraded from Help-desk vendor privacy questionnaire v1 on " in page
    assert f"by Ravi; {added} new questions, 0 archived." in page


def test_a_dry_run_changes_nothing(filled):
    out = StringIO()
    call_command("upgrade_template", "helpdesk-privacy", "--to", "2", "--dry-run", stdout=out)
    assert "1 assessment would be upgraded" in out.getvalue() and "would upgrade Acme Help Desk" in out.getvalue()
    filled.refresh_from_db()
    assert filled.template == v1() and not TemplateUpgrade.objects.exists()
    assert not AuditEvent.objects.filter(kind=AuditEvent.Kind.UPGRADED).exists()


def test_running_it_twice_is_a_no_op(filled):
    call_command("upgrade_template", "helpdesk-privacy", "--to", "2", stdout=StringIO())
    answers = sorted(answers_of(Assessment.objects.get(pk=filled.pk)).items())
    out = StringIO()
    call_command("upgrade_template", "helpdesk-privacy", "--to", "2", stdout=out)
    assert "0 assessments upgraded" in out.getvalue()
    assert TemplateUpgrade.objects.count() == 1
    assert sorted(answers_of(Assessment.objects.get(pk=filled.pk)).items()) == answers


def test_a_decided_assessment_is_untouched_and_a_new_one_starts_on_v2(filled, requester, reviewer):
    filled.answers.update(review="accepted", reviewed_by=reviewer)
    Assessment.objects.filter(pk=filled.pk).update(status="approved")
    signed = answers_of(filled)
    (outcome,) = templates_upgrade(slug="helpdesk-privacy", to_version=2, actor=reviewer)
    filled.refresh_from_db()
    assert filled.template == v1() and filled.status == "approved" and not filled.is_current
    assert {key: (a.value, a.review, a.pk) for key, a in answers_of(filled).items()} == {
        key: (a.value, a.review, a.pk) for key, a in signed.items()
    }
    successor = outcome.upgrade.assessment
    assert successor.previous == filled and successor.template == v2() and successor.status == "draft"
    assert Assessment.objects.get(pk=successor.pk).is_current
    new_answers = answers_of(successor)
    assert new_answers["policy.privacy_contact"].review == "accepted"
    assert new_answers["use.ai_training"].review == "pending"
    assert outcome.upgrade.from_assessment == filled
    assert Assessment.objects.filter(vendor=filled.vendor, is_current=True).count() == 1


def test_an_upgrade_voids_a_signed_open_round(filled, requester, reviewer):
    filled.answers.update(review="accepted")
    assessment_submit(assessment=filled, actor=requester)
    assessment_sign_off(assessment=filled, actor=reviewer, role="Reviewer", decision="approve")
    templates_upgrade(slug="helpdesk-privacy", to_version=2)
    voided = RoundSupersession.objects.get(assessment=filled)
    assert voided.reason == "template_upgraded"
    keys = {change["key"] for entry in voided.changes for change in entry["changes"]}
    assert "use.ai_training" in keys and "policy.privacy_contact" not in keys
    filled.refresh_from_db()
    assert filled.status == "in_review" and filled.review_round == 2
    assert filled.signoffs.count() == 1  # the sign-off itself is never touched


def test_a_vendor_without_documents_gets_the_new_questions_not_stated():
    assessment = AssessmentFactory(vendor=VendorFactory(), with_answers=True, statement=None)
    templates_upgrade(slug="helpdesk-privacy", to_version=2, vendor_id=assessment.vendor_id)
    upgraded = answers_of(Assessment.objects.get(pk=assessment.pk))
    assert upgraded["use.ai_training"].value == "not_stated" and upgraded["use.ai_training"].evidence == []


def test_one_vendor_only_and_bad_arguments_say_what_is_wrong(filled):
    other = VendorFactory()
    with pytest.raises(ValidationError, match="has no version 7; it has v1, v2"):
        templates_upgrade(slug="helpdesk-privacy", to_version=7)
    with pytest.raises(CommandError, match="No questionnaire “nope”"):
        call_command("upgrade_template", "nope", "--to", "2", stdout=StringIO())
    assert templates_upgrade(slug="helpdesk-privacy", to_version=2, vendor_id=other.pk) == []
    filled.refresh_from_db()
    assert filled.template == v1()


def test_on_v2_a_dpa_supplements_the_privacy_assessment_without_replacing_its_statement(filled, requester):
    dpa_text = (DEMO / "fixitnow-dpa.txt").read_text()
    templates_upgrade(slug="helpdesk-privacy", to_version=2)
    statement = filled.statement
    dpa = statement_add_text(vendor=filled.vendor, actor=requester, text=dpa_text, kind="dpa")
    statement_process(statement_id=dpa.pk)
    filled.refresh_from_db()
    assert filled.template == v2() and filled.statement == statement
    answers = answers_of(filled)
    assert answers["transfer.data_residency"].value == "yes"  # still read from the privacy statement
    assert answers["compliance.dpa_available"].evidence[0]["document"] == dpa.pk


def test_new_questions_are_read_from_the_privacy_statement_even_when_a_dpa_is_newer(filled, requester):
    dpa_text = (DEMO / "fixitnow-dpa.txt").read_text()
    dpa = statement_add_text(vendor=filled.vendor, actor=requester, text=dpa_text, kind="dpa")
    statement_process(statement_id=dpa.pk)
    (outcome,) = templates_upgrade(slug="helpdesk-privacy", to_version=2)
    assert outcome.upgrade.document == filled.statement
    assert answers_of(Assessment.objects.get(pk=filled.pk))["transfer.data_residency"].value == "yes"
