"""Sign-offs and audit events are append-only, enforced by the database itself.

A trigger refuses UPDATE and DELETE on both tables, so neither the app, the admin nor a
stray shell can rewrite the record an auditor relies on.
"""
from django.db import migrations

TABLES = ["assessments_signoff", "assessments_auditevent"]

POSTGRES_FUNCTION = """
CREATE OR REPLACE FUNCTION vendorrisk_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% rows are append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def install_triggers(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(POSTGRES_FUNCTION, params=None)
    for table in TABLES:
        for operation in ("UPDATE", "DELETE"):
            name = f"{table}_no_{operation.lower()}"
            if vendor == "postgresql":
                schema_editor.execute(
                    f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                    "FOR EACH ROW EXECUTE FUNCTION vendorrisk_refuse_change()"
                )
            elif vendor == "sqlite":
                schema_editor.execute(
                    f"CREATE TRIGGER {name} BEFORE {operation} ON {table} "
                    f"BEGIN SELECT RAISE(ABORT, '{table} rows are append-only'); END"
                )


def remove_triggers(apps, schema_editor):
    for table in TABLES:
        for operation in ("update", "delete"):
            suffix = f" ON {table}" if schema_editor.connection.vendor == "postgresql" else ""
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_{operation}{suffix}")


class Migration(migrations.Migration):
    dependencies = [("assessments", "0003_roles_and_default_questionnaire")]

    operations = [migrations.RunPython(install_triggers, remove_triggers)]
