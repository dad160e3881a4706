"""Personas and shared fixtures: a requester, a reviewer, an approver, an admin and an outsider;
and the test database, created, migrated and used by the roles the app runs with."""

from __future__ import annotations

import importlib.util
import os
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from urllib.parse import quote

import psycopg2
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.db.backends.postgresql.operations import DatabaseOperations
from psycopg2 import sql

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


# The test database, used as the app uses its own (README, "The database refuses too").
# DATABASE_URL names a PostgreSQL superuser (scripts/test.sh: postgres@127.0.0.1); it creates the
# two roles (scripts/create_database.py: idempotent, never dropped, shared by every database on the
# server) and an empty test database owned by the owner role, which migrates it. Then every
# connection of the tests, of the live server and of the Celery workers logs in as the app role:
# no superuser, owner of nothing. One step cannot run as that role: emptying the database after a
# transactional test, a TRUNCATE of every table that the trail's triggers refuse to anyone but a
# superuser (assessments migration 0009). That flush alone runs on a superuser connection of its own.
CREATE_DATABASE = Path(__file__).resolve().parents[1] / "scripts" / "create_database.py"
Login = tuple[str, str | None]  # user, password


def create_database_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("create_database", CREATE_DATABASE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class DatabaseRoles:
    """The three logins on the test database: the superuser of ``DATABASE_URL``, the owner role
    and the app role (named by scripts/create_database.py)."""

    host: str
    port: int
    name: str  # "test_" + the database in DATABASE_URL (+ pytest-xdist's suffix)
    superuser: Login
    owner: Login
    app: Login
    script: ModuleType

    def connect(self, login: Login, *, dbname: str | None = None, autocommit: bool = True):
        user, password = login
        conn = psycopg2.connect(
            host=self.host, port=self.port, user=user, password=password, dbname=dbname or self.name
        )
        conn.autocommit = autocommit
        return conn

    def superuser_url(self) -> str:
        user, password = self.superuser
        secret = f":{quote(password, safe='')}" if password else ""
        return f"postgres://{quote(user, safe='')}{secret}@{self.host}:{self.port}/{quote(self.name, safe='')}"


@pytest.fixture(scope="session")
def database_roles(django_db_modify_db_settings) -> DatabaseRoles | None:
    """None when the tests run on SQLite, which has no roles."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        return None
    script = create_database_script()
    return DatabaseRoles(
        host=db["HOST"] or "127.0.0.1",
        port=int(db["PORT"] or 5432),
        name=connection.creation._get_test_db_name(),
        superuser=(db["USER"], db["PASSWORD"] or None),
        owner=(script.OWNER, script.OWNER_PASSWORD),
        app=(script.APP, script.APP_PASSWORD),
        script=script,
    )


def login_as(login: Login) -> None:
    """Every later connection to the default database logs in as this user: the live server's
    threads and the workers (tests/celery_worker.py) read the same settings."""
    connections.close_all()
    for target in (settings.DATABASES["default"], connection.settings_dict):
        target["USER"], target["PASSWORD"] = login[0], login[1] or ""


def superuser_required(roles: DatabaseRoles) -> None:
    with closing(roles.connect(roles.superuser, dbname="postgres")) as conn, conn.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone() != (True,):
            pytest.fail(
                f"DATABASE_URL logs in as {roles.superuser[0]!r}, which is not a PostgreSQL superuser. The tests "
                "need one: it creates the app's roles and the test database, and empties it between "
                "transactional tests. scripts/test.sh uses postgres@127.0.0.1:5432.",
                pytrace=False,
            )


def drop_test_database(roles: DatabaseRoles) -> None:
    connections.close_all()
    with closing(roles.connect(roles.superuser, dbname="postgres")) as conn, conn.cursor() as cursor:
        # FORCE: a live server thread or a worker of this run may still hold a connection.
        cursor.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(roles.name)))


def flush_as_superuser(roles: DatabaseRoles):
    """Django's flush (after each transactional test) on a superuser connection of its own."""
    original = DatabaseOperations.execute_sql_flush

    def execute_sql_flush(ops, sql_list):
        if ops.connection.alias != "default":
            return original(ops, sql_list)
        with closing(roles.connect(roles.superuser, autocommit=False)) as conn, conn, conn.cursor() as cursor:
            # A test that left a transaction open would make TRUNCATE wait for ever: say so instead.
            cursor.execute("SET LOCAL lock_timeout = '30s'")
            for statement in sql_list:
                cursor.execute(statement)

    return execute_sql_flush


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_keepdb, django_db_createdb, database_roles
):
    """pytest-django's set-up of the test database, with the app's roles (see above)."""
    from django.test.utils import setup_databases, teardown_databases

    verbosity = request.config.option.verbose
    keepdb = django_db_keepdb and not django_db_createdb
    if database_roles is None:  # SQLite: pytest-django's own set-up
        with django_db_blocker.unblock():
            config = setup_databases(verbosity=verbosity, interactive=False, keepdb=keepdb)
        yield
        if not keepdb:
            with django_db_blocker.unblock():
                teardown_databases(config, verbosity=verbosity)
        return

    roles = database_roles
    with django_db_blocker.unblock():
        superuser_required(roles)
        if not keepdb:
            drop_test_database(roles)
        roles.script.database_setup(roles.superuser_url())  # the roles, and the database owned by the owner
        login_as(roles.owner)
        # keepdb: Django finds the database just made instead of creating one, and migrates it.
        setup_databases(
            verbosity=verbosity, interactive=False, keepdb=True, aliases={"default"}, serialized_aliases=set()
        )
        roles.script.database_setup(roles.superuser_url())  # again: the app role's grants on the new tables
        login_as(roles.app)
    patch = pytest.MonkeyPatch()
    patch.setattr(DatabaseOperations, "execute_sql_flush", flush_as_superuser(roles))
    yield
    patch.undo()
    if not keepdb:
        with django_db_blocker.unblock():
            drop_test_database(roles)


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
