"""What the vendor collects or captures: location, device data, payment data, credentials,
recorded communications, cookies and remote access to the customer's devices."""

from __future__ import annotations

from policies.extraction.detectors.framework import Rule, cue, narrow_denial, rule_detector, rx
from policies.extraction.detectors.vocab import COLLECT_CONTEXT, COLLECT_SECTION, IMPOSTOR, LINKED_SITES, TOPIC_COLLECT

_TOPIC_COLLECT_CUES = (cue(TOPIC_COLLECT, 0.8),)

LOCATION = Rule(
    keywords=("locat", "gps", "latitude", "geoloc", "city", "country", "where you are", "coordinates", "region"),
    cues=(
        cue(r"\b(?:geo-?location|gps|latitude|longitude|(?:gps|exact|precise|location) coordinates)\b", 0.8),
        cue(r"\b(?:city|region|country|town|area|state)\b[^.;]{0,40}\bip address", 0.55),
        cue(
            r"\b(?:precise|approximate|general|physical|geographic(?:al)?|real-time|coarse|current|non-specific|"
            r"device|mobile|user'?s?|your|ip[- ]based|ip address-based) location\b",
            0.7,
        ),
        cue(r"\blocation[- ](?:based )?(?:data|information|info|details|services|signals|tracking)\b", 0.7),
        cue(
            r"\b(?:city|region|state),? (?:(?:and|or|state,?|region,?) )*(?:and |or )?country\b.{0,60}"
            r"(?:from|of|where|in which|that)",
            0.55,
        ),
        cue(r"\b(?:country|city) (?:and|or) (?:city|region|country|time ?zone)\b", 0.5),
        cue(r"\bwhere you are (?:located|accessing|connecting)", 0.55),
    ),
    context=rx(COLLECT_CONTEXT + r"|" + COLLECT_SECTION + r"|deriv|infer|determin|based on|ip address|track|look"),
    exclude=rx(
        r"\b(?:our|office|business|server|data cent(?:er|re)|storage|hosting|company)'?s? locations?\b"
        r"|location of (?:our|the) (?:servers?|data|offices?)|" + LINKED_SITES
    ),
    sections=rx(r"locat|collect|device|technical|automatic"),
    strong=0.8,
    topic=rx(r"locat|\bgps\b|geoloc"),
    topic_cues=_TOPIC_COLLECT_CUES,
    # Denying the precise kind does not deny the city derived from an IP address.
    narrow=narrow_denial(
        r"precise|exact|gps|coordinates|latitude|longitude|real-time|street|fine-grained|continuous|background",
        r"any (?:kind of )?location|approximate|coarse|general location|(?:country|city|region)\b|location of any",
    ),
)

DEVICE = Rule(
    keywords=(
        "device",
        "browser",
        "operating system",
        "hardware",
        "software",
        "ip address",
        "identifier",
        "user agent",
        "user-agent",
        "log ",
        "technical",
        "system data",
        " os ",
    ),
    cues=(
        cue(
            r"\b(?:device|hardware)[- ](?:type|types|model|information|data|identifiers?|ids?|settings|"
            r"characteristics|attributes|configurations?|details|make|name|properties)\b",
            0.75,
        ),
        cue(r"\b(?:type|types|model|kind) of (?:mobile )?(?:device|computer|hardware|browser)", 0.75),
        cue(
            r"\binformation (?:about|on|regarding|from) (?:the |your |any )?(?:(?:type|kind) of )?"
            r"(?:devices?|hardware|computers?|browsers?|machines?)",
            0.7,
        ),
        cue(r"\b(?:browser|device)s? (?:or|and|/) (?:device|browser)s? types?\b", 0.75),
        cue(
            r"\b(?:phone|handset|device|computer|laptop|tablet) (?:models?|makes?|brands?)\b|\bapp(?:lication)? "
            r"versions?\b|\b(?:os|operating system|browser|software) versions?\b",
            0.75,
        ),
        cue(
            r"\b(?:operating systems?|os version|browser (?:type|version|information|language|settings|name)|"
            r"user[- ]agent|unique (?:device )?identifiers?|device ids?|mac address|imei|advertising id)",
            0.75,
        ),
        cue(r"\bhardware (?:and|or|,) software\b|\bsoftware (?:and|or|,) hardware\b|hardware configurations?", 0.7),
        cue(r"\b(?:ip address(?:es)?|internet protocol (?:\(ip\) )?address(?:es)?)\b", 0.6),
        cue(r"\b(?:system|registry|diagnostic|crash|technical|log|usage and log) (?:data|information|files?)\b", 0.45),
    ),
    context=rx(COLLECT_CONTEXT + r"|" + COLLECT_SECTION),
    exclude=rx(r"stored on your (?:device|computer)\b(?!.{0,40}collect)|" + LINKED_SITES),
    sections=rx(r"collect|device|technical|automatic|log|usage"),
    strong=0.75,
    topic=rx(r"device|browser|technical|\blogs?\b|system information"),
    topic_cues=_TOPIC_COLLECT_CUES,
)

