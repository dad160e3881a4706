"""Facts about the statement itself: when it was last updated, the privacy contact address,
and how customers hear of material changes."""

from __future__ import annotations

import re
from datetime import date

from policies.extraction.detectors.framework import (
    Document,
    Hit,
    Rule,
    Unit,
    answer,
    cue,
    rx,
    scan,
)
from policies.extraction.detectors.language import Polarity
from policies.extraction.types import Answer, Span

# -- last updated -------------------------------------------------------------------------

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_FORMS = (
    ("explicit", re.compile(r"\b" + _DAY + r"(?: day)?(?: of)?\s+" + _MONTH + r",?\s+" + _YEAR + r"\b", re.IGNORECASE)),
    ("explicit", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR + r"\b", re.IGNORECASE)),
    ("iso", re.compile(r"\b" + _YEAR + r"[-/.](?P<month>[01]?\d)[-/.](?P<day>[0-3]?\d)\b")),
    ("numeric", re.compile(r"\b(?P<first>[0-3]?\d)(?P<sep>[/.-])(?P<second>[0-3]?\d)(?P=sep)" + _YEAR + r"\b")),
    ("month_year", re.compile(r"\b" + _MONTH + r"(?:,?\s+|-)" + _YEAR + r"\b", re.IGNORECASE)),
)
_UPDATED = re.compile(
    r"\b(?:last|latest|most recently)?\s*(?:updated|revised|modified|amended|changed|reviewed)\b|\beffective\b|"
    r"\b(?:last|latest) (?:update|revision|modification|change)\b|\bstatus\b(?=\s*:)|"
    r"\bversion\b|\bdated?\b|\bas (?:of|at)\b|\bpublished\b|\bin force\b|\bvalid from\b"
    # German "Stand: 15.03.2021" (as of) and "gültig ab" (valid from) in statements translated from German.
    r"|\bstand\b(?=:|\s+\d)|\bgültig ab\b",
    re.IGNORECASE,
)
_YEAR_HINT = re.compile(r"(?:19|20)\d\d")
_COPYRIGHT = re.compile(r"©|\(c\)|copyright|all rights reserved", re.IGNORECASE)
_BRITISH = re.compile(
    r"\b(?:organisation|whilst|colour|licence|programme|behaviour|recognise|authorised)\b", re.IGNORECASE
)
# An update date sits near the top or bottom; a date inside the body is usually something else.
_FORM_RANK = {"explicit": 1.0, "iso": 0.95, "numeric": 0.75, "month_year": 0.6}
# The statement's own date stands on a short line of its own ("Last update: June 2026"); a date
# inside a long sentence after "updated" is usually another text's ("clauses updated by the
# decision of 4 June 2021"), so it only wins when nothing better is found.
_DATE_LINE_CHARS = 80
_IN_PROSE = 0.5
# A line holding only a date, among the first lines of the statement, is its date ("May 9, 2023").
_BARE_DATE_LINES = 5
_BARE_DATE_RANK = 0.55


def detect_last_updated(document: Document) -> Answer:
    """The statement's last-updated / effective date as ISO YYYY-MM-DD."""
    day_first = bool(_BRITISH.search(document.text[:200_000]))
    best: tuple[float, int, str, Unit] | None = None
    for unit in document.units:
        found = _update_date(unit.lower, day_first)  # without emphasis: "_Effective 5 May 2023._"
        if found is None and unit.index < _BARE_DATE_LINES:
            found = _bare_date(unit.lower, day_first)
        if found is None:
            continue
        rank, iso = found
        if best is None or rank > best[0]:
            best = (rank, unit.index, iso, unit)
    if best is None:
        return Answer.not_stated()
    rank, _, iso, unit = best
    sentence = unit.sentence
    return Answer(iso, round(0.55 + 0.4 * rank, 2), (Span(sentence.start, sentence.end, sentence.text),))


def _update_date(text: str, day_first: bool) -> tuple[float, str] | None:
    """The first date in ``text`` that follows an update/effective word, with a rank."""
    if len(text) > 600 or _YEAR_HINT.search(text) is None or _COPYRIGHT.search(text):
        return None
    cue_match = _UPDATED.search(text)
    if cue_match is None:
        return None
    for form, pattern in _DATE_FORMS:
        for match in pattern.finditer(text, cue_match.start()):
            if match.start() - cue_match.end() > 80:
                break
            iso = _to_iso(form, match, day_first)
            if iso is not None:
                rank = _FORM_RANK[form] * (1.0 if form != "numeric" or _unambiguous(match) else 0.8)
                return rank * (1.0 if len(text) <= _DATE_LINE_CHARS else _IN_PROSE), iso
    return None


