import dataclasses

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from assessments import health
from assessments.evidence import evidence_document, highlight_evidence
from assessments.finding_selectors import assessment_findings, objection_deadlines, vendor_findings
from assessments.forms import AcceptAboveForm, AnswerOverrideForm, SignOffForm, VendorFilterForm, VendorForm
from assessments.models import Answer, Assessment, Finding, Vendor
from assessments.page_data import answers_by_section, statement_job_for
from assessments.permissions import Action, allowed_actions, can
from assessments.review_policy import MIN_STATED_TOPICS, MIN_STATEMENT_CHARS
from assessments.scoring import thresholds_in_order
from assessments.selectors import (
    assessment_changes,
    assessment_events,
    assessment_integrity,
    assessment_page,
    assessment_review_state,
    assessment_workflow,
    assessments_progress,
    dashboard,
    recent_activity,
    vendor_can_edit,
    vendor_list,
    vendors_visible_to,
)
from assessments.services.comments import assessment_comment_add
from assessments.services.findings import finding_accept, finding_dismiss
from assessments.services.review import answer_accept, answer_override, answers_accept_above
from assessments.services.vendors import INTAKE_FIELDS, vendor_create, vendor_update
from assessments.services.workflow import assessment_reassess, assessment_sign_off, assessment_submit, required_roles
from policies.forms import StatementTextForm, StatementUploadForm, StatementUrlForm
from policies.selectors import (
    vendor_documents,
    vendor_documents_missing,
    vendor_monitoring_status,
    vendor_timeline,
)
from policies.subprocessors import latest_subprocessor_list, subprocessors_of

VENDORS_PER_PAGE = 25


def vendor_index(request: HttpRequest) -> HttpResponse:
    owners = get_user_model().objects.filter(owned_vendors__isnull=False).distinct().order_by("username")
    filters = VendorFilterForm(request.GET or None, owners=owners)
    criteria = filters.cleaned_data if filters.is_valid() else {}
    vendors = vendor_list(
        user=request.user,
        search=criteria.get("q", ""),
        tier=criteria.get("tier", ""),
        status=criteria.get("status", ""),
        owner=criteria.get("owner", ""),
    )
    # Paginate the ids alone: an OFFSET would otherwise evaluate each skipped row's subqueries
    # (its worst assessment), so page 200 cost five times page 1. Then load the page's rows.
    page = Paginator(vendors.values_list("pk", flat=True), VENDORS_PER_PAGE).get_page(request.GET.get("page"))
    # The page's rows by id alone: the filters were applied when the ids were chosen.
    rows = {vendor.pk: vendor for vendor in vendor_list(user=request.user).filter(pk__in=list(page.object_list))}
    page.object_list = [rows[pk] for pk in page.object_list]
    _attach_latest_progress(page.object_list)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assessments/vendor_list.html",
        {"page": page, "filters": filters, "query": query.urlencode(), "can_create": _can_create(request.user)},
    )


def _attach_latest_progress(vendors) -> None:
    """Give each vendor row ``progress``: its latest assessment's reviewed N/M and who it waits on."""
    ids = [vendor.latest_assessment_id for vendor in vendors if vendor.latest_assessment_id]
    progress = assessments_progress(Assessment.objects.filter(pk__in=ids))
    for vendor in vendors:
        vendor.progress = progress.get(vendor.latest_assessment_id)


def _attach_progress(assessments) -> list:
    rows = list(assessments)
    progress = assessments_progress(rows)
    for row in rows:
        row.progress = progress[row.pk]
    return rows


def vendor_new(request: HttpRequest) -> HttpResponse:
    if not _can_create(request.user):
        raise PermissionDenied("Only requesters and admins register vendors.")
    form = VendorForm(request.POST or None, initial={"business_owner": request.user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            vendor = vendor_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"{vendor.name} is registered. Add its privacy statement next.")
            return redirect(vendor)
    return render(request, "assessments/vendor_form.html", {"form": form, "title": "Register a vendor"})


def vendor_edit(request: HttpRequest, vendor_id: int) -> HttpResponse:
    vendor = get_object_or_404(vendors_visible_to(request.user), pk=vendor_id)
    if not vendor_can_edit(request.user, vendor):
        raise PermissionDenied("You cannot edit this vendor.")
    form = VendorForm(request.POST or None, instance=Vendor.objects.get(pk=vendor.pk))
    if request.method == "POST" and form.is_valid():
        try:
            vendor_update(vendor=vendor, actor=request.user, **{f: form.cleaned_data[f] for f in INTAKE_FIELDS})
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "Vendor saved.")
            return redirect(vendor)
    return render(
        request, "assessments/vendor_form.html", {"form": form, "title": f"Edit {vendor.name}", "vendor": vendor}
    )


def vendor_detail(request: HttpRequest, vendor_id: int) -> HttpResponse:
    vendor = get_object_or_404(vendors_visible_to(request.user).select_related("business_owner"), pk=vendor_id)
    return render(request, "assessments/vendor_detail.html", vendor_page_context(request, vendor))


