"""Privacy statement versions and the state of the job that reads them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse


def statement_upload_path(statement: "Statement", filename: str) -> str:
    # The stored name is ours, never the uploader's: it cannot traverse or collide.
    return f"statements/{statement.vendor_id}/{statement.sha256 or 'pending'}.bin"


class Statement(models.Model):
    """One version of a vendor's privacy statement, and its auto-fill job."""

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
    version = models.PositiveIntegerField()
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
        ordering = ["vendor", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "version"], name="statement_version_unique"),
            models.UniqueConstraint(
                fields=["vendor", "sha256"], condition=~Q(sha256=""), name="statement_content_unique"
            ),
            models.CheckConstraint(condition=Q(progress__lte=100), name="statement_progress_0_100"),
        ]
        indexes = [models.Index(fields=["status", "status_changed_at"])]

    def __str__(self) -> str:
        return f"{self.vendor} statement v{self.version}"

    def get_absolute_url(self) -> str:
        return reverse("statement_detail", args=[self.pk])

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def display_name(self) -> str:
        return self.original_filename or self.source_url or f"Pasted text, v{self.version}"
