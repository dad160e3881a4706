"""GDPR Art. 28(3) processor terms, read from a data processing agreement (template gdpr-art28).

Eight mandatory elements, each ``yes`` when the DPA has the clause, ``no`` when it expressly
disclaims it ("the Processor has no obligation to assist with audits"), else ``not_stated``;
plus two values: the notice period, in days, for objecting to a new sub-processor, and the
governing law as an ISO 3166 alpha-2 code.

A DPA words its duties as prohibitions as often as promises ("shall not engage a
sub-processor without prior written authorisation"), so a negated mention is still the clause:
polarity does not decide these answers, disclaimers do. Definitions are not clauses: the
definition of "Sub-processor" commits to nothing, so a sentence that defines a term, or sits
under a Definitions heading, is never evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from policies.extraction.detectors import lifecycle
from policies.extraction.detectors.framework import Document, Hit, Rule, answer, cue, rx, scan
from policies.extraction.detectors.jurisdictions import governing_law_code
from policies.extraction.detectors.vocab import TIME_PERIOD
from policies.extraction.types import Answer, Span

YES, NO = "yes", "no"

# '"Sub-processor" means ...', 'Sub-processor: any processor engaged by ...' under Definitions,
# '"Instructions" shall mean ...'. A defined term is a few words: "the Processor will assist the
# Controller by technical means" is a clause.
_DEFINITION = rx(
    r"^\W*(?:\d+(?:\.\d+)*\.?\s+|\([a-z0-9]+\)\s+)?[\"“”'‘’]?[a-z][\w()/&-]*(?: [\w()/&-]+){0,4}?[\"“”'’]?,?\s+"
    r"(?:means|shall mean|has the meaning|have the meanings?|refers to|is defined as|includes)\b"
    r"|[\"”’]\s*(?:\([^)]{0,40}\)\s*)?(?:means|shall mean|has the meaning|refers to)\b"
)
_DEFINITIONS_SECTION = rx(r"definition|interpretation|glossary")
# An express refusal of the element turns its clause into a "no".
_DISCLAIMER = rx(
    r"\b(?:no|not (?:be )?(?:under )?any) (?:obligation|duty|responsibility)\b|\bnot (?:be )?(?:obliged|required|"
    r"obligated|responsible)\b|\bnot (?:be )?entitled\b|\bno right to\b|\bshall have no\b|\bis excluded\b|"
    r"\bdoes not (?:apply|offer|provide|permit|allow)\b|\bwill not (?:assist|permit|allow|submit)\b|\bnot bound by\b"
    # "Customer may not conduct audits", but not "may not conduct more than one audit a year".
    r"|\b(?:may|can|shall|will) not (?:conduct|carry out|perform|request|audit|inspect)\b"
    r"(?![^.;]{0,30}\b(?:more|except|unless|other than|without|beyond|during|outside))"
)

INSTRUCTIONS = Rule(
    keywords=("instruct", "directed by", "direction"),
    cues=(
        cue(r"\b(?:as |where )?(?:otherwise )?directed by (?:the )?(?:customer|controller|you|data exporter|client)"
            r"|\b(?:documented|written) directions?\b", 0.85),
        cue(r"\b(?:as|where|when|if) (?:you|the customer|the controller|customer|controller|the data exporter) "
            r"(?:\w+ )?instructs?\b", 0.85),
        cue(r"\b(?:only|solely|exclusively)\b[^.;]{0,60}\b(?:on|upon|in accordance with|pursuant to|under|per|"
            r"following|as set out in)\b[^.;]{0,40}\binstruct\w*", 0.95),
        cue(r"\bdocumented (?:and lawful )?instructions?\b", 0.9),
        cue(r"\b(?:bound by|follow\w*|comply with|adhere to|abide by)\b[^.;]{0,40}\binstructions?\b", 0.8),
        cue(r"\b(?:process\w*|act\w*|handl\w*)\b[^.;]{0,80}\b(?:on|upon|in accordance with|pursuant to|per|"
            r"following|under|in compliance with|consistent with|in line with|as set out in)\b[^.;]{0,40}\b"
            r"(?:written |lawful |reasonable |documented )?instructions?\b", 0.85),
        cue(r"\b(?:other than|except)\b[^.;]{0,40}\b(?:on|upon|in accordance with)\b[^.;]{0,40}\binstructions?\b",
            0.9),
        # A bare mention ("Customer's instructions shall comply with the law") counts only under an
        # Instructions heading: it is the customer's duty, not the processor's.
        cue(r"\binstructions?\b", 0.5),
    ),
    context=rx(r"process|personal data|customer data|data|act"),
    sections=rx(r"instruction|scope of processing|processing of (?:personal )?data|obligations of"),
    strong=9.0,
    threshold=0.7,
)

CONFIDENTIALITY = Rule(
    keywords=("confiden", "non-disclosure", "secrecy", "duty of confidence"),
    cues=(
        cue(r"\b(?:confidentiality|non-disclosure|secrecy)\b[^.;]{0,40}\b(?:obligations?|undertakings?|agreements?|"
            r"duties|duty|commitments?|terms)\b", 0.9),
        cue(r"\b(?:committed|commit|bound|subject|obliged|obligated|undertak\w*|agreed?)\b[^.;]{0,60}\b"
            r"(?:to |by |of )?(?:confidentiality|confidence|secrecy|keep\w* [^.;]{0,30}confidential)", 0.9),
        cue(r"\bstatutory obligation of confidentiality\b|\bduty of confidence\b", 0.9),
        cue(r"\bconfidential\w*\b", 0.6),
    ),
    context=rx(
        r"personnel|persons?|staff|employees?|individuals?|authori[sz]ed|workers?|contractors?|anyone|people|"
        r"team members?|agents?|operators?|representatives?|engineers?|technicians?|consultants?|everyone|"
        r"each of (?:its|our)"
    ),
    sections=rx(r"confidential|personnel|staff"),
    strong=9.0,
    threshold=0.7,
)

SECURITY = Rule(
    keywords=("measures", "article 32", "art. 32", "art 32", "security", "safeguard", "controls"),
    cues=(
        cue(r"\b(?:article|art\.?) 32\b", 0.9),
        cue(r"\btechnical and organi[sz]ational (?:security )?measures\b", 0.9),
        cue(r"\b(?:appropriate|reasonable|adequate|industry[- ]standard) (?:technical,? )?(?:and )?"
            r"(?:physical,? )?(?:administrative,? )?(?:and )?(?:security )?(?:measures|safeguards|controls)\b", 0.8),
        cue(r"\bsecurity (?:measures|safeguards|controls|standards|program\w*)\b", 0.75),
        cue(r"\b(?:technical|physical|administrative|organi[sz]ational)\b[^.;]{0,40}\b(?:measures|safeguards|controls)\b",
            0.8),
    ),
    context=rx(r"implement|maintain|take|adopt|ensure|protect|apply|employ|put in place|keep|described|set out|annex"),
    exclude=rx(r"\b(?:article|art\.?) 32 (?:to|-|–|through) 36\b|\bimpact assessment"),
    sections=rx(r"security"),
    strong=9.0,
    threshold=0.7,
)

_SUBPROCESSOR = (
    r"(?:sub-?processors?|subprocessors?|sub-?contractors?|another processor|other processors?|sub-?processing)"
)
SUBPROCESSORS = Rule(
    keywords=("processor", "subcontract", "sub-contract", "subprocessing", "sub-processing"),
    cues=(
        cue(r"\b(?:engag\w*|appoint\w*|us(?:e|ing)|subcontract\w*|retain\w*|add\w*|replac\w*|onboard\w*)\b[^.;]{0,60}\b"
            + _SUBPROCESSOR + r"|\b" + _SUBPROCESSOR + r"\b[^.;]{0,60}\b(?:engag\w*|appoint\w*)", 0.85),
        cue(r"\b(?:prior|general|specific) (?:specific |general )?(?:or (?:general|specific) )?(?:written )?"
            r"(?:authori[sz]ation|consent|approval)\b", 0.85),
        cue(r"\b" + _SUBPROCESSOR + r"\b[^.;]{0,120}\b(?:authori[sz]\w*|consent\w*|object\w*|"
            r"same data protection obligations|written (?:agreement|contract)|flow[- ]down|liable|bound by)", 0.85),
        cue(r"\b(?:authori[sz]\w*|consent\w*|object\w*)\b[^.;]{0,120}\b" + _SUBPROCESSOR, 0.8),
        # Notice of a change of sub-processors; notice of an incident at one is the breach clause.
        cue(r"\b(?:notif\w*|notice|inform\w*)\b[^.;]{0,80}\b(?:new|additional|addition|replac\w*|chang\w*|intended)"
            r"\b[^.;]{0,40}\b" + _SUBPROCESSOR + r"|\b(?:new|additional|replacement) " + _SUBPROCESSOR, 0.85),
    ),
    sections=rx(r"sub-?process|subprocess|sub-?contract"),
    section_cues=(cue(r"\b(?:object\w*|notif\w*|notice|authori[sz]\w*|engag\w*|appoint\w*)\b", 0.7),),
    strong=0.8,
    threshold=0.7,
)

_DS = r"(?:data subjects?['’]?|individuals?['’]?|end[- ]users?['’]?|persons?['’]?)"
DATA_SUBJECT_RIGHTS = Rule(
    keywords=("data subject", "individual", "rights", "request"),
    cues=(
        cue(r"\b" + _DS + r"s?\s*(?:rights|requests?)\b", 0.85),
        cue(r"\brequests?\b[^.;]{0,30}\b(?:from|by|of) (?:a |an |any |the |your |its |their |our )?" + _DS, 0.85),
        cue(r"\bexercis\w* (?:of )?(?:their|the|its|his or her|any|such) (?:\w+ )?rights\b", 0.8),
        cue(r"\brights? of (?:the )?" + _DS + r"|\b(?:chapter iii|articles? 12 (?:to|-|–) 22?3?)\b", 0.8),
        cue(r"\b(?:access|rectification|erasure|portability|restriction)\b[^.;]{0,40}\brequests?\b", 0.75),
        # "Quayside will pass every such request to the Client": the request is an individual's.
        cue(r"\b(?:pass|forward|refer|redirect|transfer|route)\w*\b[^.;]{0,30}\brequests?\b[^.;]{0,40}\bto (?:the )?"
            r"(?:client|customer|controller|you|data exporter|company)\b", 0.75),
        cue(r"\b(?:a copy of|access to|correct\w*|rectif\w*|delet\w*|eras\w*)\b[^.;]{0,20}\b(?:their|his or her|"
            r"the individual[’']s) (?:personal )?(?:information|data)\b", 0.7),
    ),
    context=rx(r"assist|help|cooperat|support|notify|forward|respond|enable|provide|redirect|refer|fulfil|comply"),
    sections=rx(r"data subject|rights of|individuals"),
    strong=9.0,
    threshold=0.7,
)

ASSIST_OBLIGATIONS = Rule(
    keywords=("32", "impact assessment", "dpia", "prior consultation", "supervisory", "obligations"),
    cues=(
        cue(r"\b(?:articles?|arts?\.?) 32\s*(?:to|-|–|—|through|and)\s*36\b", 0.95),
        cue(r"\b(?:data protection )?impact assessments?\b|\bdpias?\b", 0.9),
        cue(r"\bprior consultations?\b|\bconsult\w* (?:with )?(?:the |a |any |competent )?supervisory authorit",
            0.9),
        # Art. 35 and 36 are impact assessments and prior consultation; a breach clause citing
        # Art. 33 is in every DPA, also in those that leave out this assistance.
        cue(r"\b(?:articles?|arts?\.?) 3[56]\b", 0.8),
    ),
    context=rx(r"assist|help|cooperat|support|provide|reasonabl|information|ensur|comply|complian"),
    sections=rx(r"assist|cooperat|impact assessment"),
    strong=9.0,
    threshold=0.7,
)

END_OF_CONTRACT = Rule(
    keywords=lifecycle.END_OF_CONTRACT.keywords + ("delet", "return", "destr"),
    cues=lifecycle.END_OF_CONTRACT.cues
    + (
        cue(r"\b(?:delet\w*|destr\w*|eras\w*) or return\w*\b|\breturn\w* or (?:delet\w*|destr\w*|eras\w*)\b", 0.9),
        cue(r"\b(?:return|deletion|destruction) of (?:the )?(?:personal |customer )?data\b", 0.75),
    ),
    context=rx(r"data|copies|information|materials?|records?|content|tickets?|files|everything|accounts?"),
    sections=rx(r"terminat|end of|deletion|return|expir|after the (?:contract|agreement|service)"),
    # "8. End of the service" / "We then delete all Customer Data": the heading says when.
    section_cues=(cue(r"\b(?:delet\w*|destr\w*|eras\w*|return\w*|purg\w*)\b", 0.65),),
    strong=9.0,
    threshold=0.7,
)

AUDITS = Rule(
    keywords=("audit", "inspect", "demonstrate compliance", "demonstrate its compliance"),
    cues=(
        cue(r"\baudits?\b[^.;]{0,30}\b(?:and|or|including) inspections?\b|\binspections?\b[^.;]{0,20}\baudits?\b",
            0.95),
        cue(r"\b(?:information|documentation|evidence) (?:reasonably )?(?:necessary|required|needed) to "
            r"demonstrate\b", 0.9),
        cue(r"\b(?:conduct|perform|carry out|allow|permit|submit|contribute|request|undertake|facilitate)\w*\b"
            r"[^.;]{0,60}\b(?:audits?|inspections?)\b", 0.85),
        cue(r"\baudit rights?\b|\bright to (?:audit|inspect)\b", 0.9),
        cue(r"\baudits?\b|\binspections?\b", 0.6),
    ),
    context=rx(r"customer|controller|exporter|you|auditor|third[- ]party|compliance|premises|facilities|report"),
    exclude=rx(r"\baudit (?:logs?|trails?)\b"),
    sections=rx(r"audit|inspection|demonstrat|compliance information"),
    section_cues=(cue(r"\b(?:request|report|review|information|on-?site)\b", 0.7),),
    strong=9.0,
    threshold=0.7,
)

ELEMENT_RULES: dict[str, Rule] = {
    "art28.instructions": INSTRUCTIONS,
    "art28.confidentiality": CONFIDENTIALITY,
    "art28.security": SECURITY,
    "art28.subprocessors": SUBPROCESSORS,
    "art28.data_subject_rights": DATA_SUBJECT_RIGHTS,
    "art28.assist_obligations": ASSIST_OBLIGATIONS,
    "art28.end_of_contract": END_OF_CONTRACT,
    "art28.audits": AUDITS,
}


def clause_hits(document: Document, rule: Rule) -> list[Hit]:
    """Hits of ``rule`` that are clauses: above threshold, not a definition, not under Definitions."""
    return [
        hit
        for hit in scan(document, rule)
        if hit.score >= rule.threshold
        and not _DEFINITIONS_SECTION.search(hit.unit.section)
        and not _DEFINITION.search(hit.unit.lower)
    ]


# Conditions waived: "Provider may engage sub-processors at its discretion without Customer's consent".
_WAIVED = {
    "art28.subprocessors": rx(
        r"\b(?:may|can|is entitled to|reserves the right to|is free to)\b(?!\s+(?:not|never|only)\b)[^.;]{0,40}"
        r"\b(?:engage|appoint|use|add|change|replace)\b[^.;]{0,60}\b(?:without|at its (?:sole )?discretion)\b"
        r"(?![^.;]{0,40}\bunless)"
    ),
}


def decide_element(document: Document, rule: Rule, waived: re.Pattern[str] | None = None) -> Answer:
    """yes when the DPA has the clause (promise or prohibition), no when it only disclaims it."""
    hits = clause_hits(document, rule)
    disclaimed = [
        hit
        for hit in hits
        if _DISCLAIMER.search(hit.unit.lower) or (waived is not None and waived.search(hit.unit.lower))
    ]
    kept = [hit for hit in hits if hit not in disclaimed]
    if kept:
        return answer(YES, kept)
    return answer(NO, disclaimed) if disclaimed else Answer.not_stated()


def element_detector(rule: Rule, waived: re.Pattern[str] | None = None) -> Callable[[Document], Answer]:
    def detect(document: Document) -> Answer:
        return decide_element(document, rule, waived)

    return detect


# -- the objection notice period ------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "twenty": 20,
    "twenty-one": 21, "twenty one": 21, "thirty": 30, "forty-five": 45, "forty five": 45, "sixty": 60,
    "ninety": 90,
}
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30}
_PERIOD = re.compile(
    r"\b(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")(?:\s*\((\d{1,3})\))?"
    r"[\s-]*(?:calendar |business |working )?(day|week|month)s?\b"
)
_ADVANCE = rx(r"\bnotice\b|\bnotif\w*|\binform\w*|\bin advance\b|\bprior to\b|\bbefore\b|\bpublish\w*|\bupdate\w*")
_OBJECT = rx(r"\bobject\w*")
_NEW_SUBPROCESSOR = rx(_SUBPROCESSOR + r"|\bnew (?:vendor|supplier|provider)s?\b")


def detect_objection_days(document: Document) -> Answer:
    """The days a customer has to object to a new sub-processor: the advance notice, else the objection window."""
    candidates = []
    for hit in clause_hits(document, SUBPROCESSORS):
        lower = hit.unit.lower
        rank = _objection_rank(lower, hit.unit.section)
        days = _days(lower) if rank is not None else None
        if days is not None:
            candidates.append((rank, hit.unit.index, days, hit))
    if not candidates:
        return Answer.not_stated()
    rank, _index, days, hit = min(candidates, key=lambda item: item[:2])
    return Answer(value=str(days), confidence=0.9 if rank < 2 else 0.75, evidence=(hit.span,))


def _objection_rank(lower: str, section: str) -> int | None:
    """How surely a sentence gives the objection period: 0 best, None when it gives none.

    Advance notice of a new sub-processor ("at least 30 days before it starts") outranks the
    window to object counted from it; the notice period for terminating after an objection is
    neither.
    """
    if _TERMINATION.search(lower) or not TIME_RX.search(lower):
        return None
    own = _NEW_SUBPROCESSOR.search(lower) is not None
    if not own and not _NEW_SUBPROCESSOR.search(section):
        return None
    advance, objects = _ADVANCE.search(lower) is not None, _OBJECT.search(lower) is not None
    if advance and own and _CHANGE.search(lower):
        return 0
    if advance and objects:
        return 1
    return 2 if objects else None


# A sentence about a new or changed sub-processor: "a sub-processor shall notify us within 5 days
# of a breach" gives no notice period for objecting.
_CHANGE = rx(r"\b(?:new|additional|addition|add|adding|replac\w*|chang\w*|intended|proposed|appoint\w*|engag\w*)\b")
_TERMINATION = rx(r"\bterminat\w*|\bend (?:the|this|its)\b|\bcancel\w*|\brefund")


TIME_RX = re.compile(TIME_PERIOD)


def _days(lower: str) -> int | None:
    match = _PERIOD.search(lower)
    if match is None:
        return None
    number, digits, unit = match.groups()
    count = int(digits) if digits else int(number) if number.isdigit() else _NUMBER_WORDS[number]
    return count * _UNIT_DAYS[unit]


# -- governing law --------------------------------------------------------------------------------

_GOVERNED = rx(
    r"\bgoverned by\b|\bgoverning law\b|\blaws? (?:applicable|that applies|which applies)\b|\bapplicable law\b"
    r"|\bconstrued in accordance with\b|\bsubject to the (?:laws?|jurisdiction) of\b|\bshall be the law of\b"
    r"|\blaw of [^.;]{0,40} (?:shall|will) (?:govern|apply)\b|\b(?:law|laws) shall (?:govern|apply)\b"
    r"|\bgoverns?\b|\bsubject to (?:the )?(?:\w+ )?laws?\b|\b\w+ law (?:applies|shall apply|governs|will apply)\b"
)


def detect_governing_law(document: Document) -> Answer:
    """The first governing-law clause that names a country, as its ISO 3166 alpha-2 code."""
    for index in sorted(document.with_keywords(("govern", " law"))):
        unit = document.units[index]
        if _GOVERNED.search(unit.lower) is None or _DEFINITION.search(unit.lower):
            continue
        code = governing_law_code(unit.lower)
        if code:
            sentence = unit.sentence
            return Answer(value=code, confidence=0.9, evidence=(Span(sentence.start, sentence.end, sentence.text),))
    return Answer.not_stated()


DETECTORS: dict[str, Callable[[Document], Answer]] = {}
for _key, _rule in ELEMENT_RULES.items():
    DETECTORS[_key] = element_detector(_rule, _WAIVED.get(_key))
    if _key == "art28.subprocessors":
        DETECTORS["art28.objection_days"] = detect_objection_days  # the questionnaire asks it there
DETECTORS["art28.governing_law"] = detect_governing_law
