"""The data migration that ships help-desk privacy v2 and gdpr-art28 froze their copies."""
from __future__ import annotations

import importlib

import pytest

from assessments.models import QuestionnaireTemplate
from assessments.questionnaire import questionnaire_find

pytestmark = pytest.mark.django_db
MIGRATION = importlib.import_module("assessments.migrations.0013_templates_name_detector_sets_ship_v2_and_art28")


@pytest.mark.parametrize("name", ["helpdesk-privacy-v2", "gdpr-art28-v1"])
def test_the_shipped_template_is_in_the_database_as_frozen(name: str) -> None:
    data = questionnaire_find(name)
    template = QuestionnaireTemplate.objects.get(slug=data["slug"], version=data["version"])
    assert not template.is_default
    assert template.detector_set == data["detector_set"] and template.document_kinds == data["document_kinds"]
    questions = list(template.questions.values_list("key", "answer_type", "risk_rules"))
    assert questions == [(q["key"], q["type"], q["risk_rules"]) for q in data["questions"]]


def test_the_template_files_still_match_what_the_migration_froze() -> None:
    # Editing a shipped template changes history: make a new version (file and migration) instead.
    assert MIGRATION.HELPDESK_PRIVACY_V2 == questionnaire_find("helpdesk-privacy-v2")
    assert MIGRATION.GDPR_ART28_V1 == questionnaire_find("gdpr-art28-v1")


def test_v1_stays_the_default_and_names_its_inputs() -> None:
    default = QuestionnaireTemplate.objects.get(is_default=True)
    assert (default.slug, default.version) == ("helpdesk-privacy", 1)
    assert default.detector_set == "helpdesk-privacy-v1" and default.document_kinds == ["privacy_statement"]
