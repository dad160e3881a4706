"""Who receives the data: third parties, buyers of data, affiliates, acquirers, authorities,
and whether a specific processing company is named."""

from __future__ import annotations

import re

from policies.extraction.detectors.framework import (
    YES,
    Document,
    Hit,
    Rule,
    Unit,
    answer,
    cue,
    decide_yes_no,
    narrow_denial,
    plain,
    rule_detector,
    rx,
    scan,
)
from policies.extraction.detectors.language import Polarity, polarity
from policies.extraction.detectors.vocab import LINKED_SITES, SHARE_VERBS, THIRD_PARTIES
from policies.extraction.types import Answer

THIRD_PARTY_SHARING = Rule(
    keywords=(
        "third",
        "provider",
        "processor",
        "vendor",
        "partner",
        "contractor",
        "agent",
        "compan",
        "supplier",
        "advertiser",
        "parties",
        "organi",
        "behalf",
        "courier",
        "carrier",
        "accountant",
        "auditor",
        "advis",
        "lawyer",
        "insurer",
        "bank",
    ),
    cues=(
        cue(
            r"\b(?:share|shares|shared|sharing|disclos\w*)\b[^.;]{0,160}\b(?:with|to)\b[^.;]{0,50}\b" + THIRD_PARTIES,
            0.9,
        ),
        cue(
            r"\b(?:transfer\w*|provid\w*|giv\w*|pass\w*|releas\w*|send|sent|make \w+ available|made available)\b"
            r"[^.;]{0,60}\b(?:information|data|details|it|them|address(?:es)?|names?|e-?mail|numbers?)\b[^.;]{0,60}\b(?:with|to)\b[^.;]{0,40}\b"
            + THIRD_PARTIES,
            0.8,
        ),
        cue(
            r"\b" + THIRD_PARTIES + r"\b[^.;]{0,80}\b(?:(?:have |need |get )access to|process(?:es|ing)?|receive|"
            r"collect|handle|handling|host|use|see|view|read|stores?|keeps?|holds?)\b[^.;]{0,40}"
            r"\b(?:your |personal |customer |such |the |"
            r"this |usage )?(?:personal )?(?:information|data|details|records|invoices|tickets|files|messages)",
            0.75,
        ),
        cue(
            r"\b(?:use|uses|engage|engages|employ|employs|hire|hires|work with|works with|rely on|relies on|retain|"
            r"retains)\b[^.;]{0,40}"
            + THIRD_PARTIES
            + r"\b[^.;]{0,80}\b(?:on our behalf|to (?:help|assist|provide|perform|process|host)|"
            r"who|that|which)",
            0.75,
        ),
        cue(
            r"\b(?:handl|process|stor|host|receiv|(?:have|get|need) access to)\w*\b[^.;]{0,40}\b(?:your |personal |"
            r"customer |the |such )?(?:data|information)\b[^.;]{0,30}\bon (?:our|its) behalf",
            0.8,
        ),
        cue(r"\bcompanies (?:that|who|which) help us\b|\b(?:working|acting) on (?:our|its) behalf", 0.6),
        cue(r"^\W*(?:\(?[a-z0-9]{1,3}[.)]\s*)?(?:with )?(?:our )?" + THIRD_PARTIES + r"\b", 0.6),
    ),
    context=rx(SHARE_VERBS + r"|recipient|who we share|categories of|disclos"),
    exclude=rx(
        LINKED_SITES + r"|third[- ]party (?:apps?|applications|integrations)\b[^.]{0,60}\b(?:you|install)|"
        r"\b(?:sell|rent|trade)\b(?![^.]{0,80}\b(?:share|disclose|provide)\b)"
    ),
    sections=rx(r"shar|disclos|third|recipient|provider|partner|processor|who (?:we|else)"),
    # A bare list item under a "Recipients" / "Who we share with" heading names a recipient.
    section_cues=(cue(r"^\W*(?:[-*+•·◦▪●]|\(?[a-z0-9]{1,3}[.)])\s*\w", 0.5),),
    topic=rx(r"third[- ]part|providers|partners|recipients|\bshar(?:e|es|ing)\b|vendors|processors|disclos"),
    # Refusing partners or advertisers leaves the providers that run the service.
    narrow=narrow_denial(
        r"partners?\b|advertis|for (?:their|its) own|marketing|sell",
        r"third[- ]part|anyone|anybody|no one|service providers|vendors|outside|other (?:companies|organi)",
    ),
    topic_cues=(cue(r"\b(?:shar|disclos|provid|giv|pass|send|sen[dt]|transfer|sell)\w*\b", 0.8),),
    skip_reader=True,
    strong=0.75,
    threshold=0.6,
)

