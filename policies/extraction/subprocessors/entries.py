"""Sub-processors written as lines rather than table rows.

Three forms, tried in this order on the lines no table claimed:

* field blocks: a name on its own line, then "Purpose: …", "Location: …" lines;
* list entries: "- Amazon Web Services, Inc. – cloud hosting – United States", or a
  plain line of the same shape, or "Stripe (payments, USA)";
* prose: "We use Google Cloud Platform to host customer data in Frankfurt, Germany."
"""
from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass

from policies.extraction.segment import segment
from policies.extraction.subprocessors.columns import Role, header_role
from policies.extraction.subprocessors.content import content_from_cell, content_from_text
from policies.extraction.subprocessors.locations import Locations, find_locations
from policies.extraction.subprocessors.model import Source, Subprocessor
from policies.extraction.subprocessors.names import (
    LEGAL_SUFFIXES,
    clean_name,
    fold,
    has_legal_suffix,
    looks_like_name,
    split_after_legal_suffix,
)
from policies.extraction.types import Span

_BULLET = re.compile(r"^(?:[-*+•]|\d{1,3}[.)])\s+")
_HEADING = re.compile(r"^#{1,6}\s+")
_FIELD = re.compile(r"^(?:[-*•]\s+)?([A-Za-z][A-Za-z /&()-]{1,40}?)\s*:\s+(\S.*)$")
# Between an entry's parts: a spaced dash, a colon, a semicolon or a tab.
_SEPARATOR = re.compile(r"\s+[–—-]\s+|\s*:\s+|;\s+|\t|\s+/\s+")
_PARENTHESES = re.compile(r"^(?P<name>[^()]+?)\s*\((?P<rest>[^()]{2,200})\)\s*[.;,]?\s*(?P<after>.*)$")
_LIST_CONTEXT = re.compile(
    r"sub-?\s?processors?|vendors?|providers?|third[- ]part|processors?|partners?|suppliers?|we use|following",
    re.I,
)
_PLACE_FILLER = re.compile(r"\b(?:and|or|the|in|hosted|located|based|data|cent(?:er|re)s?|region)\b|[^\w]", re.I)
_MAX_LINE_WORDS = 30
_MAX_BARE_NAME_WORDS = 6


@dataclass(frozen=True, slots=True)
class _Line:
    start: int
    end: int
    text: str


def _lines(text: str) -> list[_Line]:
    return [_Line(m.start(), m.end(), m.group().strip()) for m in re.finditer(r"[^\n]+", text) if m.group().strip()]


def _free(line: _Line, taken: list[tuple[int, int]]) -> bool:
    return not line.text.startswith("|") and " | " not in line.text and not any(
        start < line.end and line.start < end for start, end in taken
    )


def line_subprocessors(text: str, taken: list[tuple[int, int]]) -> list[Subprocessor]:
    """Field blocks and list entries among the lines outside ``taken`` spans."""
    lines = [line for line in _lines(text) if _free(line, taken)]
    found: list[Subprocessor] = []
    used: set[int] = set()
    context = ""
    for index, line in enumerate(lines):
        if index in used:
            continue
        block = _field_block(lines, index)
        if block is not None:
            record, last = block
            found.append(record)
            used.update(range(index, last + 1))
            continue
        record = _list_entry(line, context)
        if record is not None:
            found.append(record)
        elif found and index and found[-1].evidence.end == lines[index - 1].end and _details_of(found[-1], line):
            found[-1] = _with_details(found[-1], line)
        elif not _BULLET.match(line.text):
            context = line.text
    return found


# -- field blocks ----------------------------------------------------------------------


def _field_block(lines: list[_Line], index: int) -> tuple[Subprocessor, int] | None:
    title = lines[index]
    name = _title_name(title.text)
    fields: dict[Role, list[str]] = {}
    last = index
    for line in lines[index + 1 : index + 8]:
        match = _FIELD.match(line.text)
        role = header_role(match.group(1)) if match else None
        if match is None or role is None or role == Role.NAME:
            break
        fields.setdefault(role, []).append(match.group(2).strip())
        last = lines.index(line)
    if not name or last == index or not ({Role.PURPOSE, Role.LOCATION, Role.CONTENT} & set(fields)):
        return None
    location = "; ".join(fields.get(Role.LOCATION, []))
    places = find_locations(location, codes=True)
    purpose = "; ".join(fields.get(Role.PURPOSE, []))
    content_cells = fields.get(Role.CONTENT, [])
    content = content_from_cell(content_cells[0]) if content_cells else content_from_text(purpose)
    end = lines[last].end
    record = Subprocessor(
        name=name, purpose=purpose, countries=places.countries, regions=places.regions,
        customer_content=content, evidence=Span(title.start, end, ""), location=location, source=Source.FIELDS,
    )
    return record, last


def _title_name(line: str) -> str:
    body = _BULLET.sub("", _HEADING.sub("", line))
    match = _FIELD.match(body)
    if match and header_role(match.group(1)) == Role.NAME:
        body = match.group(2)
    elif match:
        return ""
    name = clean_name(body)
    return name if looks_like_name(name) else ""


