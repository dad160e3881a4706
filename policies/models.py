"""A vendor's documents (privacy statement, DPA, sub-processor list, ...), their versions, and
the state of the job that reads each version.

The model that holds a version is called ``Statement`` for history: it held privacy statements
only until document kinds came (migration 0002 gave every existing row the privacy statement
kind). Each version belongs to one :class:`DocumentKind` and is numbered within its kind.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


def statement_upload_path(statement: "Statement", filename: str) -> str:
    # The stored name is ours, never the uploader's: it cannot traverse or collide.
    return f"statements/{statement.vendor_id}/{statement.sha256 or 'pending'}.bin"


class DocumentKind(models.Model):
    """A kind of vendor document; the kinds are data (migration 0002 ships four, admins add more).

    ``expected`` kinds are the ones a complete document set has: the vendor page lists those
    still missing. Which questionnaires a kind feeds is said by the templates
    (``QuestionnaireTemplate.document_kinds``), not here.
    """

    PRIVACY_STATEMENT = "privacy_statement"
    DPA = "dpa"
    SUBPROCESSOR_LIST = "subprocessor_list"
    SECURITY_PAGE = "security_page"

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=80)
    description = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=100)
    expected = models.BooleanField(default=True)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        """``privacy statement``, ``DPA``: the name as it reads inside a sentence."""
        name = self.name
        return name if name.isupper() or name[:2].isupper() else name[:1].lower() + name[1:]


class Statement(models.Model):
    """One version of a vendor document of one kind, and its auto-fill job."""

    class Source(models.TextChoices):
        UPLOAD = "upload", "Uploaded file"
        PASTE = "paste", "Pasted text"
        URL = "url", "Fetched from a URL"

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        READING = "reading", "Reading the statement"
        DETECTING = "detecting", "Finding the answers"
        SCORING = "scoring", "Scoring"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    ACTIVE_STATUSES = (Status.QUEUED, Status.READING, Status.DETECTING, Status.SCORING)

    vendor = models.ForeignKey("assessments.Vendor", on_delete=models.CASCADE, related_name="statements")
    kind = models.ForeignKey(
        DocumentKind,
        on_delete=models.PROTECT,
        to_field="key",
        related_name="versions",
        default=DocumentKind.PRIVACY_STATEMENT,
    )
    version = models.PositiveIntegerField()  # counted per vendor and kind
    source = models.CharField(max_length=10, choices=Source.choices)
    source_url = models.URLField(max_length=2000, blank=True)
    original_file = models.FileField(upload_to=statement_upload_path, blank=True)
    original_filename = models.CharField(max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size_bytes = models.PositiveBigIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    format = models.CharField(max_length=10, blank=True)
    extracted_text = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(blank=True)
    attempts = models.PositiveIntegerField(default=0)
    status_changed_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vendor", "kind", "-version"]
        verbose_name = "document version"
        constraints = [
            models.UniqueConstraint(fields=["vendor", "kind", "version"], name="statement_kind_version_unique"),
            models.UniqueConstraint(
                fields=["vendor", "sha256"], condition=~Q(sha256=""), name="statement_content_unique"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="statement_progress_0_100"),
        ]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self) -> str:
        return f"{self.vendor} {self.kind_label} v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("statement_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def kind_label(self) -> str:
        """``privacy statement``, ``DPA``: the kind's name as it reads inside a sentence."""
        return self.kind.label

    @property
    def display_name(self) -> str:
        return self.original_filename or self.source_url or f"Pasted text, v{self.version}"


class SubProcessor(models.Model):
    """One sub-processor a version of a sub-processor list names, as the reader found it.

    Written in the job's finish transaction (``policies.processing``), so a list version is
    done only with its rows; ``evidence_*`` index ``statement.extracted_text``.
    """

    class Content(models.TextChoices):
        YES = "yes", "Yes"
        NO = "no", "No"
        NOT_STATED = "not_stated", "Not stated"

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="subprocessors")
    position = models.PositiveIntegerField()
    name = models.CharField(max_length=300)
    purpose = models.CharField(max_length=500, blank=True)
    countries = models.JSONField(default=list, blank=True)  # ISO 3166-1 alpha-2, in order of mention
    regions = models.JSONField(default=list, blank=True)  # "EU", "APAC", "Global": never expanded
    location = models.CharField(max_length=300, blank=True)  # the location words as written
    customer_content = models.CharField(max_length=12, choices=Content.choices, default=Content.NOT_STATED)
    evidence_start = models.IntegerField()
    evidence_end = models.IntegerField()
    evidence_text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["statement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["statement", "position"], name="subprocessor_position_unique"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def places(self) -> list[str]:
        return [*self.countries, *self.regions]


class VendorMonitoring(models.Model):
    """How often a vendor's documents obtained from a URL are fetched again, and whether that is paused.

    A vendor without a row is monitored at the default interval (DOCUMENT_MONITOR_DEFAULT_DAYS);
    the row is made the first time someone changes either setting.
    """

    vendor = models.OneToOneField(
        "assessments.Vendor", on_delete=models.CASCADE, primary_key=True, related_name="monitoring"
    )
    every_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Days between checks; empty for the default."
    )
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(every_days__isnull=True) | Q(every_days__gte=1, every_days__lte=365),
                name="vendor_monitoring_every_1_365_days",
            ),
        ]

    def __str__(self) -> str:
        return f"Monitoring of {self.vendor}"


class MonitoredDocument(models.Model):
    """A vendor's document of one kind whose newest version came from a URL, fetched again on a schedule.

    One row per (vendor, kind), made when a URL version is added and removed when a version from
    elsewhere (a file, pasted text) replaces it. ``next_check_at`` is when the beat's sweep picks
    it up; the sweep claims a row (``claimed_at``) and pushes ``next_check_at`` past a lease so
    no second sweep fetches it meanwhile. ``failures`` counts failed fetches in a row and sets
    the backoff; a successful fetch clears it.
    """

    vendor = models.ForeignKey("assessments.Vendor", on_delete=models.CASCADE, related_name="monitored_documents")
    kind = models.ForeignKey(DocumentKind, on_delete=models.PROTECT, to_field="key", related_name="+")
    url = models.URLField(max_length=2000)
    last_sha256 = models.CharField(max_length=64, blank=True)  # what the URL served at the last fetch
    checked_at = models.DateTimeField(null=True, blank=True)  # the last successful fetch
    changed_at = models.DateTimeField(null=True, blank=True)  # the last fetch that made a new version
    next_check_at = models.DateTimeField()
    claimed_at = models.DateTimeField(null=True, blank=True)
    failures = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    failed_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["vendor", "kind__position"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "kind"], name="monitored_document_per_kind"),
        ]
        indexes = [models.Index(fields=["next_check_at"], name="monitored_document_due")]

    def __str__(self) -> str:
        return f"{self.vendor} {self.kind_id} at {self.url}"
