import pytest
from django.core.management import call_command

from tests.conftest import login_as


@pytest.fixture
def as_owner(database_roles):
    """Migrations run as the owner role, as ``make run`` does; afterwards the app role's grants are
    given again (a table a migration re-creates has none) and the test's login is the app role's."""
    if database_roles is None:
        yield
        return
    login_as(database_roles.owner)
    try:
        yield
    finally:
        database_roles.script.database_setup(database_roles.superuser_url())
        login_as(database_roles.app)


@pytest.mark.django_db
def test_models_and_migrations_agree():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.django_db(transaction=True)
def test_document_kinds_keep_every_existing_statement_file_hash_and_assessment_link(reference_data, as_owner):
    """Migrate back to before document kinds, store a statement and its assessment the old way,
    migrate forward: the statement is version 1 of the privacy statement, nothing else changed."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [("policies", "0001_initial"), *(node for node in latest if node[0] != "policies")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    User, Vendor = old.get_model("auth", "User"), old.get_model("assessments", "Vendor")
    Statement, Assessment = old.get_model("policies", "Statement"), old.get_model("assessments", "Assessment")
    Template = old.get_model("assessments", "QuestionnaireTemplate")
    user = User.objects.create(username="olga")
    vendor = Vendor.objects.create(name="Old Vendor", business_owner=user, created_by=user)
    kept = {"version": 3, "source": "upload", "original_file": "statements/1/abc.bin", "sha256": "ab" * 32}
    statement = Statement.objects.create(vendor=vendor, created_by=user, extracted_text="We keep data.", **kept)
    assessment = Assessment.objects.create(
        vendor=vendor, statement=statement, created_by=user, template=Template.objects.get(is_default=True)
    )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    new = executor.loader.project_state(latest).apps
    migrated = new.get_model("policies", "Statement").objects.get(pk=statement.pk)
    assert migrated.kind_id == "privacy_statement"
    assert {field: getattr(migrated, field) for field in kept} == kept
    assert migrated.extracted_text == "We keep data."
    assert new.get_model("assessments", "Assessment").objects.get(pk=assessment.pk).statement_id == statement.pk


@pytest.mark.django_db(transaction=True)
def test_monitoring_watches_each_document_whose_newest_version_came_from_a_url(reference_data, as_owner):
    """Migrate back to before monitoring, store versions the old way, migrate forward: a kind
    whose newest version came from a URL is watched (due at once), one replaced by a file is not."""
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    before = [("policies", "0002_document_kinds"), *(node for node in latest if node[0] != "policies")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    User, Vendor = old.get_model("auth", "User"), old.get_model("assessments", "Vendor")
    Statement = old.get_model("policies", "Statement")
    user = User.objects.create(username="olga")
    vendor = Vendor.objects.create(name="Old Vendor", business_owner=user, created_by=user)
    versions = [
        ("dpa", 1, "url", "https://old.example/dpa", "a" * 64),
        ("dpa", 2, "url", "https://old.example/dpa-2025", "b" * 64),
        ("privacy_statement", 1, "url", "https://old.example/privacy", "c" * 64),
        ("privacy_statement", 2, "upload", "", "d" * 64),
    ]
    for kind, version, source, url, sha256 in versions:
        Statement.objects.create(
            vendor=vendor, kind_id=kind, version=version, source=source, source_url=url, sha256=sha256, created_by=user
        )

    executor = MigrationExecutor(connection)
    executor.migrate(latest)
    new = executor.loader.project_state(latest).apps
    watched = new.get_model("policies", "MonitoredDocument").objects.all()
    assert [(row.kind_id, row.url, row.last_sha256) for row in watched] == [
        ("dpa", "https://old.example/dpa-2025", "b" * 64)
    ]
