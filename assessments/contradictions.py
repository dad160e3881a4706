"""Contradictions between a vendor's own documents, and changes of its sub-processor list.

Plain Python, no Django: the service (``assessments.services.findings``) gathers the
document set from the questionnaire answers already read (their values and evidence) and
the stored sub-processor rows, and this module judges it. Each rule is data (key, title,
"why this is a finding", risk points) plus one small function from the set to drafts;
``evaluate`` runs them all. A draft names its subject (the sub-processor, the change) so
that one rule yields one finding per thing a reviewer decides on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from policies.extraction.subprocessors import ChangeKind, Subprocessor, compare_subprocessors, find_locations

YES, NO = "yes", "no"
EU = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR IE IT LV LT LU MT NL PL PT RO SK SI ES SE HU".split()
)
EEA = EU | {"IS", "LI", "NO"}
# What a promise to keep data in a region allows: its countries, and the region labels a
# list may give instead of countries ("EU"). "Europe" is read broadly (the EEA, the UK and
# Switzerland), so that only a clearly non-European place is called outside it.
REGION_COUNTRIES: dict[str, frozenset[str]] = {
    "EU": EU,
    "EEA": EEA,
    "Europe": EEA | {"GB", "CH"},
    "Nordics": frozenset({"DK", "FI", "IS", "NO", "SE"}),
    "North America": frozenset({"US", "CA", "MX"}),
}
REGION_LABELS: dict[str, frozenset[str]] = {
    "EU": frozenset({"EU"}),
    "EEA": frozenset({"EU", "EEA"}),
    "Europe": frozenset({"EU", "EEA", "Europe"}),
    "Nordics": frozenset({"Nordics"}),
    "North America": frozenset({"North America"}),
}
# A sub-processor whose name or purpose says it runs AI models.
_AI_WORDS = re.compile(
    r"\b(?:AI|artificial intelligence|machine[- ]learning|ML|LLMs?|large language models?|language models?|"
    r"generative|GPT|OpenAI|Anthropic|Mistral AI|Cohere|inference|chatbot|AI[- ]assist\w*)\b"
)
_WORDS = {"one": 1, "two": 2, "three": 3, "six": 6, "seven": 7, "ten": 10, "twelve": 12, "fourteen": 14,
          "thirty": 30, "sixty": 60, "ninety": 90}
_DURATION = re.compile(
    r"\b(?P<n>\d{1,4}|" + "|".join(_WORDS) + r")(?:\s*\(\d{1,4}\))?[\s-]*(?:calendar\s+)?"
    r"(?P<unit>day|week|month|year)s?\b",
    re.I,
)
_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


@dataclass(frozen=True)
class Quote:
    """A passage of one document version: ``text == version.text[start:end]``."""

    role: str  # which side of the finding: "statement", "dpa", "list", "old list", "new list"
    label: str  # "Privacy statement v2"
    statement: int
    start: int
    end: int
    text: str

    def to_json(self) -> dict:
        return {"role": self.role, "label": self.label, "statement": self.statement,
                "start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class Said:
    """One questionnaire answer as a document gives it, with the passages it rests on."""

    value: str
    quotes: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class ListVersion:
    statement: int
    version: int
    label: str
    obtained: date
    entries: tuple[Subprocessor, ...]

    def quote(self, entry: Subprocessor, role: str = "list") -> Quote:
        span = entry.evidence
        return Quote(role, self.label, self.statement, span.start, span.end, span.text)


@dataclass(frozen=True)
class Notice:
    """The period the customer has to object to a new sub-processor, and where it is said."""

    days: int
    quote: Quote | None = None


@dataclass(frozen=True)
class DocumentSet:
    """What the vendor's documents say, as far as the rules need it."""

    statement: Mapping[str, Said] = field(default_factory=dict)  # the privacy statement's answers
    dpa: Mapping[str, Said] | None = None  # the DPA's answers; None when no DPA was read
    lists: tuple[ListVersion, ...] = ()  # sub-processor list versions read, oldest first
    # Passages of another document, or of the statement's own CCPA table, that admit a sale or share.
    sales_admitted: tuple[Quote, ...] = ()
    notice: Notice | None = None

    def said(self, key: str) -> Said:
        return self.statement.get(key) or Said("not_stated")

    @property
    def current_list(self) -> ListVersion | None:
        return self.lists[-1] if self.lists else None


