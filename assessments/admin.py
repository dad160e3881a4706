from django import forms
from django.contrib import admin

from assessments.models import (
    Answer,
    Assessment,
    AuditEvent,
    Question,
    QuestionnaireTemplate,
    Section,
    SignOff,
    Vendor,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ["name", "service", "business_owner", "criticality", "created_at"]
    search_fields = ["name", "service", "website"]
    list_filter = ["criticality"]


class QuestionInline(admin.TabularInline):
    model = Question
    extra = 0
    fields = ["position", "key", "section", "answer_type", "text"]


@admin.register(QuestionnaireTemplate)
class QuestionnaireTemplateAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "version", "is_default"]
    inlines = [QuestionInline]


admin.site.register(Section)


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["pk", "vendor", "status", "risk_tier", "risk_score", "created_at"]
    list_filter = ["status", "risk_tier"]
    search_fields = ["vendor__name"]
    raw_id_fields = ["vendor", "statement", "previous", "created_by", "submitted_by"]


@admin.register(Answer)
class AnswerAdmin(admin.ModelAdmin):
    list_display = ["assessment", "question", "value", "source", "confidence", "review"]
    list_filter = ["source", "review"]
    raw_id_fields = ["assessment", "question", "reviewed_by"]


class AppendOnlyAdmin(admin.ModelAdmin):
    """Read-only in the admin: these rows are the record and are never edited or deleted."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SignOff)
class SignOffAdmin(AppendOnlyAdmin):
    list_display = ["assessment", "user", "role", "decision", "created_at"]
    list_filter = ["decision", "role"]


@admin.register(AuditEvent)
class AuditEventAdmin(AppendOnlyAdmin):
    list_display = ["created_at", "vendor", "assessment", "actor", "kind", "message"]
    list_filter = ["kind"]


class WebhookEndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "secret", "events", "is_active"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    """Admins configure receivers; their deliveries are listed, read-only, beside them."""

    form = WebhookEndpointForm
    list_display = ["name", "url", "is_active", "created_at"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = ["event", "endpoint", "status", "attempts", "response_status", "created_at", "delivered_at"]
    list_filter = ["status", "event"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
