"""Create the PostgreSQL database and its two roles, and grant the app role what it needs.

    python scripts/create_database.py postgres://postgres@127.0.0.1:5432/vendorrisk

Run as a superuser (the URL's user); safe to run again, also by several processes at once
(the roles are shared by every database on the server and are never dropped), and run it
again after ``migrate`` so tables a migration created get the same grants. ``make run`` uses
it for its database, and tests/conftest.py for the test database (``test_`` + the name in
``DATABASE_URL``). The roles:

- ``vendorrisk_owner`` owns the database, the schema and every table; migrations run as it.
- ``vendorrisk_app`` is what the web server and the worker connect as: not a superuser, owns
  nothing, may SELECT/INSERT/UPDATE/DELETE rows and use sequences, and on the trail tables
  only SELECT and INSERT. It cannot TRUNCATE, disable triggers (only an owner may ALTER a
  table) or set ``session_replication_role`` (superusers only).

Names and passwords come from VENDORRISK_DB_OWNER / _OWNER_PASSWORD and VENDORRISK_DB_APP /
_APP_PASSWORD; the defaults are for development only.
"""

from __future__ import annotations

import os
import sys
from contextlib import closing
from urllib.parse import urlsplit

import psycopg2
from psycopg2 import sql

# Serialises role creation between processes: two ALTER ROLE at once fail with "tuple
# concurrently updated". Advisory locks belong to one database; everyone takes it in "postgres".
ROLES_LOCK = 0x7665_6E64  # "vend"

# Append-only tables: the app role may read and add rows, never change or remove them.
TRAIL_TABLES = [
    "assessments_signoff",
    "assessments_roundsupersession",
    "assessments_reviewcomment",
    "assessments_auditevent",
]
OWNER = os.environ.get("VENDORRISK_DB_OWNER", "vendorrisk_owner")
OWNER_PASSWORD = os.environ.get("VENDORRISK_DB_OWNER_PASSWORD", "vendorrisk-owner-dev")
APP = os.environ.get("VENDORRISK_DB_APP", "vendorrisk_app")
APP_PASSWORD = os.environ.get("VENDORRISK_DB_APP_PASSWORD", "vendorrisk-app-dev")


def connect(url: str, dbname: str | None = None):
    parts = urlsplit(url)
    connection = psycopg2.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username,
        password=parts.password,
        dbname=dbname or parts.path.lstrip("/"),
    )
    connection.autocommit = True
    return connection


def role_ensure(cursor, name: str, password: str) -> None:
    """Create a login role without any special power, or reset an existing one to that."""
    cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [name])
    verb = "ALTER" if cursor.fetchone() else "CREATE"
    powers = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"
    cursor.execute(sql.SQL(f"{verb} ROLE {{}} {powers} PASSWORD %s").format(sql.Identifier(name)), [password])


def database_ensure(cursor, name: str, owner: str) -> None:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cursor.fetchone() is None:
        cursor.execute(sql.SQL("CREATE DATABASE {} OWNER {}").format(sql.Identifier(name), sql.Identifier(owner)))
        print(f"Created database {name}.")
    else:
        cursor.execute(sql.SQL("ALTER DATABASE {} OWNER TO {}").format(sql.Identifier(name), sql.Identifier(owner)))


def schema_hand_over(cursor, owner: str) -> None:
    """Give the owner role the schema and any table an earlier run created as another role."""
    cursor.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(sql.Identifier(owner)))
    cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tableowner <> %s", [owner])
    for (table,) in cursor.fetchall():
        statement = sql.SQL("ALTER TABLE public.{} OWNER TO {}")
        cursor.execute(statement.format(sql.Identifier(table), sql.Identifier(owner)))


def app_grant(cursor, *, dbname: str, owner: str, app: str) -> None:
    """Rows only, for tables that exist and for those the owner creates later; the trail append-only."""
    ids = {"db": sql.Identifier(dbname), "owner": sql.Identifier(owner), "app": sql.Identifier(app)}
    for statement in [
        "REVOKE ALL ON DATABASE {db} FROM PUBLIC",
        "GRANT CONNECT, TEMPORARY ON DATABASE {db} TO {app}",
        "REVOKE CREATE ON SCHEMA public FROM PUBLIC",
        "GRANT USAGE ON SCHEMA public TO {app}",
        "GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {app}",
        "GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {app}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
        "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        "ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {app}",
    ]:
        cursor.execute(sql.SQL(statement).format(**ids))
    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY(%s)", [TRAIL_TABLES]
    )
    for (table,) in cursor.fetchall():
        cursor.execute(
            sql.SQL("REVOKE UPDATE, DELETE, TRUNCATE ON public.{} FROM {}").format(
                sql.Identifier(table), sql.Identifier(app)
            )
        )


def database_setup(url: str, *, owner: str = OWNER, app: str = APP) -> None:
    """The whole set-up against the database named in ``url``, connecting as its (super)user."""
    name = urlsplit(url).path.lstrip("/")
    # closing(), not the connection's own context manager: that one opens a transaction,
    # and CREATE DATABASE refuses to run inside one.
    with closing(connect(url, dbname="postgres")) as server, server.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [ROLES_LOCK])
        try:
            role_ensure(cursor, owner, OWNER_PASSWORD)
            role_ensure(cursor, app, APP_PASSWORD)
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [ROLES_LOCK])
        database_ensure(cursor, name, owner)
    with closing(connect(url)) as database, database.cursor() as cursor:
        schema_hand_over(cursor, owner)
        app_grant(cursor, dbname=name, owner=owner, app=app)


if __name__ == "__main__":
    database_setup(sys.argv[1])
