"""How answer values read to a person: one table used by the PDF and the pages.

The stored values are codes (``not_stated``, ``yes``, ``specific``, ``direct``); a reader of
the filed PDF should never meet one. Dates and e-mail addresses read as themselves.
"""

from __future__ import annotations

VALUE_LABELS = {
    "not_stated": "Not stated",
    "yes": "Yes",
    "no": "No",
    "specific": "Specific",
    "vague": "Vague",
    # policy.change_notice
    "direct": "Told directly",
    "posted": "Posted on the site only",
}


def value_label(value: str | None) -> str:
    """The words for a stored answer value; an unknown code reads with its underscores as spaces."""
    if not value:
        return VALUE_LABELS["not_stated"]
    if value in VALUE_LABELS:
        return VALUE_LABELS[value]
    if "@" in value or value[:1].isdigit():
        return value
    return value.replace("_", " ").capitalize()
