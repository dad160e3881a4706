"""Vendors, the questionnaire as data, assessments, answers, sign-offs and the audit trail."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Criticality(models.TextChoices):
    LOW = "low", "Low: a convenience, easily replaced"
    MEDIUM = "medium", "Medium: a team depends on it"
    HIGH = "high", "High: customers notice an outage"
    CRITICAL = "critical", "Critical: the business stops without it"


class Tier(models.TextChoices):
    LOW = "low", "Low"
    MEDIUM = "medium", "Medium"
    HIGH = "high", "High"
    CRITICAL = "critical", "Critical"


class Vendor(TimeStamped):
    """A help-desk vendor under assessment, with the inherent-risk intake from onboarding."""

    name = models.CharField(max_length=200)
    website = models.URLField(blank=True)
    service = models.CharField(max_length=200, blank=True, help_text="The product or service being bought.")
    description = models.TextField(blank=True)
    business_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="owned_vendors",
        help_text="Who in the business is accountable for this vendor.",
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="created_vendors")
    # The inherent-risk intake: what the help desk will touch.
    handles_customer_data = models.BooleanField("Customer personal data in tickets", default=False)
    handles_employee_data = models.BooleanField("Employee data", default=False)
    has_device_access = models.BooleanField("Credentials or remote access to devices", default=False)
    handles_payment_data = models.BooleanField("Payment data", default=False)
    criticality = models.CharField(max_length=10, choices=Criticality.choices, default=Criticality.MEDIUM)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="vendor_name_unique_ci"),
        ]
        indexes = [models.Index(fields=["name", "id"], name="vendor_name_order")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("vendor_detail", args=[self.pk])


class QuestionnaireTemplate(TimeStamped):
    slug = models.SlugField(max_length=60)
    version = models.PositiveIntegerField()
    title = models.CharField(max_length=200)
    is_default = models.BooleanField(default=False)
    # The engine's detector set that fills this template (policies.extraction.detectorsets) and
    # the kinds of vendor document it is filled from; both come from the template's JSON file.
    detector_set = models.CharField(max_length=60, default="helpdesk-privacy-v1")
    document_kinds = models.JSONField(default=list)
    # Roles whose sign-off an assessment needs before it is approved, in order.
    required_signoff_roles = models.JSONField(default=list)

    class Meta:
        ordering = ["slug", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "version"], name="template_slug_version_unique"),
            models.UniqueConstraint(fields=["is_default"], condition=Q(is_default=True), name="one_default_template"),
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version}"


class Section(models.Model):
    template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.CASCADE, related_name="sections")
    key = models.SlugField(max_length=40)
    title = models.CharField(max_length=200)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="section_key_unique"),
        ]

    def __str__(self) -> str:
        return self.title


class AnswerType(models.TextChoices):
    YES_NO = "yes_no", "Yes / no"
    LEVEL = "level", "Level"
    CHOICE = "choice", "Choice"
    DATE = "date", "Date"
    EMAIL = "email", "E-mail"
    NUMBER = "number", "Number"
    COUNTRY = "country", "Country (ISO 3166 code)"


class Question(models.Model):
    template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.CASCADE, related_name="questions")
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="questions")
    key = models.CharField(max_length=60)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=300, blank=True)
    answer_type = models.CharField(max_length=10, choices=AnswerType.choices)
    choices = models.JSONField(default=list, blank=True)
    # [{"value": "yes", "weight": 3, "reason": "..."}]; see assessments.scoring.
    risk_rules = models.JSONField(default=list, blank=True)
    position = models.PositiveIntegerField()

    class Meta:
        ordering = ["template", "position"]
        constraints = [
            models.UniqueConstraint(fields=["template", "key"], name="question_key_unique"),
        ]

    def __str__(self) -> str:
        return self.key

    @property
    def allowed_values(self) -> list[str]:
        fixed = {
            AnswerType.YES_NO: ["yes", "no"],
            AnswerType.LEVEL: ["specific", "vague"],
            AnswerType.CHOICE: list(self.choices),
        }
        return [*fixed.get(self.answer_type, []), "not_stated"]


class Assessment(TimeStamped):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        CHANGES_REQUESTED = "changes_requested", "Changes requested"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="assessments")
    template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.PROTECT)
    statement = models.ForeignKey(
        "policies.Statement", on_delete=models.PROTECT, related_name="assessments", null=True, blank=True
    )
    previous = models.OneToOneField(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="next_assessment"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="created_assessments"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="submitted_assessments",
        null=True,
        blank=True,
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    # Each submission opens a review round; sign-offs count only within their round.
    review_round = models.PositiveIntegerField(default=0)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The score is a snapshot written by assessments.scoring whenever answers change, so
    # lists can sort and filter on it; the breakdown explains it line by line.
    residual_score = models.PositiveIntegerField(default=0)
    risk_score = models.PositiveIntegerField(default=0)
    risk_tier = models.CharField(max_length=10, choices=Tier.choices, blank=True)
    score_breakdown = models.JSONField(default=dict, blank=True)
    # False when the statement read has almost no privacy topics (see assessments.review_policy):
    # such an assessment gets no score or tier and cannot be submitted until a statement replaces it.
    looks_like_statement = models.BooleanField(default=True)
    statement_figures = models.JSONField(default=dict, blank=True)  # {"stated", "total", "chars"}
    next_review_due = models.DateField(null=True, blank=True)
    # A change review: the signed document version this assessment's answers are compared
    # against (see assessments.services.changes); None for a first or a plain reassessment.
    compares_to = models.ForeignKey(
        "policies.Statement", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    overdue_notified_at = models.DateTimeField(null=True, blank=True)
    # The newest assessment of its vendor on its questionnaire: the one lists and the
    # dashboard show. Kept by a database trigger on insert (migration 0007), so every way of
    # creating an assessment keeps it right; read-only here (a fresh instance reads False
    # until refreshed).
    is_current = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status"]),
            models.Index(fields=["next_review_due"]),
            models.Index(fields=["vendor", "-created_at"], name="assessment_vendor_created"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "template"], condition=Q(is_current=True), name="one_current_assessment"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.vendor} assessment #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("assessment_detail", args=[self.pk])

    @property
    def is_locked(self) -> bool:
        return self.status in {self.Status.APPROVED, self.Status.REJECTED}


class Answer(TimeStamped):
    class Source(models.TextChoices):
        AUTO = "auto", "Automatic"
        MANUAL = "manual", "Manual"

    class Review(models.TextChoices):
        PENDING = "pending", "Not reviewed"
        ACCEPTED = "accepted", "Accepted"
        OVERRIDDEN = "overridden", "Overridden"

    class Change(models.TextChoices):
        NONE = "", "Unchanged"
        VALUE = "value", "Value changed"
        EVIDENCE = "evidence", "Evidence changed"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    value = models.CharField(max_length=254, default="not_stated")
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.AUTO)
    confidence = models.FloatField(default=0.0)
    evidence = models.JSONField(default=list, blank=True)  # [{"start", "end", "text"}]
    # The extractor's latest reading, kept beside a reviewer's override for comparison.
    auto_value = models.CharField(max_length=254, blank=True)
    auto_confidence = models.FloatField(default=0.0)
    auto_evidence = models.JSONField(default=list, blank=True)
    review = models.CharField(max_length=12, choices=Review.choices, default=Review.PENDING)
    reviewer_comment = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # Set when a new document version changed this answer against the signed (or last
    # reviewed) one: what it was, and the version it was read from. The new value and
    # quotes are ``value`` and ``evidence``. Kept through review, so the approver sees it.
    change = models.CharField(max_length=10, choices=Change.choices, blank=True, default=Change.NONE)
    previous_value = models.CharField(max_length=254, blank=True)
    previous_evidence = models.JSONField(default=list, blank=True)
    changed_from = models.ForeignKey(
        "policies.Statement", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["question__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_per_question"),
            models.CheckConstraint(condition=Q(confidence__gte=0) & Q(confidence__lte=1), name="answer_confidence_0_1"),
        ]

    def __str__(self) -> str:
        return f"{self.question.key}={self.value}"


class SignOff(models.Model):
    """One person's decision on an assessment. Never changed or deleted once written."""

    class Decision(models.TextChoices):
        APPROVE = "approve", "Approve"
        REQUEST_CHANGES = "request_changes", "Request changes"
        REJECT = "reject", "Reject"

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="signoffs")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="signoffs")
    role = models.CharField(max_length=20)
    decision = models.CharField(max_length=20, choices=Decision.choices)
    comment = models.TextField(blank=True)
    statement_sha256 = models.CharField(max_length=64, blank=True)
    # What was signed: the answer set as it stood (see assessments.services.integrity) and
    # its sha256, so a later change of any answer or of the statement is detectable.
    answers_digest = models.CharField(max_length=64, blank=True)
    answers_snapshot = models.JSONField(default=dict, blank=True)
    # Sign-offs belong to one review round; a request for changes opens the next one.
    review_round = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "review_round", "role"],
                condition=Q(decision="approve"),
                name="one_approval_per_role_per_round",
            ),
            models.UniqueConstraint(
                fields=["assessment", "review_round", "user"],
                condition=Q(decision="approve"),
                name="one_approval_per_user_per_round",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.decision} as {self.role}"


