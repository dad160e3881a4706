"""What individuals can do: access, correct, delete, port their data, opt out of marketing,
and whether Do-Not-Track signals are honoured."""

from __future__ import annotations

from policies.extraction.detectors.framework import Rule, cue, rule_detector, rx
from policies.extraction.detectors.vocab import LINKED_SITES

_DATA = (
    r"(?:(?:personal |your |the |such |this |some |certain |any |their )*(?:personal )?(?:information"
    r"|data|details|records?|profile|account(?: details| information)?)\b)"
)
# The reader (or any individual) is the one who can act, or a right/request is named.
_READER = (
    r"\b(?:you|your|individuals?|data subjects?|users?|customers?|visitors?|consumers?|residents?|"
    r"account (?:holders?|owners?)|admins?|administrators?|members?|"
    r"right|rights|request|requests|ask us|contact us|email us|write to us)\b"
)
# The individual, not the vendor or its agents, is the one who acts.
_SUBJECT = (
    r"\b(?:you(?:'re| are)?|individuals?|users?|data subjects?|customers?|consumers?|account (?:holders?|"
    r"owners?)|admins?|administrators?|members?|people|everyone|anyone)\b "
)
# A line that opens with the verb speaks to the reader: "- Delete your account yourself."
# (also after a label: "- Deletion: delete your account yourself"); a verb that is itself the
# label ("- Access: staff access is logged") is no imperative, hence the "(?!:)" after it.
_IMPERATIVE = r"(?:^|:\s)[\W\d]{0,4}(?:to )?"
# A path through the product's menus ends in the action the reader can take: "Settings → Danger
# zone → Delete account". Only a product offers such a path, so it needs no other context.
_MENU = r"(?:→|->|›|»|>)\s*"
# Non-native "the right on deletion" (German "Recht auf") means "the right to".
_RIGHT_TO = r"\brights? (?:to|of|on|for)\b"
# What a person can get a copy of besides "data": their conversations, tickets, messages.
_CONTENT = (
    r"(?:(?:every|all|each|your|their|the) (?:of )?(?:your )?(?:conversations?|tickets?|messages?|chats?|files?"
    r"|content))"
)
# A children's clause grants a parent something; a general right is better evidence.
_CHILDREN = rx(r"\bchild|\bminors?\b|\bparents?\b|\bunder (?:the age of )?1[0-9]\b")
_NOT_OUR_POLICY = (
    r"(?:update|change|modify|amend|revise)\w* (?:this|our|the) (?:privacy )?(?:policy|statement|notice|terms)"
)

ACCESS = Rule(
    keywords=(
        "access",
        "copy",
        "obtain",
        "know",
        "record of",
        "subject access",
        "dsar",
        "confirm",
        "review",
        "view",
        "download",
        "everything we",
        "what we",
        "all we",
        "see the",
        "see your",
        "see what",
        "see all",
        "see everything",
        "see any",
        "right on",
        "rights on",
        "right to inform",
        "right of inform",
        "right for inform",
        "rights to inform",
        "rights of inform",
    ),
    cues=(
        cue(
            r"\b(?:rights? (?:of|to) access|right to (?:know|obtain|request (?:access|a copy))|subject access request|"
            r"dsar|data access request)\b",
            0.9,
        ),
        # "the right to information about your data", "the right on information, correction, ...".
        cue(_RIGHT_TO + r" (?:free )?(?:information|disclosure)(?: about| on| regarding| of| and|,)", 0.85),
        cue(_MENU + r"(?:export|download)\b[^.;]{0,60}\b(?:copy|copies|archive)\b", 1.0),
        cue(
            r"\b(?:request|obtain|receive|get|ask for|have|download|export|gives? you|provides? you with|sends? you)\b"
            r"[^.;]{0,30}\b(?:a |an )?(?:full |complete |electronic )?(?:copy|copies|record|summary|list|overview) of "
            r"(?:" + _DATA + "|" + _CONTENT + ")",
            0.85,
        ),
        cue(r"\b(?:request|exercise|obtain|seek)\b[^.;]{0,20}\baccess (?:to )?" + _DATA, 0.85),
        cue(
            _SUBJECT + r"(?:\w+ ){0,3}?(?:can|may|are able to|is able to|have the right to|(?:are )?entitled to|"
            r"(?:are )?allowed to|(?:are )?free to)\b"
            r"[^.;]{0,20}\b(?:access|review|view|see)\b[^.;]{0,40}" + _DATA,
            0.75,
        ),
        cue(
            r"\b(?:know|confirm\w*|find out)\b[^.;]{0,40}\b(?:what|whether|which) (?:personal )?(?:information|data)"
            r"[^.;]{0,30}\b(?:we (?:hold|have|process|collect|keep)|is (?:held|processed))",
            0.75,
        ),
        cue(_IMPERATIVE + r"(?:access|review|view|download|obtain)\b(?!:)[^.;]{0,40}" + _DATA, 0.8),
        cue(r"\b(?:receive|get|obtain|request|download) (?:a|an electronic) copy\b", 0.8),
        # "See everything we hold", "view what we store about you".
        cue(
            r"\b(?:see|view|access|review|download|get|obtain|show\w* you)\w* (?:everything|all|what|the (?:data|"
            r"information)) (?:that )?we (?:hold|have|keep|store|process)",
            0.8,
        ),
    ),
    context=rx(_READER),
    exclude=rx(
        r"\b(?:we|our (?:staff|employees|agents|team|support))\b (?:may |will |can )?(?:need to )?access|"
        r"\b(?:review|read|view|visit|see|check|consult)\w* (?:\w+ ){0,2}(?:policy|policies|statement|notice|"
        r"terms|page|faq)\b|"
        r"access (?:to )?(?:our|the) (?:services?|website|site|platform|features?|app)|" + LINKED_SITES
    ),
    sections=rx(r"right|access|choice|control|your data|request"),
    strong=1.0,
    threshold=0.75,
    demote=_CHILDREN,
)