def _bare_date(text: str, day_first: bool) -> tuple[float, str] | None:
    """A line that is nothing but a written-out date, such as "March 3, 2024"."""
    text = text.strip(" *_#.")
    if len(text) > 30:
        return None
    for form, pattern in _DATE_FORMS[:3]:
        match = pattern.fullmatch(text)
        if match is not None:
            iso = _to_iso(form, match, day_first)
            return (_BARE_DATE_RANK, iso) if iso else None
    return None


def _to_iso(form: str, match: re.Match[str], day_first: bool) -> str | None:
    """Convert a date match to ISO, or None if it is not a real date."""
    year = int(match.group("year"))
    if form == "numeric":
        first, second = int(match.group("first")), int(match.group("second"))
        # "14.03.2021": dotted dates are written day first (German, Dutch, Nordic usage).
        if first > 12 or ((day_first or match.group("sep") == ".") and second <= 12):
            day, month = first, second
        else:
            month, day = first, second
    elif form == "month_year":
        month, day = _MONTHS[match.group("month").lower()], 1
    else:
        month_text = match.group("month")
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
        day = int(match.group("day"))
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _unambiguous(match: re.Match[str]) -> bool:
    first, second = int(match.group("first")), int(match.group("second"))
    return first > 12 or second > 12 or match.group("sep") == "."


# -- privacy contact ----------------------------------------------------------------------

_EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[a-z]{2,24}|"
    r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Z]{2,24}"
)
# An address written to fool harvesters: "privacy[at]acme[dot]com", "dpo (at) acme (dot) eu".
_AT, _DOT = r"\s?[\[({]\s?at\s?[\])}]\s?", r"\s?[\[({]\s?dot\s?[\])}]\s?"
_OBFUSCATED = re.compile(
    r"\b([A-Za-z0-9._%+\-]+)" + _AT + r"([A-Za-z0-9\-]+(?:(?:" + _DOT + r"|\.)[A-Za-z0-9\-]+)*(?:" + _DOT
    + r")[A-Za-z]{2,24})\b",
    re.IGNORECASE,
)
_DOT_WORD = re.compile(_DOT, re.IGNORECASE)


def _addresses(text: str) -> list[tuple[int, str]]:
    """Each address in ``text`` with its offset, plain or obfuscated, as it would be typed."""
    found = [(match.start(), match.group().rstrip(".-").lower()) for match in _EMAIL.finditer(text)]
    if "at" in text.lower():
        for match in _OBFUSCATED.finditer(text):
            domain = _DOT_WORD.sub(".", match.group(2))
            found.append((match.start(), f"{match.group(1)}@{domain}".lower()))
    return sorted(found)


# How telling the sentence around an address is: a privacy word, a generic contact word, or
# a purpose that is not privacy ("sales@ for Enterprise pricing", "rather than the privacy team").
_PRIVACY_WORDS = re.compile(
    r"privacy|data protection|\bdpo\b|gdpr|personal (?:data|information)|this (?:policy|statement|notice)|"
    r"data subject|your (?:data|rights)",
    re.IGNORECASE,
)
_CONTACT_WORDS = re.compile(r"questions|concerns|requests?|rights|contact", re.IGNORECASE)
_OTHER_PURPOSE = re.compile(
    r"rather than|instead of|not for|other than|pricing|quotes?\b|sales|billing questions|invoices?|careers|jobs|"
    r"press|media|partnership|technical (?:problems|issues|support)|about the (?:site|website)|webmaster|"
    r"report(?:ing)? (?:a )?(?:bug|vulnerabilit)",
    re.IGNORECASE,
)
_PRIVACY_LOCAL = re.compile(r"^(?:privacy|dpo|dataprotection|data-protection|data\.protection|gdpr)", re.IGNORECASE)
# A legal mailbox is as telling as a privacy sentence, no more: the first of them wins.
_LEGAL_LOCAL = re.compile(r"^(?:legal|compliance)", re.IGNORECASE)
_NOT_CONTACT = re.compile(r"^(?:no-?reply|donotreply|mailer-daemon|example)", re.IGNORECASE)
_PRIVACY_LOCAL_RANK, _PRIVACY_TEXT_RANK, _CONTACT_RANK, _ANY_RANK = 3, 2, 1, 0


