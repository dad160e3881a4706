"""API views: parse with the pages' forms, call one service, answer with a serializer.

Objects a user may not see are 404s (their existence is not theirs to know); refusals from
the services (four eyes, missing role, a locked assessment) keep the services' own words.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from assessments import export_views, exports
from assessments.api import serializers as s
from assessments.api.errors import ErrorSerializer
from assessments.export_views import _attachment, _file_name
from assessments.forms import AcceptAboveForm, AnswerOverrideForm, SignOffForm, VendorFilterForm, VendorForm
from assessments.models import Answer, Assessment, Vendor
from assessments.selectors import assessment_events, assessment_page, vendor_list, vendors_visible_to
from assessments.services.audit import audit_export
from assessments.services.review import answer_accept, answer_override, answers_accept_above
from assessments.services.vendors import INTAKE_FIELDS, vendor_create, vendor_update
from assessments.services.workflow import assessment_reassess, assessment_sign_off, assessment_submit, required_roles
from policies.forms import StatementTextForm, StatementUploadForm, StatementUrlForm
from policies.selectors import statements_visible_to
from policies.services import statement_add_text, statement_add_upload, statement_add_url, statement_retry

ERRORS = {code: ErrorSerializer for code in (400, 401, 403, 404, 415, 429)}


# DRF marks its views exempt from the login redirect (401/403 come back as JSON instead):
# authentication is DRF's, by token or session, and HasRole refuses the rest.
ApiView = APIView
ApiListView = generics.ListAPIView


def _form_data(form_class, data, *, files=None, **kwargs):
    """The cleaned data of one of the pages' forms, or a 400 with its field errors."""
    if not isinstance(data, Mapping):
        raise exceptions.ParseError("Send the fields as a JSON object.")
    form = form_class(data, files, **kwargs)
    if not form.is_valid():
        raise exceptions.ValidationError({field: list(errors) for field, errors in form.errors.items()})
    return form.cleaned_data


def _visible_assessment(request, assessment_id: int) -> Assessment:
    return get_object_or_404(assessment_page(request.user), pk=assessment_id)


def _assessment_response(assessment: Assessment, code: int = status.HTTP_200_OK) -> Response:
    loaded = _detail_queryset().get(pk=assessment.pk)
    return Response(s.AssessmentDetailSerializer(loaded).data, status=code)


def _detail_queryset():
    return Assessment.objects.select_related("vendor", "template").prefetch_related(
        "answers__question__section", "answers__reviewed_by", "signoffs__user"
    )


# --- vendors ------------------------------------------------------------------------------------

VENDOR_FILTERS = [
    OpenApiParameter("q", str, description="Words in the name, service or website."),
    OpenApiParameter("tier", str, enum=["low", "medium", "high", "critical"], description="Latest risk tier."),
    OpenApiParameter("status", str, enum=list(Assessment.Status.values), description="Latest assessment status."),
    OpenApiParameter("owner", int, description="The business owner's user id."),
]


