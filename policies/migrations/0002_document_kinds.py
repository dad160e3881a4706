"""Document kinds: every existing statement becomes a version of the privacy statement kind.

The four standard kinds are created before the column is added, so the column's default
(``privacy_statement``) points at a row that exists; each existing statement keeps its file,
hash, version number and assessment links.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def create_kinds(apps, schema_editor):
    from policies.documents import document_kinds_ensure

    document_kinds_ensure(apps=apps)


class Migration(migrations.Migration):

    dependencies = [
        ('policies', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='DocumentKind',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('key', models.SlugField(max_length=40, unique=True)),
                ('name', models.CharField(max_length=80)),
                ('description', models.CharField(blank=True, max_length=300)),
                ('position', models.PositiveSmallIntegerField(default=100)),
                ('expected', models.BooleanField(default=True)),
            ],
            options={
                'ordering': ['position', 'name'],
            },
        ),
        migrations.RunPython(create_kinds, migrations.RunPython.noop),
        migrations.AlterModelOptions(
            name='statement',
            options={'ordering': ['vendor', 'kind', '-version'], 'verbose_name': 'document version'},
        ),
        migrations.RemoveConstraint(
            model_name='statement',
            name='statement_version_unique',
        ),
        migrations.AddField(
            model_name='statement',
            name='kind',
            field=models.ForeignKey(default='privacy_statement', on_delete=django.db.models.deletion.PROTECT, related_name='versions', to='policies.documentkind', to_field='key'),
        ),
        migrations.AddConstraint(
            model_name='statement',
            constraint=models.UniqueConstraint(fields=('vendor', 'kind', 'version'), name='statement_kind_version_unique'),
        ),
    ]
