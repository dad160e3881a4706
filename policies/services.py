"""Adding document versions (privacy statement, DPA, sub-processor list, ...) to a vendor.

Every kind goes through the same ingest: file, paste or URL, the same size caps, the same
request-forgery guard for URLs and the same background job. Versions are numbered per kind.

Adding is cheap and synchronous: the checks that need no parsing (empty, too large,
unsupported type, the same content again) answer on the form. Reading and auto-filling
happen in the worker, enqueued only once the statement is committed.
"""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import PurePath

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.text import get_valid_filename

from assessments.models import AuditEvent, Vendor
from assessments.permissions import Action, require
from assessments.selectors import vendors_visible_to
from assessments.services.audit import audit_record
from policies.extraction.errors import ExtractionError
from policies.extraction.readers import decide_format, format_for_extension, supported_extensions
from policies.fetch import Fetched
from policies.models import DocumentKind, Statement
from policies.monitoring import monitored_document_follow

KindArg = DocumentKind | str


def statement_add_upload(
    *, vendor: Vendor, actor: AbstractBaseUser, upload: UploadedFile, kind: KindArg = DocumentKind.PRIVACY_STATEMENT
) -> Statement:
    """Store an uploaded file as the next version of the vendor's document of ``kind`` and queue its reading."""
    kind = document_kind_get(kind)
    limit = settings.STATEMENT_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(f"The file is {_megabytes(upload.size)}; the limit is {_megabytes(limit)}.")
    name = get_valid_filename(PurePath(upload.name or "statement").name)[:200] or "statement"
    extension = PurePath(name).suffix.lower()
    claimed = format_for_extension(extension) if extension else None
    if claimed is None:
        allowed = ", ".join(supported_extensions())
        raise ValidationError(f"“{extension or name}” files are not supported. Use one of {allowed}.")
    content = _read_capped(upload, limit)
    _require_content_matches(content, claimed=claimed, extension=extension)
    return _statement_store(
        vendor=vendor,
        actor=actor,
        source=Statement.Source.UPLOAD,
        content=content,
        filename=name,
        content_type=upload.content_type or "",
        kind=kind,
    )


def statement_add_text(
    *, vendor: Vendor, actor: AbstractBaseUser, text: str, kind: KindArg = DocumentKind.PRIVACY_STATEMENT
) -> Statement:
    """Store pasted text as the next version of the vendor's document of ``kind`` and queue its reading."""
    kind = document_kind_get(kind)
    content = text.replace("\r\n", "\n").encode("utf-8")
    if len(content) > settings.STATEMENT_MAX_UPLOAD_BYTES:
        raise ValidationError(
            f"The text is {_megabytes(len(content))}; the limit is {_megabytes(settings.STATEMENT_MAX_UPLOAD_BYTES)}."
        )
    return _statement_store(
        vendor=vendor,
        actor=actor,
        source=Statement.Source.PASTE,
        content=content,
        filename="pasted.txt",
        content_type="text/plain",
        kind=kind,
    )


def statement_add_url(
    *, vendor: Vendor, actor: AbstractBaseUser, url: str, kind: KindArg = DocumentKind.PRIVACY_STATEMENT
) -> Statement:
    """Record a URL to fetch for the vendor's document of ``kind``; the worker fetches it behind the
    request-forgery guard."""
    kind = document_kind_get(kind)
    _require_may_add(actor, vendor)
    with transaction.atomic():
        statement = Statement.objects.create(
            vendor=vendor,
            kind=kind,
            version=_next_version(vendor, kind),
            source=Statement.Source.URL,
            source_url=url,
            created_by=actor,
        )
        _statement_added(statement, actor)
    return statement


