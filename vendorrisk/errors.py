"""Server error pages that work while the database is down: no query, no session, the app's layout."""

import sys

from django.db import DatabaseError, InterfaceError
from django.http import HttpRequest, HttpResponse
from django.template import loader

RETRY_AFTER_SECONDS = 30


def server_error(request: HttpRequest) -> HttpResponse:
    """``handler500``: a database outage answers 503 (retry shortly), anything else 500.

    Rendered without the request's context processors, which would ask the database for the
    user; a failed POST is told that what it sent was not saved, since each write is one
    transaction that rolled back.
    """
    error = sys.exc_info()[1]
    unavailable = isinstance(error, DatabaseError | InterfaceError)
    context = {"posted": request.method == "POST", "retry_after": RETRY_AFTER_SECONDS}
    template = loader.get_template("503.html" if unavailable else "500.html")
    response = HttpResponse(template.render(context), status=503 if unavailable else 500)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
