"""The sub-processor record the extractors produce and the JSON contract it prints as."""
from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from policies.extraction.subprocessors.content import CustomerContent
from policies.extraction.types import Span


class Source(StrEnum):
    """Which form of the document the row was read from."""

    TABLE = "table"
    LIST = "list"  # a bullet or a "Name – purpose – place" line
    FIELDS = "fields"  # a name followed by "Purpose: …" / "Location: …" lines
    PROSE = "prose"  # "We use X to host data in Y"


@dataclass(frozen=True, slots=True)
class Subprocessor:
    """One sub-processor as the document states it.

    ``countries`` are ISO 3166-1 alpha-2 codes in order of mention; ``regions`` holds
    what is not a country ("EU", "APAC", "Global"; see ``locations``). ``evidence``
    indexes the stored text; its offsets are -1 only when the reader dropped the row.
    """

    name: str
    purpose: str
    countries: tuple[str, ...]
    regions: tuple[str, ...]
    customer_content: CustomerContent
    evidence: Span
    location: str = ""  # the location words as written
    category: str = ""  # the category row or heading the entry sits under
    source: Source = Source.TABLE

    def to_contract(self) -> dict[str, Any]:
        """The command's JSON row; keys beyond the contract's five are informative only."""
        return {
            "name": self.name,
            "purpose": self.purpose,
            "countries": list(self.countries),
            "customer_content": self.customer_content.value,
            "evidence": {"start": self.evidence.start, "end": self.evidence.end, "text": self.evidence.text},
            "regions": list(self.regions),
            "location": self.location,
            "category": self.category,
            "source": self.source.value,
        }