@dataclass(frozen=True)
class Draft:
    """A finding as a rule states it; the service keeps it as a ``Finding`` row."""

    rule: str
    subject: str
    detail: str
    quotes: tuple[Quote, ...]
    deadline: date | None = None
    points: int | None = None  # None: the rule's points


@dataclass(frozen=True)
class Rule:
    key: str
    title: str
    explanation: str
    points: int
    check: Callable[[DocumentSet], list[Draft]]


# --- the contradiction rules --------------------------------------------------------------------


def promised_region(documents: DocumentSet) -> tuple[frozenset[str], frozenset[str], tuple[Quote, ...]] | None:
    """(allowed countries, allowed region labels, quotes) if the statement keeps data in a region."""
    for key, value in (("transfer.data_residency", YES), ("transfer.international", NO)):
        said = documents.said(key)
        if said.value != value:
            continue
        places = find_locations(" ".join(quote.text for quote in said.quotes))
        countries = set(places.countries)
        labels = set(places.countries)
        for region in places.regions:
            countries |= REGION_COUNTRIES.get(region, set())
            labels |= REGION_LABELS.get(region, set())
        if countries:
            return frozenset(countries), frozenset(labels), said.quotes
    return None


def _outside_region(documents: DocumentSet) -> list[Draft]:
    promise, listed = promised_region(documents), documents.current_list
    if promise is None or listed is None:
        return []
    countries, labels, quotes = promise
    drafts = []
    for entry in listed.entries:
        outside = [c for c in entry.countries if c not in countries] + [r for r in entry.regions if r not in labels]
        if outside:
            detail = f"{entry.name} is located in {', '.join(outside)}, outside what the statement promises."
            drafts.append(Draft("region.subprocessor_outside", entry.name, detail, (*quotes, listed.quote(entry))))
    return drafts


def _no_third_parties(documents: DocumentSet) -> list[Draft]:
    said, listed = documents.said("share.third_parties"), documents.current_list
    if said.value != NO or listed is None or not listed.entries:
        return []
    names = ", ".join(entry.name for entry in listed.entries[:5])
    more = f" and {len(listed.entries) - 5} more" if len(listed.entries) > 5 else ""
    detail = f"The statement shares with no third parties, yet {listed.label} names {names}{more}."
    quotes = (*said.quotes, *(listed.quote(entry) for entry in listed.entries[:3]))
    return [Draft("share.none_but_subprocessors", "", detail, quotes)]


def _sale_admitted(documents: DocumentSet) -> list[Draft]:
    said = documents.said("share.sells_data")
    if said.value != NO or not documents.sales_admitted:
        return []
    where = ", ".join(dict.fromkeys(quote.label for quote in documents.sales_admitted))
    detail = f"The statement says personal data is not sold, but {where} says it is sold or shared."
    return [Draft("share.sale_admitted", "", detail, (*said.quotes, *documents.sales_admitted[:3]))]


def _dpa_terms_absent(documents: DocumentSet) -> list[Draft]:
    if len(documents.lists) < 2:
        return []
    terms = (documents.dpa or {}).get("art28.subprocessors") or Said("not_stated")
    if terms.value == YES:
        return []
    changed = [pair for pair in zip(documents.lists, documents.lists[1:], strict=False) if _list_changes(*pair)]
    if not changed:
        return []
    old, new = changed[-1]
    missing = "no DPA has been read" if documents.dpa is None else "the DPA does not require prior authorisation"
    detail = f"The sub-processor list changed ({old.label} to {new.label}) and {missing}: no right to object."
    first = _list_changes(old, new)[0]
    side = new.quote(first.new, "new list") if first.new else old.quote(first.old, "old list")
    return [Draft("dpa.subprocessor_terms_absent", "", detail, (side, *terms.quotes))]


