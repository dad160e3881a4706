from django.contrib import admin

from assessments.admin import ReadOnlyAdmin
from policies.models import DocumentKind, MonitoredDocument, Statement


@admin.register(DocumentKind)
class DocumentKindAdmin(admin.ModelAdmin):
    """Kinds are data: an admin adds one (a "Trust centre", an "ISO certificate") without a release.

    A kind is never deleted (its versions protect it) and its key never changes once versions
    point at it; what it is called and whether the document set expects it may change.
    """

    list_display = ["name", "key", "expected", "position"]
    list_editable = ["expected", "position"]
    ordering = ["position", "name"]

    def get_readonly_fields(self, request, obj=None):
        return ["key"] if obj is not None and obj.versions.exists() else []

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is None or not obj.versions.exists()


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["vendor", "kind", "version", "source", "status", "progress", "created_at"]
    list_filter = ["kind", "status", "source"]
    search_fields = ["vendor__name", "sha256", "source_url"]
    readonly_fields = ["sha256", "extracted_text", "original_file", "created_by", "created_at"]
    raw_id_fields = ["vendor"]


@admin.register(MonitoredDocument)
class MonitoredDocumentAdmin(ReadOnlyAdmin):
    """Every URL being watched, across vendors: what failed and when each is checked next.
    Pausing and the interval are set on the vendor page, where they are audited."""

    list_display = ["vendor", "kind", "url", "checked_at", "changed_at", "failures", "next_check_at"]
    list_filter = ["kind"]
    search_fields = ["vendor__name", "url", "last_error"]
    ordering = ["next_check_at"]
