"""Reading a table as sub-processors: which column holds what, then one record per row.

Columns are recognised by their header's words ("Sub-processor", "Purpose", "Entity
country", "Hosting region", "Customer data"); a table without a recognisable header has
its columns guessed from their content (the column whose cells name countries is the
location, the first column of names is the entity).
"""
from __future__ import annotations

import re
from enum import StrEnum

from policies.extraction.subprocessors.content import CustomerContent, content_from_cell, content_from_text
from policies.extraction.subprocessors.locations import Locations, find_locations
from policies.extraction.subprocessors.model import Source, Subprocessor
from policies.extraction.subprocessors.names import clean_name, has_legal_suffix, looks_like_name
from policies.extraction.subprocessors.tables import Row, Table, locate
from policies.extraction.types import Span


class Role(StrEnum):
    NAME = "name"
    PURPOSE = "purpose"
    LOCATION = "location"
    CONTENT = "content"
    WEBSITE = "website"
    OTHER = "other"


# Tried in this order: "Hosting region" is a location before it is a service, "Service
# provider" a name before it is a service, "Data processed" customer content.
_ROLE_WORDS: tuple[tuple[Role, re.Pattern[str]], ...] = (
    (Role.WEBSITE, re.compile(r"\b(?:website|url|web\s*site|link|homepage|privacy\s+(?:policy|notice))\b", re.I)),
    (Role.LOCATION, re.compile(
        r"\b(?:location|locations|country|countries|region|regions|where|jurisdiction|headquarter\w*|hq|"
        r"address|seat|based|hosted|data\s+cent(?:er|re)s?|place\s+of|territor\w+)\b", re.I)),
    (Role.CONTENT, re.compile(
        r"\b(?:customer|client)\s+(?:data|content)|\bdata\s+(?:processed|categor\w+|types?|subjects?)|"
        r"\b(?:categor\w+|types?)\s+of\s+(?:personal\s+)?data|\bpersonal\s+data\b|\bdata\s+accessed\b", re.I)),
    (Role.PURPOSE, re.compile(
        r"\b(?:purpose|purposes|description|function|activit\w+|nature|role|processing|service\s+provided|"
        r"services?\s+(?:performed|type)|subject\s+matter|use|used\s+for|what)\b", re.I)),
    (Role.NAME, re.compile(
        r"\b(?:sub-?\s?processors?|name|vendors?|providers?|entity|entities|company|companies|third[- ]part\w+|"
        r"processors?|suppliers?|partners?|organi[sz]ations?|affiliates?|recipients?)\b", re.I)),
    (Role.PURPOSE, re.compile(r"\b(?:services?|category|type|product)\b", re.I)),
    (Role.OTHER, re.compile(
        r"\b(?:transfer|mechanism|safeguards?|date|added|notes?|comments?|duration|certification\w*)\b", re.I)),
)
_MAX_HEADER_CELL_WORDS = 6
# A header cell of a cookie table, which a list page may carry in its consent banner.
_NOT_A_LIST = re.compile(r"cookies?(?:\s+name)?|expiry|expiration|lifespan|duration|retention\s+period", re.I)
_HEADER_SEARCH_ROWS = 3
# A column is the location column when at least this share of its cells name a place.
_LOCATION_SHARE = 0.5


def header_role(cell: str) -> Role | None:
    text = cell.strip()
    if not text or len(text.split()) > _MAX_HEADER_CELL_WORDS or has_legal_suffix(text):
        return None
    return next((role for role, pattern in _ROLE_WORDS if pattern.search(text)), None)


def _header_roles(row: Row) -> list[Role | None] | None:
    roles = [header_role(cell) for cell in row.cells]
    found = [role for role in roles if role is not None]
    non_empty = sum(1 for cell in row.cells if cell.strip())
    if len(found) >= 2 and len(found) * 2 >= non_empty and {Role.NAME, Role.LOCATION, Role.PURPOSE} & set(found):
        return roles
    return None


def _guess_roles(rows: Table) -> list[Role | None]:
    width = max(len(row.cells) for row in rows)
    roles: list[Role | None] = [None] * width
    for column in range(width):
        values = [row.cells[column] for row in rows if column < len(row.cells) and row.cells[column].strip()]
        located = sum(1 for value in values if find_locations(value, codes=len(value) <= 3))
        if values and located >= _LOCATION_SHARE * len(values):
            roles[column] = Role.LOCATION
    return _with_name_column(roles, rows)


