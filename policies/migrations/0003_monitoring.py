"""Monitoring of documents obtained from a URL: a row per (vendor, kind) whose newest version came
from a URL, and per-vendor settings (interval, paused).

Existing URL documents are monitored from now on: each gets a row due at once, so the first
sweep after the deploy checks them (an unchanged page only updates "checked at").
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def monitor_existing_url_documents(apps, schema_editor):
    from django.utils import timezone

    Statement = apps.get_model("policies", "Statement")
    MonitoredDocument = apps.get_model("policies", "MonitoredDocument")
    newest = {}
    for statement in Statement.objects.order_by("vendor_id", "kind_id", "-version"):
        newest.setdefault((statement.vendor_id, statement.kind_id), statement)
    now = timezone.now()
    MonitoredDocument.objects.bulk_create(
        MonitoredDocument(
            vendor_id=statement.vendor_id, kind_id=statement.kind_id, url=statement.source_url,
            last_sha256=statement.sha256, next_check_at=now,
        )
        for statement in newest.values()
        if statement.source == "url" and statement.source_url
    )


class Migration(migrations.Migration):

    dependencies = [
        ('assessments', '0015_webhooks'),
        ('policies', '0002_document_kinds'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='MonitoredDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('url', models.URLField(max_length=2000)),
                ('last_sha256', models.CharField(blank=True, max_length=64)),
                ('checked_at', models.DateTimeField(blank=True, null=True)),
                ('changed_at', models.DateTimeField(blank=True, null=True)),
                ('next_check_at', models.DateTimeField()),
                ('claimed_at', models.DateTimeField(blank=True, null=True)),
                ('failures', models.PositiveIntegerField(default=0)),
                ('last_error', models.TextField(blank=True)),
                ('failed_at', models.DateTimeField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('kind', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='policies.documentkind', to_field='key')),
                ('vendor', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='monitored_documents', to='assessments.vendor')),
            ],
            options={
                'ordering': ['vendor', 'kind__position'],
                'indexes': [models.Index(fields=['next_check_at'], name='monitored_document_due')],
                'constraints': [models.UniqueConstraint(fields=('vendor', 'kind'), name='monitored_document_per_kind')],
            },
        ),
        migrations.CreateModel(
            name='VendorMonitoring',
            fields=[
                ('vendor', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='monitoring', serialize=False, to='assessments.vendor')),
                ('every_days', models.PositiveSmallIntegerField(blank=True, help_text='Days between checks; empty for the default.', null=True)),
                ('paused_at', models.DateTimeField(blank=True, null=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('paused_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'constraints': [models.CheckConstraint(condition=models.Q(('every_days__isnull', True), models.Q(('every_days__gte', 1), ('every_days__lte', 365)), _connector='OR'), name='vendor_monitoring_every_1_365_days')],
            },
        ),
        migrations.RunPython(monitor_existing_url_documents, migrations.RunPython.noop),
    ]
