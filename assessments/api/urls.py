"""/api/v1/ routes, the OpenAPI schema and its Swagger UI (served from local static files)."""

from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from assessments.api import views

app_name = "api"


v1 = [
    path("vendors/", views.VendorListCreate.as_view(), name="vendors"),
    path("vendors/portfolio.csv", views.PortfolioCsv.as_view(), name="portfolio_csv"),
    path("vendors/<int:vendor_id>/", views.VendorDetail.as_view(), name="vendor"),
    path("vendors/<int:vendor_id>/statements/", views.VendorStatements.as_view(), name="vendor_statements"),
    path("vendors/<int:vendor_id>/statements/upload/", views.StatementUpload.as_view(), name="statement_upload"),
    path("vendors/<int:vendor_id>/statements/paste/", views.StatementPaste.as_view(), name="statement_paste"),
    path("vendors/<int:vendor_id>/statements/fetch/", views.StatementFetch.as_view(), name="statement_fetch"),
    path("statements/<int:statement_id>/", views.StatementDetail.as_view(), name="statement"),
    path("statements/<int:statement_id>/retry/", views.StatementRetry.as_view(), name="statement_retry"),
    path("assessments/", views.AssessmentList.as_view(), name="assessments"),
    path("assessments/<int:assessment_id>/", views.AssessmentDetail.as_view(), name="assessment"),
    path("assessments/<int:assessment_id>/events/", views.AssessmentEvents.as_view(), name="assessment_events"),
    path("assessments/<int:assessment_id>/submit/", views.AssessmentSubmit.as_view(), name="assessment_submit"),
    path("assessments/<int:assessment_id>/sign-off/", views.AssessmentSignOff.as_view(), name="assessment_sign_off"),
    path("assessments/<int:assessment_id>/reassess/", views.AssessmentReassess.as_view(), name="assessment_reassess"),
    path("assessments/<int:assessment_id>/accept-above/", views.AnswersAcceptAbove.as_view(), name="accept_above"),
    path(
        "assessments/<int:assessment_id>/answers/<int:answer_id>/accept/",
        views.AnswerAccept.as_view(),
        name="answer_accept",
    ),
    path(
        "assessments/<int:assessment_id>/answers/<int:answer_id>/override/",
        views.AnswerOverride.as_view(),
        name="answer_override",
    ),
    path("assessments/<int:assessment_id>/summary.pdf", views.AssessmentPdf.as_view(), name="assessment_pdf"),
    path("assessments/<int:assessment_id>/export.json", views.AssessmentJson.as_view(), name="assessment_json"),
]

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    # The Swagger page is a page like the others: anonymous visitors go to the login page.
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api:schema")), name="docs"),
]
