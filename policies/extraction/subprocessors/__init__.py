"""Sub-processor lists as data: who, for what, where, and whether they see customer content.

Plain Python like the rest of the engine. Entry points:

* ``subprocessors_from_file(path)`` / ``subprocessors_from_bytes(data, filename=...)``:
  read a list document and return ``(Document, [Subprocessor, ...])``;
* ``extract_subprocessors(text, tables=None)``: the same on already stored text;
* ``compare_subprocessors(old, new)``: added, removed and changed entries between versions.

Each :class:`Subprocessor` carries ``evidence`` offsets into ``Document.text``.

Decisions a reviewer should know:

* ``countries`` is the union of every location column of a row ("Location of processing"
  and "Entity country" both count), as ISO 3166-1 alpha-2 codes; regions ("EU", "EEA",
  "APAC", "Global") are never expanded into countries and sit in ``regions`` instead.
* ``customer_content`` is what the document says (a yes/no column, a list of data
  categories, "no access to customer content"); a hosting provider whose row says
  nothing is "not_stated", so the gap is visible rather than guessed.
* Headers, category rows ("Infrastructure"), notes, "Last updated" and change-log lines,
  links, addresses and cookie tables are not entries; the vendor itself, named in the
  title, is not its own sub-processor in prose.
"""
from policies.extraction.subprocessors.changes import Change, ChangeKind, compare_subprocessors
from policies.extraction.subprocessors.content import CustomerContent
from policies.extraction.subprocessors.extract import (
    extract_subprocessors,
    subprocessors_from_bytes,
    subprocessors_from_file,
)
from policies.extraction.subprocessors.locations import Locations, country_code, find_locations
from policies.extraction.subprocessors.model import Source, Subprocessor
from policies.extraction.subprocessors.names import fold

__all__ = [
    "Change",
    "ChangeKind",
    "CustomerContent",
    "Locations",
    "Source",
    "Subprocessor",
    "compare_subprocessors",
    "country_code",
    "extract_subprocessors",
    "find_locations",
    "fold",
    "subprocessors_from_bytes",
    "subprocessors_from_file",
]
