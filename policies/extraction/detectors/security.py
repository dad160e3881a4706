"""Security: described measures (specific or vague), encryption in transit, breach
notification and certifications or audits."""

from __future__ import annotations

from policies.extraction.detectors.framework import (
    Document,
    LevelRules,
    Rule,
    cue,
    decide_level,
    rule_detector,
    rx,
)
from policies.extraction.detectors.vocab import DISPUTES, LINKED_SITES
from policies.extraction.types import Answer

_CONTROLS = (
    r"(?:encrypt\w*|tls|ssl|https(?!:)|secure sockets? layer|transport layer security|firewalls?|"
    r"access controls?|role[- ]based access|least privilege|multi[- ]factor|two[- ]factor|2fa|mfa|"
    r"penetration test\w*|pen[- ]tests?|vulnerability (?:scans?|scanning|assessments?|management)|"
    r"intrusion (?:detection|prevention)|secure data cent(?:er|re)s?|data cent(?:er|re)s? (?:with|that)|"
    r"(?:physical|logical) access|security (?:audits?|monitoring|logging|testing|reviews?|training)|"
    r"audit logs?|logging and monitoring|hash(?:ed|ing)|salted|pseudonymi[sz]\w*|"
    r"background checks|backups?|redundan\w*|disaster recovery|anti-?virus|malware protection|"
    r"iso(?:/iec)? ?27001|soc ?2|restricted to (?:authori[sz]ed|those)|need[- ]to[- ]know)"
)
_PROTECT = (
    r"(?:protect|safeguard|secure[sd]? (?:your|the|our|all|personal|customer|data|information)|guard"
    r"|defend|unauthori[sz]ed|breach|confidential)"
)

SPECIFIC_MEASURES = Rule(
    keywords=(
        "encrypt",
        "tls",
        "ssl",
        "https",
        "socket",
        "transport layer",
        "firewall",
        "access control",
        "role-based",
        "role based",
        "least privilege",
        "factor",
        "2fa",
        "mfa",
        "penetration",
        "pen test",
        "pen-test",
        "vulnerab",
        "intrusion",
        "data cent",
        "physical access",
        "logical access",
        "security audit",
        "security monitor",
        "security testing",
        "audit log",
        "logging",
        "hash",
        "salted",
        "pseudonym",
        "background check",
        "backup",
        "redundan",
        "disaster",
        "virus",
        "malware",
        "27001",
        "soc 2",
        "soc2",
        "restricted to",
        "need to know",
        "need-to-know",
        "safeguards",
        "aes",
        "at rest",
    ),
    cues=(
        cue(r"\b" + _CONTROLS + r"\b", 0.8),
        # A named algorithm or protocol version is a control on its own, whatever the wording.
        cue(r"\baes[- ]?(?:128|192|256)\b|\btls ?(?:v ?)?1\.[0-3]\b|\b(?:rsa|sha)[- ]?\d{3,4}\b|\bat rest\b", 1.0),
    ),
    context=rx(
        _PROTECT + r"|\b(?:use|uses|employ|employs|implement\w*|maintain\w*|apply|applies|have|has|"
        r"include|includes|including|such as|controls?|measures|certified|is (?:encrypted|restricted)|"
        r"are (?:encrypted|restricted)|access to)\b"
    ),
    exclude=rx(
        r"\b(?:cannot|can not|can't|unable to) (?:guarantee|ensure|warrant)\b(?![^.]{0,80}\b(?:use|employ))|"
        r"you (?:should|are responsible|must)|your (?:own )?(?:password|device|computer)|"
        + DISPUTES
        + r"|"
        + LINKED_SITES
    ),
    sections=rx(r"secur|protect|safeguard"),
    strong=1.0,
    threshold=0.8,
)

VAGUE_MEASURES = Rule(
    keywords=("secur", "protect", "safeguard", "measures", "standard", "precaution", "safe"),
    cues=(
        cue(
            r"\b(?:industry|generally accepted|commercially reasonable|reasonable|appropriate|adequate|sensible|"
            r"proper|prudent|responsible|"
            r"suitable|strict|robust|strong|necessary|best|recogni[sz]ed|accepted|security|technical|"
            r"organi[sz]ational|administrative|physical|electronic|managerial|procedural)[- ]?"
            r"(?:standard|best)?\s*(?:security )?(?:measures|safeguards|precautions|steps|standards|practices|"
            r"procedures|controls|efforts|technologies|means)\b",
            0.75,
        ),
        cue(r"\b(?:technical and organi[sz]ational|organi[sz]ational and technical)\b", 0.8),
        cue(
            r"\bmeasures (?:that are )?(?:appropriate|proportionate|suitable|adequate)\b|\b(?:kept|keep|keeps|held|"
            r"stored) (?:safe|secure)\b",
            0.7,
        ),
        cue(
            r"\b(?:take|takes|taken|use|uses|employ|implement\w*|maintain\w*|follow\w*|put in place|have in place)\b"
            r"[^.;]{0,60}\b(?:to )?(?:protect|safeguard|secure)\b[^.;]{0,40}\b(?:information|data|privacy)",
            0.65,
        ),
    ),
    context=rx(_PROTECT + r"|\bsafe\b|\bsecur"),
    exclude=rx(
        r"\byou (?:should|must|are responsible)|\byour (?:password|credentials|device|login)|"
        r"security (?:updates?|alerts?|issues|incidents?|purposes)\b"
        r"(?![^.]{0,40}measures)|" + DISPUTES + r"|" + LINKED_SITES
    ),
    sections=rx(r"secur|protect|safeguard"),
    strong=1.0,
    threshold=0.7,
)

MEASURES = LevelRules(specific=SPECIFIC_MEASURES, vague=VAGUE_MEASURES)