# -- list entries ----------------------------------------------------------------------


def _list_entry(line: _Line, context: str) -> Subprocessor | None:
    bulleted = _BULLET.match(line.text) is not None
    body = _BULLET.sub("", line.text)
    if _HEADING.match(body) or len(body.split()) > _MAX_LINE_WORDS:
        return None
    parts = _entry_parts(body)
    name = clean_name(parts[0])
    if not looks_like_name(name, max_words=8):
        return None
    purpose, location, places = _roles_of(parts[1:])
    in_list = _LIST_CONTEXT.search(context) is not None
    if bulleted:
        accepted = bool(places) or (purpose and (in_list or has_legal_suffix(name))) or (
            not parts[1:] and in_list and len(name.split()) <= _MAX_BARE_NAME_WORDS
        )
    else:
        accepted = bool(places) and len(parts) > 1 and (has_legal_suffix(name) or len(name.split()) <= 5)
    if not accepted:
        return None
    return Subprocessor(
        name=name, purpose=purpose, countries=places.countries, regions=places.regions,
        customer_content=content_from_text(body), evidence=Span(line.start, line.end, ""),
        location=location, category=context if in_list else "", source=Source.LIST,
    )


def _details_of(record: Subprocessor, line: _Line) -> bool:
    """A bare name's next line giving its purpose and place (a <dt>/<dd> pair, a two-line card)."""
    bare = not record.purpose and not record.countries and not record.regions
    return bare and bool(find_locations(line.text)) and len(line.text.split()) <= _MAX_LINE_WORDS // 2


def _with_details(record: Subprocessor, line: _Line) -> Subprocessor:
    purpose, location, places = _roles_of(_entry_parts(_BULLET.sub("", line.text)))
    return dataclasses.replace(
        record, purpose=purpose, location=location, countries=places.countries, regions=places.regions,
        evidence=Span(record.evidence.start, line.end, ""),
    )


def _entry_parts(body: str) -> list[str]:
    """The name first, then the other parts of an entry; a part ending in ":" is a label."""
    outside = _outside_parentheses(body)
    matches = [match for match in _SEPARATOR.finditer(body) if outside[match.start()]]
    pieces = [body[a:b] for a, b in zip([0, *(m.end() for m in matches)], [*(m.start() for m in matches), len(body)],
                                          strict=True)]
    separators = [match.group() for match in matches]
    parts = [
        piece.strip() + (":" if index < len(separators) and ":" in separators[index] and index else "")
        for index, piece in enumerate(pieces)
        if piece.strip()
    ]
    if len(parts) == 1:
        parenthesised = _PARENTHESES.match(body)
        if parenthesised and not _is_alias(parenthesised.group("rest")):
            rest = re.split(r",\s+|;\s+", parenthesised.group("rest"))
            return [part for part in (parenthesised.group("name"), *rest, parenthesised.group("after")) if part]
        split = split_after_legal_suffix(body)
        if split is not None:  # a table row read as plain text: "Okta, Inc. Single sign-on United States"
            return [split[0], *_trailing_places(split[1])]
        return _comma_parts(body)
    return parts


def _trailing_places(rest: str) -> list[str]:
    """"Data warehouse Germany" -> ["Data warehouse", "Germany"]: the places that end the line."""
    from policies.extraction.subprocessors.locations import _name_pattern

    for match in _name_pattern().finditer(rest):
        tail = rest[match.start() :]
        if _mostly_places(tail):
            head = rest[: match.start()].strip(" ,;-")
            return [part for part in (head, tail) if part]
    return [rest]


def _outside_parentheses(body: str) -> list[bool]:
    depth, flags = 0, []
    for char in body:
        depth += char == "("
        flags.append(depth == 0)
        depth -= char == ")" and depth > 0
    return flags


def _is_alias(text: str) -> bool:
    """"(AWS)" after a name is its short name, not a purpose."""
    return bool(re.fullmatch(r"[A-Z][A-Za-z0-9&.-]{1,12}", text.strip())) and not find_locations(text, codes=True)


def _comma_parts(body: str) -> list[str]:
    """"Acme, Inc., hosting, Germany": commas separate parts, except before a legal suffix."""
    parts: list[str] = []
    for piece in (piece.strip() for piece in body.split(",")):
        if parts and fold(piece).replace(" ", "") in LEGAL_SUFFIXES:
            parts[-1] = f"{parts[-1]}, {piece}"
        elif piece:
            parts.append(piece)
    return parts


def _roles_of(parts: list[str]) -> tuple[str, str, Locations]:
    """(purpose, location words, places) from an entry's parts after the name."""
    purposes: list[str] = []
    locations: list[str] = []
    countries: dict[str, None] = {}
    regions: dict[str, None] = {}
    expected: Role | None = None
    for part in parts:
        role = header_role(part[:-1]) if part.endswith(":") and len(part.split()) <= 4 else None
        if role is not None:
            expected = role
            continue
        part = part.rstrip(":")
        places = find_locations(part, codes=expected == Role.LOCATION or len(part) <= 3)
        countries.update(dict.fromkeys(places.countries))
        regions.update(dict.fromkeys(places.regions))
        is_place = expected == Role.LOCATION or (places and _mostly_places(part))
        (locations if is_place else purposes).append(part)
        expected = None
    return "; ".join(purposes), "; ".join(locations), Locations(tuple(countries), tuple(regions))


