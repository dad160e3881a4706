"""Exports of assessments: the PDF risk summary, the portfolio CSV and a JSON document for other tools.

Services only, no HTTP: the views in ``assessments.export_views`` check access and send the bytes.
Every export reads its rows with a fixed number of queries, whatever the number of answers,
sign-offs or audit events. WeasyPrint (about 0.8 s to import) is imported only where a PDF is made,
so commands and workers that load the URLconf do not pay for it.
"""

from __future__ import annotations

import csv
import io
import itertools
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import datetime

from django.conf import settings
from django.db.models import Count, Prefetch, Q
from django.template.loader import render_to_string
from django.utils import timezone

from assessments.finding_selectors import assessment_findings
from assessments.models import Answer, Assessment, AuditEvent, Finding, ReviewComment, SignOff, Tier
from assessments.scoring import thresholds_in_order
from assessments.selectors import assessment_changes, vendor_list
from policies.models import Statement
from policies.subprocessors import latest_subprocessor_list, subprocessors_of

JSON_FORMAT = "vendorrisk-assessment/1"
PDF_TEMPLATE = "assessments/pdf/summary.html"
# Static: nothing in it depends on the document, so it is parsed once per process and thread.
PDF_STYLESHEET = settings.BASE_DIR / "static" / "css" / "pdf.css"
# The same colours as static/css/app.css; medium is light, so it takes dark text.
TIER_COLOURS = {
    Tier.LOW: ("#2e7d32", "#ffffff"),
    Tier.MEDIUM: ("#f9a825", "#212529"),
    Tier.HIGH: ("#ef6c00", "#ffffff"),
    Tier.CRITICAL: ("#b71c1c", "#ffffff"),
}
# The audit summary lists this many of the latest events and counts the rest by kind.
AUDIT_EVENTS_LISTED = 60
CHART_BAR_HEIGHT = 22
CHART_LABEL_WIDTH = 190
CHART_BAR_SPACE = 250
# Spreadsheets run cells starting with these as formulas; a leading quote keeps them text.
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
FINDINGS_SECTION, FINDINGS_TITLE = "findings", "Findings across the documents"
PORTFOLIO_HEADER = ["vendor", "service", "owner", "tier", "score", "status", "next review"]


def assessment_export_load(*, assessment_id: int) -> Assessment:
    """The assessment with everything an export shows, in eight queries.

    Answers come with their question and section, sign-offs with their user, the thread with
    its authors and the template with its sections and questions; audit events are read
    separately (see ``_audit_summary``).
    """
    answers = Answer.objects.select_related("question__section", "reviewed_by").order_by("question__position")
    signoffs = SignOff.objects.select_related("user").order_by("created_at", "id")
    comments = ReviewComment.objects.select_related("author")
    return (
        Assessment.objects.select_related(
            "vendor__business_owner", "statement__created_by", "statement__kind", "template"
        )
        .prefetch_related(
            Prefetch("answers", queryset=answers),
            Prefetch("signoffs", queryset=signoffs),
            Prefetch("comments", queryset=comments),
            "supersessions",
        )
        .prefetch_related("template__sections", "template__questions")
        .get(pk=assessment_id)
    )


def assessment_pdf(*, assessment: Assessment) -> bytes:
    """The PDF risk summary of one assessment, rendered by WeasyPrint from an HTML template."""
    from weasyprint import HTML

    html = assessment_pdf_html(assessment=assessment)
    fonts, stylesheet = _pdf_style()
    # No base URL and a fetcher that refuses everything: the document needs no outside resource,
    # and text from a vendor's statement must never make the server fetch one.
    document = HTML(string=html, base_url=None, url_fetcher=_refuse_fetch)
    return document.write_pdf(stylesheets=[stylesheet], font_config=fonts)


def assessment_pdf_html(*, assessment: Assessment) -> str:
    """The HTML the PDF is made from; autoescaped like every Django template."""
    loaded = assessment_export_load(assessment_id=assessment.pk)
    return render_to_string(PDF_TEMPLATE, _pdf_context(loaded))


