"""Personal API tokens: shown once, stored hashed, expiring, revocable, throttled; JSON errors."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from assessments.models import ApiToken, Vendor
from assessments.services.tokens import api_token_create, token_hash

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def test_the_token_page_shows_a_new_token_once_and_keeps_only_its_hash(client_for, reviewer):
    client = client_for(reviewer)
    page = client.post("/accounts/tokens/", {"name": "GRC sync", "lifetime_days": "90"}).content.decode()
    token = ApiToken.objects.get(user=reviewer)
    raw = page.split('id="new-token" readonly value="')[1].split('"')[0]
    assert raw.startswith("vr_") and token.key_hash == token_hash(raw) and raw not in token.key_hash
    assert token.expires_at - timezone.now() > timedelta(days=89)
    again = client.get("/accounts/tokens/").content.decode()
    assert raw not in again and "GRC sync" in again and token.prefix in again
    assert bearer(raw).get("/api/v1/vendors/").status_code == 200


def test_a_token_records_when_it_was_last_used(reviewer):
    token, raw = api_token_create(user=reviewer, name="sync", lifetime_days=30)
    assert token.last_used_at is None
    bearer(raw).get("/api/v1/vendors/")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_expired_revoked_and_unknown_tokens_are_refused(client_for, reviewer):
    token, raw = api_token_create(user=reviewer, name="old", lifetime_days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = bearer(raw).get("/api/v1/vendors/")
    assert expired.status_code == 401 and expired.json()["type"] == "authentication_failed"

    token, raw = api_token_create(user=reviewer, name="revoke me", lifetime_days=30)
    client_for(reviewer).post(f"/accounts/tokens/{token.pk}/revoke/")
    assert bearer(raw).get("/api/v1/vendors/").status_code == 401
    assert bearer("vr_made-up").get("/api/v1/vendors/").status_code == 401


def test_nobody_revokes_another_users_token(client_for, reviewer, approver):
    token, raw = api_token_create(user=reviewer, name="mine", lifetime_days=30)
    assert client_for(approver).post(f"/accounts/tokens/{token.pk}/revoke/").status_code == 404
    assert bearer(raw).get("/api/v1/vendors/").status_code == 200


def test_a_token_acts_with_its_users_roles_only(requester, reviewer, token_for):
    data = {"name": "Desk by token", "criticality": "low", "business_owner": requester.pk}
    refused = bearer(token_for(reviewer)).post("/api/v1/vendors/", data, format="json")
    assert refused.status_code == 403 and "Requester or Admin" in refused.json()["detail"]
    created = bearer(token_for(requester)).post("/api/v1/vendors/", data, format="json")
    assert created.status_code == 201 and Vendor.objects.get(name="Desk by token").created_by == requester


def test_validation_errors_have_one_shape_with_field_errors(requester, token_for, vendor):
    api = bearer(token_for(requester))
    response = api.post("/api/v1/vendors/", {"name": "", "criticality": "huge"}, format="json")
    body = response.json()
    assert response.status_code == 400 and body["type"] == "invalid"
    assert set(body["errors"]) >= {"name", "criticality", "business_owner"} and body["detail"]
    clash = api.post(
        "/api/v1/vendors/",
        {"name": vendor.name.upper(), "criticality": "low", "business_owner": requester.pk},
        format="json",
    )
    assert "already registered" in clash.json()["errors"]["name"][0]
    malformed = api.generic("POST", "/api/v1/vendors/", "{not json", content_type="application/json")
    assert malformed.status_code == 400 and malformed.json()["type"] == "malformed"


def test_vendor_list_paginates_searches_and_filters(requester, token_for):
    from tests.factories import VendorFactory

    for n in range(30):
        VendorFactory(name=f"Desk {n:02}", business_owner=requester, created_by=requester)
    api = bearer(token_for(requester))
    first = api.get("/api/v1/vendors/").json()
    assert first["count"] == 30 and len(first["results"]) == 25 and first["next"]
    assert len(api.get(first["next"]).json()["results"]) == 5
    assert [v["name"] for v in api.get("/api/v1/vendors/", {"q": "Desk 07"}).json()["results"]] == ["Desk 07"]
    assert api.get("/api/v1/vendors/", {"tier": "enormous"}).json()["type"] == "invalid"
    assert api.get("/api/v1/vendors/", {"page": 99}).status_code == 404


def test_requests_past_the_rate_are_throttled_per_token(requester, token_for, monkeypatch):
    from assessments.api.throttling import PerTokenThrottle

    cache.clear()
    monkeypatch.setattr(PerTokenThrottle, "THROTTLE_RATES", {"api": "3/minute"})
    api, other = bearer(token_for(requester)), bearer(token_for(requester))
    codes = [api.get("/api/v1/vendors/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
    assert api.get("/api/v1/vendors/").json()["type"] == "throttled"
    assert other.get("/api/v1/vendors/").status_code == 200  # the limit is per token
    cache.clear()


def test_schema_and_docs_are_behind_login(client, client_for, reviewer, token_for):
    assert client.get("/api/schema/").status_code == 401
    assert client.get("/api/docs/").status_code == 302
    assert bearer(token_for(reviewer)).get("/api/schema/").status_code == 200
    docs = client_for(reviewer).get("/api/docs/")
    assert docs.status_code == 200 and b"swagger-ui" in docs.content
    assert b"//cdn" not in docs.content and b"https://" not in docs.content
