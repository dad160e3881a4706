"""The reader interface and the registry the pipeline picks readers from.

Shaped like paperless-ngx's parser declarations: each reader says which format it
handles, which file extensions and MIME types it takes, and turns bytes into text
plus metadata. Readers raise only ``ExtractionError`` subclasses.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar


@dataclass(frozen=True)
class ReadResult:
    """Raw text from one reader (before normalisation) and what it learned on the way."""

    text: str
    metadata: dict[str, Any] = field(default_factory=dict)


class Reader:
    """One document format. Subclasses set the class attributes and implement ``read``."""

    format: ClassVar[str]
    extensions: ClassVar[frozenset[str]]
    mime_types: ClassVar[frozenset[str]]

    def read(self, data: bytes) -> ReadResult:
        """Turn the file's bytes into text; raise an ``ExtractionError`` if that is impossible."""
        raise NotImplementedError


_REGISTRY: dict[str, Reader] = {}


def register(reader_class: type[Reader]) -> type[Reader]:
    """Class decorator adding a reader to the registry under its format name."""
    _REGISTRY[reader_class.format] = reader_class()
    return reader_class


def reader_for_format(format_name: str) -> Reader:
    return _REGISTRY[format_name]


def format_for_extension(extension: str) -> str | None:
    """The format whose reader takes ``extension`` (".PDF" or "pdf"), or None."""
    wanted = "." + extension.lower().lstrip(".")
    return next((r.format for r in _REGISTRY.values() if wanted in r.extensions), None)


def format_for_mime_type(mime_type: str) -> str | None:
    """The format whose reader takes ``mime_type`` (parameters such as charset ignored), or None."""
    wanted = mime_type.split(";")[0].strip().lower()
    return next((r.format for r in _REGISTRY.values() if wanted in r.mime_types), None)


def supported_extensions() -> list[str]:
    return sorted(ext for reader in _REGISTRY.values() for ext in reader.extensions)
