"""What the API returns (output shapes for the schema) and documents as request bodies.

Input is validated by the pages' own forms (see ``assessments.api.views``); the request
serializers here only describe those bodies in the OpenAPI schema.
"""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from assessments.models import Answer, Assessment, AuditEvent, Criticality, SignOff, Tier, Vendor
from assessments.services.tokens import LIFETIMES_DAYS
from assessments.services.vendors import INTAKE_FIELDS
from policies.models import Statement


class UserRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    name = serializers.SerializerMethodField()

    def get_name(self, user) -> str:
        return user.get_full_name() or user.get_username()


class VendorSerializer(serializers.ModelSerializer):
    business_owner = UserRefSerializer(read_only=True)
    latest_assessment = serializers.SerializerMethodField()

    class Meta:
        model = Vendor
        fields = ["id", *INTAKE_FIELDS, "latest_assessment", "created_at", "updated_at"]

    def get_latest_assessment(self, vendor) -> dict | None:
        """The vendor's latest assessment in brief, as the vendor list annotates it."""
        pk = getattr(vendor, "latest_assessment_id", None)
        if pk is None:
            return None
        return {
            "id": pk,
            "status": vendor.latest_status,
            "risk_tier": vendor.latest_tier or None,
            "risk_score": vendor.latest_score,
        }