PAYMENT = Rule(
    keywords=("card", "payment", "billing", "bank", "transaction", "purchase", "financial", "invoice", "paid"),
    cues=(
        cue(r"\b(?:credit|debit|payment|bank) card\b|\bcard (?:number|details|information|data|holder)", 0.85),
        cue(
            r"\b(?:payment|billing|financial|bank(?:ing)?|bank account|purchase|transaction(?:al)?) "
            r"(?:information|details|data|address|history|records?|method|account)",
            0.75,
        ),
        cue(r"\b(?:billing|payment) (?:and|or) (?:payment|billing|contact) (?:information|details|data)", 0.75),
        cue(r"\bprocess (?:your )?payments?\b|\b(?:payment|billing) (?:status|history)\b|\binvoices?\b", 0.55),
        # What a payment provider reports back is payment data too.
        cue(
            r"\b(?:payment|purchase) (?:confirmations?|receipts?|notifications?)\b"
            r"|\bamount (?:paid|charged|due)\b|\btransaction (?:ids?|amounts?|dates?)\b"
            r"|\bwhat you (?:paid|bought|purchased)\b|\bcard tokens?\b|\btokeni[sz]ed (?:card|payment)",
            0.75,
        ),
    ),
    context=rx(
        COLLECT_CONTEXT + r"|" + COLLECT_SECTION + r"|billing|payment|purchase|subscri|send|sends|paid"
        r"|charg|debit|needed|required"
    ),
    exclude=rx(LINKED_SITES),
    sections=rx(r"billing|payment|collect|purchas"),
    # Who later receives invoices (a tax adviser, an auditor) is weaker evidence than what is collected.
    demote=rx(r"\b(?:advis[eo]rs?|accountants?|auditors?|recipients?|shar\w*|disclos\w*|forward\w*|pass\w* on)\b"),
    strong=0.85,
    topic=rx(r"payment|billing|\bcards?\b|invoic|purchase"),
    topic_cues=_TOPIC_COLLECT_CUES,
    # "We never see your card number" leaves the payment confirmation we do receive.
    narrow=narrow_denial(
        r"card (?:numbers?|details|data|information)|(?:full|complete|entire) (?:card|credit|payment)|cvc|cvv|"
        r"security codes?|"
        r"bank account (?:numbers?|details)",
        r"any (?:payment|billing|financial)|(?:payment|billing|financial) (?:information|data|details)",
    ),
)

CREDENTIALS = Rule(
    keywords=(
        "password",
        "credential",
        "log-in",
        "login",
        "log in",
        "authentication",
        "sign-in",
        "passcode",
        "api key",
        "access token",
        "security question",
    ),
    cues=(
        cue(
            r"\b(?:passwords?|passcodes?|pins? codes?|security questions?(?: and answers)?|api keys?|"
            r"access tokens?|authentication tokens?|(?:oauth|sso|single sign-on|auth|api|identity provider) tokens?)\b"
            r"|\btokens? from your (?:identity|sso|sign-in) provider",
            0.7,
        ),
        cue(
            r"\b(?:login|log-?in|sign-?in|account|access|authentication) (?:credentials|details|information"
            r"|data)\b",
            0.75,
        ),
        cue(r"\bcredentials\b", 0.6),
    ),
    context=rx(
        r"collect|provide|receive|store|process|obtain|gather|submit|treat|hold|request|ask|requir|"
        r"includ|such as|enter|share (?:with us|your)|give us|personal (?:information|data)|support data|\bsee\b|"
        r"\bknow\b|\bread\b|\baccess\b"
    ),
    exclude=rx(
        r"(?:using|with|through|via) (?:your )?(?:\w+ ){0,2}(?:credentials|account)\b[^.]{0,80}we (?:rece"
        r"ive|get|obtain)"
        r"|(?:keep|keeping|maintain|maintaining|safeguard|protect|choose|select|responsible for)\w* "
        r"(?:the )?(?:confidentiality|secrecy|security)? ?(?:of )?(?:your|a strong|strong) (?:password|cr"
        r"edential)"
        r"|password[- ]protected|reset (?:your )?password|never (?:ask|request) (?:you )?for (?:your )?password"
        # Advice to the reader is no statement about what the vendor collects.
        r"|(?:never|do not|don't) (?:share|disclose|give|reveal|tell|send) (?:your|a|the) (?:password|cred)"
        r"|" + IMPOSTOR + r"|" + LINKED_SITES
    ),
    sections=rx(r"collect|information|account|support|credential"),
    strong=0.75,
    topic=rx(r"password|credential|log-?in details|sign-?in details"),
    topic_cues=_TOPIC_COLLECT_CUES,
)

