"""Read-side queries: who sees which vendors and assessments, and the lists pages show."""

from django.db.models import Case, Count, OuterRef, Q, QuerySet, Subquery, Value, When

from assessments.models import Assessment, QuestionnaireTemplate, Tier, Vendor
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
    """The vendor list, one row per vendor with its worst current assessment, filtered; a fixed number of queries.

    A vendor has one current assessment per questionnaire (``is_current``, a partial unique
    index); the row shows the one with the worst tier (then the highest score), so a vendor
    whose privacy statement reads low but whose DPA misses Art. 28 terms lists as the latter.
    ``current_count`` says how many questionnaires stand behind the row.
    """
    worst = worst_current_assessment(OuterRef("pk"))
    vendors = (
        vendors_visible_to(user)
        .select_related("business_owner")
        .annotate(
            latest_assessment_id=Subquery(worst.values("pk")[:1]),
            latest_status=Subquery(worst.values("status")[:1]),
            latest_tier=Subquery(worst.values("risk_tier")[:1]),
            latest_score=Subquery(worst.values("risk_score")[:1]),
            next_review_due=Subquery(
                Assessment.objects.filter(vendor=OuterRef("pk"), is_current=True, next_review_due__isnull=False)
                .order_by("next_review_due")
                .values("next_review_due")[:1]
            ),
            current_count=Subquery(
                Assessment.objects.filter(vendor=OuterRef("pk"), is_current=True)
                .order_by()
                .values("vendor")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
        )
        .order_by("name", "id")
    )
    if search:
        vendors = vendors.filter(
            Q(name__icontains=search) | Q(service__icontains=search) | Q(website__icontains=search)
        )
    # Filtered through one DISTINCT ON pass over the current assessments, not by evaluating the
    # row's subqueries for every vendor.
    if tier:
        vendors = vendors.filter(pk__in=worst_current_per_vendor(vendors_visible_to(user), risk_tier=tier))
    if status:
        vendors = vendors.filter(pk__in=worst_current_per_vendor(vendors_visible_to(user), status=status))
    if owner:
        vendors = vendors.filter(business_owner_id=owner)
    return vendors


def worst_current_assessment(vendor) -> QuerySet[Assessment]:
    """A vendor's current assessments, worst first: by tier (unscored last), then score, then the
    default questionnaire."""
    return (
        Assessment.objects.filter(vendor=vendor, is_current=True)
        .annotate(tier_rank=_tier_rank())
        .order_by("-tier_rank", "-risk_score", "-template__is_default", "pk")
    )


def worst_current_per_vendor(vendors: QuerySet[Vendor], **having) -> QuerySet[Assessment]:
    """Each of ``vendors``' worst current assessment (the one :func:`vendor_list` shows), in one
    pass over the current assessments (``DISTINCT ON``) rather than a subquery per vendor.

    With ``having`` (``risk_tier="high"``), the vendor ids whose worst assessment matches."""
    worst = (
        Assessment.objects.filter(is_current=True, vendor__in=vendors)
        .annotate(tier_rank=_tier_rank())
        .order_by("vendor_id", "-tier_rank", "-risk_score", "-template__is_default", "pk")
        .distinct("vendor_id")
    )
    chosen = Assessment.objects.filter(pk__in=worst.values("pk"))
    return chosen.filter(**having).values("vendor_id") if having else chosen


def _tier_rank() -> Case:
    # Tier's choices run from the least to the most severe.
    return Case(*(When(risk_tier=tier, then=Value(index)) for index, tier in enumerate(Tier, 1)), default=0)


def assessment_page(user) -> QuerySet[Assessment]:
    """Assessments the user may see, with what their page shows loaded up front."""
    return assessments_visible_to(user).select_related(
        "vendor", "vendor__business_owner", "statement__kind", "template", "created_by", "submitted_by", "compares_to"
    )


def assessment_workflow(assessment: Assessment, user) -> dict:
    """What the review panel shows and offers this user; a fixed handful of queries."""
    from assessments.forms import AcceptAboveForm
    from assessments.models import SignOff
    from assessments.services.review import review_progress
    from assessments.services.workflow import required_roles, roles_awaiting, signable_roles

    reviewed, total = review_progress(assessment)
    open_for_requester = assessment.status in {Assessment.Status.DRAFT, Assessment.Status.CHANGES_REQUESTED}
    return {
        "reviewed": reviewed,
        "total": total,
        "required_roles": required_roles(assessment),
        "awaiting": roles_awaiting(assessment),
        "signable_roles": signable_roles(assessment, user),
        "signoffs": assessment.signoffs.select_related("user").order_by("created_at"),
        "decisions": SignOff.Decision.choices,
        "is_submitter": user.pk == assessment.submitted_by_id,
        "can_submit": open_for_requester and total > 0 and has_role(user, Role.REQUESTER, Role.ADMIN),
        "can_reassess": assessment.is_locked
        and not Assessment.objects.filter(previous=assessment).exists()
        and has_role(user, Role.REQUESTER, Role.REVIEWER, Role.ADMIN),
        "can_accept_above": not assessment.is_locked and has_role(user, Role.REVIEWER, Role.ADMIN),
        "accept_form": AcceptAboveForm(),
    }


def assessment_events(assessment: Assessment, limit: int = 200) -> QuerySet:
    """The assessment's audit trail, newest first, with the vendor's own events before it existed."""
    from assessments.models import AuditEvent

    return (
        AuditEvent.objects.filter(Q(assessment=assessment) | Q(vendor=assessment.vendor_id, assessment__isnull=True))
        .select_related("actor")
        .order_by("-created_at", "-id")[:limit]
    )


def review_queue(user) -> QuerySet[Assessment]:
    """Assessments waiting for something from this user: a sign-off, or (for requesters) a submission."""
    from django.db.models import Exists

    from assessments.models import SignOff

    # Not the creator and questionnaire too: joined before the sort and limit, they cost more at
    # 10,000 vendors (bench/pages.py) than the two small queries assessments_progress then makes.
    visible = assessments_visible_to(user).select_related("vendor", "submitted_by")
    approvals = SignOff.objects.filter(
        assessment=OuterRef("pk"), review_round=OuterRef("review_round"), decision=SignOff.Decision.APPROVE
    )
    waits_for_me = Q(pk__in=[])
    needs = _signoff_roles_by_template()
    for role in roles_of(user) & {Role.REVIEWER, Role.APPROVER}:
        templates = [pk for pk, roles in needs.items() if role.value in roles]
        waits_for_me |= Q(template__in=templates) & ~Exists(approvals.filter(role=role))
    signing = (
        visible.filter(waits_for_me, status=Assessment.Status.IN_REVIEW)
        .exclude(submitted_by=user)
        .exclude(Exists(approvals.filter(user=user)))
    )
    if has_role(user, Role.REQUESTER):
        to_submit = visible.filter(
            created_by=user, status__in=[Assessment.Status.DRAFT, Assessment.Status.CHANGES_REQUESTED]
        )
        return (signing | to_submit).order_by("updated_at")
    return signing.order_by("updated_at")


def _signoff_roles_by_template() -> dict[int, list[str]]:
    """Each questionnaire's required sign-off roles (read in Python: a JSON containment lookup
    is PostgreSQL-only, and an empty list means the default Reviewer then Approver)."""
    from assessments.models import QuestionnaireTemplate

    default = [Role.REVIEWER.value, Role.APPROVER.value]
    rows = QuestionnaireTemplate.objects.values_list("pk", "required_signoff_roles")
    return {pk: roles or default for pk, roles in rows}


def dashboard(user, *, today) -> dict:
    """The home page's figures for this user; the same number of queries however many rows."""
    from assessments.models import AuditEvent
    from assessments.services.reminders import overdue_assessments

    visible = assessments_visible_to(user)
    # Counted per vendor, as the vendor list filters them: each vendor by its worst current assessment.
    worst = worst_current_per_vendor(vendors_visible_to(user))
    return {
        "queue": list(review_queue(user)[:20]),
        "by_status": _count_by(worst, "status"),
        "by_tier": _count_by(worst.exclude(risk_tier=""), "risk_tier"),
        "overdue": list(overdue_assessments(today).filter(pk__in=visible.values("pk")).select_related("vendor")[:20]),
        "activity": list(
            AuditEvent.objects.filter(vendor__in=vendors_visible_to(user))
            .select_related("actor", "vendor")
            .order_by("-created_at", "-id")[:15]
        ),
    }


def _count_by(assessments: QuerySet[Assessment], field: str) -> dict[str, int]:
    return dict(assessments.values_list(field).annotate(n=Count("pk")).order_by().values_list(field, "n"))


# --- what lists say about each assessment: reviewed N/M, who it waits on, why it is queued -------


def assessments_progress(assessments) -> dict[int, dict]:
    """Per assessment id, what a list row says about it; three queries however many rows.

    Rows loaded with their ``created_by`` and ``template`` (a queryset given here is) need no
    more; otherwise one query each reads the creators' names and the sign-off roles.

    ``reviewed`` of ``questions`` (the questionnaire's length, never a number written in a
    template), ``waits_on`` (who must act next, "" once decided), ``reason`` (why it sits in a
    queue: new, changes answered, reopened...), and the latest request-for-changes ``comment``
    with ``commented_by``.
    """
    from django.db.models import Count

    from assessments.models import Answer, Question, SignOff

    if isinstance(assessments, QuerySet):
        # Who created each and its questionnaire come with the rows, not in queries of their own.
        assessments = assessments.select_related("created_by", "template")
    rows = list(assessments)
    ids = [row.pk for row in rows]
    reviewed = dict(
        Answer.objects.filter(assessment__in=ids)
        .exclude(review=Answer.Review.PENDING)
        .values_list("assessment")
        .annotate(n=Count("pk"))
        .order_by()
    )
    lengths = dict(
        Question.objects.filter(template__in={row.template_id for row in rows})
        .values_list("template")
        .annotate(n=Count("pk"))
        .order_by()
    )
    signoffs: dict[int, list[SignOff]] = {}
    for signoff in SignOff.objects.filter(assessment__in=ids).select_related("user").order_by("created_at", "id"):
        signoffs.setdefault(signoff.assessment_id, []).append(signoff)
    users = _creators(rows)
    roles = _signoff_roles(rows)
    return {
        row.pk: _progress_of(
            row,
            reviewed=reviewed.get(row.pk, 0),
            questions=lengths.get(row.template_id, 0),
            signoffs=signoffs.get(row.pk, []),
            requester=users.get(row.created_by_id, "the requester"),
            required=roles.get(row.template_id) or [Role.REVIEWER.value, Role.APPROVER.value],
        )
        for row in rows
    }


def _creators(rows: list[Assessment]) -> dict[int, str]:
    """Usernames of the rows' creators: from the rows when loaded with them, else one query."""
    from django.contrib.auth import get_user_model

    loaded = {row.created_by_id: row.created_by.username for row in rows if Assessment.created_by.is_cached(row)}
    missing = {row.created_by_id for row in rows} - loaded.keys()
    if missing:
        loaded |= dict(get_user_model().objects.filter(pk__in=missing).values_list("pk", "username"))
    return loaded


def _signoff_roles(rows: list[Assessment]) -> dict[int, list[str]]:
    """Each row's questionnaire's required sign-off roles: from the rows when loaded, else one query."""
    from assessments.models import QuestionnaireTemplate

    loaded = {
        row.template_id: row.template.required_signoff_roles for row in rows if Assessment.template.is_cached(row)
    }
    missing = {row.template_id for row in rows} - loaded.keys()
    if missing:
        stored = QuestionnaireTemplate.objects.filter(pk__in=missing).values_list("pk", "required_signoff_roles")
        loaded |= dict(stored)
    return loaded


def _progress_of(
    row: Assessment, *, reviewed: int, questions: int, signoffs: list, requester: str, required: list[str]
) -> dict:
    from assessments.models import SignOff

    requests = [s for s in signoffs if s.decision == SignOff.Decision.REQUEST_CHANGES]
    latest = requests[-1] if requests else None
    return {
        "reviewed": reviewed,
        "questions": questions,
        "waits_on": _waits_on(row, signoffs, requester, required),
        "reason": _queue_reason(row, signoffs),
        "comment": latest.comment if latest else "",
        "commented_by": (latest.user.get_full_name() or latest.user.username) if latest else "",
    }


def _waits_on(row: Assessment, signoffs: list, requester: str, required: list[str]) -> str:
    from assessments.models import SignOff

    if row.status == Assessment.Status.DRAFT:
        return f"{requester} to submit"
    if row.status == Assessment.Status.CHANGES_REQUESTED:
        return f"{requester} to answer the changes"
    if row.status != Assessment.Status.IN_REVIEW:
        return ""
    approved = {
        s.role for s in signoffs if s.review_round == row.review_round and s.decision == SignOff.Decision.APPROVE
    }
    awaited = [role for role in required if role not in approved]
    return " then ".join(awaited[:2]) if awaited else "nobody"


def _queue_reason(row: Assessment, signoffs: list) -> str:
    """Why an assessment waits: first review, the requester answered changes, or a round reopened."""
    from assessments.models import SignOff

    if row.status == Assessment.Status.CHANGES_REQUESTED:
        return "changes requested"
    if row.status == Assessment.Status.DRAFT:
        return "reassessment to submit" if row.previous_id else "ready to submit"
    if row.status != Assessment.Status.IN_REVIEW:
        return ""
    earlier = [s for s in signoffs if s.review_round < row.review_round]
    if not earlier:
        return "new"
    if earlier[-1].decision == SignOff.Decision.REQUEST_CHANGES:
        return "changes answered"
    return "reopened"


def recent_activity(user, *, limit: int = 15) -> dict:
    """Decisions and changes, with downloads and exports kept apart so they do not bury them."""
    from assessments.models import AuditEvent

    events = AuditEvent.objects.filter(vendor__in=vendors_visible_to(user)).select_related("actor", "vendor")
    exports = events.filter(kind=AuditEvent.Kind.EXPORTED)
    return {
        "decisions": list(events.exclude(kind=AuditEvent.Kind.EXPORTED).order_by("-created_at", "-id")[:limit]),
        "exports": list(exports.order_by("-created_at", "-id")[:limit]),
        "export_count": exports.count(),
    }


def assessment_integrity(assessment: Assessment) -> dict:
    """Which review rounds were voided, and what changed since whom signed; one query."""
    supersessions = list(assessment.supersessions.select_related("actor"))
    latest = supersessions[-1] if supersessions else None
    return {
        "supersessions": supersessions,
        "superseded_rounds": {supersession.review_round for supersession in supersessions},
        # The approver's view: what the last voided round's signers had not seen.
        "reopened": latest if latest and latest.review_round == assessment.review_round - 1 else None,
    }


def assessment_review_state(assessment: Assessment, user) -> dict:
    """The review coverage and, for this user, why a sign-off is not offered or cannot approve yet."""
    from assessments.models import Answer
    from assessments.services.workflow import approval_blockers, held_signing_roles, sign_refusals, signable_roles

    # Every pending answer in one query: the count and the first twelve both come from it.
    pending = list(
        assessment.answers.filter(review=Answer.Review.PENDING)
        .select_related("question")
        .order_by("question__position")
    )
    signable = signable_roles(assessment, user)
    return {
        "pending_count": len(pending),
        "pending": pending[:12],
        # Coverage is shown separately, so only an ordering blocker is repeated here.
        "blockers": [b for role in signable for b in approval_blockers(assessment, role) if "approves after" in b],
        "refusals": sign_refusals(assessment, user) if held_signing_roles(assessment, user) else [],
    }


def templates_offered() -> list[QuestionnaireTemplate]:
    """The questionnaire each new assessment is started on: one version per template slug.

    The default template stands for its slug (help-desk privacy v1 until an admin moves the
    default); every other slug offers its highest version. Existing assessments keep their
    version until they are upgraded (``assessments.services.upgrades``).
    """
    templates = list(QuestionnaireTemplate.objects.order_by("slug", "-version"))
    default = next((template for template in templates if template.is_default), None)
    offered: dict[str, QuestionnaireTemplate] = {default.slug: default} if default else {}
    for template in templates:
        offered.setdefault(template.slug, template)
    return sorted(offered.values(), key=lambda template: (not template.is_default, template.slug))


def templates_fed_by(*, vendor_id: int, kind: str) -> list[QuestionnaireTemplate]:
    """The templates a new version of the vendor's document of ``kind`` fills: for each slug read
    from that kind, the version of the vendor's latest assessment on it, else the offered one.

    A template is read from the first kind it names (help-desk privacy from the privacy
    statement, Art. 28 from the DPA). The further kinds a version lists (v2 of help-desk
    privacy names the DPA and the sub-processor list too) supplement it without replacing
    the document it reads: otherwise a DPA would become the privacy assessment's statement
    and every privacy answer would be read from it.
    """
    latest = {
        assessment.template.slug: assessment.template
        for assessment in Assessment.objects.filter(vendor_id=vendor_id)
        .select_related("template")
        .order_by("created_at", "pk")
    }
    chosen = [latest.get(template.slug, template) for template in templates_offered()]
    return [template for template in chosen if (template.document_kinds or [None])[0] == kind]


def assessment_changes(assessment: Assessment) -> dict | None:
    """The answers a new document version changed since the signed (or last reviewed) one, and
    the approver's sentence: "3 answers changed since version 4, which Ravi signed."; None if none."""
    changed = list(
        assessment.answers.exclude(change="")
        .select_related("question", "changed_from__kind", "reviewed_by")
        .order_by("question__position")
    )
    if not changed:
        return None
    since = assessment.compares_to or min(
        (answer.changed_from for answer in changed if answer.changed_from_id), key=lambda s: s.version, default=None
    )
    since, signers = _last_signed(assessment, since)
    return {
        "answers": changed,
        "count": len(changed),
        "since": since,
        "signers": signers,
        "summary": _changes_sentence(len(changed), since, signers),
    }


def _last_signed(assessment: Assessment, since) -> tuple:
    """The newest version at or before ``since`` that an approval of this assessment (or of the one
    it follows) was given on, and who gave them; else ``since`` and nobody.

    A version that reopened the round but changed no answer (a reworded section) is skipped
    over: the answers are still what was signed on the version before it.
    """
    from assessments.models import SignOff
    from policies.models import Statement

    if since is None:
        return None, []
    rows = list(
        SignOff.objects.filter(
            assessment_id__in=[pk for pk in (assessment.pk, assessment.previous_id) if pk],
            decision=SignOff.Decision.APPROVE,
        )
        .exclude(statement_sha256="")
        .select_related("user")
        .order_by("created_at", "id")
    )
    signed = (
        Statement.objects.filter(
            vendor_id=assessment.vendor_id, kind_id=since.kind_id, version__lte=since.version,
            sha256__in={row.statement_sha256 for row in rows},
        )
        .select_related("kind")
        .order_by("-version")
        .first()
    )
    if signed is None:
        return since, []
    names = [
        row.user.get_full_name() or row.user.get_username() for row in rows if row.statement_sha256 == signed.sha256
    ]
    return signed, list(dict.fromkeys(names))


def _changes_sentence(count: int, since, signers: list[str]) -> str:
    answers = f"{count} answer{'s' if count != 1 else ''} changed"
    if since is None:
        return f"{answers} since they were reviewed."
    who = " and ".join([", ".join(signers[:-1]), signers[-1]] if len(signers) > 1 else signers)
    return f"{answers} since version {since.version}" + (f", which {who} signed." if who else ".")
