"""The app's database role cannot rewrite the trail: not by UPDATE, DELETE or TRUNCATE, not by
disabling the triggers, not by turning them off with session_replication_role.

The suite runs as that role (tests/conftest.py: the superuser of DATABASE_URL creates the roles
with scripts/create_database.py and the test database, the owner role migrates it, every
connection of the tests logs in as the app role). So these tests first ask the tests' own
connection who it is, then try each rewrite on it. The triggers are proven against the owner,
who holds every privilege on its tables and is still refused.
"""

from contextlib import closing
from urllib.parse import urlsplit

import psycopg2
import pytest
from django.db import DatabaseError, connection

from assessments.models import AuditEvent, SignOff
from tests.celery_worker import worker_database_url
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def roles(database_roles):
    assert database_roles is not None, "these tests need PostgreSQL"
    return database_roles


@pytest.fixture
def trail(reference_data, reviewer):
    assessment = AssessmentFactory()
    SignOff.objects.create(assessment=assessment, user=reviewer, role="Reviewer", decision="approve")
    AuditEvent.objects.create(vendor=assessment.vendor, kind=AuditEvent.Kind.VENDOR_CREATED, message="Registered.")


@pytest.fixture
def app_cursor(roles, trail):
    """The tests' own connection, the one every view, service and factory here uses."""
    with connection.cursor() as cursor:
        yield cursor


@pytest.fixture
def owner_cursor(roles, trail):
    with closing(roles.connect(roles.owner)) as owner, owner.cursor() as cursor:
        yield cursor


def refused(cursor, statement: str) -> str:
    with pytest.raises((DatabaseError, psycopg2.Error)) as caught:
        cursor.execute(statement)
    return str(caught.value)


def fetch(cursor, statement: str):
    cursor.execute(statement)
    return cursor.fetchone()


def test_the_tests_connect_as_the_app_role(roles, app_cursor):
    app_cursor.execute(
        "SELECT current_user, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls FROM pg_roles "
        "WHERE rolname = current_user"
    )
    assert app_cursor.fetchone() == (roles.app[0], False, False, False, False)
    assert fetch(app_cursor, "SELECT current_database()") == (roles.name,)
    # The owner created and migrated everything; the app role owns nothing and is not its member.
    assert fetch(app_cursor, "SELECT tableowner FROM pg_tables WHERE tablename = 'assessments_signoff'") == (
        roles.owner[0],
    )
    assert fetch(app_cursor, "SELECT count(*) FROM pg_tables WHERE tableowner = current_user") == (0,)
    assert fetch(app_cursor, f"SELECT pg_has_role(current_user, '{roles.owner[0]}', 'MEMBER')") == (False,)
    assert fetch(app_cursor, "SELECT count(*) FROM assessments_signoff") == (1,)
    # The Celery workers of worker and browser tests are given the same login.
    assert urlsplit(worker_database_url()).username == roles.app[0]


@pytest.mark.parametrize(
    "table",
    ["assessments_signoff", "assessments_auditevent", "assessments_roundsupersession", "assessments_reviewcomment"],
)
def test_the_app_role_cannot_update_delete_or_truncate_the_trail(app_cursor, table):
    assert "permission denied" in refused(app_cursor, f"UPDATE {table} SET created_at = now()")
    assert "permission denied" in refused(app_cursor, f"DELETE FROM {table}")
    assert "permission denied" in refused(app_cursor, f"TRUNCATE {table}")
    assert "must be owner" in refused(app_cursor, f"ALTER TABLE {table} DISABLE TRIGGER ALL")
    assert SignOff.objects.count() == 1 and AuditEvent.objects.count() == 1


def test_the_app_role_cannot_switch_the_triggers_off(app_cursor):
    assert "permission denied" in refused(app_cursor, "SET session_replication_role = replica")
    assert "must be owner" in refused(app_cursor, "ALTER TABLE assessments_signoff DISABLE TRIGGER USER")
    assert "must be owner" in refused(app_cursor, "DROP TRIGGER assessments_signoff_no_truncate ON assessments_signoff")


@pytest.mark.parametrize("table", ["assessments_signoff", "assessments_auditevent"])
def test_the_triggers_refuse_even_the_owner(owner_cursor, table):
    """The owner holds UPDATE, DELETE and TRUNCATE on its tables; the triggers still refuse it."""
    assert "append-only: UPDATE refused" in refused(owner_cursor, f"UPDATE {table} SET created_at = now()")
    assert "append-only: DELETE refused" in refused(owner_cursor, f"DELETE FROM {table}")
    assert "append-only: TRUNCATE refused" in refused(owner_cursor, f"TRUNCATE {table}")
    assert SignOff.objects.count() == 1 and AuditEvent.objects.count() == 1


def test_the_triggers_refuse_truncate_even_with_the_privilege(roles, owner_cursor, app_cursor):
    """Should a grant slip, the BEFORE TRUNCATE trigger still refuses anyone but a superuser."""
    app = roles.app[0]
    owner_cursor.execute(f"GRANT TRUNCATE ON assessments_signoff, assessments_auditevent TO {app}")
    try:
        for table in ("assessments_signoff", "assessments_auditevent"):
            assert "append-only: TRUNCATE refused" in refused(app_cursor, f"TRUNCATE {table}")
    finally:
        owner_cursor.execute(f"REVOKE TRUNCATE ON assessments_signoff, assessments_auditevent FROM {app}")
    assert SignOff.objects.count() == 1
