from django.urls import include, path

from assessments import views

urlpatterns = [
    path("", include("assessments.export_urls")),
    path("", views.vendor_index, name="dashboard"),
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
]
