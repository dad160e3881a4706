from django.contrib import admin

from assessments.admin import ReadOnlyAdmin
from policies.models import Statement


@admin.register(Statement)
class StatementAdmin(ReadOnlyAdmin):
    list_display = ["vendor", "version", "source", "status", "progress", "created_at"]
    list_filter = ["status", "source"]
    search_fields = ["vendor__name", "sha256", "source_url"]
    readonly_fields = ["sha256", "extracted_text", "original_file", "created_by", "created_at"]
    raw_id_fields = ["vendor"]
