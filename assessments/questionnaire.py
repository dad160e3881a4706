"""Questionnaire templates: versioned data files, checked against the engine, loaded into the database.

Each file in ``questionnaires/`` is one template version, named ``<slug>-v<version>.json``. It
names the detector set that fills it (``detector_set``, a key of
:mod:`policies.extraction.detectorsets`) and the document kinds that feed it
(``document_kinds``). :func:`questionnaires_check` runs at start-up (``AssessmentsConfig.ready``):
a template whose question keys differ from its set's answer keys stops the app.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from django.apps import apps as global_apps

from policies.extraction.detectorsets import TemplateMismatch, template_check

QUESTIONNAIRE_DIR = Path(__file__).resolve().parent / "questionnaires"
DEFAULT_QUESTIONNAIRE = QUESTIONNAIRE_DIR / "helpdesk-privacy-v1.json"
# The kinds of vendor document a template may be filled from. Issue 12 item 1 makes document
# kinds a model; until then this is the vocabulary a template file is checked against.
DOCUMENT_KINDS = ("privacy_statement", "dpa", "subprocessor_list", "security_page")


class UnknownTemplate(LookupError):
    """No questionnaire file has that name."""


def questionnaire_read(path: Path = DEFAULT_QUESTIONNAIRE) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def questionnaire_name(data: dict) -> str:
    """``helpdesk-privacy-v2``: the slug and version a template is asked for by."""
    return f"{data['slug']}-v{data['version']}"


@cache
def questionnaire_files() -> dict[str, Path]:
    """Every template file by name, versions of one slug in ascending order."""
    found = {questionnaire_name(questionnaire_read(path)): path for path in QUESTIONNAIRE_DIR.glob("*.json")}
    return dict(sorted(found.items(), key=lambda item: _slug_version(item[0])))


def _slug_version(name: str) -> tuple[str, int]:
    slug, _, version = name.rpartition("-v")
    return slug, int(version)


def questionnaire_find(name: str) -> dict:
    """The template ``slug-vN``, or the latest version of ``slug``; :class:`UnknownTemplate` otherwise."""
    files = questionnaire_files()
    if name not in files:
        versions = [candidate for candidate in files if _slug_version(candidate)[0] == name]
        if not versions:
            raise UnknownTemplate(f"no questionnaire template {name!r} (known: {', '.join(files)})")
        name = versions[-1]
    return questionnaire_read(files[name])


def questionnaire_check(data: dict) -> None:
    """Raise :class:`TemplateMismatch` unless ``data``'s keys and document kinds fit its detector set."""
    name = questionnaire_name(data)
    template_check(
        name=name,
        set_key=data.get("detector_set", ""),
        question_keys=[question["key"] for question in data["questions"]],
    )
    unknown = sorted(set(data.get("document_kinds") or ["<none>"]) - set(DOCUMENT_KINDS))
    if unknown:
        raise TemplateMismatch(f"template {name}: unknown document kinds {', '.join(unknown)}")


def questionnaires_check() -> None:
    """Check every template file against the engine's detector sets (called at start-up)."""
    for path in questionnaire_files().values():
        questionnaire_check(questionnaire_read(path))


def questionnaire_load(*, data: dict, make_default: bool = True, apps=global_apps):
    """Create the template described by ``data`` unless that slug and version exist.

    ``apps`` lets a data migration pass its historical models. Returns the template.
    """
    Template = apps.get_model("assessments", "QuestionnaireTemplate")
    Section = apps.get_model("assessments", "Section")
    Question = apps.get_model("assessments", "Question")
    defaults = {"title": data["title"], "required_signoff_roles": data["required_signoff_roles"]}
    # Migration 0003 runs this with a historical model from before templates named their inputs.
    field_names = {field.name for field in Template._meta.get_fields()}
    inputs = ("detector_set", "document_kinds")
    defaults |= {name: data[name] for name in inputs if name in field_names and name in data}
    template, created = Template.objects.get_or_create(slug=data["slug"], version=data["version"], defaults=defaults)
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