def detect_privacy_contact(document: Document) -> Answer:
    """The first address given for privacy questions (else the first address), lower-cased.

    Position alone misleads: "write to support@ rather than to the privacy team" or "sales@ for
    pricing" come first in many statements. A privacy mailbox or an address in a privacy
    sentence wins; a generic contact address comes next; any other address is the fallback.
    """
    best: tuple[int, str, Unit] | None = None
    found = document.with_keywords(("@",)) | document.with_substrings(("[at]", "(at)", "{at}", "[ at ]", "( at )"))
    for index in sorted(found):
        unit = document.units[index]
        for _, address in _addresses(unit.sentence.text):
            if _NOT_CONTACT.match(address):
                continue
            rank = _contact_rank(address, unit.sentence.text)
            if best is None or rank > best[0]:
                best = (rank, address, unit)
            if rank == _PRIVACY_LOCAL_RANK:
                break
    if best is None:
        return Answer.not_stated()
    rank, address, unit = best
    return _email_answer(address, unit, 0.9 if rank >= _PRIVACY_TEXT_RANK else 0.6)


def _contact_rank(address: str, sentence: str) -> int:
    """How clearly ``address`` is given for privacy questions (see the ``_*_RANK`` constants)."""
    if _PRIVACY_LOCAL.match(address):
        return _PRIVACY_LOCAL_RANK
    if _OTHER_PURPOSE.search(sentence):
        return _ANY_RANK
    if _LEGAL_LOCAL.match(address) or _PRIVACY_WORDS.search(sentence):
        return _PRIVACY_TEXT_RANK
    return _CONTACT_RANK if _CONTACT_WORDS.search(sentence) else _ANY_RANK


def _email_answer(address: str, unit: Unit, confidence: float) -> Answer:
    sentence = unit.sentence
    return Answer(address, confidence, (Span(sentence.start, sentence.end, sentence.text),))


# -- change notice ------------------------------------------------------------------------

_CHANGE = r"(?:chang|updat|modif|revis|amend)"
# "These terms" can be the statement itself; "our terms (of service)" are another document.
_CHANGE_CONTEXT = rx(
    r"\b" + _CHANGE + r"\w*\b[^.;]{0,60}\b(?:policy|statement|(?<!about )notice(?!s? about)|these terms|page|document)"
    r"|\b(?:policy|"
    r"statement|notice|page)\b[^.;]{0,60}\b" + _CHANGE + r"|material|significant|major|substantial|"
    r"(?:way|changes?) that (?:matters?|affects? you)|\blast (?:changed|updated|revised|modified)\b"
)

DIRECT = Rule(
    keywords=(
        "notif",
        "email",
        "e-mail",
        "inform",
        "notice",
        "message",
        "alert",
        "directly",
        "contact you",
        "sent to",
        "write to",
        "know",
        "announc",
        "tell",
        "in-app",
        "in the app",
        "in the product",
    ),
    cues=(
        # "let you know in the app", "announced in the product": a notice inside the service is direct.
        cue(
            r"\b(?:notif|inform|alert|tell|contact|announc|let \w+ know|flag|highlight)\w*\b[^.;]{0,60}\b(?:in|inside|"
            r"within|through|via|on) (?:the|our) (?:app|application|product|service|dashboard|platform|console|admin "
            r"(?:panel|console))\b",
            0.85,
        ),
        cue(
            r"\b(?:notif\w*|inform\w*|alert\w*|tell|contact|announc\w*)\b[^.;]{0,60}\b(?:by|via|through|using|with an?|"
            r"in an?) "
            r"(?:an? )?(?:e-?mail|electronic mail|in-?(?:app|product)|the (?:service|services|platform|product|app|"
            r"application|dashboard)|your account|a message|(?:a )?direct)",
            0.85,
        ),
        cue(
            r"\b(?:send|sending|email|e-mail)\w*\b[^.;]{0,30}\b(?:you|account owners?|customers?|administrators?)\b"
            r"[^.;]{0,40}\b(?:notice|notification|e-?mail|message)",
            0.8,
        ),
        cue(r"\b(?:e-?mail|in-?app|in-?product) (?:notice|notification|message)s?\b", 0.8),
        cue(
            r"(?:\b(?:will|shall|may|would)|'ll) (?:also )?(?:e-?mail|send (?:an )?e-?mail to|write to) "
            r"(?:you|the (?:owner|"
            r"administrator|admin|account holder|primary contact|account owner|workspace owner|"
            r"account administrator)|each|all|our customers|customers|users"
            r"|account)",
            0.85,
        ),
        cue(
            r"\b(?:e-?mailed|sent|announced|notified) (?:directly )?to (?:you|(?:all |each |the )?(?:account owners?|"
            r"customers|users|admins?|administrators|subscribers|account holders))\b",
            0.85,
        ),
        cue(r"\bnotify you directly\b|\bdirect(?:ly)? (?:notice|notify|notification)\b|\bprior notice to you\b", 0.8),
        cue(
            r"\b(?:email address|e-mail address|contact (?:details|information)) (?:associated with|on file|"
            r"you (?:have )?provided)",
            0.75,
        ),
    ),
    context=_CHANGE_CONTEXT,
    sections=rx(r"chang|updat|amend|revis"),
    strong=1.0,
    threshold=0.8,
)

