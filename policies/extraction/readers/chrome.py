"""Page chrome in text of any format: menus, tables of contents, icon labels, buttons, link footers.

The HTML reader drops chrome by tag, but a page saved as text or Markdown, a PDF print of a
page or a Word export keeps its chrome as plain lines. They are told apart from the statement
by shape, not by words of any one site:

- a table of contents or section menu is a run of short lines that each come back later in
  the text as a line of their own (the headings they point to);
- an icon label or a "Back to top" link is a short line repeated five or more times;
- a cookie-banner button is a short line made only of button words, one of them an action
  ("Accept all", "Manage preferences"; not a "Cookies" heading);
- a menu or product list is a run of four or more adjacent lines of one to three capitalised
  words, with no lead-in ("We collect:") above it, which would make it a list of the statement;
- a footer of links is one line of four or more short items between "·", "•" or "|" with no
  such line around it (a table has several rows);
- in Markdown, a run of three or more lines made only of links is a navigation menu.

Each test reads every line once and counts lines in a dict, so the pass stays linear.
"""
from __future__ import annotations

import re
from collections import Counter

_MAX_SHORT_WORDS = 8
_MAX_SHORT_CHARS = 80
_MIN_TOC_RUN = 3
# An icon label or "Back to top" comes back with every item or section; a sub-heading repeated
# under each of a few products ("What we collect") comes back fewer times.
_MIN_REPEATS = 5
_MIN_FOOTER_ITEMS = 4
_MAX_FOOTER_ITEM_WORDS = 3
_MIN_MENU_LINKS = 3

_MARKER = re.compile(r"^(?:#{1,6}\s+|[-*+\u2022]\s+|\(?(?:\d{1,3}|[a-zA-Z]|[ivxIVX]{1,4})[.)]\s+)+")
_SENTENCE_END = re.compile(r"[.!?;,]$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_BUTTON_WORDS = frozenset(
    "accept reject allow deny decline agree manage customise customize show hide save change close ok got it all "
    "only necessary essential required cookies cookie preferences settings options choices consent and my i "
    "continue dismiss learn more read back to top share print menu skip content main search".split()
)
_ACTIONS = frozenset(
    "accept reject allow deny decline agree manage customise customize show hide save close ok dismiss continue "
    "skip back share print".split()
)
_FOOTER_SEPARATOR = re.compile(r"\s+[·•|]\s+")
_MARKDOWN_LINK = re.compile(r"!?\[[^\[\]\n]{1,200}\]\((?!mailto:)[^()\s]{1,2000}\)")
_LINK_LINE_REST = re.compile(r"^[\s\-*+|·•/,>]*$")


def _key(line: str) -> str:
    """A line as compared for repeats: no list or heading marker, no emphasis, lower case."""
    return " ".join(_MARKER.sub("", line.strip()).strip("*_ ").lower().split())


def _is_short(key: str) -> bool:
    # split with a maximum stops counting words once there are too many
    words = key.split(None, _MAX_SHORT_WORDS)
    return 0 < len(key) <= _MAX_SHORT_CHARS and len(words) <= _MAX_SHORT_WORDS and not _SENTENCE_END.search(key)


def drop_chrome(text: str) -> str:
    """``text`` without the chrome lines described in the module docstring."""
    lines = text.split("\n")
    keys = [_key(line) for line in lines]
    drop = _toc_lines(keys) | _repeated_labels(keys) | _buttons(keys) | _footers(lines) | _menus(lines)
    if not drop:
        return text
    return "\n".join(line for index, line in enumerate(lines) if index not in drop)


def _toc_lines(keys: list[str]) -> set[int]:
    """Runs of short lines whose text each comes back later as a line (blank lines may separate them)."""
    last_seen = {key: index for index, key in enumerate(keys) if key}
    drop: set[int] = set()
    run: list[int] = []
    for index, key in enumerate(keys):
        if not key:
            continue
        if _is_short(key) and last_seen[key] > index:
            run.append(index)
            continue
        if _is_toc(run, keys):
            drop.update(run)
        run = []
    if _is_toc(run, keys):
        drop.update(run)
    return drop


