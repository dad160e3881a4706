"""Plain-text and Markdown readers, and the decoder the HTML reader shares."""
from __future__ import annotations

import codecs
import re
from typing import TYPE_CHECKING

from policies.extraction.errors import UnreadableDocumentError
from policies.extraction.readers.base import Reader, ReadResult, register
from policies.extraction.readers.chrome import drop_link_menus
from policies.extraction.readers.tables import markdown_tables

if TYPE_CHECKING:  # detection is only needed for text that is not UTF-8: imported then
    from charset_normalizer import CharsetMatch

# utf-32 before utf-16: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control bytes that never occur in text in any 8-bit or UTF-8 encoding (tab, newlines
# and form feed excluded). bytes.translate deletes everything else, so counting is C-fast.
_NON_CONTROL_BYTES = bytes(b for b in range(256) if not (b < 0x09 or 0x0E <= b < 0x20))
# Random binary has about 9% such bytes and text has none; a few stray NULs are tolerated.
_MAX_CONTROL_SHARE = 0.05
_MAX_REPLACEMENT_SHARE = 0.02
_CHAOS_TOLERANCE = 0.05


def decode_text(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode text bytes and return ``(text, encoding)``.

    Order: byte-order mark, strict UTF-8, a ``declared`` charset (HTML's meta tag),
    then charset-normalizer's detection. Binary junk raises ``UnreadableDocumentError``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            text = data.decode(encoding, errors="replace")
            _refuse_replacements(text)
            return text, encoding
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    text, encoding = _decode_non_utf8(data, declared)
    _refuse_replacements(text)
    return text, encoding


def _decode_non_utf8(data: bytes, declared: str | None) -> tuple[str, str]:
    if declared:
        try:
            return data.decode(declared), declared
        except (LookupError, UnicodeDecodeError):
            pass
    mostly_utf8 = data.decode("utf-8", errors="replace")
    # UTF-8 with a few damaged bytes: detection would re-read the whole file as
    # cp1252 and garble every accented letter, so keep UTF-8 with replacements.
    replaced = mostly_utf8.count("\ufffd")
    non_ascii = len(mostly_utf8) - len(mostly_utf8.encode("ascii", errors="ignore")) - replaced
    if non_ascii > replaced:
        return mostly_utf8, "utf-8"
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return mostly_utf8, "utf-8"
    if _windows_1252_is_as_good(matches):
        return data.decode("cp1252", errors="replace"), "cp1252"
    return str(matches[0]), matches[0].encoding


def _windows_1252_is_as_good(matches: list[CharsetMatch]) -> bool:
    """Whether cp1252 is among the near-best guesses.

    On short Western text charset-normalizer ranks code pages by tiny differences
    and picks cp1257 or cp1250, turning "déjà" into "déją". cp1252 is by far the
    most common legacy encoding for English and Western European statements (HTML5
    even reads "latin-1" as cp1252), so it wins any near tie; Cyrillic or Greek text
    read as cp1252 is far more chaotic and is not affected.
    """
    best_chaos = matches[0].chaos
    return any(
        "cp1252" in match.could_be_from_charset
        for match in matches
        if match.chaos <= best_chaos + _CHAOS_TOLERANCE
    )


def _refuse_binary(data: bytes) -> None:
    control_bytes = len(data.translate(None, _NON_CONTROL_BYTES))
    if control_bytes > _MAX_CONTROL_SHARE * len(data):
        raise UnreadableDocumentError("The file looks like binary data, not a text document.")


def _refuse_replacements(text: str) -> None:
    if text.count("\ufffd") > _MAX_REPLACEMENT_SHARE * max(len(text), 1):
        raise UnreadableDocumentError("The file is not text in any encoding we recognise.")


@register
class TextReader(Reader):
    format = "txt"
    extensions = frozenset({".txt", ".text"})
    mime_types = frozenset({"text/plain"})

    def read(self, data: bytes) -> ReadResult:
        text, encoding = decode_text(data)
        # Plain-text exports of web pages keep Markdown's pipe tables: read them as tables too.
        return ReadResult(text=markdown_tables(text), metadata={"encoding": encoding})


# Bounded repeats ({1,500}) keep a hostile line of a million "[" linear, not quadratic.
# Each pattern's repeats exclude the character that could start the next attempt
# ("[" inside a link text, "(" or a space inside a URL), so a hostile line of a
# million "[" or "<http" fails each attempt at once: linear, not quadratic.
_MARKDOWN_RULES = (
    (re.compile(r"!\[([^\[\]\n]{0,500})\]\([^()\s]{0,2000}\)"), r"\1"),  # image -> alt text
    (re.compile(r"\[([^\[\]\n]{1,500})\]\([^()\s]{0,2000}\)"), r"\1"),  # inline link -> text
    (re.compile(r"\[([^\[\]\n]{1,500})\]\[[^\[\]\n]{0,500}\]"), r"\1"),  # reference link -> text
    (re.compile(r"^ {0,3}\[[^\[\]\n]{1,500}\]:[^\n]*\n?", re.M), ""),  # link definitions
    (re.compile(r"<((?:https?://|mailto:)[^<>\s]{1,2000})>"), r"\1"),  # autolinks
    (re.compile(r"\*\*(?=\S)([^*\n]{1,500}?)\*\*"), r"\1"),  # bold
    (re.compile(r"__(?<!\w__)(?=\S)([^_\n]{1,500}?)__(?!\w)"), r"\1"),  # bold, underscores
    # Single emphasis, only around words: "snake_case" and "2 * 3 * 4" stay as they are.
    (re.compile(r"\*(?<![\w*]\*)(?=[^\s*])([^*\n]{1,500}?)(?<=[^\s*])\*(?![\w*])"), r"\1"),  # italic
    (re.compile(r"_(?<![\w_]_)(?=[^\s_])([^_\n]{1,500}?)(?<=[^\s_])_(?![\w_])"), r"\1"),  # italic, underscores
    (re.compile(r"`([^`\n]{1,500})`"), r"\1"),  # inline code
    (re.compile(r"^(?!- )(\S[^\n]*)\n=+[ \t]*$", re.M), r"# \1"),  # setext heading 1
    (re.compile(r"^(?!- )(\S[^\n]*)\n-+[ \t]*$", re.M), r"## \1"),  # setext heading 2
    (re.compile(r"^ {0,3}(?:\*{3,}|-{3,}|_{3,})[ \t]*$", re.M), ""),  # horizontal rules
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!])"), r"\1"),  # backslash escapes
)


# The emphasis patterns open with their mark and test the character before it in a lookbehind
# after it: a pattern that opens with a literal lets the regex engine skip ahead to each mark
# at C speed instead of trying every position of the text.


def strip_markdown(text: str) -> str:
    """Reduce Markdown to plain text, keeping "#" heading lines and list markers.

    Headings stay as "# Title" lines because the segmenter uses them as sections,
    and the shared statements (plain .txt) are written that way too.
    """
    for pattern, replacement in _MARKDOWN_RULES:
        text = pattern.sub(replacement, text)
    return text


@register
class MarkdownReader(Reader):
    format = "md"
    extensions = frozenset({".md", ".markdown"})
    mime_types = frozenset({"text/markdown", "text/x-markdown"})

    def read(self, data: bytes) -> ReadResult:
        text, encoding = decode_text(data)
        text = markdown_tables(strip_markdown(drop_link_menus(text)))
        return ReadResult(text=text, metadata={"encoding": encoding})
