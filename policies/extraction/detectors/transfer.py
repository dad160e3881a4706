"""International transfers, the mechanisms that cover them, and reliance on Privacy Shield."""

from __future__ import annotations

from policies.extraction.detectors.framework import (
    Document,
    Hit,
    Rule,
    cue,
    decide_yes_no,
    rx,
    scan,
)
from policies.extraction.detectors.language import Polarity
from policies.extraction.detectors.vocab import COUNTRIES, LINKED_SITES
from policies.extraction.types import Answer

_MOVE = (
    r"(?:transferr?\w*|transmit\w*|process\w*|stor\w*|host\w*|maintain\w*|access\w*|kept|held|mov(?:e|es|ed|ing)|sen[dt]|"
    r"located|reside|housed)"
)
_ABROAD = (
    r"(?:outside (?:of )?(?:the |your )?(?:eea|european|eu\b|uk\b|united kingdom|switzerland|country|jurisdiction|"
    r"state|province|region)|(?:other |different |foreign |third |multiple )countries|(?:countries|jurisdictions) "
    r"other than|"
    r"anywhere in the world|around the world|throughout the world|across the globe|globally|worldwide|"
    r"other jurisdictions|across (?:national )?borders|international(?:ly)?|cross[- ]border|overseas|abroad|"
    r"in (?:the )?(?:united states|u\.s\.|usa|us)\b|to (?:the )?(?:united states|u\.s\.|usa)\b|"
    # A destination described by what its law lacks is still abroad: "a country without adequacy rules".
    r"(?:countr(?:y|ies)|jurisdictions?) (?:without|lacking|that (?:do(?:es)? not|don't)|not (?:deemed|considered)|"
    r"whose (?:laws?|level))|non-(?:eea|eu|european)|third[- ]countr)"
)
# The country names themselves are the cheap prefilter of the "engineers work from Canada" cue.
_COUNTRY_WORDS = (
    "canada",
    "mexico",
    "brazil",
    "argentina",
    "india",
    "china",
    "japan",
    "singapore",
    "australia",
    "zealand",
    "philippines",
    "vietnam",
    "indonesia",
    "malaysia",
    "israel",
    "ukraine",
    "poland",
    "germany",
    "france",
    "ireland",
    "netherlands",
    "belgium",
    "spain",
    "portugal",
    "italy",
    "sweden",
    "norway",
    "denmark",
    "finland",
    "switzerland",
    "austria",
    "czech",
    "romania",
    "bulgaria",
    "hungary",
    "estonia",
    "serbia",
    "africa",
    "egypt",
    "nigeria",
    "kenya",
    "turkey",
    "kingdom",
    "the uk",
    "europe",
    "asia",
    "latin america",
)

