"""Hardening: escaping everywhere, CSRF, the Content-Security-Policy and login throttling."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from assessments.models import Assessment, Vendor
from policies.models import Statement
from policies.processing import statement_process
from tests.factories import VendorFactory

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('pwned')</script>"
ONERROR = '<img src=x onerror="alert(1)">'
HOSTILE_HTML = """<!doctype html><html><head><title>Privacy</title><script>alert('head')</script></head>
<body><nav><a href="/">Home</a></nav><main><h1>Privacy Policy</h1>
<p>We collect your IP address, browser type and device identifiers. &lt;script&gt;alert('pwned')&lt;/script&gt;</p>
<p>We do not sell personal information. &lt;img src=x onerror="alert(1)"&gt;</p>
<p onclick="alert(2)">We use cookies to keep you signed in.</p>
<h2>Contact</h2><p>Write to privacy@hostile.example with questions.</p></main></body></html>"""


@pytest.fixture
def hostile_vendor(requester):
    return VendorFactory(
        name=f"Evil {SCRIPT}", service=ONERROR, description=SCRIPT, business_owner=requester, created_by=requester
    )


def assert_escaped(html: str) -> None:
    assert SCRIPT not in html and ONERROR not in html
    assert 'onerror="alert' not in html and "<script>alert" not in html


def test_vendor_fields_are_escaped_on_every_page(client_for, reviewer, hostile_vendor):
    client = client_for(reviewer)
    for url in ["/", "/vendors/", f"/vendors/{hostile_vendor.pk}/"]:
        page = client.get(url).content.decode()
        assert_escaped(page)
    assert "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in client.get("/vendors/").content.decode()


def test_a_hostile_html_statement_is_escaped_in_answers_and_the_evidence_viewer(client_for, requester, hostile_vendor):
    client = client_for(requester)
    client.post(
        f"/vendors/{hostile_vendor.pk}/statements/upload/",
        {"file": SimpleUploadedFile("privacy.html", HOSTILE_HTML.encode())},
    )
    statement = Statement.objects.get(vendor=hostile_vendor)
    statement_process(statement_id=statement.pk)
    statement.refresh_from_db()
    assert statement.status == "done", statement.error
    assert SCRIPT in statement.extracted_text  # kept as the text it is, never as markup
    assessment = Assessment.objects.get(vendor=hostile_vendor)
    page = client.get(f"/assessments/{assessment.pk}/").content.decode()
    assert_escaped(page)
    for answer in assessment.answers.exclude(evidence=[]):
        viewer = client.get(f"/assessments/{assessment.pk}/answers/{answer.pk}/evidence/", HTTP_HX_REQUEST="true")
        assert_escaped(viewer.content.decode())
        assert "<mark" in viewer.content.decode()
    assert_escaped(client.get(f"/statements/{statement.pk}/").content.decode())


def test_every_form_needs_a_csrf_token(requester, vendor):
    client = Client(enforce_csrf_checks=True)
    client.force_login(requester)
    for url, data in [
        ("/vendors/new/", {"name": "No Token"}),
        (f"/vendors/{vendor.pk}/statements/paste/", {"text": "We collect nothing."}),
        ("/accounts/logout/", {}),
    ]:
        assert client.post(url, data).status_code == 403, url
    assert not Vendor.objects.filter(name="No Token").exists()


def test_pages_carry_a_content_security_policy_of_our_own_resources(client_for, requester):
    response = client_for(requester).get("/vendors/")
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy and "http" not in policy.replace("'self'", "")
    assert response["X-Frame-Options"] == "DENY"


def test_pages_load_nothing_from_outside(client_for, requester, vendor):
    page = client_for(requester).get(f"/vendors/{vendor.pk}/").content.decode()
    assert (
        "cdn" not in page.lower() and 'src="http' not in page and 'href="http' not in page.replace(vendor.website, "")
    )
    assert "<script>" not in page and " style=" not in page


def test_repeated_failed_logins_lock_the_account(client, requester, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/accounts/login/", {"username": requester.username, "password": "wrong"})
    response = client.post(
        "/accounts/login/", {"username": requester.username, "password": "correct horse battery staple"}
    )
    assert response.status_code == 429
    assert "Too many failed log-in attempts" in response.content.decode()