CORRECTION = Rule(
    keywords=(
        "correct",
        "rectif",
        "update",
        "amend",
        "change",
        "modify",
        "edit",
        "inaccura",
        "accura",
        "current",
        "fix",
        "wrong",
        "mistake",
        "put it right",
    ),
    cues=(
        cue(_RIGHT_TO + r" (?:[^.;]{0,60}\b)?(?:rectif\w*|correct\w*|amend\w*)\b|\brectif\w*\b", 0.9),
        cue(r"\b(?:correct|update|amend|modify|edit|change|rectify|fix)\w*\b[^.;]{0,40}" + _DATA, 0.8),
        cue(
            r"\b(?:correct|update|amend|modify|edit|change|rectify|fix)\w* (?:your|their) (?:name|e-?mail address|"
            r"contact details|phone number|(?:postal |billing )?address|job title)\b",
            0.8,
        ),
        cue(
            r"\b(?:inaccurate|incorrect|out of date|outdated|incomplete|changes|wrong|mistaken|not right)\b[^.;]{0,120}"
            r"\b(?:contact|reach out|let us know|notify us|inform us|provide us|tell us|update|correct|put it right|"
            r"fix)",
            0.75,
        ),
        cue(
            r"\b(?:provide|send|give)\b[^.;]{0,20}\b(?:us )?(?:with )?(?:its|your|their|the) (?:most )?"
            r"(?:current|updated|up-to-date|accurate|correct) (?:personal )?(?:information|data|details)",
            0.8,
        ),
    ),
    context=rx(_READER),
    exclude=rx(
        _NOT_OUR_POLICY + r"|(?:preferences|settings|cookie)|we (?:may |will )?(?:update|change|modify)"
        r"(?! your)|" + LINKED_SITES
    ),
    sections=rx(r"right|access|correct|choice|control|updat|accura|your data"),
    skip_reader=False,
    strong=1.0,
    threshold=0.75,
    demote=_CHILDREN,
)

DELETION = Rule(
    keywords=("delet", "erase", "erasure", "remov", "forgotten", "destroy"),
    cues=(
        cue(
            r"\bright (?:to|of) (?:erasure|deletion|be forgotten|delete|have [^.;]{0,20}deleted)\b|"
            r"\b(?:deletion|erasure) requests?\b",
            0.9,
        ),
        cue(r"\b(?:request|ask|require|instruct)\w*\b[^.;]{0,40}\b(?:delet\w*|eras\w*|remov\w*|destr\w*)\b", 0.85),
        cue(_RIGHT_TO + r"[^.;]{0,60}\b(?:eras\w*|delet\w*|be forgotten)\b", 0.85),
        cue(r"\b(?:like|want|wish|prefer|need) us to (?:delete|erase|remove|close)\b", 0.85),
        cue(
            _MENU
            + r"(?:delete|erase|remove|close) (?:my |your |the )?(?:account|workspace|data|profile|organi[sz]ation)",
            1.0,
        ),
        cue(
            r"\b(?:can|may|able to|ability to|option to|choose to|wish to|want to|like to|entitled to)\b[^.;]{0,30}"
            r"\b(?:delete|erase|remove|have [^.;]{0,30}(?:deleted|erased|removed))\b",
            0.8,
        ),
        cue(r"\b(?:have|want|get) (?:your|their|the) " + _DATA + r" (?:deleted|erased|removed)\b", 0.85),
        cue(r"\b(?:delet\w*|eras\w*)\b[^.;]{0,60}\b(?:upon|on|at) (?:your )?request\b", 0.85),
        cue(_IMPERATIVE + r"(?:delete|erase|remove|close)\b(?!:)[^.;]{0,30}\b(?:your|the|their|all|any)\b", 0.8),
    ),
    context=rx(_READER),
    exclude=rx(r"\bcookies?\b|browser|cache|" + LINKED_SITES),
    sections=rx(r"right|delet|eras|choice|control|your data|request|account"),
    strong=1.0,
    threshold=0.75,
    demote=_CHILDREN,
)

