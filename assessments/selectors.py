"""Read-side queries: who sees which vendors and assessments, and the lists pages show."""

from django.db.models import OuterRef, Q, QuerySet, Subquery

from assessments.models import Assessment, Vendor
from assessments.roles import PORTFOLIO_ROLES, Role, has_role, roles_of


def vendors_visible_to(user) -> QuerySet[Vendor]:
    """Reviewers, approvers and admins see the portfolio; requesters see their own vendors."""
    roles = roles_of(user)
    if roles & PORTFOLIO_ROLES:
        return Vendor.objects.all()
    if Role.REQUESTER in roles:
        return Vendor.objects.filter(Q(created_by=user) | Q(business_owner=user))
    return Vendor.objects.none()


def assessments_visible_to(user) -> QuerySet[Assessment]:
    return Assessment.objects.filter(vendor__in=vendors_visible_to(user))


def vendor_can_edit(user, vendor: Vendor) -> bool:
    if has_role(user, Role.ADMIN):
        return True
    return has_role(user, Role.REQUESTER) and user.pk in {vendor.created_by_id, vendor.business_owner_id}


def vendor_list(*, user, search: str = "", tier: str = "", status: str = "", owner: str = "") -> QuerySet[Vendor]:
    """The vendor list with each vendor's latest assessment, filtered; a fixed number of queries."""
    latest = Assessment.objects.filter(vendor=OuterRef("pk")).order_by("-created_at")
    vendors = (
        vendors_visible_to(user)
        .select_related("business_owner")
        .annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_tier=Subquery(latest.values("risk_tier")[:1]),
            latest_score=Subquery(latest.values("risk_score")[:1]),
            latest_assessment_id=Subquery(latest.values("pk")[:1]),
            next_review_due=Subquery(latest.values("next_review_due")[:1]),
        )
        .order_by("name")
    )
    if search:
        vendors = vendors.filter(
            Q(name__icontains=search) | Q(service__icontains=search) | Q(website__icontains=search)
        )
    if tier:
        vendors = vendors.filter(latest_tier=tier)
    if status:
        vendors = vendors.filter(latest_status=status)
    if owner:
        vendors = vendors.filter(business_owner_id=owner)
    return vendors


def assessment_page(user) -> QuerySet[Assessment]:
    """Assessments the user may see, with what their page shows loaded up front."""
    return assessments_visible_to(user).select_related(
        "vendor", "vendor__business_owner", "statement", "template", "created_by", "submitted_by"
    )