def is_ai_provider(entry: Subprocessor) -> bool:
    return bool(_AI_WORDS.search(f"{entry.name} {entry.purpose} {entry.category}"))


def _ai_sees_content(documents: DocumentSet) -> list[Draft]:
    said, listed = documents.said("use.ai_training"), documents.current_list
    if said.value != NO or listed is None:
        return []
    return [
        Draft("ai.provider_sees_content", entry.name,
              f"{entry.name} provides AI services and processes customer content.", (*said.quotes, listed.quote(entry)))
        for entry in listed.entries
        if entry.customer_content == YES and is_ai_provider(entry)
    ]


def durations(text: str) -> frozenset[int]:
    """Each period of time ``text`` states, in days ("30 days", "three months", "1 year")."""
    found = set()
    for match in _DURATION.finditer(text):
        number = match.group("n").lower()
        count = int(number) if number.isdigit() else _WORDS[number]
        found.add(count * _DAYS[match.group("unit").lower()])
    return frozenset(found)


def _retention_differs(documents: DocumentSet) -> list[Draft]:
    deletion = (documents.dpa or {}).get("art28.end_of_contract")
    if deletion is None or deletion.value != YES:
        return []
    for key in ("retention.end_of_contract", "retention.period"):
        said = documents.said(key)
        stated = durations(" ".join(quote.text for quote in said.quotes))
        dpa = durations(" ".join(quote.text for quote in deletion.quotes))
        if stated and dpa and not stated & dpa:
            detail = (f"The statement keeps data for {_days(stated)}; the DPA deletes it {_days(dpa)} "
                      "after the contract ends.")
            return [Draft("retention.differs_from_dpa", "", detail, (*said.quotes, *deletion.quotes))]
    return []


def _days(values: frozenset[int]) -> str:
    return " or ".join(f"{days} days" for days in sorted(values))


# --- changes of the sub-processor list ---------------------------------------------------------

CHANGE_RULES = {
    ChangeKind.ADDED: "list.added",
    ChangeKind.REMOVED: "list.removed",
    ChangeKind.LOCATION_CHANGED: "list.location_changed",
    ChangeKind.PURPOSE_CHANGED: "list.purpose_changed",
}


def _list_changes(old: ListVersion, new: ListVersion):
    return compare_subprocessors(list(old.entries), list(new.entries))


def objection_deadline(obtained: date, notice: Notice | None) -> date | None:
    """The last day to object: the notice period counted from when the new version was obtained."""
    return obtained + timedelta(days=notice.days) if notice else None


def _list_changed(documents: DocumentSet) -> list[Draft]:
    drafts = []
    for old, new in zip(documents.lists, documents.lists[1:], strict=False):
        deadline = objection_deadline(new.obtained, documents.notice)
        for change in _list_changes(old, new):
            quotes = tuple(
                version.quote(entry, role)
                for version, entry, role in ((old, change.old, "old list"), (new, change.new, "new list"))
                if entry is not None
            )
            drafts.append(Draft(CHANGE_RULES[change.kind], f"v{new.version} {change.name}",
                                _change_detail(change, old, new), quotes, deadline=deadline))
    return drafts


def _change_detail(change, old: ListVersion, new: ListVersion) -> str:
    if change.kind == ChangeKind.ADDED:
        places = ", ".join((*change.new.countries, *change.new.regions)) or "no stated location"
        return f"{change.name} ({change.new.purpose or 'no purpose stated'}; {places}) is new in {new.label}."
    if change.kind == ChangeKind.REMOVED:
        return f"{change.name} is no longer in {new.label}."
    if change.kind == ChangeKind.LOCATION_CHANGED:
        added = ", ".join(change.added_countries) or "none"
        removed = ", ".join(change.removed_countries) or "none"
        return f"{change.name} moved between {old.label} and {new.label}: added {added}; removed {removed}."
    return f"{change.name}'s purpose changed from “{change.old.purpose}” to “{change.new.purpose}”."


