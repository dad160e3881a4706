"""Routes for the PDF, CSV and JSON exports (see assessments.export_views)."""

from django.urls import path

from assessments import export_views

urlpatterns = [
    path("assessments/<int:assessment_id>/summary.pdf", export_views.assessment_pdf, name="assessment_pdf"),
    path("assessments/<int:assessment_id>/export.json", export_views.assessment_json, name="assessment_json"),
    path("vendors/portfolio.csv", export_views.portfolio_csv, name="portfolio_csv"),
]
