"""The app's database role cannot rewrite the trail: not by UPDATE, DELETE or TRUNCATE, not by
disabling the triggers, not by turning them off with session_replication_role.

The suite itself runs as the postgres superuser (pytest-django creates the test database);
this test gives the test database the grants of scripts/create_database.py for a role of its
own and connects as that role with psycopg2.
"""

import importlib.util
from contextlib import closing
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from assessments.models import AuditEvent, SignOff
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db(transaction=True)

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "create_database.py"
APP_ROLE = "vendorrisk_app_test"  # not the real app role: the roles are shared by the whole server


def load_script():
    spec = importlib.util.spec_from_file_location("create_database", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def server_connection(user: str, dbname: str):
    settings = connection.settings_dict
    conn = psycopg2.connect(
        host=settings["HOST"] or "127.0.0.1",
        port=settings["PORT"] or 5432,
        user=user,
        password=settings["PASSWORD"] if user == settings["USER"] else load_script().APP_PASSWORD,
        dbname=dbname,
    )
    conn.autocommit = True
    return conn


@pytest.fixture
def app_cursor(reference_data, reviewer):
    script = load_script()
    name, superuser = connection.settings_dict["NAME"], connection.settings_dict["USER"]
    with closing(server_connection(superuser, name)) as admin, admin.cursor() as cursor:
        script.role_ensure(cursor, APP_ROLE, script.APP_PASSWORD)
        script.app_grant(cursor, dbname=name, owner=superuser, app=APP_ROLE)
    assessment = AssessmentFactory()
    SignOff.objects.create(assessment=assessment, user=reviewer, role="Reviewer", decision="approve")
    AuditEvent.objects.create(vendor=assessment.vendor, kind=AuditEvent.Kind.VENDOR_CREATED, message="Registered.")
    with closing(server_connection(APP_ROLE, name)) as app, app.cursor() as cursor:
        yield cursor


def refused(cursor, statement: str) -> str:
    with pytest.raises(psycopg2.Error) as caught:
        cursor.execute(statement)
    return str(caught.value)


def test_the_app_role_reads_and_appends(app_cursor):
    app_cursor.execute("SELECT count(*) FROM assessments_signoff")
    assert app_cursor.fetchone() == (1,)
    app_cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    assert app_cursor.fetchone() == (False,)


@pytest.mark.parametrize("table", ["assessments_signoff", "assessments_auditevent", "assessments_roundsupersession"])
def test_the_app_role_cannot_update_delete_or_truncate_the_trail(app_cursor, table):
    assert "permission denied" in refused(app_cursor, f"UPDATE {table} SET created_at = now()")
    assert "permission denied" in refused(app_cursor, f"DELETE FROM {table}")
    assert "permission denied" in refused(app_cursor, f"TRUNCATE {table}")
    assert "must be owner" in refused(app_cursor, f"ALTER TABLE {table} DISABLE TRIGGER ALL")
    assert SignOff.objects.count() == 1 and AuditEvent.objects.count() == 1


def test_the_app_role_cannot_switch_the_triggers_off(app_cursor):
    assert "permission denied" in refused(app_cursor, "SET session_replication_role = replica")
    assert "must be owner" in refused(app_cursor, "ALTER TABLE assessments_signoff DISABLE TRIGGER USER")


def test_the_triggers_refuse_truncate_even_with_the_privilege(app_cursor):
    """Should a grant slip, the BEFORE TRUNCATE trigger still refuses anyone but a superuser."""
    name, superuser = connection.settings_dict["NAME"], connection.settings_dict["USER"]
    with closing(server_connection(superuser, name)) as admin, admin.cursor() as cursor:
        cursor.execute(f"GRANT TRUNCATE ON assessments_signoff, assessments_auditevent TO {APP_ROLE}")
    try:
        for table in ("assessments_signoff", "assessments_auditevent"):
            assert "append-only: TRUNCATE refused" in refused(app_cursor, f"TRUNCATE {table}")
    finally:
        with closing(server_connection(superuser, name)) as admin, admin.cursor() as cursor:
            cursor.execute(f"REVOKE TRUNCATE ON assessments_signoff, assessments_auditevent FROM {APP_ROLE}")
    assert SignOff.objects.count() == 1
