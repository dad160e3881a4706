"""Downloads of the PDF risk summary, the JSON export and the portfolio CSV.

Thin views: the queryset a user may see decides access (others get a 404), one export
service makes the bytes, and PDF and JSON downloads leave an audit event.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessments import exports
from assessments.models import Assessment, AuditEvent
from assessments.selectors import assessments_visible_to
from assessments.services.audit import audit_record


@require_GET
@never_cache
def assessment_pdf(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _visible_assessment(request, assessment_id)
    pdf = exports.assessment_pdf(assessment=assessment)
    _record_export(request, assessment, "PDF risk summary")
    return _attachment(pdf, "application/pdf", _file_name(assessment.vendor.name, "risk-summary", "pdf"))


@require_GET
@never_cache
def assessment_json(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _visible_assessment(request, assessment_id)
    document = json.dumps(exports.assessment_json(assessment=assessment), cls=DjangoJSONEncoder, indent=2)
    _record_export(request, assessment, "JSON export")
    return _attachment(document, "application/json", _file_name(assessment.vendor.name, "assessment", "json"))


@require_GET
@never_cache
def portfolio_csv(request: HttpRequest) -> HttpResponse:
    document = exports.portfolio_csv(user=request.user)
    audit_record(
        vendor=None,
        kind=AuditEvent.Kind.EXPORTED,
        actor=request.user,
        message="Downloaded the portfolio CSV.",
        data={"format": "portfolio CSV"},
    )
    return _attachment(document, "text/csv; charset=utf-8", _file_name("vendor", "portfolio", "csv"))


def _visible_assessment(request: HttpRequest, assessment_id: int) -> Assessment:
    # A 404, not a 403, for assessments the user may not see: their existence is not theirs to know.
    return get_object_or_404(assessments_visible_to(request.user).select_related("vendor"), pk=assessment_id)


def _record_export(request: HttpRequest, assessment: Assessment, what: str) -> None:
    audit_record(
        vendor=assessment.vendor,
        assessment=assessment,
        kind=AuditEvent.Kind.EXPORTED,
        actor=request.user,
        message=f"Downloaded the {what} of assessment #{assessment.pk}.",
        data={"format": what},
    )


def _file_name(name: str, what: str, extension: str) -> str:
    # ASCII only, no separators or quotes: safe in any header, file system and mail client.
    stem = slugify(name)[:60].strip("-") or "vendor"
    return f"{stem}-{what}-{timezone.localdate().isoformat()}.{extension}"


def _attachment(content: bytes | str, content_type: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
    return response
