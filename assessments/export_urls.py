"""Routes for the PDF, CSV and JSON exports (see assessments.export_views)."""

urlpatterns: list = []
