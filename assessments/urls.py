from django.urls import include, path

from assessments import views

urlpatterns = [
    path("", include("assessments.export_urls")),
    path("", views.home, name="dashboard"),
    path("healthz", views.healthz, name="healthz"),
    path("no-role/", views.no_role, name="no_role"),
    path("vendors/", views.vendor_index, name="vendor_list"),
    path("vendors/new/", views.vendor_new, name="vendor_create"),
    path("vendors/<int:vendor_id>/", views.vendor_detail, name="vendor_detail"),
    path("vendors/<int:vendor_id>/edit/", views.vendor_edit, name="vendor_edit"),
    path("assessments/<int:assessment_id>/", views.assessment_detail, name="assessment_detail"),
    path(
        "assessments/<int:assessment_id>/answers/<int:answer_id>/evidence/",
        views.answer_evidence,
        name="answer_evidence",
    ),
    path("assessments/<int:assessment_id>/submit/", views.assessment_submit_view, name="assessment_submit"),
    path("assessments/<int:assessment_id>/sign-off/", views.assessment_sign_off_view, name="assessment_sign_off"),
    path("assessments/<int:assessment_id>/comments/", views.assessment_comment_view, name="assessment_comment"),
    path("assessments/<int:assessment_id>/reassess/", views.assessment_reassess_view, name="assessment_reassess"),
    path("findings/<int:finding_id>/review/", views.finding_review_view, name="finding_review"),
    path("assessments/<int:assessment_id>/accept-above/", views.answers_accept_above_view, name="answers_accept_above"),
    path(
        "assessments/<int:assessment_id>/answers/<int:answer_id>/accept/",
        views.answer_accept_view,
        name="answer_accept",
    ),
    path(
        "assessments/<int:assessment_id>/answers/<int:answer_id>/override/",
        views.answer_override_view,
        name="answer_override",
    ),
]