def _with_name_column(roles: list[Role | None], rows: Table) -> list[Role | None]:
    """The first column not otherwise taken holds the entity when no header says which."""
    if Role.NAME not in roles:
        free = [index for index, role in enumerate(roles) if role in (None, Role.PURPOSE)]
        if not free:
            return roles
        roles[free[0]] = Role.NAME
    for index, role in enumerate(roles):
        if role is None:
            roles[index] = Role.PURPOSE
    return roles


def table_subprocessors(table: Table, *, text: str, cursor: int = 0) -> list[Subprocessor]:
    """Every row of ``table`` that names an entity, with its evidence located in ``text``."""
    if not table:
        return []
    roles, body = _roles_and_body(table)
    if roles is None:
        return []
    found: list[Subprocessor] = []
    category = ""
    for row in body:
        if _is_category(row, roles):
            category = next(cell for cell in row.cells if cell.strip()).split("\n")[0].strip(" *_:")
            continue
        record = _row_record(row, roles, category=category, text=text, cursor=cursor)
        if record is not None:
            found.append(record)
            cursor = max(cursor, record.evidence.end)
    return found


def _roles_and_body(table: Table) -> tuple[list[Role | None] | None, Table]:
    for index, row in enumerate(table[:_HEADER_SEARCH_ROWS]):
        if any(_NOT_A_LIST.fullmatch(cell.strip()) for cell in row.cells):
            return None, table  # a cookie table: "Cookie | Provider | Purpose | Expiry"
        roles = _header_roles(row)
        if roles is not None:
            return _with_name_column(roles, table), table[index + 1 :]
    if len(table) < 2 or max(len(row.cells) for row in table) < 2:
        return None, table
    roles = _guess_roles(table)
    # Without a header, a table is a sub-processor table only if it places its entities.
    return (roles if Role.LOCATION in roles else None), table


def _is_category(row: Row, roles: list[Role | None]) -> bool:
    filled = {cell for cell in row.cells if cell.strip()}
    if row.spanning:
        return True
    if len(filled) != 1 or len(roles) < 2:
        return False
    only = next(iter(filled))
    return not has_legal_suffix(only) and len(only.split()) <= 5


def _cells(row: Row, roles: list[Role | None], wanted: Role) -> list[str]:
    return [cell for cell, role in zip(row.cells, roles, strict=False) if role == wanted and cell.strip()]


def _row_record(
    row: Row, roles: list[Role | None], *, category: str, text: str, cursor: int
) -> Subprocessor | None:
    names = _cells(row, roles, Role.NAME)
    name = clean_name(names[0]) if names else ""
    if not looks_like_name(name, max_words=12) or _header_roles(row) is not None:
        return None
    purposes = [" ".join(cell.split("\n")) for cell in _cells(row, roles, Role.PURPOSE)]
    location = "; ".join(", ".join(cell.split("\n")) for cell in _cells(row, roles, Role.LOCATION))
    places = _row_places(row, roles, location)
    evidence = _evidence(row, text, cursor)
    return Subprocessor(
        name=name,
        purpose="; ".join(purpose for purpose in purposes if purpose) or category,
        countries=places.countries,
        regions=places.regions,
        customer_content=_row_content(row, roles, purposes),
        evidence=evidence,
        location=location,
        category=category,
        source=Source.TABLE,
    )


def _row_places(row: Row, roles: list[Role | None], location: str) -> Locations:
    if Role.LOCATION in roles:
        return find_locations(location, codes=True)
    # No location column: places named anywhere but in the entity's own name, or else in
    # the name cell's address line or brackets ("Google LLC (USA)"), never in the name itself.
    others = " ; ".join(cell for cell, role in zip(row.cells, roles, strict=False) if role != Role.NAME)
    bracketed = " ; ".join(re.findall(r"\(([^()]{2,40})\)", others))
    found = find_locations(others) or find_locations(bracketed, codes=True)
    names = _cells(row, roles, Role.NAME)
    if found or not names:
        return found
    first, _, rest = names[0].partition("\n")
    return find_locations(" ; ".join([rest, *re.findall(r"\(([^()]{2,40})\)", first)]), codes=True)


def _row_content(row: Row, roles: list[Role | None], purposes: list[str]) -> CustomerContent:
    for cell in _cells(row, roles, Role.CONTENT):
        stated = content_from_cell(cell)
        if stated != CustomerContent.NOT_STATED:
            return stated
    return content_from_text(" ; ".join(purposes))


def _evidence(row: Row, text: str, cursor: int) -> Span:
    span = row.span or locate(text, [cell for cell in dict.fromkeys(row.cells) if cell.strip()], cursor)
    if span is None:
        return Span(-1, -1, " | ".join(cell for cell in row.cells if cell.strip()))
    return Span(span[0], span[1], text[span[0] : span[1]])