# A change that takes effect when it is published, or applies at the reader's next visit, is
# made known only by the page: "changes apply from publication", "next time you visit, the new
# version applies".
_ON_PUBLICATION = (
    cue(
        r"\b(?:changes?|updates?|amendments?|revisions?|(?:updated|revised|new|amended|modified) (?:version|policy"
        r"|statement|notice))\b[^.;]{0,40}\b(?:take effect|takes effect|become effective|becomes effective|"
        r"(?:are|is|will be|shall be) effective|appl(?:y|ies)|in force)\b[^.;]{0,30}\b(?:publication|"
        r"(?:it is |they are |being )?(?:published|posted|posting))\b",
        0.8,
    ),
    cue(
        r"\b(?:visit|return to|come back to|open) (?:this|the|our) (?:web ?page|page|site|website)\b[^.;]{0,30}"
        r"\b(?:updated|revised|new|current|amended|latest) (?:version|privacy (?:policy|statement|notice)|policy|"
        r"statement|notice)\b[^.;]{0,20}\bappl(?:y|ies)\b",
        0.8,
    ),
)

POSTED = Rule(
    keywords=("post", "page", "website", "site", "date", "publish", "notice", "review", "version"),
    cues=(
        cue(
            r"\b(?:post|posting|posted|publish\w*|place\w*|display\w*|provide|put)\b[^.;]{0,80}\b(?:on|at|to|in) "
            r"(?:this|the|our) (?:web ?page|page|website|web site|site|privacy (?:policy|statement|notice) page)",
            0.8,
        ),
        cue(
            r"\b(?:updat|revis|chang|modif|amend)\w* (?:the |its )?(?:\"|“)?(?:last (?:updated|revised|modified)"
            r"|effective|revision)(?:\"|”)? "
            r"date\b|\b(?:last updated|effective|revision) date (?:at|on) the top\b",
            0.75,
        ),
        cue(
            r"\b(?:review|check|visit) (?:this|the) (?:page|policy|statement|notice|privacy)\b[^.;]{0,40}"
            r"\b(?:periodically|regularly|frequently|from time to time|for (?:the latest|updates|changes))",
            0.6,
        ),
        cue(
            r"\b(?:post|publish)\w* (?:the |any |such |every |all |each )?(?:changes|updates|revised|updated|new|"
            r"modified|revisions?|versions?|amendments)\b",
            0.75,
        ),
        # "goes live when we publish it here", "the latest version is always on this page".
        cue(
            r"\b(?:post|publish)\w*\b[^.;]{0,30}\b(?:here|on this page|at this (?:address|url))\b|\b(?:latest|current"
            r"|newest|revised|updated) version\b[^.;]{0,30}\b(?:on|at) (?:this|our) (?:page|site|website)\b",
            0.75,
        ),
        *_ON_PUBLICATION,
    ),
    context=_CHANGE_CONTEXT,
    sections=rx(r"chang|updat|amend|revis"),
    strong=1.0,
    threshold=0.7,
)


def detect_change_notice(document: Document) -> Answer:
    """direct (e-mail / in-product / direct notice), else posted (only on the page), else not_stated."""
    direct = _asserted(scan(document, DIRECT), DIRECT.threshold)
    if direct:
        return answer("direct", direct)
    posted = _asserted(scan(document, POSTED), POSTED.threshold)
    return answer("posted", posted) if posted else Answer.not_stated()


def _asserted(hits: list[Hit], threshold: float) -> list[Hit]:
    return [hit for hit in hits if hit.score >= threshold and hit.polarity is Polarity.ASSERTED]