# Where data stays home: the EU or EEA, or a named country (or the reader's own region).
_HOME = (
    r"(?:the )?(?:eu|eea|european union|european economic area|europe|(?:eu|eea) member states?|your (?:own )?"
    r"(?:country|region)|the region you (?:choose|chose|select(?:ed)?)|" + COUNTRIES + r")\b"
)
INTERNATIONAL = Rule(
    keywords=(
        "outside",
        "countr",
        "world",
        "globe",
        "global",
        "international",
        "border",
        "overseas",
        "abroad",
        "united states",
        "u.s.",
        "usa",
        "jurisdiction",
        "the us",
        "leav",
        "stay",
        "remain",
        "exclusively",
        "solely",
        "only in",
        "only within",
        "entirely in",
        "from the e",
        "from the uk",
        "out of the e",
        "from switzerland",
        *_COUNTRY_WORDS,
    ),
    cues=(
        cue(r"\b" + _MOVE + r"\b[^.;]{0,80}" + _ABROAD, 0.8),
        cue(
            _ABROAD
            + r"[^.;]{0,60}\b(?:transfers?|processing|storage|hosting|receiv\w* (?:\w+ )?(?:data|information))\b",
            0.7,
        ),
        cue(
            r"\binternational (?:data )?transfers?\b|\bcross[- ]border (?:data )?transfers?\b|"
            r"\btransfers? (?:of (?:personal )?(?:data|information) )?(?:to|outside) (?:third countries|other co"
            r"untries)",
            0.85,
        ),
        # People or providers abroad who can reach the data: "our engineers work from Canada".
        cue(
            r"\b(?:staff|employees|engineers|team|teams|personnel|agents|contractors|sub-?processors|providers?|"
            r"colleagues|developers|support)\b[^.;]{0,50}\b(?:in|from|out of)\s+(?:the\s+)?"
            + COUNTRIES
            + r"[^.;]{0,60}\b(?:access|process|see|handle|view|stor|host|read|answer|respond|review|work on)",
            0.75,
        ),
        cue(
            r"\b(?:processing|hosting|storage)\b[^.;]{0,30}\b(?:happens|takes place|occurs|is done|is|are)\b"
            r"[^.;]{0,20}\bin\s+(?:the\s+)?" + COUNTRIES,
            0.7,
        ),
        # A transfer out of the user's region: "transfers of personal data from the EU and EEA".
        cue(
            r"\btransfer(?:s|red|ring)? (?:(?:of )?(?:your )?(?:personal )?(?:data|information) )?"
            r"(?:from|out of) (?:the )?"
            r"(?:eu|eea|european union|european economic area|uk|united kingdom|switzerland|europe)\b",
            0.8,
        ),
        # "Your data never leaves the EU" is this cue denied.
        cue(r"\bleav(?:e|es|ing)\b (?:the )?(?:eu|eea|european union|european economic area|europe)\b", 0.8),
    ),
    # Data said to stay home is data that does not go abroad.
    denials=(
        cue(r"\b(?:stays?|staying|remains?|remaining)\b (?:\w+ )?(?:with)?in (?:the )?" + _HOME, 0.8),
        cue(
            r"\b(?:stored|hosted|processed|kept|held|located)\b (?:\w+ )?(?:only|exclusively|solely|entirely)"
            r" (?:with)?in " + _HOME,
            0.8,
        ),
    ),
    context=rx(
        r"data|information|we |your|storage|processing|hosting|servers|tickets?|contents?|messages|records"
        r"|files|accounts?"
    ),
    exclude=rx(r"\bavailable in\b|\bsold in\b|\boffices? (?:in|around)|" + LINKED_SITES),
    sections=rx(r"transfer|international|where|location|overseas|processed|storage"),
    strong=0.8,
    threshold=0.6,
)

SAFEGUARDS = Rule(
    keywords=(
        "contractual clauses",
        "scc",
        "model clauses",
        "standard clauses",
        "commission",
        "adequa",
        "binding corporate",
        "bcr",
        "framework",
        "harbo",
        "transfer agreement",
        "transfer mechanism",
        "transfer impact",
        "privacy shield",
        "data transfer",
        "idta",
        "safeguard",
        "addendum",
    ),
    cues=(
        cue(
            r"\bstandard (?:data protection )?contractual clauses\b|\bsccs?\b|\bmodel (?:contract(?:ual)? )?clauses\b|"
            r"\bbinding corporate rules\b|\bcommission'?s? (?:approved |standard |model )?(?:clauses|contracts)\b|"
            r"\bstandard (?:data protection )?clauses\b|\bbcrs?\b|\bdata privacy framework\b|\bdpf\b|"
            r"\binternational data transfer (?:agreement|addendum)\b|\bidta\b",
            0.9,
        ),
        # Like the Data Privacy Framework after it, Safe Harbor is an adequacy-type framework.
        cue(
            r"\bsafe harbou?r (?:framework|principles|program|programme|certification)\b|"
            r"\b(?:u\.?s\.?|eu|swiss)[- ]+(?:u\.?s\.?|eu|swiss)\b[^.;]{0,10} safe harbou?r\b",
            0.9,
        ),
        cue(
            r"\badequacy (?:decisions?|findings?|regulations?)\b|\b(?:adequate|adequacy of) (?:level of )?"
            r"(?:data )?protection\b|\bdeemed adequate\b",
            0.75,
        ),
        cue(
            r"\b(?:data )?transfer (?:agreements?|mechanisms?|impact assessments?)\b|\bapproved (?:transfer )?"
            r"mechanisms?\b",
            0.7,
        ),
        cue(r"\b(?:appropriate|suitable|adequate) safeguards\b", 0.5),
    ),
    context=rx(r"transfer|countr|outside|eea|europe|international|abroad|border|shield"),
    sections=rx(r"transfer|international|overseas|outside"),
    strong=0.9,
    threshold=0.6,
)

