"""Sub-processor list (v2): are the vendor's sub-processors listed in the text or linked from it?

Naming one processor ("we use Stripe for payments") is ``share.names_processors``; this
asks for the list a customer can check and watch ("our current sub-processors are listed
at ...", "Annex 3: List of Sub-processors", "see the Subprocessors page").
"""

from __future__ import annotations

from policies.extraction.detectors.framework import Rule, cue, rule_detector, rx

SUBPROCESSORS = r"(?:sub-?processors?|sub-?contractors?|subprocessing|third[- ]party (?:service )?providers|vendors)"
_LISTING = r"(?:lists?|listing|page|overview|register|table|annex|appendix|schedule|exhibit|directory|inventory)"

SUBPROCESSOR_LIST = Rule(
    keywords=("processor", "subcontractor", "sub-contractor", "vendors", "service providers", "subprocessing"),
    cues=(
        cue(
            r"\b" + _LISTING + r"s? (?:of |naming |identifying )?(?:our |all |the |its |current |approved |"
            r"authori[sz]ed )*(?:\w+ )?" + SUBPROCESSORS,
            0.9,
        ),
        cue(r"\b" + SUBPROCESSORS + r"[- ](?:list|page|register|directory|overview)\b", 0.9),
        cue(r"\b" + SUBPROCESSORS + r"\b[^.;]{0,80}\b(?:are |is )?(?:listed|set out|identified|named|enumerated|"
            r"published|available|found|posted|described) (?:at|on|in|below|here|under|via)\b", 0.85),
        cue(r"\b" + SUBPROCESSORS + r"\b[^.;]{0,60}\bhttps?://", 0.8),
        cue(r"\b" + SUBPROCESSORS + r"\b[^.;]{0,30}\b(?:include|are)\s*:", 0.75),
    ),
    exclude=rx(r"\bmeans\b|\bshall mean\b|\brefers to\b"),
    sections=rx(r"sub-?processor"),
    section_cues=(cue(r"\b(?:list|below|following|https?://)", 0.6),),
    threshold=0.6,
)

detect_subprocessor_list = rule_detector(SUBPROCESSOR_LIST)
