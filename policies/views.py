from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from assessments.selectors import vendors_visible_to
from assessments.views import _vendor_page_context
from policies.forms import StatementTextForm, StatementUploadForm, StatementUrlForm
from policies.selectors import statements_visible_to
from policies.services import statement_add_text, statement_add_upload, statement_add_url, statement_retry


@require_POST
def statement_upload(request: HttpRequest, vendor_id: int) -> HttpResponse:
    vendor = get_object_or_404(vendors_visible_to(request.user), pk=vendor_id)
    form = StatementUploadForm(request.POST, request.FILES, action=reverse("statement_upload", args=[vendor.pk]))
    if form.is_valid():
        return _add_or_show_error(
            request,
            vendor,
            form,
            "upload_form",
            lambda: statement_add_upload(vendor=vendor, actor=request.user, upload=form.cleaned_data["file"]),
        )
    return _vendor_page_with_error(request, vendor, form, "upload_form")


@require_POST
def statement_paste(request: HttpRequest, vendor_id: int) -> HttpResponse:
    vendor = get_object_or_404(vendors_visible_to(request.user), pk=vendor_id)
    form = StatementTextForm(request.POST, action=reverse("statement_paste", args=[vendor.pk]))
    if form.is_valid():
        return _add_or_show_error(
            request,
            vendor,
            form,
            "text_form",
            lambda: statement_add_text(vendor=vendor, actor=request.user, text=form.cleaned_data["text"]),
        )
    return _vendor_page_with_error(request, vendor, form, "text_form")


@require_POST
def statement_fetch(request: HttpRequest, vendor_id: int) -> HttpResponse:
    vendor = get_object_or_404(vendors_visible_to(request.user), pk=vendor_id)
    form = StatementUrlForm(request.POST, action=reverse("statement_fetch", args=[vendor.pk]))
    if form.is_valid():
        return _add_or_show_error(
            request,
            vendor,
            form,
            "url_form",
            lambda: statement_add_url(vendor=vendor, actor=request.user, url=form.cleaned_data["url"]),
        )
    return _vendor_page_with_error(request, vendor, form, "url_form")


def _add_or_show_error(request, vendor, form, form_name: str, add) -> HttpResponse:
    try:
        statement = add()
    except ValidationError as error:
        form.add_error(None, error)
        return _vendor_page_with_error(request, vendor, form, form_name)
    messages.success(request, f"Statement v{statement.version} saved; the questionnaire is being filled in.")
    return redirect(statement)


def _vendor_page_with_error(request, vendor, form, form_name: str) -> HttpResponse:
    tab = form_name.removesuffix("_form").replace("text", "paste").replace("url", "fetch")
    context = _vendor_page_context(request, vendor, **{form_name: form, "active_tab": tab})
    return render(request, "assessments/vendor_detail.html", context, status=400)


def statement_detail(request: HttpRequest, statement_id: int) -> HttpResponse:
    statement = get_object_or_404(statements_visible_to(request.user), pk=statement_id)
    return render(request, "policies/statement_detail.html", {"statement": statement})


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
    statement = get_object_or_404(statements_visible_to(request.user), pk=statement_id)
    try:
        statement_retry(statement=statement, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.info(request, "The statement is queued again.")
    return redirect(statement)
