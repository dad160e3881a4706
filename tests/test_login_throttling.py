"""Login throttling: by username across addresses, by address across usernames, behind a proxy only if trusted."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOCKED = 429


@pytest.fixture(autouse=True)
def _three_failures(settings):
    settings.AXES_FAILURE_LIMIT = 3


def log_in(client, username: str, password: str = "wrong", **meta) -> int:
    return client.post("/accounts/login/", {"username": username, "password": password}, **meta).status_code


def test_a_username_is_locked_whatever_address_the_guesses_come_from(client, requester):
    for n in range(3):
        log_in(client, requester.username, REMOTE_ADDR=f"203.0.113.{n}")
    response = client.post(
        "/accounts/login/", {"username": requester.username, "password": PASSWORD}, REMOTE_ADDR="198.51.100.7"
    )
    assert response.status_code == LOCKED
    assert "minutes at the latest" in response.content.decode()  # told when to retry


def test_an_address_guessing_across_usernames_is_locked(client, requester):
    for n in range(3):
        log_in(client, f"someone{n}", REMOTE_ADDR="203.0.113.9")
    assert log_in(client, requester.username, PASSWORD, REMOTE_ADDR="203.0.113.9") == LOCKED
    assert log_in(client, requester.username, PASSWORD, REMOTE_ADDR="198.51.100.7") == 302


def test_without_a_trusted_proxy_a_forwarded_header_does_not_change_the_address(client, settings):
    settings.TRUSTED_PROXY_COUNT = 0
    for n in range(3):
        log_in(client, f"someone{n}", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}


def test_behind_a_trusted_proxy_the_client_address_is_the_one_the_proxy_saw(client, settings, requester):
    settings.TRUSTED_PROXY_COUNT = 1
    # The client forges the left part; the proxy appends the address it really saw.
    for n in range(3):
        log_in(client, f"someone{n}", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.9")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    other_client = {"REMOTE_ADDR": "10.0.0.2", "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    assert log_in(client, requester.username, PASSWORD, **other_client) == 302  # same proxy, other client


def test_an_admin_unlocks_a_locked_user(client, requester):
    for _ in range(3):
        log_in(client, requester.username)
    assert log_in(client, requester.username, PASSWORD) == LOCKED
    call_command("axes_reset_username", requester.username)  # what deleting its access attempt in the admin does
    assert log_in(client, requester.username, PASSWORD) == 302


def test_factory_users_log_in_with_the_shared_password(client):
    user = UserFactory()
    assert log_in(client, user.username, PASSWORD) == 302