SELLS_DATA = Rule(
    keywords=("sell", "sold", "sale", "rent", "trade", "lease", "monetiz", "monetis"),
    cues=(
        cue(
            # "resell" is selling again: "we do not resell any personal data".
            # "trade" as a noun ("a trade fair", "trade marks") sells nothing.
            r"\b(?:(?:re)?sell|(?:re)?sells|(?:re)?selling|(?:re)?sold|rent|rents|renting|rented|"
            r"(?:trade|trades|trading)(?! (?:fairs?|shows?|marks?|secrets?|associations?|unions?|names?|press|"
            r"publications?|events?|partners?|compliance|sanctions))|lease|leasing|"
            r"monetis\w*|monetiz\w*)\b[^.;]{0,80}\b(?:personal|your|customer|user|such|the|this|any)\b[^.;]{0,30}"
            # What is sold may be named by its items: "we rent the names and postal addresses".
            r"\b(?:information|datas?|details|lists?|names|(?:postal |e-?mail |home )?addresses)\b",
            0.85,
        ),
        cue(
            r"\b(?:personal |your |customer |user )(?:information|datas?)\b[^.;]{0,60}\b(?:is|are|be|will be|"
            r"being|was|were)\b[^.;]{0,20}\b(?:sold|rented|traded|leased)\b",
            0.85,
        ),
        cue(r"\bsale of (?:your |personal |customer )?(?:personal )?(?:information|data)\b", 0.6),
        cue(r"\b(?:sell|sold|rent|trade)\b[^.;]{0,40}\bto (?:any )?third part", 0.75),
        cue(r"\b(?:share|disclose)\w*,? (?:or |and )?(?:sell|rent)\b", 0.8),
        # Selling is the practice asked about; renting or trading alone is the weaker quote.
        cue(
            r"\b(?:sell|sells|selling|sold)\b (?:(?:any|your|the|personal|customer|user|this|such) )*(?:datas?|"
            r"information|details)\b",
            0.9,
        ),
        cue(r"\b(?:sell|sells)\b (?:it|them|anything)\b", 0.8),
        cue(r"\b(?:rent|trade|lease)\b (?:it|them)\b", 0.7),
    ),
    exclude=rx(
        r"\b(?:merger|acquisition|acquired|bankruptcy|reorgani[sz]ation|insolvency|"
        r"(?:is|are|be|been|being|gets) (?:sold|acquired)|sale of (?:all|substantially|assets|the company|our "
        r"(?:business|company|assets))|substantially all)\b|opt[- ]out of (?:the )?sale|do not sell my|"
        r"right to opt[- ]out|(?:sell|sells|sold) (?:our )?(?:products|services|subscriptions|licen[cs]es)"
    ),
    sections=rx(r"sell|sale|shar|disclos|third"),
    strong=0.85,
    topic=rx(r"\bsell|\bsold\b|\bsale\b|\brent"),
    topic_cues=(cue(r"\b(?:sell|sold|rent|trade)\w*", 0.85),),
)