class VendorListCreate(ApiListView):
    serializer_class = s.VendorSerializer

    def get_queryset(self):
        owners = get_user_model().objects.filter(owned_vendors__isnull=False).distinct()
        filters = VendorFilterForm(self.request.query_params, owners=owners)
        if not filters.is_valid():
            raise exceptions.ValidationError({field: list(errors) for field, errors in filters.errors.items()})
        criteria = {key: filters.cleaned_data.get(key) or "" for key in ("tier", "status", "owner")}
        return vendor_list(user=self.request.user, search=filters.cleaned_data.get("q") or "", **criteria)

    @extend_schema(parameters=VENDOR_FILTERS, responses={200: s.VendorSerializer(many=True), **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=s.VendorWriteSerializer, responses={201: s.VendorSerializer, **ERRORS})
    def post(self, request):
        data = _form_data(VendorForm, request.data)
        vendor = vendor_create(actor=request.user, **data)
        return Response(s.VendorSerializer(vendor).data, status=status.HTTP_201_CREATED)


class VendorDetail(ApiView):
    def _vendor(self, request, vendor_id: int) -> Vendor:
        """The vendor as the list shows it, with its current assessment in brief."""
        return get_object_or_404(vendor_list(user=request.user), pk=vendor_id)

    @extend_schema(responses={200: s.VendorSerializer, **ERRORS})
    def get(self, request, vendor_id: int):
        return Response(s.VendorSerializer(self._vendor(request, vendor_id)).data)

    @extend_schema(request=s.VendorPatchSerializer, responses={200: s.VendorSerializer, **ERRORS})
    def patch(self, request, vendor_id: int):
        vendor = self._vendor(request, vendor_id)
        if not isinstance(request.data, Mapping):
            raise exceptions.ParseError("Send the fields to change as a JSON object.")
        merged = {**model_to_dict(vendor, fields=INTAKE_FIELDS), **request.data}
        data = _form_data(VendorForm, merged, instance=Vendor.objects.get(pk=vendor.pk))
        vendor_update(vendor=vendor, actor=request.user, **{name: data[name] for name in INTAKE_FIELDS})
        return Response(s.VendorSerializer(self._vendor(request, vendor_id)).data)


# --- statements ---------------------------------------------------------------------------------


class VendorStatements(ApiListView):
    serializer_class = s.StatementSerializer

    def get_queryset(self):
        vendor = get_object_or_404(vendors_visible_to(self.request.user), pk=self.kwargs["vendor_id"])
        return statements_visible_to(self.request.user).filter(vendor=vendor).order_by("-version")

    @extend_schema(responses={200: s.StatementSerializer(many=True), **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class StatementAdd(ApiView):
    """Add a document version (``kind``: privacy statement unless said); it is read in the background
    (poll the statement for progress)."""

    form_class = None

    def add(self, request, vendor, data):
        raise NotImplementedError

    def post(self, request, vendor_id: int):
        vendor = get_object_or_404(vendors_visible_to(request.user), pk=vendor_id)
        data = _form_data(self.form_class, request.data, files=request.FILES)
        statement = self.add(request, vendor, data)
        return Response(s.StatementSerializer(statement).data, status=status.HTTP_202_ACCEPTED)


class StatementUpload(StatementAdd):
    form_class = StatementUploadForm
    parser_classes = [MultiPartParser, FormParser]

    def add(self, request, vendor, data):
        return statement_add_upload(vendor=vendor, actor=request.user, upload=data["file"], kind=data["kind"])

    @extend_schema(
        request={"multipart/form-data": s.StatementUploadSerializer}, responses={202: s.StatementSerializer, **ERRORS}
    )
    def post(self, request, vendor_id: int):
        return super().post(request, vendor_id)


class StatementPaste(StatementAdd):
    form_class = StatementTextForm
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def add(self, request, vendor, data):
        return statement_add_text(vendor=vendor, actor=request.user, text=data["text"], kind=data["kind"])

    @extend_schema(request=s.StatementTextSerializer, responses={202: s.StatementSerializer, **ERRORS})
    def post(self, request, vendor_id: int):
        return super().post(request, vendor_id)


class StatementFetch(StatementAdd):
    form_class = StatementUrlForm
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def add(self, request, vendor, data):
        return statement_add_url(vendor=vendor, actor=request.user, url=data["url"], kind=data["kind"])

    @extend_schema(request=s.StatementUrlSerializer, responses={202: s.StatementSerializer, **ERRORS})
    def post(self, request, vendor_id: int):
        return super().post(request, vendor_id)


class StatementDetail(ApiView):
    @extend_schema(responses={200: s.StatementSerializer, **ERRORS})
    def get(self, request, statement_id: int):
        statement = get_object_or_404(statements_visible_to(request.user), pk=statement_id)
        return Response(s.StatementSerializer(statement).data)


class StatementRetry(ApiView):
    @extend_schema(request=None, responses={202: s.StatementSerializer, **ERRORS})
    def post(self, request, statement_id: int):
        statement = get_object_or_404(statements_visible_to(request.user), pk=statement_id)
        statement = statement_retry(statement=statement, actor=request.user)
        return Response(s.StatementSerializer(statement).data, status=status.HTTP_202_ACCEPTED)


# --- assessments --------------------------------------------------------------------------------


class AssessmentList(ApiListView):
    serializer_class = s.AssessmentSerializer

    def get_queryset(self):
        assessments = assessment_page(self.request.user).order_by("-created_at", "-id")
        vendor = self.request.query_params.get("vendor", "")
        if vendor:
            if not vendor.isdigit():
                raise exceptions.ValidationError({"vendor": ["Give a vendor id."]})
            assessments = assessments.filter(vendor_id=int(vendor))
        wanted = self.request.query_params.get("status", "")
        if wanted:
            if wanted not in Assessment.Status.values:
                raise exceptions.ValidationError({"status": [f"Choose one of {', '.join(Assessment.Status.values)}."]})
            assessments = assessments.filter(status=wanted)
        return assessments

    @extend_schema(
        parameters=[
            OpenApiParameter("vendor", int, description="Only this vendor's assessments."),
            OpenApiParameter("status", str, enum=list(Assessment.Status.values)),
        ],
        responses={200: s.AssessmentSerializer(many=True), **ERRORS},
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AssessmentDetail(ApiView):
    @extend_schema(responses={200: s.AssessmentDetailSerializer, **ERRORS})
    def get(self, request, assessment_id: int):
        return _assessment_response(_visible_assessment(request, assessment_id))


class AssessmentEvents(ApiListView):
    serializer_class = s.EventSerializer

    def get_queryset(self):
        assessment = _visible_assessment(self.request, self.kwargs["assessment_id"])
        return assessment_events(assessment)

    @extend_schema(responses={200: s.EventSerializer(many=True), **ERRORS})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class AssessmentSubmit(ApiView):
    @extend_schema(request=None, responses={200: s.AssessmentDetailSerializer, **ERRORS})
    def post(self, request, assessment_id: int):
        assessment = assessment_submit(assessment=_visible_assessment(request, assessment_id), actor=request.user)
        return _assessment_response(assessment)


class AssessmentSignOff(ApiView):
    @extend_schema(request=s.SignOffWriteSerializer, responses={200: s.AssessmentDetailSerializer, **ERRORS})
    def post(self, request, assessment_id: int):
        assessment = _visible_assessment(request, assessment_id)
        data = _form_data(SignOffForm, request.data, roles=required_roles(assessment))
        assessment_sign_off(assessment=assessment, actor=request.user, **data)
        return _assessment_response(assessment)


class AssessmentReassess(ApiView):
    @extend_schema(request=None, responses={201: s.AssessmentDetailSerializer, **ERRORS})
    def post(self, request, assessment_id: int):
        successor = assessment_reassess(assessment=_visible_assessment(request, assessment_id), actor=request.user)
        return _assessment_response(successor, status.HTTP_201_CREATED)


class AnswersAcceptAbove(ApiView):
    @extend_schema(request=s.AcceptAboveSerializer, responses={200: s.AcceptedSerializer, **ERRORS})
    def post(self, request, assessment_id: int):
        assessment = _visible_assessment(request, assessment_id)
        data = _form_data(AcceptAboveForm, request.data)
        count = answers_accept_above(assessment=assessment, actor=request.user, threshold=float(data["threshold"]))
        return Response({"accepted": count})


class AnswerStep(ApiView):
    def _answer(self, request, assessment_id: int, answer_id: int) -> Answer:
        assessment = _visible_assessment(request, assessment_id)
        return get_object_or_404(assessment.answers.select_related("question", "assessment__vendor"), pk=answer_id)


class AnswerAccept(AnswerStep):
    @extend_schema(request=None, responses={200: s.AnswerSerializer, **ERRORS})
    def post(self, request, assessment_id: int, answer_id: int):
        answer = answer_accept(answer=self._answer(request, assessment_id, answer_id), actor=request.user)
        return Response(s.AnswerSerializer(answer).data)


class AnswerOverride(AnswerStep):
    @extend_schema(request=s.OverrideSerializer, responses={200: s.AnswerSerializer, **ERRORS})
    def post(self, request, assessment_id: int, answer_id: int):
        answer = self._answer(request, assessment_id, answer_id)
        data = _form_data(AnswerOverrideForm, request.data, question=answer.question)
        answer = answer_override(answer=answer, actor=request.user, **data)
        return Response(s.AnswerSerializer(answer).data)


# --- exports ------------------------------------------------------------------------------------


class AssessmentPdf(ApiView):
    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, **ERRORS})
    def get(self, request, assessment_id: int) -> HttpResponse:
        assessment = _visible_assessment(request, assessment_id)
        pdf = exports.assessment_pdf(assessment=assessment)
        audit_export(actor=request.user, assessment=assessment, what="PDF risk summary")
        return _attachment(pdf, "application/pdf", _file_name(assessment.vendor.name, "risk-summary", "pdf"))


class AssessmentJson(ApiView):
    @extend_schema(responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="The assessment export"), **ERRORS})
    def get(self, request, assessment_id: int) -> HttpResponse:
        assessment = _visible_assessment(request, assessment_id)
        document = json.dumps(exports.assessment_json(assessment=assessment), cls=DjangoJSONEncoder)
        audit_export(actor=request.user, assessment=assessment, what="JSON export")
        return HttpResponse(document, content_type="application/json")


class PortfolioCsv(ApiView):
    @extend_schema(responses={(200, "text/csv"): OpenApiTypes.STR, **ERRORS})
    def get(self, request) -> HttpResponse:
        return export_views.portfolio_csv_response(request)