def _mostly_places(part: str) -> bool:
    from policies.extraction.subprocessors.locations import _name_pattern

    left = _name_pattern().sub("", part)
    left = _PLACE_FILLER.sub(" ", left)
    return len(left.split()) <= 1


# -- prose -------------------------------------------------------------------------------

_SUFFIX = (
    r"(?:,?\s+(?:Inc|Ltd|Limited|LLC|LLP|PLC|plc|GmbH|AG|S\.A|SA|SAS|SARL|B\.V|BV|N\.V|Oy|AB|AS|ApS|"
    r"Pty|Pte|Corp|Corporation|Co|K\.K|ULC|S\.L|SE)\.?)*"
)
_WORD = r"[A-Z0-9][\w&'.-]*[\w&]|[A-Z]"
_NAME = rf"(?:{_WORD})(?:\s+(?:of\s+|&\s+|de\s+)?(?:{_WORD}))*{_SUFFIX}(?:\s+\([A-Z][\w .&-]{{1,30}}\))?"
_NAMES = rf"(?P<names>{_NAME}(?:(?:,\s+|\s+and\s+|,\s+and\s+){_NAME})*)"
_PROSE_PATTERNS = (
    re.compile(
        r"\b(?:use|uses|used|using|engage|engages|engaged|rely\s+on|relies\s+on|work\s+with|works\s+with|"
        r"partner\s+with|partners\s+with|utili[sz]es?|employ|employs|retain|retains|contract\s+with)\s+"
        rf"{_NAMES}(?P<after>\s+(?:to|for|as|in|which|who|that|located|based|hosted)\b.*|[,.;].*|$)"
    ),
    re.compile(
        r"\b(?:hosted|provided|processed|stored|operated|powered|managed|handled|performed|delivered|run|sent|"
        rf"routed|transmitted)\s+(?:by|on|with|at|through|via)\s+{_NAMES}(?P<after>.*)"
    ),
    re.compile(
        rf"^(?:[A-Z]\w+,\s+)?{_NAMES}(?P<after>(?:,\s+[^,]{{0,60}},\s+|\s*\([^)]{{0,60}}\)\s+|,?\s+)"
        r"(?:provides|hosts|processes|stores|handles|delivers|supplies|powers|sends|performs|"
        r"is\s+(?:our|a|the)\s+[\w\s-]{0,40}?(?:provider|sub-?processor|processor|vendor|partner)).*)"
    ),
)
_SPLIT_NAMES = re.compile(r",\s+and\s+|\s+and\s+|,\s+(?=[A-Z])(?!(?:Inc|Ltd|LLC|GmbH|AG|S\.A|B\.V|Co|Corp)\b)")
_PURPOSE_CUT = re.compile(r"\s+(?:in|located\s+in|based\s+in|within|from)\s+(?:the\s+)?[A-Z].*$")
_GENERIC = frozenset(
    "the company services service customer data personal data sub-processors ai ssl tls aes https api sso "
    "saml mfa gdpr ccpa dpa sccs scc iso soc".split()
)


def prose_subprocessors(text: str, taken: list[tuple[int, int]], *, self_names: frozenset[str]) -> list[Subprocessor]:
    """Entities named in "we use X to …", "hosted by X", "X provides …" sentences."""
    found: list[Subprocessor] = []
    for sentence in segment(text):
        if sentence.is_heading or any(s < sentence.end and sentence.start < e for s, e in taken):
            continue
        found.extend(_sentence_entities(sentence.start, sentence.end, sentence.text, self_names))
    return found


def _sentence_entities(start: int, end: int, sentence: str, self_names: frozenset[str]) -> Iterator[Subprocessor]:
    body = _BULLET.sub("", sentence)
    for pattern in _PROSE_PATTERNS:
        match = pattern.search(body)
        if match is None:
            continue
        places = find_locations(sentence)
        purpose = _prose_purpose(match.group("after"))
        for raw in _SPLIT_NAMES.split(match.group("names")):
            name = clean_name(raw)
            if looks_like_name(name, max_words=7) and fold(name) not in _GENERIC | self_names:
                yield Subprocessor(
                    name=name, purpose=purpose, countries=places.countries, regions=places.regions,
                    customer_content=content_from_text(sentence), evidence=Span(start, end, sentence),
                    location="", source=Source.PROSE,
                )
        return


def _prose_purpose(after: str) -> str:
    clause = re.sub(r"^[\s,]*(?:to|for|as|which|who|that)\s+", "", after).strip(" .,;")
    clause = re.split(r"[.;]\s", clause)[0]
    if re.match(r"(?:in|located|based|within|from|at)\b", clause):
        return ""  # "… by Stripe in the United States": the sentence names no purpose
    return _PURPOSE_CUT.sub("", clause).strip(" ,.")[:160]