AFFILIATES = Rule(
    keywords=(
        "affiliat",
        "subsidiar",
        "parent",
        "group compan",
        "corporate family",
        "common control",
        "sister compan",
        "related compan",
        "members of our group",
        "group of companies",
        "corporate group",
        "company group",
        " group",
    ),
    cues=(
        cue(
            r"\b(?:affiliates?|affiliated (?:companies|entities|businesses|organi[sz]ations)|subsidiar(?:y|ies)|"
            r"parent (?:compan(?:y|ies)|entit(?:y|ies)|organi[sz]ations?)|"
            r"group (?:compan(?:y|ies)|entit(?:y|ies)|members?)|"
            r"corporate family|(?:companies|entities) under common (?:control|ownership)|sister companies|"
            r"related (?:companies|entities)|members of our (?:corporate )?group|our group of companies|"
            r"(?:compan(?:y|ies)|entit(?:y|ies)|business(?:es)?) (?:in|of|within) (?:our|the) (?:\w+ )?group"
            r"|(?:corporate|company) group)\b",
            0.75,
        ),
    ),
    context=rx(
        SHARE_VERBS + r"|within (?:our|the) (?:group|family)|among|between|with (?:our|its)|recipient|\bsee\b|\bview\b"
        # A group company doing work for the vendor receives the data it works on.
        r"|on (?:our|its) behalf|\bfor us\b|\b(?:process|handl|answer|support|host)\w*"
    ),
    exclude=rx(
        r"\brefer\w* to\b|\bmeans\b|[(,]\s*(?:together|collectively)\b|\bincluding (?:its|their) "
        r"(?:subsidiaries|affiliates)[^.]{0,40}(?:provides?|operates?|is the)|"
        # "if we (or our affiliates) are acquired": a party to a deal, not a recipient of data.
        r"(?:affiliates?|subsidiar(?:y|ies))\)?\s+(?:are|is|were|get|gets|be|being|become)\s+(?:\w+\s+)?"
        r"(?:acquired|merged|sold|reorgani[sz]ed)\b|" + LINKED_SITES
    ),
    sections=rx(r"shar|disclos|third|recipient"),
    strong=1.0,
    threshold=0.6,
    topic=rx(r"affiliat|subsidiar|group compan|parent compan"),
    topic_cues=(cue(r"\b(?:shar|disclos|provid|giv|pass|send|sen[dt]|transfer|access|see)\w*\b", 0.75),),
)

BUSINESS_TRANSFER = Rule(
    keywords=(
        "merger",
        "merge",
        "acqui",
        "sale of",
        "sold",
        "bankrupt",
        "reorgani",
        "change of control",
        "change in control",
        "divest",
        "corporate transaction",
        "purchaser",
        "buyer",
        "successor",
        "new owner",
        "insolven",
        "business transfer",
        "transfer of",
        "takeover",
        "taken over",
    ),
    cues=(
        cue(
            r"\b(?:mergers?|merg(?:e|es|ed|ing) with|combined (?:business|company|entity)|"
            r"acquisitions?|acquired|(?:is|are|be|been|being) sold|takeovers?|taken over|"
            r"bankruptcy|insolvency|reorgani[sz]ations?|receivership|divestitures?|change (?:of|in) (?:control|"
            r"ownership)|corporate (?:transactions?|restructuring|reorgani[sz]ation)|sale of (?:all|substantially|"
            r"some|our|the|a portion|any part|its|assets|business)|(?:asset|stock|share) (?:sale|purchase)|"
            r"(?:prospective |potential )?(?:purchasers?|buyers?|acquirers?|new owners?))\b",
            0.75,
        ),
    ),
    context=rx(r"information|data|assets|transfer|disclos|shar|pass|provid|details|records|accounts?|move"),
    exclude=rx(r"\b(?:sell|sold|selling) (?:our )?(?:products|services|subscriptions)\b|" + LINKED_SITES),
    sections=rx(r"shar|disclos|transfer|business|merger|sale"),
    strong=1.0,
    threshold=0.6,
)

_DISCLOSE_VERBS = (
    r"(?:disclos|shar|provid|releas|transfer|respond|comply|cooperat|co-operat|made available|make (?:it |"
    r"\w+ )?available|access|preserv|report|produc|hand|pass|give|answer|supply|turn over)"
)
LEGAL_DISCLOSURE = Rule(
    keywords=(
        "law",
        "legal",
        "court",
        "subpoena",
        "authorit",
        "government",
        "regulat",
        "warrant",
        "police",
        "judicial",
        "legitimate request",
        "lawful request",
    ),
    cues=(
        cue(
            r"\b(?:subpoenas?|court orders?|search warrants?|warrants?|law enforcement|legal process(?:es)?|"
            r"judicial (?:proceedings?|process|orders?)|(?:public|government(?:al)?|regulatory|competent|tax) "
            r"(?:authorit(?:y|ies)|agenc(?:y|ies)|bodies|officials)|government requests?|lawful requests?|"
            r"police|national security)\b",
            0.8,
        ),
        cue(
            r"\b(?:required|compelled|obliged|obligated|requested|permitted|authori[sz]ed) (?:to do so )?by "
            r"(?:applicable )?(?:law|regulation|statute|legal)|\b(?:the |a |applicable )?(?:law|court order|"
            r"legislation|regulation) (?:requires|compels|obliges)",
            0.7,
        ),
        cue(
            r"\b(?:comply|compliance) with (?:any |all |the )?(?:applicable |relevant )?(?:laws?|legal|regulat|"
            r"statut|court|request)",
            0.65,
        ),
        cue(
            r"\b(?:for|as needed for|as necessary for|to meet) (?:legal|regulatory) (?:purposes|reasons|"
            r"requirements|obligations)|\bas (?:required|permitted|necessary) (?:by|under) (?:applicable )?law",
            0.65,
        ),
        cue(r"\b(?:protect|defend|exercise|establish)\w* (?:our |the )?(?:legal )?(?:rights|claims)\b", 0.5),
    ),
    context=rx(r"\b" + _DISCLOSE_VERBS),
    exclude=rx(
        r"\b(?:retain|retention|keep|kept|store|stored|delete|legal basis|lawful basis|legal bases|"
        r"legitimate interest)\w*\b(?![^.]{0,60}\bdisclos)|" + LINKED_SITES
    ),
    sections=rx(r"shar|disclos|legal|law|third|government"),
    strong=1.0,
    threshold=0.7,
    topic=rx(r"law enforcement|legal (?:requests|process|demands)|government|authorities|court|subpoena|police"),
    topic_cues=(
        cue(
            r"\b(?:court orders?|subpoenas?|warrants?|legal process|lawful requests?|(?:required|compelled) "
            r"by law|the law requires|" + _DISCLOSE_VERBS + r")",
            0.8,
        ),
    ),
)

