from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from assessments.roles import Role, has_role
from assessments.selectors import vendors_visible_to
from assessments.views import vendor_page_context
from policies.forms import MonitoringIntervalForm, StatementTextForm, StatementUploadForm, StatementUrlForm
from policies.models import DocumentKind, Statement
from policies.monitoring import vendor_monitoring_pause, vendor_monitoring_resume, vendor_monitoring_set_interval
from policies.selectors import statement_answer_counts, statement_can_remove, statements_visible_to
from policies.services import (
    statement_add_text,
    statement_add_upload,
    statement_add_url,
    statement_remove,
    statement_retry,
)
from policies.subprocessors import subprocessors_of

# Each way of adding a statement: its form and the name the vendor page knows it by.
FORM_NAMES = {"upload": "upload_form", "paste": "text_form", "fetch": "url_form"}


@require_POST
def statement_upload(request: HttpRequest, vendor_id: int) -> HttpResponse:
    return _statement_add(
        request,
        vendor_id,
        "upload",
        StatementUploadForm,
        lambda vendor, data: statement_add_upload(
            vendor=vendor, actor=request.user, upload=data["file"], kind=data["kind"]
        ),
    )


@require_POST
def statement_paste(request: HttpRequest, vendor_id: int) -> HttpResponse:
    return _statement_add(
        request,
        vendor_id,
        "paste",
        StatementTextForm,
        lambda vendor, data: statement_add_text(
            vendor=vendor, actor=request.user, text=data["text"], kind=data["kind"]
        ),
    )


@require_POST
def statement_fetch(request: HttpRequest, vendor_id: int) -> HttpResponse:
    return _statement_add(
        request,
        vendor_id,
        "fetch",
        StatementUrlForm,
        lambda vendor, data: statement_add_url(
            vendor=vendor, actor=request.user, url=data["url"], kind=data["kind"]
        ),
    )


@require_POST
def vendor_monitoring_update(request: HttpRequest, vendor_id: int) -> HttpResponse:
    """Pause or resume the monitoring of a vendor's URLs, or set how often they are checked."""
    vendor = get_object_or_404(vendors_visible_to(request.user), pk=vendor_id)
    action = request.POST.get("action")
    if action == "pause":
        vendor_monitoring_pause(vendor=vendor, actor=request.user)
        messages.info(request, f"Monitoring of {vendor.name}'s documents is paused.")
    elif action == "resume":
        vendor_monitoring_resume(vendor=vendor, actor=request.user)
        messages.info(request, f"Monitoring of {vendor.name}'s documents is resumed.")
    else:
        form = MonitoringIntervalForm(request.POST)
        if form.is_valid():
            every_days = form.cleaned_data["every_days"]
            vendor_monitoring_set_interval(vendor=vendor, actor=request.user, every_days=every_days)
            messages.info(request, "The monitoring interval is saved.")
        else:
            messages.error(request, " ".join(" ".join(errors) for errors in form.errors.values()))
    return redirect(reverse("vendor_detail", args=[vendor.pk]) + "#monitoring")


