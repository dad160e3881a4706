"""Loading the questionnaire from its versioned data file into the database."""

from __future__ import annotations

import json
from pathlib import Path

from django.apps import apps as global_apps

QUESTIONNAIRE_DIR = Path(__file__).resolve().parent / "questionnaires"
DEFAULT_QUESTIONNAIRE = QUESTIONNAIRE_DIR / "helpdesk-privacy-v1.json"


def questionnaire_read(path: Path = DEFAULT_QUESTIONNAIRE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def questionnaire_load(*, data: dict, make_default: bool = True, apps=global_apps):
    """Create the template described by ``data`` unless that slug and version exist.

    ``apps`` lets a data migration pass its historical models. Returns the template.
    """
    Template = apps.get_model("assessments", "QuestionnaireTemplate")
    Section = apps.get_model("assessments", "Section")
    Question = apps.get_model("assessments", "Question")
    template, created = Template.objects.get_or_create(
        slug=data["slug"],
        version=data["version"],
        defaults={"title": data["title"], "required_signoff_roles": data["required_signoff_roles"]},
    )
    if not created:
        return template
    if make_default:
        Template.objects.filter(is_default=True).update(is_default=False)
        template.is_default = True
        template.save(update_fields=["is_default"])
    sections = {
        item["key"]: Section.objects.create(template=template, key=item["key"], title=item["title"], position=i)
        for i, item in enumerate(data["sections"])
    }
    Question.objects.bulk_create(
        Question(
            template=template,
            section=sections[item["section"]],
            key=item["key"],
            text=item["text"],
            answer_type=item["type"],
            choices=item.get("choices", []),
            risk_rules=item.get("risk_rules", []),
            position=i,
        )
        for i, item in enumerate(data["questions"])
    )
    return template
