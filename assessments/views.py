from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from assessments import health
from assessments.evidence import highlight_evidence
from assessments.forms import VendorFilterForm, VendorForm
from assessments.models import Answer, Assessment, Vendor
from assessments.page_data import answers_by_section, statement_job_for
from assessments.roles import Role, has_role
from assessments.selectors import assessment_page, vendor_can_edit, vendor_list, vendors_visible_to
from assessments.services.vendors import INTAKE_FIELDS, vendor_create, vendor_update
from policies.forms import StatementTextForm, StatementUploadForm, StatementUrlForm

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
    page = Paginator(vendors, VENDORS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "assessments/vendor_list.html",
        {"page": page, "filters": filters, "query": query.urlencode(), "can_create": _can_create(request.user)},
    )


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
    return render(request, "assessments/vendor_detail.html", _vendor_page_context(request, vendor))


def _vendor_page_context(request: HttpRequest, vendor: Vendor, **forms) -> dict:
    from django.urls import reverse

    may_add = has_role(request.user, Role.REQUESTER, Role.ADMIN)
    return {
        "vendor": vendor,
        "statements": vendor.statements.select_related("created_by").order_by("-version"),
        "assessments": vendor.assessments.select_related("statement", "template").order_by("-created_at"),
        "can_edit": vendor_can_edit(request.user, vendor),
        "can_add_statement": may_add,
        "upload_form": forms.get("upload_form")
        or StatementUploadForm(action=reverse("statement_upload", args=[vendor.pk])),
        "text_form": forms.get("text_form") or StatementTextForm(action=reverse("statement_paste", args=[vendor.pk])),
        "url_form": forms.get("url_form") or StatementUrlForm(action=reverse("statement_fetch", args=[vendor.pk])),
        "active_tab": forms.get("active_tab", "upload"),
    }


def _can_create(user) -> bool:
    return has_role(user, Role.REQUESTER, Role.ADMIN)


@login_not_required
@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    report = health.health_report()
    return JsonResponse(report, status=200 if report["database"]["ok"] else 503)


def no_role(request: HttpRequest) -> HttpResponse:
    return render(request, "no_role.html", status=403)


def assessment_detail(request: HttpRequest, assessment_id: int) -> HttpResponse:
    """The filled questionnaire: answers by section, the explained score, and the statement viewer."""
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    chosen = _answer_or_none(assessment, request.GET.get("answer", ""))
    context = {
        "assessment": assessment,
        "sections": answers_by_section(assessment),
        "breakdown": assessment.score_breakdown or {},
        # jsonb does not keep key order: list the tiers from low to critical.
        "thresholds": sorted((assessment.score_breakdown or {}).get("thresholds", {}).items(), key=lambda t: t[1]),
        "statement_job": statement_job_for(assessment),
        "can_review": has_role(request.user, Role.REVIEWER, Role.ADMIN) and not assessment.is_locked,
        "can_retry": has_role(request.user, Role.REQUESTER, Role.ADMIN),
        "chosen": chosen,
        "highlighted": highlight_evidence(assessment.statement, chosen) if chosen else None,
    }
    return render(request, "assessments/assessment_detail.html", context)


@require_GET
def answer_evidence(request: HttpRequest, assessment_id: int, answer_id: int) -> HttpResponse:
    """The statement with one answer's evidence highlighted: a partial for htmx, else the whole page."""
    assessment = get_object_or_404(assessment_page(request.user), pk=assessment_id)
    if not request.htmx:
        return redirect(f"{assessment.get_absolute_url()}?answer={answer_id}#statement-viewer")
    answer = get_object_or_404(assessment.answers.select_related("question"), pk=answer_id)
    context = {
        "assessment": assessment,
        "chosen": answer,
        "highlighted": highlight_evidence(assessment.statement, answer),
    }
    return render(request, "assessments/_statement_viewer.html", context)


def _answer_or_none(assessment: Assessment, answer_id: str) -> Answer | None:
    if not answer_id.isdigit():
        return None
    return assessment.answers.select_related("question").filter(pk=int(answer_id)).first()
