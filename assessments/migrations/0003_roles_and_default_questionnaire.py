from django.db import migrations

from assessments.questionnaire import questionnaire_load, questionnaire_read

ROLE_GROUPS = ["Requester", "Reviewer", "Approver", "Admin"]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


def load_default_questionnaire(apps, schema_editor):
    questionnaire_load(data=questionnaire_read(), apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0002_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(create_role_groups, migrations.RunPython.noop),
        migrations.RunPython(load_default_questionnaire, migrations.RunPython.noop),
    ]
