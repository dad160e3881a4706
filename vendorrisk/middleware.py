"""Request-level guards that must run before anything reads the body."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template import loader

# Room for the multipart framing and the other form fields around a file at the cap.
FORM_OVERHEAD_BYTES = 64 * 1024


class RequestSizeLimitMiddleware:
    """Refuse a body whose declared Content-Length is over the statement cap, before it is read.

    Django's DATA_UPLOAD_MAX_MEMORY_SIZE does not count file parts, and a multipart upload is
    spooled to disk in full before a form sees it; this answers 413 while the body is still
    unread. The proxy's ``client_max_body_size`` (README) stops it even earlier.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        # A paste a little over the cap still reaches its form, which refuses it with the text kept.
        limit = max(settings.STATEMENT_MAX_UPLOAD_BYTES + FORM_OVERHEAD_BYTES, settings.DATA_UPLOAD_MAX_MEMORY_SIZE)
        if declared.isdigit() and int(declared) > limit:
            return too_large(limit)
        return self.get_response(request)


def too_large(limit: int) -> HttpResponse:
    context = {"limit_mb": f"{settings.STATEMENT_MAX_UPLOAD_BYTES / 1_048_576:.1f}"}
    response = HttpResponse(loader.get_template("413.html").render(context), status=413)
    response["Connection"] = "close"  # the unread body is not worth draining
    return response