def assessment_json(*, assessment: Assessment) -> dict:
    """One assessment as a JSON-ready dict: answers with evidence, score, sign-offs, provenance."""
    loaded = assessment_export_load(assessment_id=assessment.pk)
    statement = loaded.statement
    return {
        "format": JSON_FORMAT,
        "exported_at": timezone.now().isoformat(),
        "assessment": _assessment_fields(loaded),
        "vendor": _vendor_fields(loaded.vendor),
        "questionnaire": {
            "slug": loaded.template.slug,
            "version": loaded.template.version,
            "title": loaded.template.title,
        },
        "statement": None
        if statement is None
        else {"version": statement.version, "sha256": statement.sha256, "format": statement.format},
        "score_breakdown": loaded.score_breakdown or None,
        "answers": {answer.question.key: _answer_fields(answer) for answer in loaded.answers.all()},
        "signoffs": [_signoff_fields(signoff) for signoff in loaded.signoffs.all()],
        "findings": [_finding_fields(finding) for finding in assessment_findings(loaded)],
        "subprocessors": _subprocessors_fields(loaded.vendor),
    }


def _finding_fields(finding: Finding) -> dict:
    return {
        "rule": finding.rule,
        "subject": finding.subject,
        "title": finding.title,
        "why": finding.explanation,
        "detail": finding.detail,
        "points": finding.points,
        "status": finding.status,
        "comment": finding.comment,
        "reviewed_by": finding.reviewed_by.get_username() if finding.reviewed_by else None,
        "reviewed_at": _iso(finding.reviewed_at),
        "deadline": finding.deadline.isoformat() if finding.deadline else None,
        "quotes": finding.quotes,
    }


def _subprocessors_fields(vendor) -> dict | None:
    """The vendor's newest sub-processor list: its version and rows with evidence offsets."""
    listed = latest_subprocessor_list(vendor.pk)
    if listed is None:
        return None
    rows = [
        {"name": row.name, "purpose": row.purpose, "countries": row.countries, "regions": row.regions,
         "customer_content": row.customer_content,
         "evidence": {"start": row.evidence_start, "end": row.evidence_end, "text": row.evidence_text}}
        for row in subprocessors_of(listed)
    ]
    return {"version": listed.version, "sha256": listed.sha256, "statement": listed.pk, "rows": rows}


def portfolio_csv(*, user) -> str:
    """One row per vendor the user may see, with its latest assessment; three queries at most."""
    return "".join(portfolio_csv_lines(user=user))