COMMUNICATIONS_RECORDED = Rule(
    keywords=("record", "monitor", "listen", "for quality", "for training", "for coaching"),
    cues=(
        cue(
            r"\b(?:calls?|conversations?|chats?|chat (?:sessions?|transcripts?|logs?)|sessions?|communications?|"
            r"interactions?|meetings?|voice|screen|video)\b[^.;]{0,80}\b(?:be|are|is|were|being|get) "
            r"(?:\w+ ){0,2}(?:recorded|monitored|listened to)",
            0.85,
        ),
        # Reviewing a conversation for quality or training is monitoring it.
        cue(
            r"\b(?:calls?|conversations?|chats?|chat transcripts?|sessions?|interactions?)\b[^.;]{0,80}\b(?:reviewed|"
            r"listened to|checked|sampled|read)\b[^.;]{0,20}\bfor (?:quality|training|coaching)",
            0.8,
        ),
        cue(
            r"\b(?:record|recording|monitor|monitoring)\b (?:and (?:\w+ )?)?(?:of )?(?:your |the |all |any |such"
            r" |some )?"
            r"(?:phone |telephone |support |customer service |live )?(?:calls?|conversations?|chats?|chat sessions?|"
            r"communications with us|interactions with (?:us|our)|meetings?|support sessions?|remote sessions?"
            r"|screen)",
            0.85,
        ),
        cue(
            r"\b(?:call|chat|session|screen|video|audio|voice) recordings?\b|\brecordings? of (?:the |your )?"
            r"(?:calls?|sessions?|conversations?|chats?)",
            0.8,
        ),
    ),
    exclude=rx(r"\b(?:keep|maintain|make) (?:a )?records? of|recorded (?:delivery|mail)|" + LINKED_SITES),
    sections=rx(r"support|call|chat|record|communicat"),
    strong=0.7,
    topic=rx(r"\bcalls?\b|\bchats?\b|recording|conversations|meetings"),
    topic_cues=(cue(r"\b(?:record|monitor|listen|transcrib)\w*", 0.8),),
)

COOKIES = Rule(
    keywords=(
        "cookie",
        "beacon",
        "pixel",
        "page tag",
        "clear gif",
        "tracking technolog",
        "web bug",
        "local storage",
        "tracking tag",
    ),
    cues=(
        cue(r"\bcookies?\b", 0.8),
        cue(
            r"\b(?:web )?beacons?\b|\btracking pixels?\b|\bpixel tags?\b|\bpixels?\b|\bpage tags?\b|\bclear gifs?\b|"
            r"\bweb bugs?\b|\btracking (?:technologies|tags)\b|\blocal storage\b",
            0.75,
        ),
    ),
    exclude=rx(LINKED_SITES + r"|cookie (?:consent )?(?:policy|notice|statement) (?:is|was|applies)"),
    sections=rx(r"cookie|tracking|technolog|beacon"),
    strong=0.7,
    topic=rx(r"cookie|tracking|pixels?|beacons?"),
    topic_cues=(cue(r"\b(?:use|set|place|store|drop|employ|track|serve|load)\w*\b", 0.8),),
)

REMOTE_ACCESS = Rule(
    keywords=(
        "remote",
        "screen shar",
        "screen-shar",
        "take control",
        "control of your",
        "access your device",
        "access your computer",
        "teamviewer",
    ),
    cues=(
        cue(
            r"\bremote(?:ly)?[- ](?:access|control|session|support|desktop|assistance|connection|"
            r"(?:access|connect|control|view|log ?in)(?:s|ed|ing)? (?:to )?(?:your|the))",
            0.8,
        ),
        # The object must be a machine: "take control of your privacy" is a slogan, not remote access.
        cue(
            r"\btake (?:remote )?control (?:of|over) (?:(?:your|the|a|their|an end[- ]user[’']s|the customer[’']s)"
            r" )?(?:\w+ )?(?:devices?|computers?|desktops?|machines?|screens?|laptops?|workstations?|mouse|keyboard"
            r"|sessions?|systems?)\b",
            0.8,
        ),
        cue(r"\bscreen[- ]shar(?:e|ing)\b", 0.6),
        cue(
            r"\b(?:access|connect|control|navigate) (?:to |into )?(?:your|the customer[’']s|a user[’']s|the user[’']s) "
            r"(?:device|computer|desktop|machine|system|screen|laptop|workstation)s?\b",
            0.6,
        ),
    ),
    context=rx(
        r"support|agent|technician|staff|employee|engineer|help|troubleshoot|resolv|assist|with your "
        r"(?:permission|consent)|authori[sz]|session|device|computer|desktop"
    ),
    exclude=rx(
        r"\bour (?:systems|network|infrastructure|production|servers|employees? (?:may )?work)|"
        r"remote (?:work|employees|workers|locations?)|vpn|" + IMPOSTOR + r"|" + LINKED_SITES
    ),
    sections=rx(r"support|remote|assist"),
    strong=0.8,
    topic=rx(r"remote|screen[- ]shar"),
    topic_cues=(cue(r"\b(?:offer|use|connect|access|control|join|view|run)\w*\b", 0.8),),
)

detect_location = rule_detector(LOCATION)
detect_device = rule_detector(DEVICE)
detect_payment = rule_detector(PAYMENT)
detect_credentials = rule_detector(CREDENTIALS)
detect_communications_recorded = rule_detector(COMMUNICATIONS_RECORDED)
detect_cookies = rule_detector(COOKIES)
detect_remote_access = rule_detector(REMOTE_ACCESS)