class RoundSupersession(models.Model):
    """A review round voided because what was signed changed; its sign-offs are superseded.

    Append-only like the sign-offs themselves: the sign-off rows are never touched, this row
    says that the round they belong to no longer counts, why, and what changed since whom signed.
    """

    class Reason(models.TextChoices):
        ANSWER_CHANGED = "answer_changed", "An answer changed"
        STATEMENT_CHANGED = "statement_changed", "A new statement was read"
        TEMPLATE_UPGRADED = "template_upgraded", "The questionnaire was upgraded"

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="supersessions")
    review_round = models.PositiveIntegerField()
    reason = models.CharField(max_length=20, choices=Reason.choices)
    # [{"signoff": id, "user": "Ravi", "role": "Reviewer", "changes": [{"key", "field", "before", "after"}]}]
    changes = models.JSONField(default=list, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "review_round"], name="one_supersession_per_round"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} round {self.review_round} superseded: {self.get_reason_display()}"


class TemplateUpgrade(models.Model):
    """An assessment moved to a newer version of its questionnaire (assessments.services.upgrades).

    Append-only. ``assessment`` is the one on the new version: the same open assessment
    upgraded in place, or, for a decided one (never changed), the new assessment started
    from it (``from_assessment``). Answers to questions the new version dropped or changed
    are kept in ``archived`` as they stood, so the record still shows them.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="upgrades")
    from_assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, null=True, blank=True, related_name="upgraded_into"
    )
    from_template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.PROTECT, related_name="+")
    to_template = models.ForeignKey(QuestionnaireTemplate, on_delete=models.PROTECT, related_name="+")
    kept = models.JSONField(default=list)  # question keys whose answers carried over
    added = models.JSONField(default=list)  # question keys filled from the vendor's documents
    # [{"key", "text", "value", "source", "review", "evidence", "reviewer_comment", "reviewed_by", ...}]
    archived = models.JSONField(default=list)
    # The document the new questions were read from, if any.
    document = models.ForeignKey(
        "policies.Statement", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "to_template"], name="one_upgrade_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} upgraded from {self.from_template} to {self.to_template}"

    @property
    def summary(self) -> str:
        """``5 new questions, 0 archived``."""
        added, archived = len(self.added), len(self.archived)
        return f"{added} new question{'s' if added != 1 else ''}, {archived} archived"


class ReviewComment(models.Model):
    """One message of the request-changes thread: a reviewer's request, a requester's reply."""

    class Kind(models.TextChoices):
        REQUEST_CHANGES = "request_changes", "Changes requested"
        REJECTION = "rejection", "Rejected"
        REPLY = "reply", "Reply"

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPLY)
    body = models.TextField()
    review_round = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.author} ({self.get_kind_display()}): {self.body[:60]}"


class AuditEvent(models.Model):
    """An append-only record of something that happened to a vendor or assessment."""

    class Kind(models.TextChoices):
        VENDOR_CREATED = "vendor_created", "Vendor registered"
        VENDOR_UPDATED = "vendor_updated", "Vendor updated"
        STATEMENT_ADDED = "statement_added", "Statement added"
        JOB_DONE = "job_done", "Auto-fill finished"
        JOB_FAILED = "job_failed", "Auto-fill failed"
        ANSWER_CHANGED = "answer_changed", "Answer changed"
        ANSWER_REVIEWED = "answer_reviewed", "Answer reviewed"
        ROUND_REOPENED = "round_reopened", "Review round reopened"
        COMMENTED = "commented", "Comment"
        STATEMENT_RETRIED = "statement_retried", "Statement retried"
        TRANSITION = "transition", "Status changed"
        SIGNOFF = "signoff", "Signed off"
        EXPORTED = "exported", "Exported"
        FINDINGS_UPDATED = "findings_updated", "Findings updated"
        FINDING_REVIEWED = "finding_reviewed", "Finding reviewed"
        MONITORING = "monitoring", "Document monitoring"
        UPGRADED = "upgraded", "Questionnaire upgraded"

    # No vendor for an event about the whole portfolio (the CSV export).
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="events", null=True, blank=True)
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="events", null=True, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    message = models.CharField(max_length=500)
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.message


class Finding(TimeStamped):
    """A contradiction between a vendor's documents, or a change of its sub-processor list.

    Computed by ``assessments.services.findings`` from the vendor's document set whenever a
    version is read; a reviewer accepts it as a known risk or dismisses it with a reason.
    ``rule`` names the rule in ``assessments.contradictions``; ``subject`` tells two findings
    of one rule apart (the sub-processor, the change). ``quotes`` are
    ``[{"role", "label", "statement", "start", "end", "text"}]``, offsets into that version's text.
    """

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ACCEPTED = "accepted", "Accepted as a known risk"
        DISMISSED = "dismissed", "Dismissed: not a contradiction"
        RESOLVED = "resolved", "No longer found"

    vendor = models.ForeignKey(Vendor, on_delete=models.CASCADE, related_name="findings")
    # The vendor's privacy assessment the finding belongs to; none while that one is decided.
    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="findings", null=True, blank=True
    )
    rule = models.CharField(max_length=60)
    subject = models.CharField(max_length=300, blank=True)
    title = models.CharField(max_length=300)
    explanation = models.TextField()  # why this is a finding, the rule's words
    detail = models.TextField(blank=True)  # what this case is, in one or two sentences
    points = models.PositiveSmallIntegerField(default=0)
    quotes = models.JSONField(default=list, blank=True)
    deadline = models.DateField(null=True, blank=True)  # the last day to object to a list change
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    comment = models.TextField(blank=True)  # the reviewer's comment (accepted) or reason (dismissed)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-points", "rule", "subject"]
        constraints = [
            models.UniqueConstraint(
                fields=["vendor", "assessment", "rule", "subject"],
                name="one_finding_per_rule_subject",
                nulls_distinct=False,
            ),
        ]
        indexes = [models.Index(fields=["status", "deadline"])]

    def __str__(self) -> str:
        return self.title

    @property
    def key(self) -> str:
        """The finding's name in the signed snapshot: rule and subject."""
        return f"{self.rule}:{self.subject}" if self.subject else self.rule

    @property
    def counts(self) -> bool:
        """Whether it adds its points to the score: a dismissed or vanished one does not."""
        return self.status in {self.Status.OPEN, self.Status.ACCEPTED}


