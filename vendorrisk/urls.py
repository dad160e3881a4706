from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from assessments.api import pages as api_pages

# Only the account pages the app offers: no self-service password reset, since accounts
# are handed out by admins.
account_urls = [
    path("login/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password_change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("password_change/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("tokens/", api_pages.api_tokens, name="api_tokens"),
    path("tokens/<int:token_id>/revoke/", api_pages.api_token_revoke_view, name="api_token_revoke"),
]

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("assessments.api.urls")),
    path("accounts/", include(account_urls)),
    path("", include("assessments.urls")),
    path("", include("policies.urls")),
]

# Works with the database down: a 503 that says nothing was lost (see vendorrisk/errors.py).
handler500 = "vendorrisk.errors.server_error"
