from django.db.models import QuerySet

from assessments.roles import Role, has_role
from assessments.selectors import vendors_visible_to
from policies.models import Statement


def statements_visible_to(user) -> QuerySet[Statement]:
    return Statement.objects.filter(vendor__in=vendors_visible_to(user)).select_related("vendor", "created_by")


def statement_can_remove(user, statement: Statement) -> bool:
    """A failed version may be removed by whoever added it, or an admin."""
    if statement.status != Statement.Status.FAILED:
        return False
    return has_role(user, Role.ADMIN) or (has_role(user, Role.REQUESTER) and user.pk == statement.created_by_id)


def statement_answer_counts(assessment) -> dict:
    """How many answers the statement gave and how many questions it is silent on; one query."""
    from django.db.models import Count, Q

    counts = assessment.answers.aggregate(total=Count("pk"), silent=Count("pk", filter=Q(value="not_stated")))
    return {"answered": counts["total"] - counts["silent"], "not_stated": counts["silent"], "total": counts["total"]}
