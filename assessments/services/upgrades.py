"""Upgrading vendors' assessments to a newer version of their questionnaire.

A question that is unchanged between the versions (same key, same text, answer type and
choices) keeps its answer and review state; a new one is read from the vendor's latest
document of the kinds the new version names; a removed one (or one whose meaning changed,
which is then also a new one) is archived: its answer as it stood is kept on the upgrade
record and shown on the assessment page.

The record is sacred. An open assessment is upgraded in place, keeping its trail (audit
events, thread, sign-offs); a round already signed is voided through
``services.integrity`` since what it covered has changed. A decided assessment is never
touched: the upgrade starts a new assessment on the new version from it, as a
reassessment does. Upgrading again is a no-op: only current assessments on an older
version are upgraded.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from assessments.models import (
    Answer,
    Assessment,
    AuditEvent,
    Question,
    QuestionnaireTemplate,
    RoundSupersession,
    TemplateUpgrade,
    Vendor,
)
from assessments.services.answers import assessment_rescore, document_fields_on_file, reading_fields
from assessments.services.audit import audit_record
from assessments.services.integrity import round_void_if_stale
from assessments.services.workflow import assessment_create
from policies.extraction.pipeline import detect_text
from policies.extraction.types import Answer as Reading
from policies.models import Statement

IN_PLACE = "in place"
NEW_ASSESSMENT = "new assessment"


@dataclass(frozen=True)
class UpgradePlan:
    """What an upgrade from one version to another does to an assessment's questions, by key."""

    kept: tuple[str, ...]
    added: tuple[str, ...]
    archived: tuple[str, ...]


@dataclass
class UpgradeOutcome:
    """One assessment's upgrade (or, in a dry run, what it would be)."""

    vendor: str
    assessment_id: int
    route: str  # IN_PLACE or NEW_ASSESSMENT
    plan: UpgradePlan
    upgrade: TemplateUpgrade | None = None
    notes: list[str] = field(default_factory=list)

    def line(self) -> str:
        result = f" -> #{self.upgrade.assessment_id}" if self.upgrade else ""
        return (
            f"{self.vendor}: assessment #{self.assessment_id}{result} ({self.route}): {len(self.plan.kept)} kept, "
            f"{len(self.plan.added)} new, {len(self.plan.archived)} archived"
        )


def template_upgrade_plan(*, old: QuestionnaireTemplate, new: QuestionnaireTemplate) -> UpgradePlan:
    """Which questions carry over, which are new, which are archived; a changed meaning is both."""
    before = {question.key: question for question in old.questions.all()}
    after = {question.key: question for question in new.questions.all()}
    kept = [key for key, question in after.items() if key in before and _same_meaning(before[key], question)]
    return UpgradePlan(
        kept=tuple(kept),
        added=tuple(key for key in after if key not in kept),
        archived=tuple(key for key in before if key not in kept),
    )


def _same_meaning(old: Question, new: Question) -> bool:
    return (old.text, old.answer_type, list(old.choices or [])) == (new.text, new.answer_type, list(new.choices or []))


def template_version(*, slug: str, version: int) -> QuestionnaireTemplate:
    """The questionnaire version an upgrade goes to, or a ValidationError naming the versions there are."""
    template = QuestionnaireTemplate.objects.filter(slug=slug, version=version).first()
    if template is not None:
        return template
    versions = list(QuestionnaireTemplate.objects.filter(slug=slug).values_list("version", flat=True))
    if not versions:
        slugs = ", ".join(sorted(set(QuestionnaireTemplate.objects.values_list("slug", flat=True))))
        raise ValidationError(f"No questionnaire “{slug}”; the questionnaires are {slugs}.")
    listed = ", ".join(f"v{number}" for number in sorted(versions))
    raise ValidationError(f"“{slug}” has no version {version}; it has {listed}.")


def assessments_to_upgrade(*, target: QuestionnaireTemplate, vendor_id: int | None = None):
    """The current assessments on an older version of the target's questionnaire."""
    rows = Assessment.objects.filter(
        template__slug=target.slug, template__version__lt=target.version, is_current=True
    ).select_related("vendor", "template", "statement")
    if vendor_id is not None:
        rows = rows.filter(vendor_id=vendor_id)
    return rows.order_by("vendor__name", "pk")