def portfolio_csv_lines(*, user) -> Iterator[str]:
    """The portfolio CSV line by line, read from the database in chunks: constant memory at any size."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    rows = itertools.chain(
        [PORTFOLIO_HEADER],
        ([_csv_cell(value) for value in _portfolio_row(vendor)] for vendor in vendor_list(user=user).iterator(2000)),
    )
    for row in rows:
        writer.writerow(row)
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


def _portfolio_row(vendor) -> list:
    owner = vendor.business_owner
    scored = bool(vendor.latest_tier)
    return [
        vendor.name,
        vendor.service,
        owner.get_full_name() or owner.username,
        Tier(vendor.latest_tier).label if scored else "",
        vendor.latest_score if scored else "",
        Assessment.Status(vendor.latest_status).label if vendor.latest_status else "Not assessed",
        vendor.next_review_due.isoformat() if vendor.next_review_due else "",
    ]


def _csv_cell(value) -> object:
    if isinstance(value, str) and value.startswith(CSV_FORMULA_PREFIXES):
        return "'" + value
    return value


_PDF_STYLE = threading.local()


def _pdf_style():
    """The font configuration and the parsed stylesheet, made once per thread and reused.

    Each render would otherwise load Fontconfig's list of every installed font and parse the
    stylesheet again. Per thread because a Pango font map is not safe to share between threads.
    """
    if not hasattr(_PDF_STYLE, "stylesheet"):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        _PDF_STYLE.fonts = FontConfiguration()
        _PDF_STYLE.stylesheet = CSS(
            string=PDF_STYLESHEET.read_text(encoding="utf-8"), font_config=_PDF_STYLE.fonts, url_fetcher=_refuse_fetch
        )
    return _PDF_STYLE.fonts, _PDF_STYLE.stylesheet


def _refuse_fetch(url: str, *args, **kwargs):
    raise ValueError(f"The PDF template fetches nothing; refused {url[:80]!r}.")


# --- the PDF's context -------------------------------------------------------------------------


def _pdf_context(assessment: Assessment) -> dict:
    breakdown = assessment.score_breakdown or {}
    answers = list(assessment.answers.all())
    section_titles = {section.key: section.title for section in assessment.template.sections.all()}
    section_titles[FINDINGS_SECTION] = FINDINGS_TITLE
    lines = [
        dict(line, section_title=section_titles.get(line.get("section"), line.get("section")))
        for line in breakdown.get("lines", [])
    ]
    return {
        "assessment": assessment,
        "vendor": assessment.vendor,
        "statement": assessment.statement,
        "template": assessment.template,
        "generated_at": timezone.now(),
        "is_approved": assessment.status == Assessment.Status.APPROVED,
        "watermark": _watermark(assessment),
        "tier": _tier_display(assessment.risk_tier),
        "breakdown": breakdown,
        "lines": lines,
        "thresholds": _thresholds(breakdown),
        "chart": _section_chart(assessment.template.sections.all(), lines),
        "findings": _findings(lines, answers),
        "sections": _answers_by_section(answers),
        "signoffs": _signoffs_marked(assessment),
        "audit": _audit_summary(assessment),
        "coverage": _review_coverage(answers, assessment.template),
        "source": _statement_source(assessment.statement),
        "evidence": _evidence_appendix(answers, assessment),
        "other_questionnaires": _other_questionnaires(assessment),
        "changes": _changes_since_signed(assessment),
        "document_findings": assessment_findings(assessment),
        "subprocessor_list": (listed := latest_subprocessor_list(assessment.vendor_id)),
        "subprocessors": subprocessors_of(listed) if listed else [],
    }


def _changes_since_signed(assessment: Assessment) -> dict | None:
    """For a change review (or an assessment a new version changed): the document diff's summary
    and each changed answer, for the section "Changes since the signed version"."""
    from policies.extraction.diff import diff_documents

    if not assessment.compares_to_id and not any(answer.change for answer in assessment.answers.all()):
        return None  # the prefetched answers say so, without a query
    changes = assessment_changes(assessment)
    since = assessment.compares_to or (changes or {}).get("since")
    if since is None or assessment.statement is None:
        return None
    diff = diff_documents(since.extracted_text, assessment.statement.extracted_text).summary
    return {
        "since": since,
        "statement": assessment.statement,
        "diff_summary": diff.text(),
        "diff": diff,
        "summary": changes["summary"] if changes else "No answer changed.",
        "answers": changes["answers"] if changes else [],
    }


def _other_questionnaires(assessment: Assessment) -> list[dict]:
    """The vendor's other current assessments, one per questionnaire, each summarised with its
    findings, so the filed record covers every questionnaire the vendor is held to; two queries."""
    others = (
        Assessment.objects.filter(vendor_id=assessment.vendor_id, is_current=True)
        .exclude(pk=assessment.pk)
        .exclude(template__slug=assessment.template.slug)
        .select_related("template", "statement__kind")
        .annotate(
            answered=Count("answers"),
            reviewed=Count("answers", filter=~Q(answers__review=Answer.Review.PENDING)),
        )
        .order_by("-template__is_default", "template__slug")
    )
    return [
        {
            "assessment": other,
            "tier": _tier_display(other.risk_tier),
            "findings": sorted(
                (line for line in (other.score_breakdown or {}).get("lines", []) if (line.get("points") or 0) > 0),
                key=lambda line: -line["points"],
            ),
        }
        for other in others
    ]


def _signoffs_marked(assessment: Assessment) -> list[SignOff]:
    """The sign-offs, each carrying the supersession that voided its round, if any."""
    voided = {row.review_round: row for row in assessment.supersessions.all()}
    signoffs = list(assessment.signoffs.all())
    for signoff in signoffs:
        signoff.superseded_by = voided.get(signoff.review_round)
    return signoffs


def _review_coverage(answers: list[Answer], template) -> dict:
    """How much of the questionnaire a person has looked at; the answers nobody did, by name."""
    counts = Counter(answer.review for answer in answers)
    never = [answer for answer in answers if answer.review == Answer.Review.PENDING]
    return {
        "questions": len(template.questions.all()),
        "answers": len(answers),
        "reviewed": len(answers) - len(never),
        "accepted": counts[Answer.Review.ACCEPTED],
        "overridden": counts[Answer.Review.OVERRIDDEN],
        "never_reviewed": never,
    }


def _statement_source(statement) -> dict | None:
    """Where the statement came from, when and through whom, in the words the cover prints."""
    if statement is None:
        return None
    added_by = statement.created_by
    return {
        "kind": statement.get_source_display(),
        "name": statement.original_filename or statement.source_url or "Text pasted into the app",
        "is_url": bool(statement.source_url),
        "added_at": statement.created_at,
        "added_by": added_by.get_full_name() or added_by.username,
        # For a URL the worker fetches then reads in one job; the job's end is when it was fetched.
        "read_at": statement.status_changed_at if statement.status == statement.Status.DONE else None,
        "size_bytes": statement.size_bytes,
    }


def _evidence_appendix(answers: list[Answer], assessment: Assessment) -> list[Answer]:
    """Every answer the statement (or a reviewer) states, for the appendix that quotes its evidence.

    Each answer gets ``quotes``: its evidence, a quote from another document of the vendor (a
    DPA on file) naming that document in ``source``; one query for those documents.
    """
    stated = [answer for answer in answers if answer.value != "not_stated"]
    named = {item["document"] for answer in stated for item in answer.evidence or [] if "document" in item}
    named.discard(assessment.statement_id)
    documents = {
        statement.pk: f"{statement.kind.name} v{statement.version}"
        for statement in Statement.objects.filter(pk__in=named, vendor_id=assessment.vendor_id).select_related("kind")
    }
    for answer in stated:
        answer.quotes = [dict(item, source=documents.get(item.get("document"), "")) for item in answer.evidence or []]
    return stated


def _watermark(assessment: Assessment) -> str:
    if assessment.status == Assessment.Status.APPROVED:
        return ""
    # A rejected assessment is final: calling it a draft would mislead the reader a year on.
    if assessment.status == Assessment.Status.REJECTED:
        return "REJECTED, not approved"
    return "DRAFT, not approved"


def _tier_display(tier: str) -> dict | None:
    if tier not in Tier.values:
        return None
    background, colour = TIER_COLOURS[Tier(tier)]
    return {"value": tier, "label": Tier(tier).label, "background": background, "colour": colour}


def _thresholds(breakdown: dict) -> list[tuple[str, int]]:
    return [(tier.capitalize(), points) for tier, points in thresholds_in_order(breakdown)]


def _section_chart(sections, lines: list[dict]) -> dict:
    """Bars of risk points per section, laid out for an inline SVG."""
    points = Counter()
    for line in lines:
        points[line["section_title"]] += line.get("points") or 0
    titles = [section.title for section in sections]
    titles += [title for title in points if title not in titles]
    most = max(points.values(), default=0) or 1
    bars = [_chart_bar(index, title, points[title], most) for index, title in enumerate(titles)]
    return {
        "bars": bars,
        "height": len(bars) * CHART_BAR_HEIGHT,
        "label_width": CHART_LABEL_WIDTH,
        "bar_space": CHART_BAR_SPACE,
        "width": CHART_LABEL_WIDTH + CHART_BAR_SPACE + 40,
        "bar_height": CHART_BAR_HEIGHT - 6,
    }


def _chart_bar(index: int, title: str, points: int, most: int) -> dict:
    top = index * CHART_BAR_HEIGHT
    width = round(CHART_BAR_SPACE * points / most, 1)
    return {
        "title": title,
        "points": points,
        "width": width,
        "rect_y": top + 3,
        "text_y": top + 15,
        "label_x": CHART_LABEL_WIDTH - 8,
        "value_x": CHART_LABEL_WIDTH + width + 6,
    }


def _findings(lines: list[dict], answers: list[Answer]) -> list[dict]:
    """Adverse answers: the breakdown lines that add points, heaviest first, with the answer's evidence."""
    by_key = {answer.question.key: answer for answer in answers}
    # Findings across documents have a chapter of their own, with both quotes.
    adverse = [line for line in lines if (line.get("points") or 0) > 0 and line.get("section") != FINDINGS_SECTION]
    adverse.sort(key=lambda line: -line["points"])  # stable: questionnaire order within a weight
    return [{"line": line, "answer": by_key.get(line.get("key"))} for line in adverse]


