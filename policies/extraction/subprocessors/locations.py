"""Countries and regions named in a sub-processor's location text.

Countries come out as ISO 3166-1 alpha-2 codes. Names and codes come from ``pycountry``
(its ``name``, ``common_name`` and ``official_name``); on top of that a small alias table
covers what sub-processor lists actually write and pycountry does not know: "USA",
"U.S.", "UK", "England", "South Korea" spelt "Korea", and cities and US states that name
a hosting location ("Frankfurt", "Dublin", "Northern Virginia").

Decision: a region ("EU", "EEA", "Europe", "APAC", "Global") is not a country and is
never expanded to the 27 or 30 member states, because a list saying "EU" does not say
which ones; it is kept in a separate ``regions`` field so that a rule such as "data stays
in the EU" can still be checked against it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

import pycountry

# Aliases that pycountry lacks. Cities and states only where the name is unambiguous in
# a hosting context ("Dublin" is Ireland, although Ohio has one too).
_ALIASES: dict[str, str] = {
    "USA": "US", "U.S.A.": "US", "U.S.A": "US", "U.S.": "US", "U.S": "US", "United States of America": "US",
    "America": "US", "UK": "GB", "U.K.": "GB", "U.K": "GB", "Great Britain": "GB", "Britain": "GB",
    "England": "GB", "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB", "United Kingdom": "GB",
    "Korea": "KR", "Republic of Korea": "KR", "Russia": "RU", "Vietnam": "VN", "Czech Republic": "CZ",
    "Holland": "NL", "The Netherlands": "NL", "Turkey": "TR", "Türkiye": "TR", "UAE": "AE",
    "Ivory Coast": "CI", "Macedonia": "MK", "Laos": "LA", "Syria": "SY", "Brunei": "BN",
    "Hong Kong SAR": "HK", "Macau": "MO", "Swaziland": "SZ", "Cape Verde": "CV", "Burma": "MM",
    # Cities
    "Frankfurt": "DE", "Frankfurt am Main": "DE", "Berlin": "DE", "Munich": "DE", "München": "DE",
    "Hamburg": "DE", "Nuremberg": "DE", "Falkenstein": "DE", "Dublin": "IE", "Cork": "IE",
    "London": "GB", "Manchester": "GB", "Edinburgh": "GB", "Amsterdam": "NL", "Eemshaven": "NL",
    "Paris": "FR", "Marseille": "FR", "Lyon": "FR", "Stockholm": "SE", "Zurich": "CH", "Zürich": "CH",
    "Geneva": "CH", "Milan": "IT", "Madrid": "ES", "Barcelona": "ES", "Warsaw": "PL", "Krakow": "PL",
    "Kraków": "PL", "Brussels": "BE", "Copenhagen": "DK", "Helsinki": "FI", "Oslo": "NO", "Vienna": "AT",
    "Lisbon": "PT", "Prague": "CZ", "Tallinn": "EE", "Riga": "LV", "Vilnius": "LT", "Bucharest": "RO",
    "Kyiv": "UA", "Belgrade": "RS", "Tel Aviv": "IL", "Dubai": "AE", "Johannesburg": "ZA",
    "Cape Town": "ZA", "Tokyo": "JP", "Osaka": "JP", "Seoul": "KR", "Sydney": "AU", "Melbourne": "AU",
    "Mumbai": "IN", "Bangalore": "IN", "Bengaluru": "IN", "Hyderabad": "IN", "Pune": "IN",
    "Chennai": "IN", "Manila": "PH", "Toronto": "CA", "Montreal": "CA", "Montréal": "CA",
    "Vancouver": "CA", "São Paulo": "BR", "Sao Paulo": "BR", "Jakarta": "ID",
    "New York": "US", "San Francisco": "US", "Seattle": "US", "Ashburn": "US", "Chicago": "US",
    "Atlanta": "US", "Dallas": "US", "Boston": "US", "Los Angeles": "US", "Austin": "US",
    "Denver": "US", "Redmond": "US", "Mountain View": "US", "Palo Alto": "US", "Menlo Park": "US",
    "San Jose": "US", "Salt Lake City": "US", "Miami": "US",
    # US states that hosting regions are named after
    "Virginia": "US", "Northern Virginia": "US", "Oregon": "US", "Ohio": "US", "California": "US",
    "Iowa": "US", "Texas": "US", "Washington": "US", "New Jersey": "US", "Illinois": "US",
    "South Carolina": "US", "Utah": "US", "Nevada": "US", "Arizona": "US", "Delaware": "US",
    "Massachusetts": "US",
}

# Cloud region identifiers, which some lists give instead of a country.
_CLOUD_REGIONS: dict[str, str] = {
    "us-east-1": "US", "us-east-2": "US", "us-west-1": "US", "us-west-2": "US", "ca-central-1": "CA",
    "eu-west-1": "IE", "eu-west-2": "GB", "eu-west-3": "FR", "eu-central-1": "DE", "eu-north-1": "SE",
    "eu-south-1": "IT", "ap-southeast-1": "SG", "ap-southeast-2": "AU", "ap-northeast-1": "JP",
    "ap-northeast-2": "KR", "ap-south-1": "IN", "sa-east-1": "BR",
}

# Region name -> the label kept in ``regions``.
_REGIONS: dict[str, str] = {
    "EU": "EU", "E.U.": "EU", "European Union": "EU", "EEA": "EEA", "European Economic Area": "EEA",
    "Europe": "Europe", "EMEA": "EMEA", "APAC": "APAC", "Asia Pacific": "APAC", "Asia-Pacific": "APAC",
    "Asia": "Asia", "North America": "North America", "South America": "South America",
    "Latin America": "Latin America", "LATAM": "Latin America", "Americas": "Americas",
    "Middle East": "Middle East", "Africa": "Africa", "Nordics": "Nordics", "Oceania": "Oceania",
    "Global": "Global", "Worldwide": "Global", "World-wide": "Global",
}

# Names that are also everyday words or first names: matched only with a capital letter.
_CASE_SENSITIVE = frozenset({"Chad", "Jordan", "Turkey", "Georgia", "Jersey", "Guinea", "Niger", "Man", "America"})


@dataclass(frozen=True, slots=True)
class Locations:
    countries: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.countries or self.regions)


def _pycountry_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            name = getattr(country, attribute, None)
            # "Korea, Republic of" is how pycountry sorts, not how anybody writes.
            if name and "," not in name:
                names[name] = country.alpha_2
                names[re.sub(r"\s*\(.*?\)", "", name)] = country.alpha_2
    return names


@cache
def _name_table() -> dict[str, tuple[str, str]]:
    """Lower-cased name -> (kind, value), kind "country" or "region"."""
    table = {name.lower(): ("country", code) for name, code in _pycountry_names().items()}
    table.update({name.lower(): ("country", code) for name, code in _ALIASES.items()})
    table.update({name.lower(): ("country", code) for name, code in _CLOUD_REGIONS.items()})
    table.update({name.lower(): ("region", label) for name, label in _REGIONS.items()})
    return table


@cache
def _name_pattern() -> re.Pattern[str]:
    # Longest first, so "Northern Ireland" wins over "Ireland" and "New Jersey" over "Jersey".
    names = sorted(_name_table(), key=len, reverse=True)
    return re.compile(r"(?<![\w.-])(" + "|".join(re.escape(name) for name in names) + r")(?![\w-])", re.I)


_CODE = re.compile(r"(?<![\w.])([A-Z]{2,3})(?![\w])")


@cache
def _code_table() -> dict[str, str]:
    codes = {country.alpha_2: country.alpha_2 for country in pycountry.countries}
    codes.update({country.alpha_3: country.alpha_2 for country in pycountry.countries})
    codes["UK"] = "GB"
    return codes


def find_locations(text: str, *, codes: bool = False) -> Locations:
    """Countries (alpha-2, in order of mention) and regions named in ``text``.

    ``codes=True`` also reads bare ISO codes ("DE", "USA"); only a location cell is
    safe for that, since prose is full of "IT", "AI" and "US" meaning other things.
    """
    countries: dict[str, None] = {}
    regions: dict[str, None] = {}
    table = _name_table()
    for match in _name_pattern().finditer(text):
        found = match.group(1)
        if found.title() in _CASE_SENSITIVE and not found[0].isupper():
            continue
        kind, value = table[found.lower()]
        (countries if kind == "country" else regions)[value] = None
    if codes:
        for match in _CODE.finditer(text):
            code = _code_table().get(match.group(1))
            if code and match.group(1) not in _REGIONS:
                countries[code] = None
    return Locations(countries=tuple(countries), regions=tuple(regions))


def country_code(name: str) -> str | None:
    """The alpha-2 code of one country name, alias or code, or None."""
    kind_value = _name_table().get(name.strip().lower())
    if kind_value and kind_value[0] == "country":
        return kind_value[1]
    return _code_table().get(name.strip().upper())
