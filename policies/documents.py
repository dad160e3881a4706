"""The kinds of vendor document the product ships with, and the one place that creates them.

Kinds are rows (:class:`policies.models.DocumentKind`), so an admin can add one without a
release; these four are the ones the questionnaires and the sub-processor reader know.
Migration 0002 creates them through :func:`document_kinds_ensure` with its historical model.
"""

from django.apps import apps as global_apps

STANDARD_KINDS = (
    {
        "key": "privacy_statement",
        "name": "Privacy statement",
        "description": "The vendor's public privacy statement or privacy policy.",
        "position": 10,
    },
    {
        "key": "dpa",
        "name": "DPA",
        "description": "The data processing agreement (GDPR Art. 28 terms) the customer signs with the vendor.",
        "position": 20,
    },
    {
        "key": "subprocessor_list",
        "name": "Sub-processor list",
        "description": "The vendor's list of sub-processors: who, for what, and where.",
        "position": 30,
    },
    {
        "key": "security_page",
        "name": "Security page",
        "description": "The vendor's security or trust page: certifications, hosting, encryption.",
        "position": 40,
    },
)


def document_kinds_ensure(*, apps=global_apps) -> None:
    """Create the standard kinds that are missing; leave edited or added ones alone."""
    DocumentKind = apps.get_model("policies", "DocumentKind")
    for kind in STANDARD_KINDS:
        DocumentKind.objects.get_or_create(key=kind["key"], defaults=kind)