def statement_add_fetched(
    *, vendor: Vendor, kind: DocumentKind, url: str, fetched: Fetched, created_by: AbstractBaseUser
) -> Statement:
    """Store what monitoring fetched again from ``url`` as the next version of ``kind`` and queue its
    reading, as any added version is; the job reads these bytes without fetching again.

    No one asked for it, so no one's permission is checked and the audit event has no actor;
    ``created_by`` is who added the URL in the first place.
    """
    return _statement_store(
        vendor=vendor,
        actor=None,
        created_by=created_by,
        source=Statement.Source.URL,
        source_url=url,
        content=fetched.content,
        filename=f"statement{fetched.extension}",
        content_type=fetched.content_type,
        kind=kind,
    )


def document_kind_get(kind: KindArg) -> DocumentKind:
    """The kind itself, or the kind with that key; a clear ``ValidationError`` for an unknown key."""
    if isinstance(kind, DocumentKind):
        return kind
    found = DocumentKind.objects.filter(key=kind).first()
    if found is None:
        known = ", ".join(DocumentKind.objects.values_list("key", flat=True))
        raise ValidationError(f"“{kind}” is not a kind of document. Use one of: {known}.")
    return found


def _statement_store(
    *,
    vendor: Vendor,
    actor: AbstractBaseUser | None,
    source: str,
    content: bytes,
    filename: str,
    content_type: str,
    kind: DocumentKind,
    source_url: str = "",
    created_by: AbstractBaseUser | None = None,
) -> Statement:
    if actor is not None:  # None: monitoring, acting for whoever added the URL
        _require_may_add(actor, vendor)
    if not content.strip():
        raise ValidationError(f"The {kind.label} is empty.")
    sha256 = hashlib.sha256(content).hexdigest()
    try:
        with statement_file_removed_on_error() as written, transaction.atomic():
            _refuse_duplicate(vendor, sha256)
            statement = Statement(
                vendor=vendor,
                kind=kind,
                version=_next_version(vendor, kind),
                source=source,
                source_url=source_url,
                original_filename=filename if source == Statement.Source.UPLOAD else "",
                content_type=content_type[:100],
                size_bytes=len(content),
                sha256=sha256,
                created_by=created_by or actor,
            )
            statement.original_file.save(filename, ContentFile(content), save=False)
            written.append(statement.original_file.name)
            statement.save()
            _statement_added(statement, actor)
    except IntegrityError:
        # A concurrent upload of the same content won the race for the unique constraint.
        raise ValidationError(_duplicate_message(vendor, sha256)) from None
    return statement


@contextmanager
def statement_file_removed_on_error() -> Iterator[list[str]]:
    """Collect the names of files written inside a transaction; remove them if it rolls back.

    Enter it before ``transaction.atomic()``, so a failure at commit removes the files too. Storage has
    no transaction: without this a refused or failed save would leave an orphan on disk.
    """
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def statement_file_delete(*, statement: Statement) -> None:
    """Remove a deleted statement's stored file once the deletion commits (a rollback keeps both)."""
    name = statement.original_file.name
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _statement_added(statement: Statement, actor: AbstractBaseUser | None) -> None:
    if actor is None:
        message = f"Monitoring found a changed {statement.kind_label} at {statement.source_url[:200]}: "
        message += f"added v{statement.version}."
    else:
        message = f"Added statement v{statement.version} ({statement.get_source_display().lower()})."
    audit_record(
        vendor=statement.vendor,
        kind=AuditEvent.Kind.STATEMENT_ADDED,
        actor=actor,
        message=message,
        data={"statement": statement.pk, "sha256": statement.sha256},
    )
    monitored_document_follow(statement=statement)
    statement_enqueue(statement=statement)


def statement_enqueue(*, statement: Statement) -> None:
    """Queue the auto-fill job once the current transaction commits."""
    from policies.tasks import process_statement

    statement_id = statement.pk
    # robust: with the broker down the statement is saved and stays queued (the periodic
    # requeue sends it once the broker is back) instead of failing the user's request.
    transaction.on_commit(lambda: process_statement.delay(statement_id), robust=True)