def _changes_of(kind: ChangeKind) -> Callable[[DocumentSet], list[Draft]]:
    return lambda documents: [draft for draft in _list_changed(documents) if draft.rule == CHANGE_RULES[kind]]


RULES: tuple[Rule, ...] = (
    Rule("region.subprocessor_outside", "A sub-processor is located outside the promised region",
         "The privacy statement says data stays in a region, but the sub-processor list places a "
         "sub-processor outside it: either the promise or the list is wrong.", 3, _outside_region),
    Rule("share.none_but_subprocessors", "The statement shares with no third parties, the list names some",
         "The privacy statement says personal data is not shared with third parties, yet the vendor's "
         "sub-processor list names companies that process it.", 2, _no_third_parties),
    Rule("share.sale_admitted", "Selling or sharing is denied in one place and admitted in another",
         "The privacy statement denies selling personal data, while another of the vendor's documents (or "
         "the statement's own CCPA table) says personal data is sold or shared.", 3, _sale_admitted),
    Rule("dpa.subprocessor_terms_absent", "The list changes without sub-processor terms in the DPA",
         "The sub-processor list changes, but the DPA gives no prior authorisation or right to object "
         "(GDPR Art. 28(2)), so a change can take effect without the customer's say.", 2, _dpa_terms_absent),
    Rule("ai.provider_sees_content", "An AI provider processes customer content",
         "The privacy statement says customer data is not used for AI, yet the sub-processor list names "
         "an AI provider that processes customer content.", 3, _ai_sees_content),
    Rule("retention.differs_from_dpa", "The statement's retention differs from the DPA's deletion",
         "The retention period in the privacy statement and the end-of-contract deletion in the DPA name "
         "different periods: which one binds is unclear.", 2, _retention_differs),
    Rule("list.added", "A sub-processor was added",
         "A new sub-processor will process the customer's data; the customer may object within the notice "
         "period.", 1, _changes_of(ChangeKind.ADDED)),
    Rule("list.removed", "A sub-processor was removed",
         "A sub-processor left the list; check that the data it held was returned or deleted.",
         0, _changes_of(ChangeKind.REMOVED)),
    Rule("list.location_changed", "A sub-processor's location changed",
         "Data now goes to a different country or region, which may need a transfer safeguard.",
         2, _changes_of(ChangeKind.LOCATION_CHANGED)),
    Rule("list.purpose_changed", "A sub-processor's purpose changed",
         "The sub-processor now does something else with the data than before.",
         1, _changes_of(ChangeKind.PURPOSE_CHANGED)),
)
RULES_BY_KEY: dict[str, Rule] = {rule.key: rule for rule in RULES}


def evaluate(documents: DocumentSet) -> list[Draft]:
    """Every finding the document set yields, each rule run once, in the rules' order."""
    drafts: list[Draft] = []
    for rule in RULES:
        drafts.extend(rule.check(documents))
    return drafts


# A row of a CCPA-style table as the readers store it ("Category: Identifiers; Sold: No;
# Shared: Yes."): a cell whose header is about selling or sharing, answered yes.
_SALE_CELL = re.compile(r"(?:^|;\s*)(?:[^:;\n]{0,30}\b(?:sold|sale|sell|shared)\b[^:;\n]{0,30}):\s*yes\b", re.I)


def table_sale_admissions(text: str) -> list[tuple[int, int]]:
    """Offsets of each stored table row that says a category of data is sold or shared."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        # A row has several "Header: value" cells; a sentence ending in ": yes" is not one.
        if "; " in line.group() and _SALE_CELL.search(line.group()):
            spans.append((line.start(), line.end()))
    return spans
