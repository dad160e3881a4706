from django.db.models import QuerySet

from assessments.selectors import vendors_visible_to
from policies.models import Statement


def statements_visible_to(user) -> QuerySet[Statement]:
    return Statement.objects.filter(vendor__in=vendors_visible_to(user)).select_related("vendor", "created_by")
