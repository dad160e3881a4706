"""Everything but the login page and /healthz needs a login; users without a role see nothing."""

import json

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from tests.factories import AssessmentFactory, StatementFactory

OPEN_URLS = {"/accounts/login/", "/healthz"}


def _every_url(resolver=None, prefix=""):
    """Every named route of the project, with 1 for each path argument."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue
            yield from _every_url(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            route = prefix + str(pattern.pattern)
            for converter in ("<int:vendor_id>", "<int:statement_id>", "<int:assessment_id>", "<int:answer_id>"):
                route = route.replace(converter, "1")
            if "<" not in route:
                yield "/" + route.replace("^", "").replace("$", "")


ALL_URLS = sorted(set(_every_url()))
# The API's machine routes answer in JSON (401 for the anonymous) instead of redirecting.
API_URLS = [url for url in ALL_URLS if url.startswith(("/api/v1/", "/api/schema/"))]
PAGE_URLS = [url for url in ALL_URLS if url not in API_URLS]


@pytest.fixture
def some_rows(vendor):
    statement = StatementFactory(vendor=vendor, pk=1)
    return AssessmentFactory(vendor=vendor, statement=statement, pk=1)


def test_the_route_list_covers_the_app():
    assert "/vendors/" in ALL_URLS and "/statements/1/" in ALL_URLS and "/assessments/1/" in ALL_URLS


@pytest.mark.django_db
@pytest.mark.parametrize("url", [url for url in PAGE_URLS if url not in OPEN_URLS])
def test_anonymous_visitor_is_sent_to_login(client, url, some_rows):
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("url", API_URLS)
def test_anonymous_api_caller_is_refused_in_json(client, url, some_rows):
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 401, url
        assert json.loads(response.content)["type"] == "not_authenticated"


@pytest.mark.django_db
def test_admin_site_needs_a_login(client):
    response = client.get("/admin/")
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("url", [url for url in ALL_URLS if url not in OPEN_URLS | {"/accounts/logout/"}])
def test_user_without_role_sees_only_the_no_role_page(client_for, outsider, url, some_rows):
    response = client_for(outsider).get(url)
    if url.startswith("/accounts/password_change"):
        assert response.status_code == 200
        return
    assert response.status_code == 403, url
    assert b"no role yet" in response.content
    assert b"Acme Help Desk" not in response.content


def test_login_page_is_open(client, db):
    assert client.get("/accounts/login/").status_code == 200