def statement_retry(*, statement: Statement, actor: AbstractBaseUser) -> Statement:
    """Put a failed statement back in the queue; the retry is on the audit trail."""
    _require_may_add(actor, statement.vendor, action=Action.RETRY_STATEMENT)
    if statement.status != Statement.Status.FAILED:
        raise ValidationError("Only a failed statement can be retried.")
    with transaction.atomic():
        Statement.objects.filter(pk=statement.pk).update(
            status=Statement.Status.QUEUED, progress=0, error="", status_changed_at=timezone.now()
        )
        audit_record(
            vendor=statement.vendor,
            kind=AuditEvent.Kind.STATEMENT_RETRIED,
            actor=actor,
            message=f"Retried statement v{statement.version} after: {statement.error}"[:500],
            data={"statement": statement.pk, "attempts": statement.attempts},
        )
        statement.refresh_from_db()
        statement_enqueue(statement=statement)
    return statement


def statement_remove(*, statement: Statement, actor: AbstractBaseUser) -> None:
    """Delete a failed statement version and its stored file, with an audit event saying so.

    Only a failed version that no assessment read can go: anything an assessment points at is
    part of the record. The file is deleted once the row's deletion has committed.
    """
    from policies.selectors import statement_can_remove

    if statement.status != Statement.Status.FAILED:
        raise ValidationError("Only a statement version that could not be read can be removed.")
    if not statement_can_remove(actor, statement):
        raise PermissionDenied("Only the person who added this statement version, or an admin, can remove it.")
    if statement.assessments.exists():
        raise ValidationError("An assessment read this statement version, so it stays on the record.")
    with transaction.atomic():
        audit_record(
            vendor=statement.vendor,
            kind=AuditEvent.Kind.VENDOR_UPDATED,
            actor=actor,
            message=f"Removed {statement.kind_label} v{statement.version} ({statement.display_name[:300]}), "
            "which could not be read.",
            data={
                "statement_removed": statement.pk,
                "version": statement.version,
                "sha256": statement.sha256,
                "error": statement.error,
            },
        )
        stored = statement.original_file.name
        statement.delete()
        if stored:
            storage = statement.original_file.storage
            transaction.on_commit(lambda: storage.delete(stored))


def _require_content_matches(content: bytes, *, claimed: str, extension: str) -> None:
    """Check the type by content, not only by name: a renamed executable is refused on the form."""
    if not content:
        return  # emptiness has its own message
    try:
        decide_format(content, claimed=claimed, extension=extension)
    except ExtractionError as error:
        raise ValidationError(str(error)) from None


def _require_may_add(actor: AbstractBaseUser, vendor: Vendor, action: Action = Action.ADD_STATEMENT) -> None:
    require(actor, action)
    if not vendors_visible_to(actor).filter(pk=vendor.pk).exists():
        raise PermissionDenied("You cannot add statements to this vendor.")


def _refuse_duplicate(vendor: Vendor, sha256: str) -> None:
    if Statement.objects.filter(vendor=vendor, sha256=sha256).exists():
        raise ValidationError(_duplicate_message(vendor, sha256))


def _duplicate_message(vendor: Vendor, sha256: str) -> str:
    existing = Statement.objects.filter(vendor=vendor, sha256=sha256).select_related("kind").first()
    where = f" as version {existing.version} of its {existing.kind_label}" if existing else ""
    return f"This exact document is already stored for {vendor.name}{where}."


def _next_version(vendor: Vendor, kind: DocumentKind) -> int:
    # Lock the vendor row so two uploads at once cannot take the same version number.
    Vendor.objects.select_for_update().filter(pk=vendor.pk).first()
    versions = Statement.objects.filter(vendor=vendor, kind=kind)
    highest = versions.aggregate(highest=Max("version"))["highest"]
    return (highest or 0) + 1


def _read_capped(upload: UploadedFile, limit: int) -> bytes:
    """Read the upload in chunks, stopping as soon as it passes the limit."""
    chunks, total = [], 0
    for chunk in upload.chunks():
        total += len(chunk)
        if total > limit:
            raise ValidationError(f"The file is larger than the limit of {_megabytes(limit)}.")
        chunks.append(chunk)
    return b"".join(chunks)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"
