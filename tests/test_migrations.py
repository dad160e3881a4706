import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.conftest import login_as


class Migrations:
    """One app migrated back to a migration, then forward to the latest again; each step returns
    the historical models of the state it reached."""

    def __init__(self) -> None:
        self.latest = MigrationExecutor(connection).loader.graph.leaf_nodes()

    def back_to(self, app: str, name: str):
        return self._migrate([(app, name), *(node for node in self.latest if node[0] != app)])

    def forward(self):
        return self._migrate(self.latest)

    def _migrate(self, nodes):
        executor = MigrationExecutor(connection)
        executor.migrate(nodes)
        return executor.loader.project_state(nodes).apps


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
    migrations = Migrations()
    old = migrations.back_to("policies", "0001_initial")
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

    new = migrations.forward()
    migrated = new.get_model("policies", "Statement").objects.get(pk=statement.pk)
    assert migrated.kind_id == "privacy_statement"
    assert {field: getattr(migrated, field) for field in kept} == kept
    assert migrated.extracted_text == "We keep data."
    assert new.get_model("assessments", "Assessment").objects.get(pk=assessment.pk).statement_id == statement.pk


@pytest.mark.django_db(transaction=True)
def test_monitoring_watches_each_document_whose_newest_version_came_from_a_url(reference_data, as_owner):
    """Migrate back to before monitoring, store versions the old way, migrate forward: a kind
    whose newest version came from a URL is watched (due at once), one replaced by a file is not."""
    migrations = Migrations()
    old = migrations.back_to("policies", "0002_document_kinds")
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

    new = migrations.forward()
    watched = new.get_model("policies", "MonitoredDocument").objects.all()
    assert [(row.kind_id, row.url, row.last_sha256) for row in watched] == [
        ("dpa", "https://old.example/dpa-2025", "b" * 64)
    ]


@pytest.mark.django_db(transaction=True)
def test_current_becomes_per_questionnaire_not_per_version(reference_data, as_owner):
    """Before 0018 a vendor's v1 and v2 privacy assessments were both current (one per template
    row); after it only the newer one is, and a new assessment on either version takes over."""
    migrations = Migrations()
    old = migrations.back_to("assessments", "0017_answer_changes_and_change_review")
    User, Vendor = old.get_model("auth", "User"), old.get_model("assessments", "Vendor")
    Assessment = old.get_model("assessments", "Assessment")
    Template = old.get_model("assessments", "QuestionnaireTemplate")
    user = User.objects.create(username="olga")
    vendor = Vendor.objects.create(name="Two Versions", business_owner=user, created_by=user)
    v1, v2 = (Template.objects.get(slug="helpdesk-privacy", version=n) for n in (1, 2))
    art28 = Template.objects.get(slug="gdpr-art28")
    first = Assessment.objects.create(vendor=vendor, template=v1, created_by=user)
    second = Assessment.objects.create(vendor=vendor, template=v2, created_by=user)
    other = Assessment.objects.create(vendor=vendor, template=art28, created_by=user)
    assert Assessment.objects.filter(vendor=vendor, is_current=True).count() == 3

    migrations.forward()
    from assessments.models import Assessment as Current

    assert set(Current.objects.filter(vendor_id=vendor.pk, is_current=True).values_list("pk", flat=True)) == {
        second.pk,
        other.pk,
    }
    third = Current.objects.create(vendor_id=vendor.pk, template_id=v1.pk, created_by_id=user.pk)
    assert set(Current.objects.filter(vendor_id=vendor.pk, is_current=True).values_list("pk", flat=True)) == {
        third.pk,
        other.pk,
    }
    assert not Current.objects.get(pk=first.pk).is_current