PRIVACY_SHIELD = Rule(
    keywords=("privacy shield",),
    cues=(cue(r"\bprivacy shield\b", 0.75),),
    context=rx(
        r"certif|rel(?:y|ies|ied)|participat|complie|comply|complian|adhere|self-certif|principles|"
        r"framework|subscribe|member|registered|under"
    ),
    strong=1.0,
    threshold=0.6,
)
_SHIELD_AS_MECHANISM = Rule(
    keywords=("privacy shield",),
    cues=(cue(r"\bprivacy shield\b", 0.6),),
    context=SAFEGUARDS.context,
    strong=1.0,
)
# Statements that Privacy Shield no longer applies deny reliance on it.
_SHIELD_ABANDONED = rx(
    r"no longer|invalidat|struck down|schrems|ceased|replaced|formerly|successor|"
    r"not (?:rely|relying|participate)|do not rely|withdrawn|previously|used to|in the past"
)

# An EU vendor keeping data in the EU moves nothing abroad: "our servers are in Germany" or "our
# team in Poland answers tickets" names a place inside the vendor's own region.
_EEA_PLACE = (
    r"(?:eu|eea|european union|european economic area|europe|poland|germany|france|ireland|netherlands|belgium|"
    r"spain|portugal|italy|sweden|norway|denmark|finland|austria|czech\w*|romania|bulgaria|hungary|estonia|"
    r"latvia|lithuania|luxembourg|slovakia|slovenia|croatia|greece|cyprus|malta|iceland|liechtenstein)"
)
# "Acme GmbH is registered in Berlin, Germany": where the vendor itself sits (not its servers).
# The subject must be the vendor: "two of our developers are based in Portugal" says nothing of it.
_EEA_BASE = rx(
    r"(?:\bwe(?: are|'re)|\b(?:company|business|controller|gmbh|ag|b\.v\.|n\.v\.|ltd\.?|limited|s\.a\.|sas|"
    r"s\.r\.l\.|ab|oy|aps|a/s),? (?:is|are)) (?:a company )?(?:based|headquartered|registered|established|"
    r"incorporated|seated|domiciled) in (?:[a-z-]+,? )?(?:the )?" + _EEA_PLACE + r"\b"
)
_BASE_WORDS = ("based in", "headquartered in", "registered in", "established in", "incorporated in", "seated in")
_PLACES = rx(r"\b(?:the )?(?:" + _EEA_PLACE + r"|" + COUNTRIES + r")")
_EEA_ONLY = rx(r"(?:the )?" + _EEA_PLACE + r"\b")
_ABROAD_RX = rx(_ABROAD)


def detect_international(document: Document) -> Answer:
    """yes when data may leave the user's region; no when it is said to stay home."""
    hits = scan(document, INTERNATIONAL)
    if hits and _eea_base(document):
        hits = [hit for hit in hits if not _inside_eea(hit)]
    return decide_yes_no(hits, INTERNATIONAL.threshold)


def _eea_base(document: Document) -> bool:
    """True when the statement says the vendor is based in an EEA country."""
    return any(_EEA_BASE.search(document.units[index].lower) for index in document.with_keywords(_BASE_WORDS))


def _inside_eea(hit: Hit) -> bool:
    """An asserted mention whose places all lie in the EEA and that speaks of no transfer abroad."""
    lower = hit.unit.lower
    if hit.polarity is not Polarity.ASSERTED or _ABROAD_RX.search(lower) or "transfer" in lower:
        return False
    places = [match.group() for match in _PLACES.finditer(lower)]
    return bool(places) and all(_EEA_ONLY.fullmatch(place) for place in places)


def detect_safeguards(document: Document) -> Answer:
    """yes when a transfer mechanism is named; Privacy Shield counts only while relied on."""
    hits = scan(document, SAFEGUARDS)
    hits += [hit for hit in scan(document, _SHIELD_AS_MECHANISM) if not _SHIELD_ABANDONED.search(hit.unit.lower)]
    return decide_yes_no(hits, SAFEGUARDS.threshold)


def detect_privacy_shield(document: Document) -> Answer:
    """yes when the vendor relies on Privacy Shield; no when it says it no longer does."""
    hits = []
    for hit in scan(document, PRIVACY_SHIELD):
        if _SHIELD_ABANDONED.search(hit.unit.lower):
            hit = Hit(hit.unit, hit.score, Polarity.DENIED)
        hits.append(hit)
    return decide_yes_no(hits, PRIVACY_SHIELD.threshold, prefer_no=True)
