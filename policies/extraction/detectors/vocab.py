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
    r"payment processors?|(?:hosting|cloud|infrastructure|e-?mail|mail|it|software|support|analytics) (?:service )?"
    r"providers?|external (?:parties|providers|service providers)|"
    # Everyday recipients an older statement names by trade rather than as "third parties".
    r"couriers?|(?:shipping|delivery|freight|postal) (?:companies|company|carriers?|services?|partners)|"
    r"carriers?|accountants|auditors|(?:legal|professional) advis[eo]rs|lawyers|insurers|banks)"
)
# Sentence or heading about the vendor's collection of data.
COLLECT_CONTEXT = (
    r"(?:collect|gather|receiv|obtain|automatically|we (?:may )?(?:also )?(?:log|record|store|process|keep|hold)"
    r"|information (?:we|you|that)|data (?:we|you|that)|includ|such as|provided? by)"
)
COLLECT_SECTION = r"(?:collect|information|data we|what we|personal data|gather|receive|technical|usage|device|log)"
# Links to other sites: statements about *their* practices are not the vendor's.
LINKED_SITES = (
    r"(?:links? to (?:other|third[- ]party|external) (?:web)?sites|(?:third[- ]party|other|external|linked) "
    r"(?:web)?sites? (?:that|which|we link|are governed|have their own|may have)|governed by (?:the|their) own privacy"
    r"|not responsible for the (?:privacy )?practices"
    # Not "the pages of our site you visit": only other sites, or sites reached through a link.
    r"|(?:other|third[- ]party|external|linked|those|these) (?:web)?sites? (?:that |which )?(?:you|we) "
    r"(?:link|visit|go|navigate|reach)|(?:web)?sites? (?:that |which )?(?:you|we) link to"
    r"|(?:visit|reach|open)\w* (?:from|through|via) (?:our |these |such )?links)"
)
# Verbs by which a vendor obtains what a line's label names: "Location: we don't collect it."
TOPIC_COLLECT = (
    r"\b(?:collect|gather|receiv|obtain|record|log|captur|stor|process|track|deriv|infer|determin|use|keep|ask|"
    r"read|see|access|hold|save|handl|charg|bill)\w*\b"
)
# Someone pretending to be the vendor: a warning about impostors asserts none of its practices.
IMPOSTOR = (
    r"\b(?:someone|anyone|somebody|a person|callers?|scammers?|fraudsters?|criminals?)\b[^.;]{0,40}\b(?:claim\w*|"
    r"pretend\w*|impersonat\w*|posing|purport\w*)|\bphishing\b|\bscam(?:s|mers?)?\b|\bimpostors?\b"
)
# Dispute-resolution boilerplate speaks of confidentiality and breach of contract, not of security.
DISPUTES = r"\barbitrat\w*|\bjams\b|\bdisputes?\b|\bclass[- ]action|\btribunal|\bgoverning law|\bsmall claims"
# Countries where staff or providers may sit; with "works from" / "based in" they mean data leaves home.
COUNTRIES = (
    r"(?:canada|mexico|brazil|argentina|india|china|japan|singapore|australia|new zealand|philippines|vietnam|"
    r"indonesia|malaysia|israel|ukraine|poland|germany|france|ireland|netherlands|belgium|spain|portugal|italy|"
    r"sweden|norway|denmark|finland|switzerland|austria|czech\w*|romania|bulgaria|hungary|estonia|serbia|"
    r"south africa|egypt|nigeria|kenya|turkey|the united kingdom|the uk|united states|the us|the u\.s\.|"
    r"the usa|europe|asia|latin america)\b"
)
TIME_PERIOD = (
    r"(?:\d{1,4}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|"
    r"eighteen|twenty|twenty-four|thirty|sixty|ninety)(?:\s*\(\d{1,4}\))?[\s-]*(?:calendar |business |full )?"
    r"(?:days?|weeks?|months?|years?|hours?)"
)