def _answers_by_section(answers: list[Answer]) -> list[dict]:
    groups: list[dict] = []
    for answer in answers:
        section = answer.question.section
        if not groups or groups[-1]["section"] != section:
            groups.append({"section": section, "answers": []})
        groups[-1]["answers"].append(answer)
    return groups


def _audit_summary(assessment: Assessment) -> dict:
    """The latest events (oldest of them first) and a count per kind of every event.

    Vendor-wide events without an assessment (registration, intake changes, new statements)
    are included: they explain the inherent risk and the statement this assessment read.
    """
    events = AuditEvent.objects.filter(Q(assessment=assessment) | Q(vendor=assessment.vendor_id, assessment=None))
    latest = list(events.select_related("actor").order_by("-created_at", "-id")[:AUDIT_EVENTS_LISTED])
    counts = {row["kind"]: row["n"] for row in events.order_by().values("kind").annotate(n=Count("id"))}
    total = sum(counts.values())
    return {
        "events": latest[::-1],
        "total": total,
        "omitted": total - len(latest),
        "counts": [(AuditEvent.Kind(kind).label, n) for kind, n in counts.items() if kind in AuditEvent.Kind.values],
    }


# --- the JSON's parts --------------------------------------------------------------------------


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def _assessment_fields(assessment: Assessment) -> dict:
    return {
        "id": assessment.pk,
        "status": assessment.status,
        "risk_tier": assessment.risk_tier or None,
        "risk_score": assessment.risk_score if assessment.risk_tier else None,
        "residual_score": assessment.residual_score if assessment.risk_tier else None,
        "created_at": _iso(assessment.created_at),
        "submitted_at": _iso(assessment.submitted_at),
        "decided_at": _iso(assessment.decided_at),
        "next_review_due": assessment.next_review_due.isoformat() if assessment.next_review_due else None,
    }


