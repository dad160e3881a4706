"""TRUNCATE is refused on the trail too: sign-offs, round supersessions and audit events.

0004's row triggers do not fire on TRUNCATE, which empties a table in one statement. This
statement trigger refuses it for every role but a superuser: the test suite runs as one and
empties the database between transactional tests, and a superuser can drop any trigger
anyway. The app's own role (scripts/create_database.py) is no superuser and holds no
TRUNCATE privilege either, so it is refused twice over.
"""

from django.db import migrations

TABLES = ["assessments_signoff", "assessments_roundsupersession", "assessments_auditevent"]

FUNCTION = """
CREATE OR REPLACE FUNCTION vendorrisk_refuse_truncate() RETURNS trigger AS $$
BEGIN
    IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION '% rows are append-only: TRUNCATE refused', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def install(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION vendorrisk_refuse_truncate()"
        )


def remove(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_truncate ON {table}")
    schema_editor.execute("DROP FUNCTION IF EXISTS vendorrisk_refuse_truncate()")


class Migration(migrations.Migration):
    dependencies = [("assessments", "0008_signoff_digest_supersession")]

    operations = [migrations.RunPython(install, remove)]
