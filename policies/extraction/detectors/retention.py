"""How long data is kept: a concrete period (specific) or a generic promise (vague)."""

from __future__ import annotations

from policies.extraction.detectors.framework import Document, LevelRules, Rule, cue, decide_level, rx
from policies.extraction.detectors.vocab import LINKED_SITES, TIME_PERIOD
from policies.extraction.types import Answer

_KEEP = r"(?:retain\w*|retention|kept|keep|keeps|store[ds]?|storing|stored|hold|held|maintain\w*|preserv\w*|archiv\w*)"
_REMOVE = r"(?:delet\w*|eras\w*|purg\w*|destroy\w*|anonymi[sz]\w*|remov\w*|dispos\w*)"
# Keeping data secure, accurate or confidential is not about how long it is kept.
_NOT_DURATION = (
    r"(?:keep|keeping|maintain\w*|hold) (?:your |the |such |this )?(?:personal )?(?:information|data)? ?"
    r"(?:secure|safe|accurate|confidential|up[- ]to[- ]date|private|protected|current)"
    r"|retain (?:the |all )?(?:right|ownership|title)|customer retention|user retention|keep you (?:informed|updated)"
)
# Framework boilerplate lists retention among the principles it covers ("notice, choice ... the
# collection, use and retention of data"); naming retention is not stating a period.
_PRINCIPLES = (
    r"safe harbou?r|privacy shield|data privacy framework|(?:collection|use|processing|storage|disclosure),? "
    r"(?:[a-z]+,? ){0,3}(?:and|&|or) retention\b"
)

SPECIFIC = Rule(
    keywords=("day", "week", "month", "year", "hour"),
    cues=(
        cue(
            r"\b" + _KEEP + r"\b[^.;]{0,100}\b(?:for|up to|of|at least|no (?:longer|more) than|maximum of|"
            r"minimum of|period of|after|within)\b[^.;]{0,20}\b" + TIME_PERIOD,
            0.85,
        ),
        cue(
            r"\b"
            + _REMOVE
            + r"\b[^.;]{0,100}\b(?:after|within|following|in|once|older than)\b[^.;]{0,20}\b"
            + TIME_PERIOD,
            0.8,
        ),
        cue(
            r"\b(?:" + _KEEP + "|" + _REMOVE + r")\b[^.;]{0,80}\b" + TIME_PERIOD + r"\b (?:after|following|from|"
            r"of|since|beyond)\b",
            0.8,
        ),
        cue(
            r"\b" + TIME_PERIOD + r"\b[^.;]{0,60}\b(?:after|following|from|of) (?:the )?(?:termination|"
            r"closure|cancellation|deletion|end|expiry|expiration|last|your|account|collection|inactivity)",
            0.7,
        ),
        cue(r"\bretention (?:period|time|schedule)s?\b[^.;]{0,60}\b" + TIME_PERIOD, 0.85),
    ),
    context=rx(
        r"data|information|records?|logs?|backups?|recordings?|account|content|tickets?|files|e-?mails?|"
        r"invoices|everything|subscription|retention|storage"
    ),
    exclude=rx(
        r"cookie|respond|response|reply|notify|notice|fee|refund|trial|warranty|"
        r"(?:within|after) [^.]{0,20}(?:of (?:receiving|receipt))|" + _NOT_DURATION + r"|" + LINKED_SITES
    ),
    sections=rx(r"retention|retain|how long|storage|keep"),
    strong=0.85,
    threshold=0.65,
)

VAGUE = Rule(
    keywords=(
        "retain",
        "retention",
        "kept",
        "keep",
        "store",
        "hold",
        "held",
        "maintain",
        "as long as",
        "delete",
        "necessary",
        "needed",
    ),
    cues=(
        cue(
            r"\b(?:as long as|for (?:the|a) (?:period|time)|(?:no|not any) longer than|only (?:for )?as long|"
            r"for (?:so long|the duration)|until)\b[^.;]{0,80}\b(?:necessary|needed|required|reasonabl\w*|"
            r"permitted|appropriate|active|relevant|legitimate|purpose|account|you|law)",
            0.75,
        ),
        cue(
            r"\b" + _KEEP + r"\b[^.;]{0,80}\b(?:as (?:needed|necessary|required|long as)|to (?:comply|fulfil|fulfill|"
            r"meet|satisfy|resolve|enforce|provide)|for (?:legal|business|legitimate|accounting|tax|audit)|"
            r"in accordance with (?:our|its) (?:data )?retention)",
            0.7,
        ),
        cue(r"\b(?:retain|retention|retained)\b", 0.55),
        cue(r"\b(?:need|needs|required|have) to be (?:kept|retained|stored|maintained)\b", 0.65),
    ),
    exclude=rx(r"cookie|" + _NOT_DURATION + r"|" + _PRINCIPLES + r"|" + LINKED_SITES),
    context=rx(r"\b" + _KEEP + r"\b|\b" + _REMOVE + r"\b"),
    section_cues=(cue(r"\b(?:keep|store|hold|delete)\b", 0.55),),
    sections=rx(r"retention|retain|how long|storage"),
    strong=1.0,
    threshold=0.6,
)

RETENTION = LevelRules(specific=SPECIFIC, vague=VAGUE)


def detect_retention_period(document: Document) -> Answer:
    """specific for a concrete period ("30 days after closure"), vague for "as long as necessary"."""
    return decide_level(document, RETENTION)
