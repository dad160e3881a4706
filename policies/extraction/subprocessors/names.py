"""Entity names: cleaning a cell into a name, telling names from sentences, and folding for comparison."""
from __future__ import annotations

import re
import unicodedata

from policies.extraction.subprocessors.locations import find_locations

# Legal-form suffixes, folded (lower case, no punctuation). Used to strip names for
# matching and as a strong sign that a phrase is an entity.
LEGAL_SUFFIXES = frozenset(
    "inc incorporated ltd limited llc llp lp plc gmbh ag kg sa sas sarl sàrl bv nv oy ab as aps spa srl "
    "pty pte co corp corporation company kk ulc sl sro oü ou se kft bhd".split()
)
_LEGAL_TAIL = re.compile(
    r",?\s+(?:Inc|Incorporated|Ltd|Limited|LLC|L\.L\.C|LLP|L\.P|LP|PLC|plc|GmbH|AG|KG|S\.A|SA|SAS|S\.A\.S|SARL|S\.à\.r\.l|"
    r"B\.V|BV|N\.V|NV|sp\.\s?z\s?o\.o|Oy|AB|AS|A/S|ApS|S\.p\.A|SpA|S\.r\.l|Srl|Pty|Pte|Co|Corp|Corporation|K\.K|ULC|S\.L|s\.r\.o|OÜ|SE|Kft|PBC)\b\.?",
)
# A name ending in legal forms ("Atlassian Pty Ltd", "Stripe, Inc.") followed by more words.
_NAME_THEN_REST = re.compile(rf"^(?P<name>[^,;|]{{2,60}}?(?:{_LEGAL_TAIL.pattern})+)\s+(?P<rest>\S.*)$")
_FOOTNOTE = re.compile(r"(?:\s*(?:\[\d{1,2}\]|[*†‡§¹²³⁴⁵⁶⁷⁸⁹⁰]+|\(\d{1,2}\)))+\s*$")
_URL = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|io|net|org|ai|co|de|eu|uk|ie|fr)(?:/\S*)?\b", re.I)
_PLACE_IN_BRACKETS = re.compile(r"\s*\(([^()]{2,40})\)")
_LABEL = re.compile(r"^(?:name|entity|sub-?processor|vendor|provider|company)\s*:\s*", re.I)
# Words that open sentences, notes and change-log lines, never an entity's name.
_NOT_A_NAME_START = frozenset(
    "we our you your this these those it if for to in on at as by all any each please note notes last updated "
    "effective date version changes change added removed updated see click learn contact list following "
    "customer customers subscribe sign when where how what why who there here such no not none n/a na "
    "other others total page table from since between copyright © (c) registered office offices headquarters "
    "address phone tel email e-mail fax".split()
)
# A line made only of these words is a label ("Data centre location: Dublin"), not an entity.
_LABEL_WORDS = frozenset(
    "headquarters hq address location locations country countries region regions office offices data center "
    "centre centers centres hosting hosted entity registered seat contact main establishment legal primary "
    "secondary backup processing storage place of".split()
)
_SENTENCE_WORDS = re.compile(
    r"\b(?:is|are|was|were|will|may|might|shall|must|can|could|would|should|has|have|had|do|does|"
    r"we|our|us|you|your|they|their|which|that|this|these|please)\b",
    re.I,
)
_HEADER_WORDS = frozenset(
    "name sub-processor subprocessor sub-processors subprocessors vendor vendors provider providers entity "
    "company purpose location country countries region service services function description website url "
    "data processed affiliates affiliate category".split()
)
_DATE = re.compile(
    r"\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})\b",
    re.I,
)


def clean_name(cell: str) -> str:
    """The entity's name from a name cell: first line, no footnote marks, links or labels."""
    lines = [line.strip() for line in cell.split("\n") if line.strip() and not _URL.fullmatch(line.strip())]
    if not lines:
        return ""
    name = _LABEL.sub("", lines[0])
    name = re.sub(r"\s*\((?:[^()]*\.(?:com|io|net|org|ai)[^()]*|https?://[^()]*)\)", "", name)
    name = _URL.sub("", name) if not _URL.fullmatch(name) else name
    name = _FOOTNOTE.sub("", name)
    name = _PLACE_IN_BRACKETS.sub(lambda m: "" if _only_places(m.group(1)) else m.group(), name)
    return name.strip(" \t*_-–—:;,|").strip()


def fold(name: str) -> str:
    """Lower case, accents and punctuation gone, legal suffixes stripped: the key names match on."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(char for char in text if not unicodedata.combining(char)).lower()
    words = re.sub(r"[^\w\s]|_", " ", text.replace(".", "")).split()
    while len(words) > 1 and words[-1] in LEGAL_SUFFIXES:
        words.pop()
    return " ".join(words)


def split_after_legal_suffix(line: str) -> tuple[str, str] | None:
    """("Stripe, Inc.", "Payments United States") from a line whose cells lost their borders."""
    match = _NAME_THEN_REST.match(line)
    return (match.group("name"), match.group("rest")) if match else None


def has_legal_suffix(name: str) -> bool:
    return _LEGAL_TAIL.search(name) is not None


def looks_like_name(name: str, *, max_words: int = 9) -> bool:
    """Whether ``name`` can be an entity: short, capitalised, not a sentence, date, header or place."""
    words = name.split()
    if not words or len(words) > max_words or len(name) > 90 or len(name) < 2:
        return False
    if not (name[0].isupper() or name[0].isdigit()):
        return False
    first = words[0].lower().strip(",:;.()")
    if first in _NOT_A_NAME_START or name.lower().strip(" :") in _HEADER_WORDS:
        return False
    if _DATE.search(name) or name.endswith(":") or name.endswith("?"):
        return False
    if all(word.lower().strip(",:;.()") in _LABEL_WORDS for word in words):
        return False
    if not has_legal_suffix(name) and (_SENTENCE_WORDS.search(name) or _lowercase_word(words)):
        return False
    place = find_locations(name, codes=True)
    return not (place and fold(name) in {fold(p) for p in (*place.countries, *place.regions)} or _only_places(name))


_CONNECTORS = frozenset("of and & de la le du der für for the y e di da van von".split())


def _lowercase_word(words: list[str]) -> bool:
    """"Identity management" is a description; names capitalise their words ("Help Scout")."""
    return any(word[0].islower() and word.lower() not in _CONNECTORS and "." not in word for word in words[1:])


def _only_places(name: str) -> bool:
    remainder = re.sub(r"[\s,;/&()-]+", " ", name)
    located = find_locations(remainder)
    if not located:
        return False
    from policies.extraction.subprocessors.locations import _name_pattern

    return not _name_pattern().sub("", remainder).strip(" ,.and")
