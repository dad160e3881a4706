"""Legal frame: GDPR / EEA, a Data Processing Agreement on offer, and children's data."""

from __future__ import annotations

from policies.extraction.detectors.framework import Rule, cue, rule_detector, rx
from policies.extraction.detectors.vocab import LINKED_SITES

GDPR = Rule(
    keywords=(
        "gdpr",
        "general data protection regulation",
        "european",
        "eea",
        "eu ",
        "eu.",
        "eu,",
        "eu-",
        "(eu)",
        "union",
        "supervisory authority",
        "uk data protection",
        "swiss",
        "switzerland",
    ),
    cues=(
        cue(r"\b(?:uk )?gdpr\b|\bgeneral data protection regulation\b|\bregulation \(eu\) 2016/679\b", 0.95),
        cue(r"\beuropean economic area\b|\beea\b", 0.85),
        cue(
            r"\b(?:eu|european union|european|uk|swiss)\b[^.;]{0,40}\b(?:data protection|privacy) (?:law|laws|"
            r"legislation|regulation|rules|requirements)\b|\b(?:data protection|privacy) (?:laws?|legislation) "
            r"(?:of|in) the (?:eu|european union)\b",
            0.85,
        ),
        cue(
            r"\b(?:users?|individuals?|residents?|visitors?|customers?|people) (?:located |based |residing )?(?:"
            r"in|from) "
            r"the (?:eu|european union|united kingdom|uk)\b|\b(?:eu|european union) (?:users?|residents?|"
            r"individuals?|representative|law|laws)\b",
            0.8,
        ),
        cue(
            r"\b(?:lodge|file|make) a complaint with (?:a|the|your)? ?(?:local |competent )?(?:data protection|"
            r"supervisory) authority\b|\bsupervisory authority\b",
            0.75,
        ),
    ),
    exclude=rx(LINKED_SITES),
    threshold=0.7,
    # A heading "Your rights (GDPR)" addresses the GDPR almost as much as a sentence does
    # (a sentence still ranks first as evidence).
    heading_factor=0.95,
    question_factor=0.95,
)

# A DPA the vendor has signed with its own providers binds them; it is not offered to customers.
_SUPPLIER = (
    r"(?:service )?(?:providers?|sub-?processors?|processors?|suppliers?|vendors?|contractors?|third[- ]parties)"
)
_WITH_SUPPLIERS = (
    r"\b(?:agreements?|addend(?:um|a)|terms|contracts?|dpas?)\b[^.;]{0,40}\bwith "
    r"(?:(?:this|that|the|these|those|our|its|such|each|of|all|every|any|external|selected) )*(?:\w+ )?"
    + _SUPPLIER + r"\b"
)

DPA_AVAILABLE = Rule(
    keywords=(
        "data processing",
        "data protection agreement",
        "data protection addendum",
        "dpa",
        "art. 28",
        "art 28",
        "article 28",
        "order processing",
        "commissioned processing",
        "processing on behalf",
    ),
    cues=(
        cue(
            r"\bdata processing (?:agreement|addendum|terms|contract)s?\b|\bdata protection (?:agreement"
            r"|addendum)s?\b",
            0.9,
        ),
        cue(r"\bdpas?\b", 0.7),
        # The GDPR's processor contract by its article, or in a translation of the German
        # "Auftragsverarbeitung": "a contract for order processing according Art. 28 GDPR".
        cue(
            r"\b(?:contract|agreement)s?\b[^.;]{0,60}\b(?:art(?:icle|\.)? ?28\b|(?:order|commissioned) processing|"
            r"processing on (?:our |your |its )?behalf)|\b(?:order|commissioned) processing (?:contract|agreement)s?\b|"
            r"\bart(?:icle|\.)? ?28\b[^.;]{0,40}\b(?:contract|agreement)",
            0.85,
        ),
    ),
    context=rx(r"processing|agreement|addendum|sign|request|customer|available|enter|offer|contract|govern"),
    exclude=rx(
        r"data protection authority|dpa['’]?s? (?:of|in)\b|" + _WITH_SUPPLIERS + "|" + LINKED_SITES
    ),
    strong=0.9,
    threshold=0.7,
)

CHILDREN = Rule(
    keywords=(
        "child",
        "minor",
        "under the age",
        "under age",
        "under 1",
        "coppa",
        "kids",
        "age of 1",
        "years of age",
        "younger than",
        "parental",
        "teen",
    ),
    cues=(
        # Help desks speak of child and parent tickets: "child" before a record's name is no minor.
        cue(
            r"\bchild(?:ren)?(?:['’]s)?\b(?! (?:incidents?|tickets?|records?|objects?|tasks?|issues?|items?|nodes?|"
            r"elements?|accounts?|entit(?:y|ies)|compan(?:y|ies)|organi[sz]ations?|workspaces?|processes|cases?|"
            r"pages?|categor(?:y|ies)|folders?|rows?|threads?))|\bminors?\b|\bkids\b|\bcoppa\b|\bteen(?:ager)?s?\b",
            0.8,
        ),
        cue(
            r"\b(?:under|below|younger than) (?:the age of )?(?:1[0-9]|2[01])\b|\bage of (?:1[0-9]|2[01])\b|"
            r"\b(?:1[0-9]|2[01]) years of age\b|\bparental consent\b",
            0.8,
        ),
    ),
    exclude=rx(r"child (?:compan|entit|organi)|parent compan|" + LINKED_SITES),
    sections=rx(r"child|minor|age"),
    threshold=0.7,
    heading_factor=0.95,
    question_factor=0.95,
)

detect_gdpr = rule_detector(GDPR, denial="yes")
detect_dpa_available = rule_detector(DPA_AVAILABLE, denial="yes")
detect_children = rule_detector(CHILDREN, denial="yes")
