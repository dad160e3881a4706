"""Personas and shared fixtures: a requester, a reviewer, an approver, an admin and an outsider."""

import os

import pytest
from django.conf import settings
from django.contrib.auth.models import Group

from assessments.models import QuestionnaireTemplate
from assessments.questionnaire import questionnaire_find, questionnaire_load, questionnaire_read
from assessments.roles import Role
from policies.documents import document_kinds_ensure
from tests.celery_worker import broker_url, publish_to, start_worker  # noqa: F401  (shared fixtures)
from tests.factories import UserFactory, VendorFactory

# PBKDF2's million rounds took about 85% of the suite's time (each factory user and each test
# login hashes once). MD5 is fine for throwaway test users and changes nothing a test checks;
# it is set before any password is hashed, so every test, the live server included, uses it.
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def pytest_collection_modifyitems(config, items) -> None:
    """Under pytest-xdist (``-n 2 --dist loadgroup``), tests with a real worker, a browser or a
    server of their own run one after another on one xdist process: they wait on processes
    and ports more than on the CPU, and two at once would compete for the machine's two cores."""
    serial = pytest.mark.xdist_group("real-processes")
    for item in items:
        if item.get_closest_marker("worker") or item.get_closest_marker("browser"):
            item.add_marker(serial)


@pytest.fixture
def reference_data(transactional_db) -> None:
    """Put back what the data migrations created: a transactional test's flush removes it."""
    for role in Role:
        Group.objects.get_or_create(name=role.value)
    if not QuestionnaireTemplate.objects.filter(is_default=True).exists():
        questionnaire_load(data=questionnaire_read())
    for name in ("helpdesk-privacy-v2", "gdpr-art28-v1"):
        questionnaire_load(data=questionnaire_find(name), make_default=False)
    document_kinds_ensure()


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


@pytest.fixture
def broker_down():
    """Point this process's Celery app at a port where no broker listens, and back afterwards."""
    from vendorrisk.celery import app as celery_app

    previous = os.environ.get("CELERY_BROKER_URL"), celery_app.conf.broker_url
    publish_to("redis://127.0.0.1:1/0")
    yield
    publish_to(previous[0] or previous[1])
    if previous[0] is None:
        del os.environ["CELERY_BROKER_URL"]