# -- named processors ---------------------------------------------------------------------

# Well-known companies that collect or process data for a help-desk vendor; named only when
# the sentence also speaks of using, processing, hosting or collecting.
_KNOWN_NAMES = (
    "google analytics|google cloud|google workspace|google ads|stripe|paypal|braintree|adyen|square|"
    "amazon web services|aws|microsoft azure|azure|salesforce|zendesk|freshdesk|freshworks|intercom|hubspot|"
    "mailchimp|sendgrid|mailgun|postmark|twilio|segment|mixpanel|amplitude|hotjar|fullstory|heap|pendo|"
    "sentry|datadog|new relic|cloudflare|akamai|fastly|heroku|digitalocean|rackspace|auth0|okta|"
    "atlassian|jira|slack|zoom|teamviewer|logmein|bomgar|splashtop|marketo|pardot|drift|facebook|meta "
    "platforms|linkedin|twitter|doubleclick|recurly|chargebee|zuora|xero|quickbooks|docusign|openai|"
    "anthropic|gong|chargify|paddle|snowflake|mongodb atlas|elastic|algolia|pusher|onesignal"
).split("|")
_KNOWN_PROCESSORS = re.compile(r"\b(?:" + "|".join(_KNOWN_NAMES) + r")\b")
_PROCESSING_CONTEXT = rx(
    r"\b(?:process|collect|host|store|provid|use|uses|using|power|handl|analy|receiv|track|transmit|sen[dt]|forward|"
    r"upload|sync|"
    r"service providers?|sub-?processors?|vendors?|partners?|such as|including|via|through|by)\w*"
)
# A capitalised name acting on data: "Acme collects", "processed by Acme Cloud".
_NAME = r"([A-Z][A-Za-z0-9&.\-]+(?: [A-Z][A-Za-z0-9&.\-]+){0,2})"
_NAMED_ACTOR = re.compile(
    _NAME + r",? (?:Inc\.?,? |LLC,? |Ltd\.?,? )?(?:also |automatically |may |will |then )?(?:collects|processes|"
    r"hosts|stores|receives|provides (?:us|our|payment|hosting|analytics)|handles|analy[sz]es|acts as)\b"
    r"|(?:processed|collected|hosted|stored|handled|provided|powered|operated|sent|delivered|run|managed) "
    r"(?:by|through|via) "
    + _NAME
    + r"|\b(?:runs?|running|hosted|is hosted|deployed|lives?) (?:on|with|at) "
    + _NAME
    + r"|\b(?:sent|forwarded|passed|transmitted|uploaded|shared|synced) (?:with|to) "
    + _NAME
    + r"|(?:we|our \w+) (?:use|uses|rely on|work with|engage) "
    + _NAME
    + r"\b[^.;]{0,60}\b(?:to|for|which|who|"
    r"that|as)\b"
)
# Cheap test before the costly name pattern: one of its verbs must be present.
_ACTOR_VERBS = rx(
    r"collects|processes|hosts|stores|receives|provides|handles|analy[sz]es|acts as|ed by |"
    r"we use|uses|rely on|work with|engage|(?:ed|ent|un) (?:through|via) |runs? on|running on|"
    r"(?:hosted|deployed|lives?) (?:on|with|at)|(?:sent|forwarded|passed|transmitted|uploaded|shared"
    r"|synced) (?:with|to) "
)
_NOT_A_COMPANY = frozenset(
    "We Our Us You Your The This That These Those It Its They Their Customer Customers User Users Company "
    "Service Services Website Site Sites Data Personal Information Privacy Policy Statement Notice Terms "
    "Controller Processor Provider Providers Partner Partners Third Party Parties Agreement Platform App "
    "Apps Application Software Product Products Account Support Team Staff Employees Visitor Visitors "
    "Client Clients Subscriber Subscribers Member Members Affiliates Subsidiaries Group Vendor Vendors "
    "If When Where Any All Some Such Each Other Certain Cookies Google Microsoft Apple "
    # Platforms a product runs on are not companies handling its data.
    "Android Windows Linux Mac Chrome Firefox Safari Edge Kubernetes Docker "
    # Channels and days: "sent by Email", "runs on Mondays".
    "Email E-mail Mail Post SMS Text Phone Telephone Fax Monday Mondays Tuesday Wednesday Thursday Friday "
    "Saturday Sunday Weekdays".split()
)
_ALWAYS_NAMED = frozenset({"Google", "Microsoft", "Apple"})  # generic tokens, but real companies


