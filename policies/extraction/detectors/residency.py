"""Data residency (v2): is a hosting region offered, or committed to, for the customer's data?

Yes when the customer may choose where its data is hosted ("choose the EU or US data
centre", "data residency options") or the vendor commits to one region ("all customer data
is hosted exclusively in Frankfurt"). A transfer clause ("we may process data anywhere we
operate") is ``transfer.international``, not residency.
"""

from __future__ import annotations

from policies.extraction.detectors.framework import Document, Rule, cue, decide_yes_no, rx, scan
from policies.extraction.detectors.inability import deny_when
from policies.extraction.detectors.vocab import LINKED_SITES
from policies.extraction.types import Answer

_HOSTING = (
    r"(?:host\w*|stor\w*|located|locat\w*|resid\w*|kept|held|process\w*|data cent(?:er|re)s?|datacent(?:er|re)s?|"
    r"servers?|regions?|instances?|environments?|infrastructure)"
)
_REGION = (
    r"(?:regions?|locations?|countr(?:y|ies)|data cent(?:er|re)s?|datacent(?:er|re)s?|jurisdictions?|"
    r"geograph\w*|the (?:eu|eea|us|uk|united states|united kingdom|european union)|the (?:eu|us|uk)|(?:eu|us|uk|"
    r"european|australian|canadian|german)\b|europe|germany|australia|canada|frankfurt|dublin|ireland|"
    r"japan|india|switzerland)"
)

DATA_RESIDENCY = Rule(
    keywords=("residen", "region", "data center", "data centre", "datacenter", "datacentre", "host", "located",
              "stored", "locali", "stay", "remain"),
    cues=(
        cue(r"\bdata[- ]residency\b|\bdata locali[sz]ation\b|\bregional (?:hosting|data (?:storage|residency))\b|"
            r"\bin-region (?:hosting|storage|processing)\b", 0.9),
        cue(r"\b(?:choose|chose|choosing|select\w*|pick|elect|opt for|decide|specify|choice of)\b[^.;]{0,60}"
            r"\b" + _REGION + r"[^.;]{0,60}\b" + _HOSTING, 0.9),
        cue(r"\b(?:choose|chose|choosing|select\w*|pick|choice of|specify)\b[^.;]{0,40}\b(?:where|in which)\b"
            r"[^.;]{0,40}\b" + _HOSTING, 0.9),
        cue(r"\b" + _HOSTING + r"\b[^.;]{0,40}\b(?:in|within) (?:the )?(?:region|location|country|data cent(?:er|re))"
            r" (?:of )?(?:your|you|the customer)[’']?s? ?(?:choice|choose|select\w*)", 0.9),
        cue(r"\b(?:exclusively|only|solely)\b[^.;]{0,40}\b(?:hosted|stored|located|kept|held|resides?)\b[^.;]{0,30}"
            r"\b(?:in|within)\b[^.;]{0,20}\b" + _REGION, 0.75),
        cue(r"\b(?:hosted|stored|located|kept|held|resides?)\b[^.;]{0,20}\b(?:exclusively|only|solely) (?:in|within)"
            r"\b[^.;]{0,20}\b" + _REGION, 0.75),
        cue(r"\b(?:offer\w*|provid\w*|support\w*|available|option\w*)\b[^.;]{0,30}\b(?:eu|us|uk|european|regional|"
            r"local|in-country|australian|canadian|german|dedicated)[- ](?:hosting|data cent(?:er|re)s?|"
            r"datacent(?:er|re)s?|storage|instances?|regions?|clouds?)\b", 0.85),
        cue(r"\b(?:data|content|information)\b[^.;]{0,30}\b(?:stays?|remains?|resides?)\b[^.;]{0,15}\b(?:in|within) "
            r"(?:the )?" + _REGION, 0.7),
        cue(r"\b(?:never|not) (?:leaves?|leave|be (?:transferred|moved)|transferred|moved)\b[^.;]{0,20}"
            r"\b(?:outside|out of|from)\b[^.;]{0,20}\b" + _REGION, 0.7),
    ),
    context=rx(r"data|content|account|workspace|instance|tenant|information|tickets?|hosted|stored"),
    exclude=rx(r"\bcookies?\b|\bresiden(?:ts?|ce) of\b|\bresidents?\b|\btax\b|" + LINKED_SITES),
    sections=rx(r"residen|hosting|data location|where (?:we|your data)|storage location"),
    strong=9.0,
    threshold=0.6,
)

# The shared negation words do not include inability: "we are unable to offer data residency".
_UNABLE = rx(r"\b(?:unable|not able|no longer able) to (?:offer|provide|support|guarantee)\b")


def detect_data_residency(document: Document) -> Answer:
    """yes for a choice of hosting region or a one-region commitment, no when the vendor says it offers none."""
    return decide_yes_no(deny_when(scan(document, DATA_RESIDENCY), _UNABLE), DATA_RESIDENCY.threshold)