def _statement_add(request: HttpRequest, vendor_id: int, tab: str, form_class, add) -> HttpResponse:
    """Validate the form, call the service; any refusal is shown on the vendor page's form."""
    vendor = get_object_or_404(vendors_visible_to(request.user), pk=vendor_id)
    form = form_class(request.POST, request.FILES, action=reverse(f"statement_{tab}", args=[vendor.pk]))
    if form.is_valid():
        try:
            statement = add(vendor, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{statement.kind.name} v{statement.version} saved.")
            return redirect(statement)
    context = vendor_page_context(request, vendor, **{FORM_NAMES[tab]: form, "active_tab": tab})
    return render(request, "assessments/vendor_detail.html", context, status=400)


def statement_detail(request: HttpRequest, statement_id: int) -> HttpResponse:
    """One statement version and its auto-fill job, with a live progress bar."""
    statement = get_object_or_404(statements_visible_to(request.user), pk=statement_id)
    # then=facts: the polled card carries the source, hash and format, so they appear when the job ends.
    context = _progress_context(request, statement, then="facts")
    context |= _statement_view_context(request, statement)
    return render(request, "policies/statement_detail.html", context)


def _statement_view_context(request: HttpRequest, statement: Statement) -> dict:
    """A list version's sub-processor table, and the text with ``?start=&end=`` highlighted (a quote)."""
    from types import SimpleNamespace

    from assessments.evidence import highlight_evidence

    sort = request.GET.get("sort", "position")
    is_list = statement.kind_id == DocumentKind.SUBPROCESSOR_LIST
    context = {"subprocessor_list": statement, "sort": sort, "is_list": is_list}
    if context["is_list"]:
        context["subprocessors"] = subprocessors_of(statement, sort=sort)
    text, start, end = statement.extracted_text, request.GET.get("start", ""), request.GET.get("end", "")
    quotes = []
    if start.isdigit() and end.isdigit() and int(start) < int(end) <= len(text):
        quotes = [{"start": int(start), "end": int(end), "text": text[int(start) : int(end)]}]
    context["quoted"] = bool(quotes)
    context["highlighted"] = highlight_evidence(statement, SimpleNamespace(evidence=quotes, auto_evidence=[]), 0)
    return context


@require_GET
def statement_progress(request: HttpRequest, statement_id: int) -> HttpResponse:
    """The progress card alone, polled by htmx until the job is done or failed.

    ``?then=refresh`` (the assessment page) reloads the whole page once the job is done, so
    the bar turns into the filled questionnaire.
    """
    statement = get_object_or_404(statements_visible_to(request.user), pk=statement_id)
    response = render(request, "policies/_statement_progress.html", _progress_context(request, statement))
    if request.GET.get("then") == "refresh" and statement.status == Statement.Status.DONE:
        response["HX-Refresh"] = "true"
    return response


@require_GET
def statement_status(request: HttpRequest, statement_id: int) -> HttpResponse:
    """The status badge alone, polled on the vendor page while the job runs."""
    statement = get_object_or_404(statements_visible_to(request.user), pk=statement_id)
    return render(request, "policies/_statement_status.html", {"statement": statement})


def _progress_context(request: HttpRequest, statement: Statement, then: str = "") -> dict:
    done_assessment = statement.assessments.order_by("-created_at").first()
    return {
        "statement": statement,
        "done_assessment": done_assessment,
        "answer_counts": statement_answer_counts(done_assessment) if done_assessment else None,
        "can_retry": has_role(request.user, Role.REQUESTER, Role.ADMIN),
        "can_remove": statement_can_remove(request.user, statement),
        "then": then or request.GET.get("then", ""),
        "return_to": request.htmx.current_url_abs_path if request.htmx else request.get_full_path(),
    }


def statement_download(request: HttpRequest, statement_id: int) -> FileResponse:
    """Serve the original file to those who may see the vendor; there is no public media URL."""
    statement = get_object_or_404(statements_visible_to(request.user), pk=statement_id)
    if not statement.original_file:
        raise Http404("This statement has no stored file.")
    response = FileResponse(
        statement.original_file.open("rb"),
        as_attachment=True,
        filename=statement.original_filename or f"statement-v{statement.version}.txt",
        content_type="application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
def statement_retry_view(request: HttpRequest, statement_id: int) -> HttpResponse:
    """Queue a failed statement again; back to where the Retry button was."""
    statement = get_object_or_404(statements_visible_to(request.user), pk=statement_id)
    try:
        statement_retry(statement=statement, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, f"The {statement.kind_label} is queued again.")
    return redirect(_return_url(request, statement.get_absolute_url()))


@require_POST
def statement_remove_view(request: HttpRequest, statement_id: int) -> HttpResponse:
    """Remove a failed statement version, file and all; the vendor's trail keeps a note of it."""
    statement = get_object_or_404(statements_visible_to(request.user), pk=statement_id)
    vendor = statement.vendor
    try:
        statement_remove(statement=statement, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(statement)
    messages.success(
        request, f"{statement.kind.name} v{statement.version} is removed; the vendor's history records it."
    )
    return redirect(vendor)


def _return_url(request: HttpRequest, fallback: str) -> str:
    """The form's ``next`` if it points back into this site, else ``fallback``."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure())
    return target if target and safe else fallback
