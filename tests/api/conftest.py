import pytest
from rest_framework.test import APIClient

from assessments.services.tokens import api_token_create


@pytest.fixture
def token_for(db):
    """``token_for(user)`` is a fresh personal API token of that user."""

    def make(user, days: int = 30) -> str:
        return api_token_create(user=user, name="tests", lifetime_days=days)[1]

    return make


@pytest.fixture
def api_as(token_for):
    """``api_as(user)`` is an API client sending that user's token; ``api_as(None)`` sends none."""

    def make(user) -> APIClient:
        client = APIClient()
        if user is not None:
            client.credentials(HTTP_AUTHORIZATION=f"Bearer {token_for(user)}")
        return client

    return make
