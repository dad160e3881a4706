from django import forms
from django.contrib import admin

from assessments.models import (
    Answer,
    Assessment,
    AuditEvent,
    Question,
    QuestionnaireTemplate,
    RoundSupersession,
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

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    """Read-only for everybody, superusers included: the record changes only through the services.

    Admin is for users, groups and vendors; an assessment approved from here would bypass
    four eyes, and an answer edited here would bypass the sign-off digest.
    """

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QuestionnaireTemplate)
class QuestionnaireTemplateAdmin(ReadOnlyAdmin):
    list_display = ["title", "slug", "version", "is_default"]
    inlines = [QuestionInline]


@admin.register(Section)
class SectionAdmin(ReadOnlyAdmin):
    list_display = ["title", "template", "position"]


@admin.register(Assessment)
class AssessmentAdmin(ReadOnlyAdmin):
    list_display = ["pk", "vendor", "status", "risk_tier", "risk_score", "created_at"]
    list_filter = ["status", "risk_tier"]
    search_fields = ["vendor__name"]
    raw_id_fields = ["vendor", "statement", "previous", "created_by", "submitted_by"]


@admin.register(Answer)
class AnswerAdmin(ReadOnlyAdmin):
    list_display = ["assessment", "question", "value", "source", "confidence", "review"]
    list_filter = ["source", "review"]
    raw_id_fields = ["assessment", "question", "reviewed_by"]


class AppendOnlyAdmin(ReadOnlyAdmin):
    """Read-only in the admin: these rows are the record and are never edited or deleted."""


@admin.register(SignOff)
class SignOffAdmin(AppendOnlyAdmin):
    list_display = ["assessment", "user", "role", "decision", "created_at"]
    list_filter = ["decision", "role"]


@admin.register(RoundSupersession)
class RoundSupersessionAdmin(AppendOnlyAdmin):
    list_display = ["assessment", "review_round", "reason", "actor", "created_at"]


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