def detect_names_processors(document: Document) -> Answer:
    """Yes when a specific company (not a category) collects or processes the data."""
    hits = _processor_hits(document)
    return answer(YES, hits) if hits else Answer.not_stated()


def _processor_hits(document: Document) -> list[Hit]:
    """Sentences naming an outside company that handles the data (computed once per document)."""
    cached = document.cache.get("processors")
    if cached is None:
        own_names = _own_names(document)
        cached = []
        for index in sorted(document.with_keywords(_PROCESSOR_KEYWORDS)):
            unit = document.units[index]
            score = _processor_score(unit, own_names)
            if score:
                cached.append(Hit(unit, score, Polarity.ASSERTED))
        document.cache["processors"] = cached
    return cached  # type: ignore[return-value]


def detect_third_parties(document: Document) -> Answer:
    """Yes when data goes to outside parties: a category of recipient, or a named company processing it."""
    hits = scan(document, THIRD_PARTY_SHARING)
    # "Our e-mails are sent by Postmark" shares data with a third party without saying "third party".
    hits += [Hit(hit.unit, hit.score * _NAMED_FACTOR, hit.polarity) for hit in _processor_hits(document)]
    return decide_yes_no(hits, THIRD_PARTY_SHARING.threshold)


_NAMED_FACTOR = 0.9  # a category sentence ("we share with service providers") is the better quote


def _processor_score(unit: Unit, own_names: frozenset[str]) -> float:
    """How clearly the sentence names an outside company that handles the data (0 if not)."""
    text = plain(unit.sentence.text)  # same offsets as ``unit.lower``
    recipients_section = _RECIPIENT_SECTION.search(unit.section) is not None
    best = max(_named_actor_score(unit, text, own_names), _company_score(unit, text, own_names, recipients_section))
    # Tested last: the long alternation of other sites' practices only matters for a candidate.
    if best and (LINKED_SITES_RX.search(unit.lower) or _REPRESENTATIVE.search(unit.lower)):
        return 0.0
    return best


# A company appointed to speak for the vendor (an EU representative under Art. 27 GDPR, an
# outside DPO) is its contact point, not a company that collects or processes the data.
_REPRESENTATIVE = re.compile(
    r"\b(?:as|is|to be|acts as) (?:our|its|the company's) (?:(?:eu|uk|european|swiss|local|legal) )*"
    r"(?:representative|data protection officer|dpo)\b"
    r"|\brepresentative (?:in|for|within) the (?:eu|european union|eea|uk|united kingdom)\b"
    r"|\bart(?:icle|\.)? ?27\b"
)


def _named_actor_score(unit: Unit, text: str, own_names: frozenset[str]) -> float:
    """0.8 when a capitalised name acts on the data: "Acme collects", "sent by Postmark"."""
    if not _ACTOR_VERBS.search(unit.lower):
        return 0.0
    for match in _NAMED_ACTOR.finditer(text):
        name = next(group for group in match.groups() if group)
        first = name.split()[0].rstrip(".,")
        if first in own_names or (first in _NOT_A_COMPANY and first not in _ALWAYS_NAMED):
            continue
        if polarity(unit.lower, match.start(), match.end()) is Polarity.ASSERTED:
            return 0.8
    return 0.0