def _vendor_fields(vendor) -> dict:
    return {
        "id": vendor.pk,
        "name": vendor.name,
        "service": vendor.service,
        "website": vendor.website,
        "business_owner": vendor.business_owner.username,
        "criticality": vendor.criticality,
        "handles_customer_data": vendor.handles_customer_data,
        "handles_employee_data": vendor.handles_employee_data,
        "has_device_access": vendor.has_device_access,
        "handles_payment_data": vendor.handles_payment_data,
    }


def _answer_fields(answer: Answer) -> dict:
    return {
        "section": answer.question.section.key,
        "question": answer.question.text,
        "answer_type": answer.question.answer_type,
        "value": answer.value,
        "source": answer.source,
        "confidence": answer.confidence,
        "evidence": answer.evidence,
        "auto_value": answer.auto_value or None,
        "review": answer.review,
        "reviewer_comment": answer.reviewer_comment,
        "reviewed_by": answer.reviewed_by.username if answer.reviewed_by else None,
        "reviewed_at": _iso(answer.reviewed_at),
    }


def _signoff_fields(signoff: SignOff) -> dict:
    return {
        "user": signoff.user.username,
        "name": signoff.user.get_full_name() or signoff.user.username,
        "role": signoff.role,
        "decision": signoff.decision,
        "comment": signoff.comment,
        "statement_sha256": signoff.statement_sha256,
        "review_round": signoff.review_round,
        "created_at": _iso(signoff.created_at),
    }