def vendor_page_context(request: HttpRequest, vendor: Vendor, **forms) -> dict:
    from django.urls import reverse

    may_add = can(request.user, Action.ADD_STATEMENT)
    documents = vendor_documents(vendor)
    kind = {"initial": {"kind": request.GET.get("kind") or "privacy_statement"}}
    return {
        "vendor": vendor,
        "documents": documents,
        "documents_missing": vendor_documents_missing(documents),
        "timeline": vendor_timeline(vendor),
        "statements": vendor.statements.select_related("created_by", "kind").order_by("kind__position", "-version"),
        "assessments": _attach_progress(
            vendor.assessments.select_related("statement__kind", "template", "created_by").order_by(
                "-is_current", "-template__is_default", "template__slug", "-created_at"
            )
        ),
        "can_edit": vendor_can_edit(request.user, vendor),
        "can_add_statement": may_add,
        "monitoring": vendor_monitoring_status(vendor),
        "can_monitor": can(request.user, Action.MONITOR_DOCUMENTS),
        "upload_form": forms.get("upload_form")
        or StatementUploadForm(action=reverse("statement_upload", args=[vendor.pk]), **kind),
        "text_form": forms.get("text_form")
        or StatementTextForm(action=reverse("statement_paste", args=[vendor.pk]), **kind),
        "url_form": forms.get("url_form")
        or StatementUrlForm(action=reverse("statement_fetch", args=[vendor.pk]), **kind),
        "active_tab": forms.get("active_tab", "upload"),
        **vendor_findings_context(request, vendor),
    }


def vendor_findings_context(request: HttpRequest, vendor: Vendor) -> dict:
    """The vendor page's sub-processor table (newest list, sorted by ``?sort=``) and findings."""
    listed = latest_subprocessor_list(vendor.pk)
    sort = request.GET.get("sort", "position")
    return {
        "subprocessor_list": listed,
        "subprocessors": subprocessors_of(listed, sort=sort) if listed else [],
        "sort": sort,
        "findings": vendor_findings(vendor),
        "may": allowed_actions(request.user),
        "return_to": request.get_full_path(),
    }


@require_POST
def finding_review_view(request: HttpRequest, finding_id: int) -> HttpResponse:
    """Accept a finding as a known risk or dismiss it, with the comment the form sends."""
    finding = get_object_or_404(Finding.objects.filter(vendor__in=vendors_visible_to(request.user)), pk=finding_id)
    decision, comment = request.POST.get("decision", ""), request.POST.get("comment", "")
    back = _safe_next(request, finding.vendor.get_absolute_url())
    try:
        if decision == "accept":
            finding_accept(finding=finding, actor=request.user, comment=comment)
        elif decision == "dismiss":
            finding_dismiss(finding=finding, actor=request.user, reason=comment)
        else:
            raise ValidationError("Choose accept or dismiss.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Finding {decision}ed: {finding.title}.")
    return redirect(f"{back}#findings")


def _safe_next(request: HttpRequest, fallback: str) -> str:
    from django.utils.http import url_has_allowed_host_and_scheme

    target = request.POST.get("next", "")
    allowed = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False)
    return target.split("#")[0] if target and allowed else fallback


def _can_create(user) -> bool:
    return can(user, Action.REGISTER_VENDOR)


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """``ok`` / ``degraded`` / ``down`` for anyone; the components only for admins or the token."""
    report = health.health_report()
    body = report if health.may_see_details(request) else {"status": report["status"]}
    return JsonResponse(body, status=200 if report["database"]["ok"] else 503)


def no_role(request: HttpRequest) -> HttpResponse:
    return render(request, "no_role.html", status=403)


def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The filled questionnaire: answers by section, the explained score, and the statement viewer."""
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    chosen = _answer_or_none(assessment, request.GET.get("answer", ""))
    changes = assessment_changes(assessment)
    show_changed = request.GET.get("show") == "changed" and changes is not None
    context = {
        "assessment": assessment,
        "sections": answers_by_section(assessment, changed_only=show_changed),
        "changes": changes,
        "show_changed": show_changed,
        "breakdown": assessment.score_breakdown or {},
        "thresholds": thresholds_in_order(assessment.score_breakdown),
        "statement_job": statement_job_for(assessment),
        "can_review": can(request.user, Action.REVIEW_ANSWER) and not assessment.is_locked,
        "can_retry": can(request.user, Action.RETRY_STATEMENT),
        "may": allowed_actions(request.user),
        "min_stated": MIN_STATED_TOPICS,
        "min_chars": MIN_STATEMENT_CHARS,
        "chosen": chosen,
        "highlighted": _highlighted(assessment, chosen, request) if chosen else None,
        "workflow": assessment_workflow(assessment, request.user),
        "integrity": assessment_integrity(assessment),
        "review_state": assessment_review_state(assessment, request.user),
        "events": assessment_events(assessment),
        "thread": list(assessment.comments.select_related("author")),
        "upgrades": list(
            assessment.upgrades.select_related("from_template", "actor", "document__kind").order_by("created_at")
        ),
        "findings": assessment_findings(assessment),
        "return_to": request.get_full_path(),
    }
    return render(request, "assessments/assessment_detail.html", context)


@require_GET
def answer_evidence(request: HttpRequest, assessment_id: int, answer_id: int) -> HttpResponse:
    """The statement with one answer's evidence highlighted: a partial for htmx, else the whole page."""
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    if not request.htmx:
        quote = _quote_index(request)
        also = f"&quote={quote}" if quote is not None else ""
        return redirect(f"{assessment.get_absolute_url()}?answer={answer_id}{also}#statement-viewer")
    answer = get_object_or_404(assessment.answers.select_related("question"), pk=answer_id)
    context = {
        "assessment": assessment,
        "chosen": answer,
        "highlighted": _highlighted(assessment, answer, request),
    }
    return render(request, "assessments/_statement_viewer.html", context)


