"""Downloads of the PDF risk summary, the JSON export and the portfolio CSV.

Thin views: the queryset a user may see decides access (others get a 404), one export
service makes the bytes, and every download leaves an audit event.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessments import exports
from assessments.models import Assessment
from assessments.selectors import assessments_visible_to
from assessments.services.audit import audit_export


@require_GET
@never_cache
def assessment_pdf(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _visible_assessment(request, assessment_id)
    pdf = exports.assessment_pdf(assessment=assessment)
    audit_export(actor=request.user, assessment=assessment, what="PDF risk summary")
    return _attachment(pdf, "application/pdf", _file_name(assessment.vendor.name, "risk-summary", "pdf"))


@require_GET
@never_cache
def assessment_json(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = _visible_assessment(request, assessment_id)
    document = json.dumps(exports.assessment_json(assessment=assessment), cls=DjangoJSONEncoder, indent=2)
    audit_export(actor=request.user, assessment=assessment, what="JSON export")
    return _attachment(document, "application/json", _file_name(assessment.vendor.name, "assessment", "json"))


@require_GET
@never_cache
def portfolio_csv(request: HttpRequest) -> StreamingHttpResponse:
    return portfolio_csv_response(request)


def portfolio_csv_response(request) -> StreamingHttpResponse:
    """Streamed row by row: the whole portfolio is never held in memory. The API answers with it too."""
    lines = exports.portfolio_csv_lines(user=request.user)
    audit_export(actor=request.user, what="portfolio CSV")
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=_file_name("vendor", "portfolio", "csv")
    )
    return response


def _visible_assessment(request: HttpRequest, assessment_id: int) -> Assessment:
    # A 404, not a 403, for assessments the user may not see: their existence is not theirs to know.
    return get_object_or_404(assessments_visible_to(request.user).select_related("vendor"), pk=assessment_id)


def _file_name(name: str, what: str, extension: str) -> str:
    # ASCII only, no separators or quotes: safe in any header, file system and mail client.
    stem = slugify(name)[:60].strip("-") or "vendor"
    return f"{stem}-{what}-{timezone.localdate().isoformat()}.{extension}"


def _attachment(content: bytes | str, content_type: str, file_name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=file_name)
    return response
