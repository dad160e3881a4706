"""The page comparing two versions of one of a vendor's documents."""

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from assessments.selectors import vendors_visible_to
from policies.comparison import comparison_pair, document_comparison
from policies.models import DocumentKind

VIEWS = ("inline", "side")


@require_GET
def document_compare(request: HttpRequest, vendor_id: int, kind: str) -> HttpResponse:
    """Additions, deletions, changes and moves between ``?from=`` and ``?to=`` (statement pks)."""
    vendor = get_object_or_404(vendors_visible_to(request.user), pk=vendor_id)
    document_kind = get_object_or_404(DocumentKind, key=kind)
    versions = list(vendor.statements.filter(kind=document_kind).select_related("kind").order_by("version"))
    context = {
        "vendor": vendor,
        "kind": document_kind,
        "versions": versions,
        "view": request.GET.get("view") if request.GET.get("view") in VIEWS else "inline",
        "show_all": request.GET.get("all") == "1",
    }
    try:
        old, new = comparison_pair(versions, request.GET.get("from"), request.GET.get("to"))
    except ValidationError as error:
        context["error"] = " ".join(error.messages)
        return render(request, "policies/document_compare.html", context, status=400)
    context |= {"comparison": document_comparison(old, new), "old": old, "new": new}
    return render(request, "policies/document_compare.html", context)


@require_GET
def documents_compare_pick(request: HttpRequest, vendor_id: int) -> HttpResponse:
    """Two versions picked on the vendor's timeline: on to their kind's comparison page."""
    vendor = get_object_or_404(vendors_visible_to(request.user), pk=vendor_id)
    picked = vendor.statements.filter(pk__in=_pks(request.GET.getlist("version"))).order_by("version")
    kinds = {statement.kind_id for statement in picked}
    if len(picked) != 2 or len(kinds) != 1:
        context = {"vendor": vendor, "versions": [], "error": "Pick two versions of the same document to compare."}
        return render(request, "policies/document_compare.html", context, status=400)
    old, new = picked
    url = reverse("document_compare", args=[vendor.pk, old.kind_id])
    return redirect(f"{url}?from={old.pk}&to={new.pk}")


def _pks(values: list[str]) -> list[int]:
    return [int(value) for value in values if value.isdigit()][:3]
