"""Constraints the database itself enforces."""

import pytest
from django.db import IntegrityError, ProgrammingError, transaction

from assessments.models import Answer, AuditEvent, Question, QuestionnaireTemplate, SignOff
from assessments.questionnaire import questionnaire_read
from tests.factories import AssessmentFactory, StatementFactory, VendorFactory
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = pytest.mark.django_db


def test_default_questionnaire_holds_all_its_keys_with_types_and_sections():
    template = QuestionnaireTemplate.objects.get(is_default=True)
    keys = list(template.questions.values_list("key", flat=True))
    assert len(keys) == V1_QUESTION_COUNT == len(set(keys))
    assert keys == [item["key"] for item in questionnaire_read()["questions"]]
    assert Question.objects.get(template=template, key="policy.change_notice").allowed_values == [
        "direct",
        "posted",
        "not_stated",
    ]
    assert template.required_signoff_roles == ["Reviewer", "Approver"]


def test_vendor_names_are_unique_whatever_the_case(requester):
    VendorFactory(name="Acme", business_owner=requester)
    with pytest.raises(IntegrityError):
        VendorFactory(name="ACME", business_owner=requester)


def test_one_answer_per_question_per_assessment():
    assessment = AssessmentFactory(with_answers=True)
    question = assessment.template.questions.first()
    with pytest.raises(IntegrityError):
        Answer.objects.create(assessment=assessment, question=question, value="yes")


def test_answer_confidence_stays_between_0_and_1():
    assessment = AssessmentFactory()
    with pytest.raises(IntegrityError):
        Answer.objects.create(assessment=assessment, question=assessment.template.questions.first(), confidence=1.5)


def test_same_statement_content_is_stored_once_per_vendor(vendor):
    StatementFactory(vendor=vendor, sha256="a" * 64)
    StatementFactory(sha256="a" * 64)  # another vendor may hold the same text
    with pytest.raises(IntegrityError):
        StatementFactory(vendor=vendor, sha256="a" * 64)


def test_statement_versions_are_unique_per_vendor(vendor):
    StatementFactory(vendor=vendor, version=1)
    with pytest.raises(IntegrityError):
        StatementFactory(vendor=vendor, version=1)


# The tests' connection is the app's role, which holds no UPDATE or DELETE on the trail; the
# triggers behind that grant refuse even the tables' owner (tests/test_db_roles.py).
@pytest.mark.parametrize("operation", ["update", "delete"])
def test_sign_offs_cannot_be_changed_or_deleted_even_by_sql(operation, reviewer):
    assessment = AssessmentFactory()
    signoff = SignOff.objects.create(assessment=assessment, user=reviewer, role="Reviewer", decision="approve")
    rows = SignOff.objects.filter(pk=signoff.pk)
    with pytest.raises(ProgrammingError, match="permission denied"), transaction.atomic():
        rows.update(decision="reject") if operation == "update" else rows.delete()
    assert SignOff.objects.get(pk=signoff.pk).decision == "approve"


@pytest.mark.parametrize("operation", ["update", "delete"])
def test_audit_events_cannot_be_changed_or_deleted_even_by_sql(operation, vendor):
    event = AuditEvent.objects.create(vendor=vendor, kind=AuditEvent.Kind.VENDOR_CREATED, message="Registered.")
    rows = AuditEvent.objects.filter(pk=event.pk)
    with pytest.raises(ProgrammingError, match="permission denied"), transaction.atomic():
        rows.update(message="Rewritten.") if operation == "update" else rows.delete()
    assert AuditEvent.objects.get(pk=event.pk).message == "Registered."