def _highlighted(assessment: Assessment, answer: Answer, request: HttpRequest):
    """The document the answer quotes (its own statement, or another document on file), highlighted."""
    document = evidence_document(assessment, answer)
    highlighted = highlight_evidence(document, answer, _quote_index(request))
    if document is None or document.pk == assessment.statement_id:
        return highlighted
    return dataclasses.replace(highlighted, document=document)


def _quote_index(request: HttpRequest) -> int | None:
    """Which of an answer's quotes the user chose (``?quote=1``), so the viewer scrolls to that one."""
    quote = request.GET.get("quote", "")
    return int(quote) if quote.isdigit() else None


def _answer_or_none(assessment: Assessment, answer_id: str) -> Answer | None:
    if not answer_id.isdigit():
        return None
    return assessment.answers.select_related("question").filter(pk=int(answer_id)).first()


def home(request: HttpRequest) -> HttpResponse:
    """The dashboard: my queue, counts by status and tier, overdue reassessments, recent activity."""
    context = dashboard(request.user, today=timezone.localdate())
    context["queue"] = _attach_progress(context["queue"])
    # Downloads and exports apart from decisions, so a morning of PDF downloads buries nothing.
    context["activity"] = recent_activity(request.user)
    context["deadlines"] = objection_deadlines(request.user, today=timezone.localdate())
    return render(request, "assessments/dashboard.html", {**context, "can_create": _can_create(request.user)})


@require_POST
def assessment_submit_view(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    return _workflow_step(
        request,
        assessment,
        lambda: assessment_submit(assessment=assessment, actor=request.user),
        "Submitted for review.",
    )


@require_POST
def assessment_sign_off_view(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    # Every required role is a valid choice here, so the service explains a refusal (four eyes).
    form = SignOffForm(request.POST, roles=required_roles(assessment))
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(assessment)
    return _workflow_step(
        request,
        assessment,
        lambda: assessment_sign_off(assessment=assessment, actor=request.user, **form.cleaned_data),
        "Your sign-off is recorded.",
    )


@require_POST
def assessment_comment_view(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    return _workflow_step(
        request,
        assessment,
        lambda: assessment_comment_add(assessment=assessment, actor=request.user, body=request.POST.get("body", "")),
        "Your reply is on the thread.",
        anchor="thread",
    )


@require_POST
def assessment_reassess_view(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    try:
        successor = assessment_reassess(assessment=assessment, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(assessment)
    messages.success(request, "A new assessment is started from this one; review its answers.")
    return redirect(successor)


@require_POST
def answer_accept_view(request: HttpRequest, assessment_id: int, answer_id: int) -> HttpResponse:
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    answer = get_object_or_404(assessment.answers.select_related("question"), pk=answer_id)
    return _workflow_step(
        request,
        assessment,
        lambda: answer_accept(answer=answer, actor=request.user),
        None,
        anchor=f"answer-{answer.pk}",
    )


@require_POST
def answer_override_view(request: HttpRequest, assessment_id: int, answer_id: int) -> HttpResponse:
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    answer = get_object_or_404(assessment.answers.select_related("question"), pk=answer_id)
    form = AnswerOverrideForm(request.POST, question=answer.question)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(f"{assessment.get_absolute_url()}#answer-{answer.pk}")
    return _workflow_step(
        request,
        assessment,
        lambda: answer_override(answer=answer, actor=request.user, **form.cleaned_data),
        f"{answer.question.key} is now {form.cleaned_data['value']}.",
        anchor=f"answer-{answer.pk}",
    )


@require_POST
def answers_accept_above_view(request: HttpRequest, assessment_id: int) -> HttpResponse:
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    form = AcceptAboveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return redirect(assessment)
    threshold = float(form.cleaned_data["threshold"])
    return _workflow_step(
        request,
        assessment,
        lambda: answers_accept_above(assessment=assessment, actor=request.user, threshold=threshold),
        "Accepted {} answers.",
    )


def _workflow_step(request, assessment: Assessment, step, success: str | None, anchor: str = "") -> HttpResponse:
    """Run one workflow service; its refusal becomes a message, never a half-done change."""
    try:
        result = step()
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if success:
            messages.success(request, success.format(result))
    return redirect(assessment.get_absolute_url() + (f"#{anchor}" if anchor else ""))


def _form_errors(form) -> str:
    return " ".join(
        f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}".lstrip(": ")
        for field, errors in form.errors.items()
    )