def templates_upgrade(
    *,
    slug: str,
    to_version: int,
    vendor_id: int | None = None,
    actor: AbstractBaseUser | None = None,
    dry_run: bool = False,
) -> list[UpgradeOutcome]:
    """Upgrade every vendor's (or one vendor's) current assessment on ``slug`` to ``to_version``.

    Each assessment is upgraded in its own transaction, so one vendor's failure leaves the
    others done. ``dry_run`` reports what would happen and writes nothing.
    """
    target = template_version(slug=slug, version=to_version)
    if vendor_id is not None and not Vendor.objects.filter(pk=vendor_id).exists():
        raise ValidationError(f"No vendor with id {vendor_id}.")
    outcomes = []
    for assessment in assessments_to_upgrade(target=target, vendor_id=vendor_id):
        if dry_run:
            outcomes.append(_outcome(assessment, target))
        else:
            outcomes.append(assessment_upgrade(assessment=assessment, to=target, actor=actor))
    return outcomes


def _outcome(assessment: Assessment, target: QuestionnaireTemplate, upgrade=None) -> UpgradeOutcome:
    return UpgradeOutcome(
        vendor=assessment.vendor.name,
        assessment_id=assessment.pk,
        route=NEW_ASSESSMENT if assessment.is_locked else IN_PLACE,
        plan=template_upgrade_plan(old=assessment.template, new=target),
        upgrade=upgrade,
    )


def assessment_upgrade(
    *, assessment: Assessment, to: QuestionnaireTemplate, actor: AbstractBaseUser | None = None
) -> UpgradeOutcome:
    """Move one assessment to version ``to`` of its questionnaire; see the module's docstring."""
    with transaction.atomic():
        # The vendor row lock serialises the upgrade with the auto-fill job of the same vendor.
        Vendor.objects.select_for_update().filter(pk=assessment.vendor_id).first()
        assessment = Assessment.objects.select_for_update(of=("self",)).select_related(
            "vendor", "template", "statement"
        ).get(pk=assessment.pk)
        if assessment.template.slug != to.slug or assessment.template.version >= to.version:
            raise ValidationError(
                f"Assessment #{assessment.pk} is on {assessment.template}, not an older version of {to.title}."
            )
        outcome = _outcome(assessment, to)
        old = assessment.template
        upgraded = _upgraded_assessment(assessment, to, actor)
        outcome.upgrade = _answers_migrate(upgraded, old, to, outcome.plan, actor, previous=assessment)
        return outcome


def _upgraded_assessment(assessment: Assessment, to: QuestionnaireTemplate, actor) -> Assessment:
    """The assessment that will stand on the new version: the open one itself, or a new one."""
    if assessment.is_locked:
        return assessment_create(
            vendor=assessment.vendor,
            statement=assessment.statement,
            previous=assessment,
            template=to,
            created_by=actor or assessment.created_by,
        )
    assessment.template = to
    assessment.save(update_fields=["template", "updated_at"])
    return assessment


def _answers_migrate(
    assessment: Assessment, old, to, plan: UpgradePlan, actor, *, previous: Assessment
) -> TemplateUpgrade:
    questions = {question.key: question for question in to.questions.all()}
    answers = {answer.question.key: answer for answer in assessment.answers.select_related("question", "reviewed_by")}
    # A decided assessment's review state is carried to its successor as it stood.
    reviewed = {}
    if previous != assessment:
        reviewed = {answer.question.key: answer for answer in previous.answers.select_related("question")}
    for key in plan.kept:
        if key in answers:
            _answer_repoint(answers[key], questions[key], reviewed.get(key))
    archived = [_answer_archived(answers[key], reviewed.get(key)) for key in plan.archived if key in answers]
    Answer.objects.filter(pk__in=[answers[key].pk for key in plan.archived if key in answers]).delete()
    document = _document_for(assessment, to)
    _answers_fill(assessment, [questions[key] for key in plan.added], document)
    assessment_rescore(assessment=assessment)
    upgrade = TemplateUpgrade.objects.create(
        assessment=assessment,
        from_assessment=previous if previous != assessment else None,
        from_template=old,
        to_template=to,
        kept=list(plan.kept),
        added=list(plan.added),
        archived=archived,
        document=document,
        actor=actor,
    )
    _audit_upgrade(upgrade, previous)
    round_void_if_stale(assessment=assessment, actor=actor, reason=RoundSupersession.Reason.TEMPLATE_UPGRADED)
    return upgrade