def _company_score(unit: Unit, text: str, own_names: frozenset[str], recipients_section: bool) -> float:
    """0.75 for a legal-form company name, 0.7 for a well-known processor, where data is handled."""
    in_context = recipients_section or _PROCESSING_CONTEXT.search(unit.lower) is not None
    if not in_context:
        return 0.0
    suffixed = _SUFFIXED_COMPANY.search(text)
    if suffixed and suffixed.group(1).split()[0] not in own_names:
        return 0.75
    known = _KNOWN_PROCESSORS.search(unit.lower)
    own_lower = {name.lower() for name in own_names}
    if known and known.group().split()[0] not in own_lower and not _ACCOUNT_ONLY.search(unit.lower):
        return 0.7
    return 0.0


# Cheap prefilter: a sentence can name a processor only with one of the actor verbs, a known
# name or a legal-form suffix in it.
_PROCESSOR_KEYWORDS = (
    *_KNOWN_NAMES,
    "collects",
    "processes",
    "hosts",
    "stores",
    "receives",
    "provides",
    "handles",
    "analyses",
    "analyzes",
    "acts as",
    "ed by ",
    "we use",
    "uses",
    "rely on",
    "work with",
    "engage",
    "through ",
    "via ",
    "runs on",
    "run on",
    "running on",
    "hosted",
    "deployed",
    "lives on",
    "live on",
    "sent to",
    "forwarded",
    "passed to",
    "transmitted",
    "uploaded",
    "shared with",
    "synced",
    "gmbh",
    " ag",
    "inc.",
    "inc,",
    "inc ",
    "llc",
    "ltd",
    "limited",
    "s.a.",
    " sas",
    "s.r.l",
    "b.v.",
    "n.v.",
    " aps",
    "a/s",
    " ab",
    " oy",
    "plc",
    "corp",
    "pty",
)
_RECIPIENT_SECTION = rx(r"recipient|shar|disclos|third|processor|provider|vendor|partner|who (?:we|else)")
# "Hetzner Online GmbH", "Northwind Data Ltd": a legal-form suffix marks a real company.
_SUFFIXED_COMPANY = re.compile(
    r"\b([A-Z][A-Za-z0-9&\-]+(?: [A-Z][A-Za-z0-9&\-]+){0,3}),? (?:GmbH|AG|Inc\.?|LLC|Ltd\.?|Limited|S\.A\.|SAS|"
    r"S\.r\.l\.|B\.V\.|N\.V\.|ApS|A/S|AB|Oy|plc|PLC|Corp\.?|Corporation|Pty)(?![A-Za-z])"
)
LINKED_SITES_RX = rx(
    LINKED_SITES + r"|sign[- ]?in with|log ?in with|(?:using|with|via) your \w+ (?:account|cred"
    r"entials)"
)
_ACCOUNT_ONLY = rx(
    r"\b(?:from|with|into) (?:your )?(?:google|microsoft|apple|facebook|linkedin|twitter)\b(?! an"
    r"alytics)"
)
_OWN_NAME = re.compile(r"[“\"]([A-Z][A-Za-z0-9&\-]+)[,.]?[”\"]")
_TITLE_WORD = re.compile(r"\b[A-Z][A-Za-z0-9&\-]{2,}\b")


def _own_names(document: Document) -> frozenset[str]:
    """The vendor's own names: title words of the first heading and quoted defined names."""
    names: set[str] = set()
    for unit in document.units[:3]:
        if unit.sentence.is_heading:
            names.update(_TITLE_WORD.findall(unit.sentence.text))
            break
    for unit in document.units[:40]:
        names.update(_OWN_NAME.findall(unit.sentence.text))
    names -= {"Privacy", "Policy", "Statement", "Notice", "Help", "Desk", "The"}
    return frozenset(names)


detect_sells_data = rule_detector(SELLS_DATA, exception_means="no", prefer_no=True)
detect_affiliates = rule_detector(AFFILIATES)
detect_business_transfer = rule_detector(BUSINESS_TRANSFER, denial="yes")
detect_legal_disclosure = rule_detector(LEGAL_DISCLOSURE)
