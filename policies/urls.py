from django.urls import path

from policies import views

urlpatterns = [
    path("vendors/<int:vendor_id>/statements/upload/", views.statement_upload, name="statement_upload"),
    path("vendors/<int:vendor_id>/statements/paste/", views.statement_paste, name="statement_paste"),
    path("vendors/<int:vendor_id>/statements/fetch/", views.statement_fetch, name="statement_fetch"),
    path("vendors/<int:vendor_id>/monitoring/", views.vendor_monitoring_update, name="vendor_monitoring"),
    path("statements/<int:statement_id>/", views.statement_detail, name="statement_detail"),
    path("statements/<int:statement_id>/progress/", views.statement_progress, name="statement_progress"),
    path("statements/<int:statement_id>/status/", views.statement_status, name="statement_status"),
    path("statements/<int:statement_id>/download/", views.statement_download, name="statement_download"),
    path("statements/<int:statement_id>/retry/", views.statement_retry_view, name="statement_retry"),
    path("statements/<int:statement_id>/remove/", views.statement_remove_view, name="statement_remove"),
]
