"""Whether a sub-processor processes customer content: "yes", "no" or "not_stated".

Only what the document says counts. A hosting provider almost certainly stores customer
data, but a list that does not say so is "not_stated": the reviewer must see the gap.
"""
from __future__ import annotations

import re
from enum import StrEnum


class CustomerContent(StrEnum):
    YES = "yes"
    NO = "no"
    NOT_STATED = "not_stated"


_YES_CELL = re.compile(r"^(?:yes|y|true|x|✓|✔|✔️|☑|●|included)\b", re.I)
_NO_CELL = re.compile(r"^(?:no|n|false|none|-|–|—|✗|✘|n/a|na|not applicable)\b\.?$|^no\b", re.I)
# Checked before the positive phrases: "no access to customer content" names customer content.
_NO_PHRASE = re.compile(
    r"\b(?:no|not|never|without|does\s+not\s+(?:process|access|store|have\s+access\s+to|receive))\b[^.;]{0,40}?"
    r"\b(?:customer|client|end[- ]user|service|personal)\s+(?:content|data)\b"
    r"|\b(?:metadata|billing\s+(?:contact\s+)?(?:data|information|details))\s+only\b",
    re.I,
)
_YES_PHRASE = re.compile(
    r"\b(?:customer|client|end[- ]user|service|ticket|support)\s+(?:content|data|conversations?|tickets?|messages?)\b"
    r"|\b(?:email|e-mail|message|ticket|call|chat)\s+(?:content|bodies|transcripts?|recordings?)\b"
    r"|\ball\s+(?:categories\s+of\s+)?(?:personal\s+)?data\b|\bcustomer\s+personal\s+data\b",
    re.I,
)


def content_from_cell(cell: str) -> CustomerContent:
    """A "customer data" column's value: yes/no marks, or a list of data categories."""
    value = cell.strip()
    if not value:
        return CustomerContent.NOT_STATED
    if _NO_CELL.match(value) or _NO_PHRASE.search(value):
        return CustomerContent.NO
    if _YES_CELL.match(value) or _YES_PHRASE.search(value):
        return CustomerContent.YES
    return CustomerContent.NOT_STATED


def content_from_text(text: str) -> CustomerContent:
    """Customer content mentioned in a row's or sentence's words, or not stated."""
    if _NO_PHRASE.search(text):
        return CustomerContent.NO
    if _YES_PHRASE.search(text):
        return CustomerContent.YES
    return CustomerContent.NOT_STATED