def _answer_repoint(answer: Answer, question: Question, reviewed: Answer | None) -> None:
    answer.question = question
    fields = ["question", "updated_at"]
    if reviewed is not None:
        answer.review, answer.reviewed_by_id, answer.reviewed_at = (
            reviewed.review,
            reviewed.reviewed_by_id,
            reviewed.reviewed_at,
        )
        fields += ["review", "reviewed_by", "reviewed_at"]
    answer.save(update_fields=fields)


def _answer_archived(answer: Answer, reviewed: Answer | None) -> dict:
    """The answer as it stood, for the upgrade record; the review state from the decided one."""
    source = reviewed or answer
    return {
        "key": answer.question.key,
        "text": answer.question.text,
        "value": answer.value,
        "source": answer.source,
        "confidence": answer.confidence,
        "evidence": answer.evidence,
        "auto_value": answer.auto_value,
        "review": source.review,
        "reviewer_comment": answer.reviewer_comment,
        "reviewed_by": source.reviewed_by.get_username() if source.reviewed_by_id else None,
        "reviewed_at": source.reviewed_at.isoformat() if source.reviewed_at else None,
    }


def _document_for(assessment: Assessment, template: QuestionnaireTemplate) -> Statement | None:
    """The vendor's latest read document of the kinds the questionnaire is filled from: of the
    kind it is read from (its first) if there is one, else of the others it names."""
    kinds = list(template.document_kinds or [])
    for wanted in [kinds[:1], kinds[1:]]:
        latest = (
            Statement.objects.filter(vendor_id=assessment.vendor_id, kind_id__in=wanted, status=Statement.Status.DONE)
            .exclude(extracted_text="")
            .select_related("kind")
            .order_by("-created_at", "-pk")
            .first()
        )
        if latest is not None:
            return latest
    return None


def _answers_fill(assessment: Assessment, questions: list[Question], document: Statement | None) -> None:
    """Answer the new questions from the document, quoting it by id when it is not the assessment's own."""
    if not questions:
        return
    readings = detect_text(document.extracted_text, detector_set=assessment.template.detector_set) if document else {}
    on_file = document_fields_on_file(assessment)
    names = document is not None and document.pk != assessment.statement_id
    rows = []
    for question in questions:
        fields = on_file.get(question.key)
        if fields is None:
            fields = reading_fields(readings.get(question.key) or Reading.not_stated())
            if names:
                fields["auto_evidence"] = [dict(item, document=document.pk) for item in fields["auto_evidence"]]
        rows.append(
            Answer(
                assessment=assessment,
                question=question,
                value=fields["auto_value"],
                confidence=fields["auto_confidence"],
                evidence=fields["auto_evidence"],
                **fields,
            )
        )
    Answer.objects.bulk_create(rows)


def _audit_upgrade(upgrade: TemplateUpgrade, previous: Assessment) -> None:
    started = ""
    if upgrade.from_assessment_id:
        started = f" Assessment #{previous.pk} was decided, so this new one was started from it."
    audit_record(
        vendor=upgrade.assessment.vendor,
        assessment=upgrade.assessment,
        actor=upgrade.actor,
        kind=AuditEvent.Kind.UPGRADED,
        message=f"Upgraded from {upgrade.from_template} to v{upgrade.to_template.version}: {upgrade.summary}.{started}",
        data={
            "from_template": upgrade.from_template_id,
            "to_template": upgrade.to_template_id,
            "from_assessment": upgrade.from_assessment_id,
            "added": upgrade.added,
            "archived": [item["key"] for item in upgrade.archived],
            "document": upgrade.document_id,
        },
    )
