"""Read-side helpers for the assessment page: answers grouped by section, and the statement job to watch."""

from __future__ import annotations

from dataclasses import dataclass

from assessments.models import Answer, Assessment, Section
from policies.models import Statement


@dataclass(frozen=True)
class SectionAnswers:
    section: Section
    answers: list[Answer]


def answers_by_section(assessment: Assessment, *, changed_only: bool = False) -> list[SectionAnswers]:
    """The assessment's answers in questionnaire order, grouped under their sections; two queries.

    ``changed_only``: just the answers a new document version changed (the review page's filter).
    """
    # The reviewer too: the page names who reviewed each answer, one query for all of them.
    answers = assessment.answers.select_related(
        "question", "question__section", "reviewed_by", "changed_from__kind"
    ).order_by("question__position")
    if changed_only:
        answers = answers.exclude(change="")
    groups: dict[int, SectionAnswers] = {}
    for answer in answers:
        section = answer.question.section
        groups.setdefault(section.pk, SectionAnswers(section, [])).answers.append(answer)
    return sorted(groups.values(), key=lambda group: group.section.position)


def statement_job_for(assessment: Assessment) -> Statement | None:
    """A statement of this vendor still being read (or failed) that this open assessment is waiting on."""
    if assessment.is_locked:
        return None
    newest = assessment.vendor.statements.order_by("-version").first()
    if newest is None or newest.status == Statement.Status.DONE:
        return None
    current = assessment.statement
    return newest if current is None or newest.version >= current.version else None