ENCRYPTION_IN_TRANSIT = Rule(
    keywords=("tls", "ssl", "https", "socket", "transport layer", "transit", "transmission", "encrypt", "e2ee"),
    cues=(
        # "https://..." is an address, not a statement that data is encrypted.
        cue(r"\b(?:tls|ssl|https(?!:)|secure sockets? layers?|transport layer security)\b", 0.85),
        cue(
            r"\bencrypt\w*\b[^.;]{0,60}\b(?:in transit|in motion|during transmission|during transfer|when "
            r"(?:transmitted|sent|in transit)|over (?:the internet|public networks|the network)|between (?:your|"
            r"the) (?:browser|device)|while (?:in transit|being transmitted|being sent))",
            0.9,
        ),
        cue(r"\b(?:in transit|during transmission)\b[^.;]{0,60}\bencrypt\w*", 0.9),
        # "Data moving between our servers and your browser is encrypted."
        cue(
            r"\b(?:between|to and from)\b[^.;]{0,60}\b(?:browsers?|devices?|apps?|servers?)\b[^.;]{0,40}\bencrypt\w*"
            r"|\b(?:travel\w*|sent|transmitted|moving|in motion)\b[^.;]{0,40}\bencrypt\w*",
            0.85,
        ),
        cue(r"\bencrypted (?:connections?|channels?|protocols?)\b", 0.75),
        # Encryption on the way, by its kind: transport encryption, or end-to-end (encrypted on
        # the sender's device and decrypted only on the recipient's) covers the whole journey.
        cue(
            r"\b(?:transport|end[- ]to[- ]end|e2ee?)[- ](?:level |layer )?encrypt\w*|\bend[- ]to[- ]end encrypted\b",
            0.85,
        ),
    ),
    exclude=rx(r"\bemails? (?:is|are) not encrypted\b|cannot guarantee|" + LINKED_SITES),
    sections=rx(r"secur|protect|encrypt"),
    strong=0.85,
    threshold=0.7,
)

BREACH_NOTIFICATION = Rule(
    keywords=("breach", "incident", "unauthori", "compromise"),
    cues=(
        cue(
            r"\b(?:notify|inform|tell|alert|contact|let)\b[^.;]{0,60}\b(?:breach\w*|security incidents?|"
            r"incidents?|unauthori[sz]ed (?:access|disclosure|acquisition|use)|compromise\w*)",
            0.85,
        ),
        # "In the event of unauthorised access to your data, we will let you know within 48 hours."
        cue(
            r"\b(?:breach\w*|security incidents?|unauthori[sz]ed (?:access|disclosure|acquisition|use)|compromise\w*)"
            r"[^.;]{0,100}\b(?:notify|inform|tell|alert|contact|let \w+ know)\b",
            0.8,
        ),
        cue(
            r"\b(?:breach\w*|security incidents?|incidents?|unauthori[sz]ed (?:access|disclosure)|compromise)\b"
            r"[^.;]{0,140}\b(?:notify|inform|alert|notice|notification)\b",
            0.8,
        ),
        cue(r"\bbreach notification\b", 0.75),
    ),
    context=rx(
        r"\b(?:you|customers?|users?|affected|individuals?|data subjects|controllers?|people|persons|"
        r"concerned|account (?:owners?|holders?)|admins?|administrators)\b"
    ),
    exclude=rx(
        r"\b(?:notify|inform|tell|alert|contact) us\b|\byou (?:must|should|agree to) (?:promptly )?"
        r"(?:notify|inform)|" + LINKED_SITES
    ),
    sections=rx(r"secur|breach|incident"),
    strong=1.0,
    threshold=0.8,
    topic=rx(r"breach|incident"),
    topic_cues=(cue(r"\b(?:notify|notifie|inform|tell|alert|contact|e-?mail|warn|let)\w*\b", 0.85),),
)

CERTIFICATIONS = Rule(
    keywords=(
        "iso",
        "soc",
        "ssae",
        "isae",
        "pci",
        "fedramp",
        "hitrust",
        "csa star",
        "audit",
        "certif",
        "cyber essentials",
        "c5",
        "tisax",
    ),
    cues=(
        cue(
            r"\biso(?:/iec)? ?(?:27001|27017|27018|27701|9001|22301)\b|\bsoc ?(?:1|2|3)\b|\bssae ?1[68]\b|"
            r"\bisae ?3402\b|\bpci[- ]?dss\b|\bpci (?:compliant|certified|level)|\bfedramp\b|\bhitrust\b|"
            r"\bcsa star\b|\bcyber essentials\b|\btisax\b|\bbsi c5\b",
            0.9,
        ),
        cue(
            r"\b(?:independent|third[- ]party|external) (?:security )?(?:audits?|auditors?|assessments?|"
            r"certifications?)\b",
            0.7,
        ),
        cue(
            r"\b(?:security|information security) certifications?\b|\bcertified (?:to|under|against) "
            r"(?:the )?(?:iso|international)",
            0.75,
        ),
    ),
    exclude=rx(r"privacy shield|data privacy framework|" + LINKED_SITES),
    sections=rx(r"secur|certif|compliance|audit"),
    strong=0.9,
    threshold=0.7,
    topic=rx(r"certif|audits?\b|attestation"),
    topic_cues=(cue(r"\b(?:audit|certif|assess|attest|accredit)\w*", 0.75),),
    plans_deny=True,
)


def detect_security_measures(document: Document) -> Answer:
    """specific when named controls are described, vague for generic assurances."""
    return decide_level(document, MEASURES)


detect_encryption_in_transit = rule_detector(ENCRYPTION_IN_TRANSIT)
detect_breach_notification = rule_detector(BREACH_NOTIFICATION)
detect_certifications = rule_detector(CERTIFICATIONS)
