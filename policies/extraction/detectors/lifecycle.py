"""What happens to customer data over the contract (v2): support data retention, and the end.

``retention.period`` (v1) asks whether any retention period is stated. A help desk holds
tickets, attachments, chat transcripts and call recordings: ``retention.support_data`` asks
whether *their* retention is stated, with v1's specific / vague cues but only on sentences
about support artefacts. ``retention.end_of_contract`` asks whether the data is deleted or
returned when the contract, subscription or account ends; the Art. 28 detectors reuse it.
"""

from __future__ import annotations

from dataclasses import replace

from policies.extraction.detectors.framework import Document, LevelRules, Rule, cue, decide_level, rule_detector, rx
from policies.extraction.detectors.retention import SPECIFIC, VAGUE
from policies.extraction.detectors.vocab import LINKED_SITES
from policies.extraction.types import Answer

# The help desk's own artefacts. Two-word forms for "support" so a "Customer support" heading
# alone does not make every retention sentence under it about tickets.
SUPPORT_DATA = (
    r"\btickets?\b|\battachments?\b|\bsupport (?:requests?|conversations?|interactions?|communications?|cases?|"
    r"data|messages?|history|e-?mails?|tickets?|records?|sessions?|content)\b|\bchat (?:transcripts?|logs?|"
    r"histor\w*|messages?)\b|\b(?:call|support call|phone|voice|screen-?share|remote session) recordings?\b|"
    r"\brecordings?\b|\btranscripts?\b|"
    r"\bcase (?:history|records?|notes)\b|\bhelp ?desk (?:data|content|records?)\b|\bconversation (?:data|history)\b"
)

# Recordings of webinars or research sessions are not support data.
_NOT_SUPPORT = r"|webinars?|user research|research sessions?|interviews?|events?|marketing"
# Support-data sentences only: a cue however strong never does without the support context.
SUPPORT_RETENTION = LevelRules(
    specific=replace(
        SPECIFIC,
        context=rx(SUPPORT_DATA),
        strong=9.0,
        sections=rx(r"ticket|support data|attachment"),
        exclude=rx(SPECIFIC.exclude.pattern + _NOT_SUPPORT),
    ),
    vague=replace(
        VAGUE,
        context=rx(SUPPORT_DATA),
        strong=9.0,
        section_cues=(),
        sections=rx(r"ticket|attachment"),
        exclude=rx(VAGUE.exclude.pattern + _NOT_SUPPORT),
    ),
)

_RELATION = (
    r"(?:agreement|contract|subscription|services?|account|relationship|main agreement|principal agreement|"
    r"terms|dpa|addendum|processing|provision of (?:the )?(?:\w+ )?services)"
)
# "termination" and "expiry" stand alone; "the end" or "closure" must say of what (a closed ticket is not).
_END = (
    r"(?:(?:termination|expiry|expiration)\b(?: or (?:expiry|expiration|termination))?"
    r"|(?:end|cancell?ation|conclusion|close|closure|cessation|completion)(?: or (?:expiry|expiration|termination))?"
    r" of (?:the |your |this |our |any )?(?:\w+ )?" + _RELATION + r"|(?:account|subscription|contract|agreement) "
    r"(?:closure|termination|cancell?ation|expiry|deletion))"
)
_DISPOSE = (
    r"(?:delet\w*|eras\w*|destr\w*|purg\w*|return\w*|hand(?:ed)? back|export\w*|give back|dispos\w*|"
    r"anonymi[sz]\w*|remov\w*|retriev\w*)"
)

END_OF_CONTRACT = Rule(
    keywords=("terminat", "expir", "end of", "cancel", "conclusion", "closure", "close", "cessation", "ends", " end",
              "ended", "completion", "upon the end", "after the end"),
    cues=(
        cue(
            r"\b(?:upon|on|after|following|within \S+ (?:days?|weeks?|months?) (?:of|after|following)|at|"
            r"by|prior to|before) (?:the )?" + _END + r"\b[^.;]{0,160}\b" + _DISPOSE,
            0.9,
        ),
        cue(r"\b" + _DISPOSE + r"\b[^.;]{0,120}\b(?:upon|on|after|following|at|of|within \S+ \S+ (?:of|after)) "
            r"(?:the )?" + _END + r"\b", 0.85),
        cue(r"\b(?:when|once|if|after) you (?:cancel|terminate|close|end|delete)\w* (?:your |the |this )?" + _RELATION
            + r"\b[^.;]{0,100}\b" + _DISPOSE, 0.85),
        cue(r"\b(?:when|once|if|after) (?:the |your |this |our )?" + _RELATION + r"\b[^.;]{0,30}\b(?:ends?|ended|"
            r"terminat\w*|expir\w*|is cancell?ed|closes|is closed|cancel\w*)\b[^.;]{0,100}\b" + _DISPOSE, 0.85),
        cue(r"\b" + _DISPOSE + r"\b[^.;]{0,100}\b(?:when|once|if|after) (?:the |your |this )?" + _RELATION +
            r"\b[^.;]{0,30}\b(?:ends?|ended|terminat\w*|expir\w*|is cancell?ed|closes|is closed)\b", 0.85),
    ),
    context=rx(r"data|information|content|records?|tickets?|copies|materials?|everything"),
    exclude=rx(r"\b(?:fees?|refunds?|payment|invoice|warrant\w*|licen[cs]e)\b|" + LINKED_SITES),
    sections=rx(r"terminat|end of|deletion|return|retention|expir"),
    strong=9.0,
    threshold=0.6,
)

detect_end_of_contract = rule_detector(END_OF_CONTRACT)


def detect_support_data(document: Document) -> Answer:
    """specific for "closed tickets are deleted after 180 days", vague for "kept as long as needed"."""
    return decide_level(document, SUPPORT_RETENTION)