PORTABILITY = Rule(
    keywords=(
        "portab",
        "portable",
        "transferab",
        " port ",
        "machine-readable",
        "machine readable",
        "commonly used",
        "export",
        "download",
        "json",
        "csv",
        "zip",
        " format",
        "another service",
        "another controller",
        "another provider",
        "one service to another",
    ),
    cues=(
        # "Portability" alone is a right in a list of rights; a law's name holds it in another sense.
        cue(
            r"\bdata (?:portab|transferab)\w*|" + _RIGHT_TO + r" (?:data )?(?:portab|transferab)\w*"
            r"|\bportab\w* (?:of|for) (?:your |the |personal )?"
            r"(?:data|information)|\bportab\w* rights?\b",
            0.9,
        ),
        cue(r"\bportab\w*\b", 0.75),
        cue(r"\brights? (?:to|of)\b[^.;]{0,60}\bport (?:your|their|the|personal)\b", 0.85),
        cue(r"\bmachine[- ]readable\b|\bstructured,? commonly[- ]used\b", 0.8),
        cue(
            r"\b(?:export|download|receive|get|obtain|provide|give|send|take)\w*\b[^.;]{0,60}\b(?:common|commonly "
            r"used|standard|open|portable|structured) (?:file )?formats?\b",
            0.7,
        ),
        cue(
            r"\b(?:transfer|transmit|move|port|take|bring|carry)\w*\b[^.;]{0,60}\bto another (?:controller|service|"
            r"provider|"
            r"organi[sz]ation|company)|from one service to another",
            0.75,
        ),
        cue(r"\bexport\w*\b[^.;]{0,20}\b(?:your|their|the) (?:personal )?(?:data|information|content)", 0.7),
        # "Export everything as JSON or CSV": a file format others can read is the point of portability.
        cue(r"\b(?:export|download)\w*\b[^.;]{0,50}\b(?:json|csv|xml|zip|spreadsheet|archive)\b", 0.75),
        cue(_IMPERATIVE + r"export (?:your|all|everything|the|any|data|it|them|a|an)\b", 0.7),
        cue(r"\bexport\w*\b[^.;]{0,40}\b(?:copy|copies)\b", 0.7),
        cue(_MENU + r"(?:export|download)\b[^.;]{0,60}\b(?:copy|copies|archive|json|csv|zip)\b", 0.95),
    ),
    context=rx(_READER + r"|data"),
    exclude=rx(
        r"\b(?:we|our) (?:may )?(?:export|transfer)\b|\b(?:health )?insurance portability|\bhipaa\b|number portability|"
        + LINKED_SITES
    ),
    sections=rx(r"right|portab|choice|control|your data"),
    strong=0.9,
    threshold=0.7,
)