class ApiToken(models.Model):
    """A personal API token: acts as its user with the user's roles. Only a hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100, help_text="What the token is for, e.g. “procurement sync”.")
    # The first characters of the token, shown so a user can tell their tokens apart.
    prefix = models.CharField(max_length=12)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class WebhookEvent(models.TextChoices):
    DOCUMENT_READ = "document.read", "A document was read"
    ASSESSMENT_SUBMITTED = "assessment.submitted", "An assessment was submitted"
    ASSESSMENT_APPROVED = "assessment.approved", "An assessment was approved"
    ASSESSMENT_REJECTED = "assessment.rejected", "An assessment was rejected"


class WebhookEndpoint(models.Model):
    """A receiver an admin configured: it gets the chosen events as signed JSON POSTs."""

    name = models.CharField(max_length=100)
    url = models.URLField(max_length=500, help_text="Receives a POST per event; only public addresses.")
    secret = models.CharField(
        max_length=128, help_text="Shared secret for the X-Vendorrisk-Signature HMAC-SHA256 header."
    )
    events = models.JSONField(default=list, help_text="Which events to send; see the README.")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class WebhookDelivery(models.Model):
    """One event for one endpoint, and how delivering it went."""

    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    endpoint = models.ForeignKey(WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    response_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return f"{self.event} → {self.endpoint}"
