"""Questionnaire upgrades, and "current" per questionnaire rather than per version of it.

An upgrade moves a vendor from help-desk privacy v1 to v2; the newest assessment of the
questionnaire (its slug), whichever version, is the current one. The insert trigger and the
backfill of migration 0007 partitioned by template row, so a v2 assessment would have left
the v1 one current too; they now partition by the template's slug.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models



BACKFILL = """
UPDATE assessments_assessment SET is_current = ranked.n = 1
FROM (
    SELECT a.id, ROW_NUMBER() OVER (
        PARTITION BY a.vendor_id, t.slug ORDER BY a.created_at DESC, a.id DESC
    ) AS n
    FROM assessments_assessment a JOIN assessments_questionnairetemplate t ON t.id = a.template_id
) AS ranked
WHERE assessments_assessment.id = ranked.id AND assessments_assessment.is_current <> (ranked.n = 1)
"""
POSTGRES_TRIGGER = """
CREATE OR REPLACE FUNCTION vendorrisk_assessment_current() RETURNS trigger AS $$
BEGIN
    UPDATE assessments_assessment SET is_current = FALSE
        WHERE vendor_id = NEW.vendor_id AND is_current AND template_id IN (
            SELECT id FROM assessments_questionnairetemplate
            WHERE slug = (SELECT slug FROM assessments_questionnairetemplate WHERE id = NEW.template_id)
        );
    NEW.is_current := TRUE;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""
POSTGRES_TRIGGER_BEFORE = """
CREATE OR REPLACE FUNCTION vendorrisk_assessment_current() RETURNS trigger AS $$
BEGIN
    UPDATE assessments_assessment SET is_current = FALSE
        WHERE vendor_id = NEW.vendor_id AND template_id = NEW.template_id AND is_current;
    NEW.is_current := TRUE;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
"""


SQLITE_TRIGGER = """
CREATE TRIGGER assessments_assessment_current AFTER INSERT ON assessments_assessment BEGIN
    UPDATE assessments_assessment SET is_current = 0
        WHERE vendor_id = NEW.vendor_id AND id <> NEW.id AND is_current AND template_id IN (
            SELECT id FROM assessments_questionnairetemplate
            WHERE slug = (SELECT slug FROM assessments_questionnairetemplate WHERE id = NEW.template_id)
        );
    UPDATE assessments_assessment SET is_current = 1 WHERE id = NEW.id;
END
"""


def per_slug(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKFILL)
        schema_editor.execute(POSTGRES_TRIGGER)
    elif schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS assessments_assessment_current")
        schema_editor.execute(SQLITE_TRIGGER)


def per_template(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(POSTGRES_TRIGGER_BEFORE)


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0017_answer_changes_and_change_review'),
        ('policies', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='auditevent',
            name='kind',
            field=models.CharField(choices=[('vendor_created', 'Vendor registered'), ('vendor_updated', 'Vendor updated'), ('statement_added', 'Statement added'), ('job_done', 'Auto-fill finished'), ('job_failed', 'Auto-fill failed'), ('answer_changed', 'Answer changed'), ('answer_reviewed', 'Answer reviewed'), ('round_reopened', 'Review round reopened'), ('commented', 'Comment'), ('statement_retried', 'Statement retried'), ('transition', 'Status changed'), ('signoff', 'Signed off'), ('exported', 'Exported'), ('monitoring', 'Document monitoring'), ('upgraded', 'Questionnaire upgraded')], max_length=20),
        ),
        migrations.CreateModel(
            name='TemplateUpgrade',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kept', models.JSONField(default=list)),
                ('added', models.JSONField(default=list)),
                ('archived', models.JSONField(default=list)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('assessment', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='upgrades', to='assessments.assessment')),
                ('document', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='policies.statement')),
                ('from_assessment', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='upgraded_into', to='assessments.assessment')),
                ('from_template', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assessments.questionnairetemplate')),
                ('to_template', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='assessments.questionnairetemplate')),
            ],
            options={
                'ordering': ['created_at', 'id'],
                'constraints': [models.UniqueConstraint(fields=('assessment', 'to_template'), name='one_upgrade_per_version')],
            },
        ),
        migrations.AlterField(
            model_name='roundsupersession',
            name='reason',
            field=models.CharField(choices=[('answer_changed', 'An answer changed'), ('statement_changed', 'A new statement was read'), ('template_upgraded', 'The questionnaire was upgraded')], max_length=20),
        ),
        migrations.RunPython(per_slug, per_template),
    ]