class VendorWriteSerializer(serializers.Serializer):
    """The vendor fields a requester gives; checked by the vendor form the pages use."""

    name = serializers.CharField(max_length=200)
    website = serializers.CharField(required=False, allow_blank=True, max_length=200)
    service = serializers.CharField(required=False, allow_blank=True, max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    business_owner = serializers.IntegerField(help_text="The id of an active user with a role.")
    criticality = serializers.ChoiceField(choices=Criticality.choices)
    handles_customer_data = serializers.BooleanField(required=False)
    handles_employee_data = serializers.BooleanField(required=False)
    has_device_access = serializers.BooleanField(required=False)
    handles_payment_data = serializers.BooleanField(required=False)


class VendorPatchSerializer(VendorWriteSerializer):
    name = serializers.CharField(max_length=200, required=False)
    business_owner = serializers.IntegerField(required=False)
    criticality = serializers.ChoiceField(choices=Criticality.choices, required=False)


class StatementSerializer(serializers.ModelSerializer):
    vendor = serializers.IntegerField(source="vendor_id", read_only=True)
    kind = serializers.CharField(source="kind_id", read_only=True, help_text="The document kind's key.")
    created_by = UserRefSerializer(read_only=True)
    display_name = serializers.CharField(read_only=True)

    class Meta:
        model = Statement
        fields = [
            "id",
            "vendor",
            "kind",
            "version",
            "source",
            "source_url",
            "original_filename",
            "display_name",
            "size_bytes",
            "sha256",
            "format",
            "status",
            "progress",
            "error",
            "attempts",
            "created_by",
            "created_at",
            "status_changed_at",
        ]


class DocumentKindInput(serializers.Serializer):
    kind = serializers.SlugField(
        required=False,
        default="privacy_statement",
        help_text="Which of the vendor's documents this is a version of: privacy_statement (default), dpa, "
        "subprocessor_list, security_page, or a kind an admin added.",
    )


class StatementTextSerializer(DocumentKindInput):
    text = serializers.CharField(help_text="The whole document as text.", trim_whitespace=False)


class StatementUrlSerializer(DocumentKindInput):
    url = serializers.CharField(max_length=2000, help_text="A public https URL; internal addresses are refused.")


class StatementUploadSerializer(DocumentKindInput):
    file = serializers.FileField(help_text="A document file (.txt, .md, .html, .pdf or .docx).")


class EvidenceSerializer(serializers.Serializer):
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    text = serializers.CharField()


class AnswerSerializer(serializers.ModelSerializer):
    key = serializers.CharField(source="question.key")
    question = serializers.CharField(source="question.text")
    section = serializers.CharField(source="question.section.key")
    answer_type = serializers.CharField(source="question.answer_type")
    allowed_values = serializers.ListField(source="question.allowed_values", child=serializers.CharField())
    evidence = EvidenceSerializer(many=True)
    auto_evidence = EvidenceSerializer(many=True)
    reviewed_by = UserRefSerializer(allow_null=True)

    class Meta:
        model = Answer
        fields = [
            "id",
            "key",
            "question",
            "section",
            "answer_type",
            "allowed_values",
            "value",
            "source",
            "confidence",
            "evidence",
            "auto_value",
            "auto_confidence",
            "auto_evidence",
            "review",
            "reviewer_comment",
            "reviewed_by",
            "reviewed_at",
        ]


class SignOffSerializer(serializers.ModelSerializer):
    user = UserRefSerializer()

    class Meta:
        model = SignOff
        fields = ["id", "user", "role", "decision", "comment", "statement_sha256", "review_round", "created_at"]


class ScoreLineSerializer(serializers.Serializer):
    key = serializers.CharField()
    question = serializers.CharField()
    section = serializers.CharField()
    value = serializers.CharField()
    points = serializers.IntegerField()
    reason = serializers.CharField(allow_blank=True)


class AssessmentSerializer(serializers.ModelSerializer):
    vendor = serializers.IntegerField(source="vendor_id")
    vendor_name = serializers.CharField(source="vendor.name")
    questionnaire = serializers.SerializerMethodField()
    statement = serializers.IntegerField(source="statement_id", allow_null=True)
    risk_tier = serializers.ChoiceField(choices=Tier.choices, allow_blank=True)

    class Meta:
        model = Assessment
        fields = [
            "id",
            "vendor",
            "vendor_name",
            "questionnaire",
            "statement",
            "status",
            "review_round",
            "risk_tier",
            "risk_score",
            "residual_score",
            "submitted_at",
            "decided_at",
            "next_review_due",
            "created_at",
            "updated_at",
        ]

    def get_questionnaire(self, assessment) -> dict:
        return {"slug": assessment.template.slug, "version": assessment.template.version}


class AssessmentDetailSerializer(AssessmentSerializer):
    answers = AnswerSerializer(many=True)
    score_lines = serializers.SerializerMethodField()
    findings = serializers.SerializerMethodField()
    signoffs = SignOffSerializer(many=True)
    review = serializers.SerializerMethodField()

    class Meta(AssessmentSerializer.Meta):
        fields = [*AssessmentSerializer.Meta.fields, "review", "score_lines", "findings", "answers", "signoffs"]

    @extend_schema_field(ScoreLineSerializer(many=True))
    def get_score_lines(self, assessment):
        return (assessment.score_breakdown or {}).get("lines", [])

    @extend_schema_field(ScoreLineSerializer(many=True))
    def get_findings(self, assessment):
        """The score lines that add risk: what a reviewer has to weigh."""
        return [line for line in self.get_score_lines(assessment) if line.get("points", 0) > 0]

    def get_review(self, assessment) -> dict:
        answers = assessment.answers.all()
        reviewed = sum(answer.review != Answer.Review.PENDING for answer in answers)
        return {"reviewed": reviewed, "total": len(answers)}


class OverrideSerializer(serializers.Serializer):
    value = serializers.CharField(max_length=254, help_text="One of the answer's allowed_values.")
    comment = serializers.CharField(max_length=2000, help_text="Why the answer changes.")


class AcceptAboveSerializer(serializers.Serializer):
    threshold = serializers.DecimalField(max_digits=3, decimal_places=2, min_value=0, max_value=1)


class AcceptedSerializer(serializers.Serializer):
    accepted = serializers.IntegerField()


class SignOffWriteSerializer(serializers.Serializer):
    role = serializers.CharField(help_text="Reviewer or Approver, a role you hold.")
    decision = serializers.ChoiceField(choices=SignOff.Decision.choices)
    comment = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class EventSerializer(serializers.ModelSerializer):
    actor = UserRefSerializer(allow_null=True)

    class Meta:
        model = AuditEvent
        fields = ["id", "kind", "message", "actor", "created_at"]


class TokenCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    lifetime_days = serializers.ChoiceField(choices=LIFETIMES_DAYS)