_MARKETING_WORDS = (
    r"(?:marketing|promotional|promotions?|newsletters?|advertis\w*|offers|commercial (?:e-?mails?|messages|"
    r"communications)|mailing lists?|e-?mails? (?:from us|we send)|communications from us|"
    r"(?:these|such|those|them|the) (?:e-?mails?|messages|communications))"
)
MARKETING_OPT_OUT = Rule(
    keywords=(
        "opt",
        "unsubscribe",
        "stop receiving",
        "stop getting",
        "no longer receive",
        "withdraw",
        "object",
        "remove you from",
        "removed from",
        "rather not",
        "stop",
        "prefer not",
        "off the",
        "off our",
    ),
    cues=(
        cue(r"\bopt(?:ed|ing)?[- ]?out\b", 0.8),
        cue(r"\bunsubscrib\w*\b", 0.85),
        cue(
            r"\b(?:one-click|single-click|easy|simple) (?:way|link|option|button) to (?:stop|unsubscribe|opt out)\b|"
            r"\bway to stop (?:them|these|those|it|receiving)\b",
            0.75,
        ),
        cue(
            r"\b(?:stop|cease) (?:getting|receiving)\b|\bno longer (?:wish|want) to receive\b"
            r"|\bno longer receive\b|\b(?:rather|prefer) not (?:to )?(?:receive|get)\b",
            0.8,
        ),
        cue(r"\btake (?:you|your (?:name|address|e-?mail(?: address)?)) off\b", 0.75),
        cue(
            r"\b(?:withdraw\w*|revoke\w*) (?:your )?consent\b|\bobject to\b|\bremov\w* (?:you|yourself|your "
            r"(?:name|e-?mail|address)) from\b",
            0.65,
        ),
        cue(
            r"\b(?:follow\w*|click\w*|use|using)\b[^.;]{0,30}\b(?:unsubscribe )?(?:link|directions|instructions)"
            r"\b[^.;]{0,30}\b(?:in|at the bottom of|included in|contained in) (?:any|each|every|that|the|such"
            r"|our)\b",
            0.6,
        ),
    ),
    # "Opt out of our communications": what the vendor sends and lets you stop is its marketing
    # (service messages are the ones a customer cannot stop).
    context=rx(_MARKETING_WORDS + r"|\b(?:our|these|such|future) (?:communications|e-?mails|messages|mailings)\b"),
    exclude=rx(r"\bcookies?\b|beacons|\banalytics\b|do not track|sale of|" + LINKED_SITES),
    sections=rx(r"marketing|communicat|opt|choice|preferenc|unsubscribe|promotion"),
    strong=0.85,
    threshold=0.75,
    # A retention-table row ("| Marketing | until you opt out |") or an opt-out of targeted ads
    # mentions the opt-out; the sentence telling how to unsubscribe from marketing shows it.
    demote=rx(
        r"\||\buntil\b|\b(?:retain|retention|kept|keep)\b|\b(?:interest[- ]based|targeted|personali[sz]ed|"
        r"behaviou?ral) (?:ads|advertising|advertisements)\b"
    ),
)

_DNT = r"(?:do[- ]not[- ]track|\bdnt\b)"
_RESPONSE = (
    r"(?:respon\w*|honou?r\w*|recogni[sz]\w*|respect\w*|support\w*|comply|complies|act on|acts on|"
    r"action|process\w*|treat\w*|alter|change|adjust|obey\w*|ignor\w*)"
)
DO_NOT_TRACK = Rule(
    keywords=("track", "dnt", "signal", "global privacy control"),
    cues=(
        cue(r"\b" + _RESPONSE + r"\b[^.;]{0,80}" + _DNT, 0.85),
        cue(
            _DNT + r"[^.;]{0,80}\b(?:are|is|will be|be) (?:not )?(?:honou?red|recogni[sz]ed|respected"
            r"|supported)",
            0.85,
        ),
        # "If your browser sends a DNT signal, we will not set tracking cookies": the signal is acted on.
        # The match stops before "will not", which is the vendor honouring it, not a denial.
        cue(
            r"\b(?:if|when|where|once)\b[^.;]{0,40}" + _DNT + r"[^.;]{0,40}?(?=,?\s+(?:we|\w+) (?:will|shall|do(?:es)?)"
            r" (?:not|no longer|stop|disable|turn off) (?:set|place|use|load|serve|track|collect|share|send|"
            r"enable|activate|track\w*))",
            0.85,
        ),
        cue(
            r"\b" + _RESPONSE + r"\b[^.;]{0,40}\b(?:browser |such |these |those |this |the )?(?:signals?|"
            r"requests?|headers?|settings?|preferences?)\b",
            0.7,
        ),
    ),
    context_from_previous=True,
    context=rx(_DNT),
    topic=rx(_DNT),
    topic_cues=(cue(r"\b" + _RESPONSE + r"\b", 0.85),),
    sections=rx(r"track|dnt|signal"),
    section_weight=0.3,
    strong=1.0,
    threshold=0.8,
)

detect_access = rule_detector(ACCESS)
detect_correction = rule_detector(CORRECTION)
detect_deletion = rule_detector(DELETION)
detect_portability = rule_detector(PORTABILITY)
detect_marketing_opt_out = rule_detector(MARKETING_OPT_OUT, denial="ignore")
detect_do_not_track = rule_detector(DO_NOT_TRACK, prefer_no=True)
