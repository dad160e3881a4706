from django.db.models import QuerySet

from assessments.roles import Role, has_role
from assessments.selectors import vendors_visible_to
from policies.models import Statement


def statements_visible_to(user) -> QuerySet[Statement]:
    return Statement.objects.filter(vendor__in=vendors_visible_to(user)).select_related("vendor", "created_by", "kind")


# Seconds a queued job may wait before its page says why; a fresh one is simply "queued".
QUIET_WAIT_SECONDS = 3


def document_latest_read(*, vendor_id: int, kind: str) -> Statement | None:
    """The vendor's newest version of a kind of document that was read (done, with text), or None."""
    return (
        Statement.objects.filter(vendor_id=vendor_id, kind_id=kind, status=Statement.Status.DONE)
        .exclude(extracted_text="")
        .select_related("kind")
        .order_by("-version")
        .first()
    )


def statement_waiting(statement: Statement) -> str:
    """Why an active job has not moved, in a sentence for its page, or "" while it is moving."""
    from datetime import timedelta

    from django.conf import settings
    from django.utils import timezone

    from policies.broker import queue_state

    if not statement.is_active or settings.CELERY_TASK_ALWAYS_EAGER:
        return ""
    silent_for = timezone.now() - statement.status_changed_at
    running = statement.status != Statement.Status.QUEUED
    if silent_for < timedelta(seconds=settings.STATEMENT_HEARTBEAT_SECONDS * 2 if running else QUIET_WAIT_SECONDS):
        return ""
    reachable, workers = queue_state()
    if not reachable:
        return "The queue is unavailable: your statement is saved and will be read when it is back."
    if running:
        return "The worker reading this statement stopped: it is saved and will be read again automatically."
    if not workers:
        return "Waiting for a worker: none is running. Your statement is saved and will be read when one starts."
    return "Waiting for a worker: other statements are being read first."


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


def vendor_documents(vendor) -> list[dict]:
    """The vendor's document set, one row per kind: the newest version, how many there are, and
    whether an expected kind is still missing. Kinds the vendor has but that are not expected
    (an added kind) are listed too. Two queries, whatever the number of versions."""
    from policies.models import DocumentKind

    newest: dict[str, Statement] = {}
    counts: dict[str, int] = {}
    for statement in vendor.statements.select_related("created_by").order_by("kind_id", "-version"):
        newest.setdefault(statement.kind_id, statement)
        counts[statement.kind_id] = counts.get(statement.kind_id, 0) + 1
    return [
        {"kind": kind, "latest": newest.get(kind.key), "versions": counts.get(kind.key, 0)}
        for kind in DocumentKind.objects.all()
        if kind.expected or kind.key in newest
    ]


def vendor_documents_missing(documents: list[dict]) -> list:
    """The expected kinds of which the vendor has no version yet."""
    return [row["kind"] for row in documents if row["kind"].expected and row["latest"] is None]


def vendor_monitoring_status(vendor) -> dict:
    """The vendor page's monitoring block: paused or how often, and for each document watched at
    its URL the last check, the last change, the last error and the next attempt. Two queries."""
    from django.conf import settings

    from policies.models import VendorMonitoring

    own = VendorMonitoring.objects.select_related("paused_by").filter(vendor=vendor).first()
    return {
        "paused_at": own.paused_at if own else None,
        "paused_by": own.paused_by if own else None,
        "every_days": own.every_days if own else None,
        "days": (own.every_days if own else None) or settings.DOCUMENT_MONITOR_DEFAULT_DAYS,
        "default_days": settings.DOCUMENT_MONITOR_DEFAULT_DAYS,
        "documents": list(vendor.monitored_documents.select_related("kind").order_by("kind__position", "pk")),
    }


def vendor_timeline(vendor) -> list[dict]:
    """The vendor's document versions (every kind), assessments and decisions, newest first.

    Each entry is ``{"at", "what", "statement" or "assessment", "previous"}``; a version's
    ``previous`` is the version of its kind read before it, to compare with. Three queries.
    """
    entries: list[dict] = []
    before: dict[str, Statement] = {}
    for statement in vendor.statements.select_related("kind", "created_by").order_by("kind_id", "version"):
        entries.append({"at": statement.created_at, "what": "version", "statement": statement,
                        "previous": before.get(statement.kind_id)})
        if statement.status == Statement.Status.DONE:
            before[statement.kind_id] = statement
    assessments = vendor.assessments.select_related("template", "statement__kind", "compares_to")
    for assessment in assessments:
        entries.append({"at": assessment.created_at, "what": "assessment", "assessment": assessment})
        if assessment.decided_at:
            entries.append({"at": assessment.decided_at, "what": "decision", "assessment": assessment})
    return sorted(entries, key=lambda entry: entry["at"], reverse=True)