def _is_toc(run: list[int], keys: list[str]) -> bool:
    """Enough distinct lines, mostly without digits: an address block given twice, or one list item
    repeated, is no table of contents."""
    if len(run) < _MIN_TOC_RUN or len({keys[index] for index in run}) < len(run):
        return False
    with_digits = sum(1 for index in run if any(char.isdigit() for char in keys[index]))
    return with_digits * 4 <= len(run)


def _repeated_labels(keys: list[str]) -> set[int]:
    counts = Counter(key for key in keys if key and _is_short(key) and len(key.split()) >= 2)
    repeated = {key for key, count in counts.items() if count >= _MIN_REPEATS}
    return {index for index, key in enumerate(keys) if key in repeated} if repeated else set()


def _buttons(keys: list[str]) -> set[int]:
    drop = set()
    for index, key in enumerate(keys):
        if key and len(key) <= 40:
            words = _WORD.findall(key)
            if words and all(word in _BUTTON_WORDS for word in words) and any(word in _ACTIONS for word in words):
                drop.add(index)
    return drop


_MIN_MENU_LINES = 4
_MAX_MENU_ITEM_WORDS = 3


def _menus(lines: list[str]) -> set[int]:
    drop: set[int] = set()
    run: list[int] = []
    for index, line in enumerate([*lines, ""]):
        if _is_menu_item(line):
            run.append(index)
            continue
        if len(run) >= _MIN_MENU_LINES and not (run[0] > 0 and lines[run[0] - 1].rstrip().endswith(":")):
            drop.update(run)
        run = []
    return drop


def _is_menu_item(line: str) -> bool:
    words = line.split(None, _MAX_MENU_ITEM_WORDS)  # a fourth piece means too many words
    if not 0 < len(words) <= _MAX_MENU_ITEM_WORDS or _MARKER.match(line) or _SENTENCE_END.search(line):
        return False
    return all(word[0].isupper() or not word[0].isalpha() for word in words) and not any(c.isdigit() for c in line)


def _footers(lines: list[str]) -> set[int]:
    drop = set()
    separated = [_separators(line) for line in lines]
    for index, line in enumerate(lines):
        if separated[index] + 1 < _MIN_FOOTER_ITEMS:
            continue
        neighbours = separated[index - 1 : index] + separated[index + 1 : index + 2]
        if any(neighbours):
            continue  # rows of a table
        items = [item.strip() for item in _FOOTER_SEPARATOR.split(line.strip())]
        if all(_is_footer_item(item) for item in items):
            drop.add(index)
    return drop


def _separators(line: str) -> int:
    # Most lines hold no separator at all: a substring test is much cheaper than the pattern.
    if "|" in line or "\u00b7" in line or "\u2022" in line:
        return len(_FOOTER_SEPARATOR.findall(line))
    return 0


def _is_footer_item(item: str) -> bool:
    words = item.split()
    return 0 < len(words) <= _MAX_FOOTER_ITEM_WORDS and not any(c.isdigit() or c == "@" for c in item) and (
        not _SENTENCE_END.search(item)
    )


def drop_link_menus(markdown: str) -> str:
    """Markdown without runs of lines that hold nothing but links (navigation menus)."""
    if "](" not in markdown:
        return markdown
    lines = markdown.split("\n")
    link_only = [_is_link_line(line) for line in lines]
    drop: set[int] = set()
    run: list[int] = []
    for index, (line, only_links) in enumerate(zip(lines, link_only, strict=True)):
        if only_links:
            run.append(index)
        elif line.strip():
            if _is_menu(run, lines):
                drop.update(run)
            run = []
    if _is_menu(run, lines):
        drop.update(run)
    if not drop:
        return markdown
    return "\n".join(line for index, line in enumerate(lines) if index not in drop)


def _is_menu(run: list[int], lines: list[str]) -> bool:
    """Three link lines in a row, or one line of three links (a footer)."""
    return len(run) >= _MIN_MENU_LINKS or any(len(_MARKDOWN_LINK.findall(lines[i])) >= _MIN_MENU_LINKS for i in run)


def _is_link_line(line: str) -> bool:
    if "](" not in line:
        return False
    rest = _MARKDOWN_LINK.sub("", line)
    return rest != line and _LINK_LINE_REST.match(rest) is not None
