"""Names of jurisdictions as written in governing-law clauses, to ISO 3166 alpha-2 codes.

Country names come from pycountry (every ISO 3166 name, common and official form); the rest
are what contracts say instead: a legal system of the United Kingdom ("England and Wales"),
a US state or a Canadian province or Australian state ("the State of California"), or an
adjective ("German law").
"""

from __future__ import annotations

import functools
import re

import pycountry

_ALIASES = {
    "GB": "england and wales|england & wales|england|wales|scotland|northern ireland|great britain|"
    "the united kingdom|united kingdom|the uk|u\\.k\\.",
    "US": "united states of america|the united states|the usa|u\\.s\\.a\\.|the u\\.s\\.|district of columbia",
    "KR": "south korea|republic of korea",
    "CZ": "czech republic",
    "NL": "the netherlands|holland",
    "RU": "russia",
}
_ADJECTIVES = {
    "german": "DE", "irish": "IE", "english": "GB", "scottish": "GB", "british": "GB", "french": "FR",
    "dutch": "NL", "swiss": "CH", "austrian": "AT", "belgian": "BE", "swedish": "SE", "danish": "DK",
    "finnish": "FI", "spanish": "ES", "italian": "IT", "polish": "PL", "norwegian": "NO", "portuguese": "PT",
    "czech": "CZ", "luxembourg": "LU", "luxembourgish": "LU", "israeli": "IL", "japanese": "JP",
    "singapore": "SG", "singaporean": "SG", "australian": "AU", "canadian": "CA", "indian": "IN",
    "brazilian": "BR", "estonian": "EE", "icelandic": "IS", "maltese": "MT", "cypriot": "CY",
}
# Sub-national units whose law contracts choose.
_SUBDIVISION_COUNTRIES = ("US", "CA", "AU")


@functools.cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value and "," not in value:
                names[value.lower()] = country.alpha_2
    for code in _SUBDIVISION_COUNTRIES:
        for subdivision in pycountry.subdivisions.get(country_code=code):
            names.setdefault(subdivision.name.lower(), code)
    for code, aliases in _ALIASES.items():
        for alias in aliases.split("|"):
            names[alias.replace("\\", "")] = code
    return names


@functools.cache
def _pattern() -> re.Pattern[str]:
    names = sorted(_names(), key=len, reverse=True)
    countries = "|".join(re.escape(name) for name in names)
    adjectives = "|".join(sorted(_ADJECTIVES, key=len, reverse=True))
    # Whole words only: "India" is not in "Indiana", "Oman" is not in "Romania".
    return re.compile(r"(?<![a-z])(?:(?P<name>" + countries + r")|(?P<adj>" + adjectives + r") laws?)(?![a-z])")


# Where a jurisdiction is named as the law: "the laws of", "the law in force in", "the laws
# applicable in". A country elsewhere in the sentence ("processing in the United States") is not.
_LAW_OF = re.compile(r"\blaws? (?:in force |applicable |that apply )?(?:of|in)\b")
_WINDOW = 70
_STATE_OF = re.compile(r"(?:state|commonwealth) of\s*$")


def governing_law_code(lower: str) -> str | None:
    """The alpha-2 code of the first jurisdiction whose law ``lower`` names ("laws of X", "X law"), else None."""
    found: list[tuple[int, str]] = []
    for law in _LAW_OF.finditer(lower):
        match = _pattern().search(lower, law.end(), law.end() + _WINDOW)
        if match is not None and match.group("name"):
            found.append((match.start(), _code(lower, match.group("name"), match.start())))
    for match in _pattern().finditer(lower):
        if match.group("adj"):
            found.append((match.start(), _ADJECTIVES[match.group("adj")]))
    return min(found)[1] if found else None


def _code(lower: str, name: str, start: int) -> str:
    code = _names()[name]
    if code != "US" and _STATE_OF.search(lower[:start]) and _us_state(name):
        return "US"  # "the State of Georgia" is a US state, "the State of Israel" a country
    return code


@functools.cache
def _us_state(name: str) -> bool:
    return any(subdivision.name.lower() == name for subdivision in pycountry.subdivisions.get(country_code="US"))
