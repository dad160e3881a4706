"""Personas and shared fixtures: a requester, a reviewer, an approver, an admin and an outsider."""

import pytest

from assessments.roles import Role
from tests.factories import UserFactory, VendorFactory


@pytest.fixture
def requester(db):
    return UserFactory(username="rita", first_name="Rita", roles=[Role.REQUESTER])


@pytest.fixture
def reviewer(db):
    return UserFactory(username="ravi", first_name="Ravi", roles=[Role.REVIEWER])


@pytest.fixture
def approver(db):
    return UserFactory(username="ada", first_name="Ada", roles=[Role.APPROVER])


@pytest.fixture
def site_admin(db):
    return UserFactory(username="alex", first_name="Alex", roles=[Role.ADMIN], is_staff=True, is_superuser=True)


@pytest.fixture
def outsider(db):
    """Signed in, but with no role at all."""
    return UserFactory(username="otto", first_name="Otto")


@pytest.fixture
def vendor(requester):
    return VendorFactory(name="Acme Help Desk", business_owner=requester, created_by=requester)


@pytest.fixture
def client_for(client):
    """``client_for(user)`` is a test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login
