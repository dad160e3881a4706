"""Format readers behind one interface, and ``read_document`` which picks among them.

Importing this package registers every reader (see ``base.register``).
"""
from policies.extraction.readers import docx, html, pdf, text  # noqa: F401  (registers the readers)
from policies.extraction.readers.base import (
    Reader,
    ReadResult,
    format_for_extension,
    format_for_mime_type,
    reader_for_format,
    supported_extensions,
)
from policies.extraction.readers.document import (
    DEFAULT_MAX_BYTES,
    Document,
    decide_format,
    load_file,
    read_document,
    sniff_format,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "Document",
    "ReadResult",
    "Reader",
    "decide_format",
    "format_for_extension",
    "format_for_mime_type",
    "load_file",
    "read_document",
    "reader_for_format",
    "sniff_format",
    "supported_extensions",
]
