"""Word families shared by several detectors, as regex fragments on lower-cased text."""
from __future__ import annotations

# Verbs by which a vendor obtains data (or data reaches it).
COLLECT_VERBS = (
    r"(?:collect|gather|receive|obtain|record|log|capture|store|process|access|acquire|infer|derive|"
    r"track|use|may include|includes?|including|such as|consist|comprise|automatically|provided? (?:to|by)|"
    r"submit|ask (?:you )?for|request|keep|hold|read|detect|determine)"
)
# Verbs by which data leaves the vendor.
SHARE_VERBS = (
    r"(?:shar(?:e|es|ed|ing)|disclos(?:e|es|ed|ing|ure)|transfer(?:s|red|ring)?|provid(?:e|es|ed|ing)|"
    r"giv(?:e|es|en)|mak(?:e|es) (?:it |them |such information |your \w+ )?available|made available|"
    r"pass(?:es|ed)? (?:on|along)?|releas(?:e|es|ed)|send|sent|report|rent|sell|sold|access|"
    r"entrust|allow|permit|engage|use|work with|rely on|process(?:ed|es)? (?:by|on our behalf))"
)
# Who outside the vendor receives data.
THIRD_PARTIES = (
    r"(?:third[- ]part(?:y|ies)|service providers?|sub-?processors?|processors|vendors?|suppliers?|"
    r"contractors?|sub-?contractors?|(?:vendors|contractors|suppliers),? (?:or|and) agents|(?:business |trusted "
    r"|marketing |advertising |technology |channel )?partners?|"
    r"companies (?:that|who|which) (?:help|assist|provide|perform|work)|outside (?:companies|parties|firms)|"
    r"other (?:companies|organi[sz]ations|businesses|parties)|advertisers|analytics (?:providers?|services?)|"
    r"payment processors?|hosting providers?|external (?:parties|providers|service providers))"
)
# Sentence or heading about the vendor's collection of data.
COLLECT_CONTEXT = (
    r"(?:collect|gather|receiv|obtain|automatically|we (?:may )?(?:also )?(?:log|record|store|process)"
    r"|information (?:we|you|that)|data (?:we|you|that)|includ|such as|provided? by)"
)
COLLECT_SECTION = r"(?:collect|information|data we|what we|personal data|gather|receive|technical|usage|device|log)"
# Links to other sites: statements about *their* practices are not the vendor's.
LINKED_SITES = (
    r"(?:links? to (?:other|third[- ]party|external) (?:web)?sites|(?:third[- ]party|other|external|linked) "
    r"(?:web)?sites? (?:that|which|we link|are governed|have their own|may have)|governed by (?:the|their) own privacy"
    r"|not responsible for the (?:privacy )?practices)"
)
TIME_PERIOD = (
    r"(?:\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"eighteen|twenty|twenty-four|thirty|sixty|ninety)(?:\s*\(\d{1,4}\))?[\s-]*(?:calendar |business |full )?"
    r"(?:days?|weeks?|months?|years?|hours?)"
)
