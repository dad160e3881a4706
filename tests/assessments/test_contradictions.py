"""Each contradiction rule firing on its case and staying silent on a consistent one (no database)."""

from datetime import date

from assessments.contradictions import (
    DocumentSet,
    ListVersion,
    Notice,
    Quote,
    Said,
    durations,
    evaluate,
    table_sale_admissions,
)
from policies.extraction.subprocessors import CustomerContent, Subprocessor
from policies.extraction.types import Span


def said(value: str, text: str = "", statement: int = 1) -> Said:
    return Said(value, (Quote("statement", "Privacy statement v1", statement, 0, len(text), text),) if text else ())


def entry(name: str, countries=(), purpose: str = "Hosting", content: str = "yes", regions=()) -> Subprocessor:
    text = f"{name}; {purpose}"
    span = Span(0, len(text), text)
    return Subprocessor(name, purpose, tuple(countries), tuple(regions), CustomerContent(content), span)


def listed(*entries, version: int = 1, obtained: date = date(2026, 3, 1)) -> ListVersion:
    return ListVersion(10 + version, version, f"Sub-processor list v{version}", obtained, tuple(entries))


EU_PROMISE = {"transfer.international": said("no", "Customer data is not transferred outside the European Union.")}
CONSISTENT = DocumentSet(
    statement={
        **EU_PROMISE,
        "share.third_parties": said("yes", "We share data with our service providers."),
        "share.sells_data": said("no", "We do not sell personal data."),
        "use.ai_training": said("no", "Customer data is not used to train AI models."),
        "retention.period": said("specific", "We delete customer data within 30 days after the contract ends."),
    },
    dpa={
        "art28.subprocessors": said("yes", "Prior written authorisation is required.", 2),
        "art28.end_of_contract": said("yes", "Personal data is deleted within thirty days of termination.", 2),
    },
    lists=(listed(entry("Alpen Cloud GmbH", ["DE"]), entry("Mailbird SAS", ["FR"], "E-mail", "no")),),
)


def rules_of(documents: DocumentSet) -> list[tuple[str, str]]:
    return [(draft.rule, draft.subject) for draft in evaluate(documents)]


def test_a_consistent_document_set_yields_nothing():
    assert rules_of(CONSISTENT) == []


def test_a_sub_processor_outside_the_promised_region():
    documents = DocumentSet(statement=EU_PROMISE, lists=(listed(entry("Alpen Cloud GmbH", ["DE"]),
                                                                entry("Far Relay Inc.", ["US"]),
                                                                entry("Euro Desk", regions=["EU"])),))
    drafts = evaluate(documents)
    assert [(d.rule, d.subject) for d in drafts] == [("region.subprocessor_outside", "Far Relay Inc.")]
    assert [q.role for q in drafts[0].quotes] == ["statement", "list"]
    assert "US" in drafts[0].detail


def test_a_promise_without_a_named_region_is_not_judged():
    vague = {"transfer.international": said("no", "We do not transfer data abroad.")}
    assert rules_of(DocumentSet(statement=vague, lists=(listed(entry("Far Relay Inc.", ["US"])),))) == []


def test_no_third_parties_but_a_list():
    statement = {"share.third_parties": said("no", "We do not share personal data with third parties.")}
    assert rules_of(DocumentSet(statement=statement, lists=CONSISTENT.lists)) == [("share.none_but_subprocessors", "")]
    assert rules_of(DocumentSet(statement=statement, lists=(listed(),))) == []


def test_a_sale_denied_and_admitted_elsewhere():
    admitted = (Quote("dpa", "DPA v1", 2, 0, 20, "We may sell data."),)
    documents = DocumentSet(statement=CONSISTENT.statement, sales_admitted=admitted)
    assert rules_of(documents) == [("share.sale_admitted", "")]
    assert rules_of(DocumentSet(statement={"share.sells_data": said("yes")}, sales_admitted=admitted)) == []


def test_a_ccpa_table_row_that_admits_sharing_is_found():
    text = "Category: Identifiers; Sold: No; Shared: Yes.\nCategory: Usage data; Sold: No; Shared: No."
    spans = table_sale_admissions(text)
    assert [text[start:end] for start, end in spans] == ["Category: Identifiers; Sold: No; Shared: Yes."]
    assert table_sale_admissions("We have not sold personal data in the past 12 months: yes, really.") == []


def test_a_changing_list_without_sub_processor_terms_in_the_dpa():
    lists = (listed(entry("Alpen Cloud GmbH", ["DE"])),
             listed(entry("Alpen Cloud GmbH", ["DE"]), entry("Nordic Mail AB", ["SE"]), version=2))
    silent_dpa = DocumentSet(dpa={"art28.subprocessors": said("not_stated")}, lists=lists)
    assert ("dpa.subprocessor_terms_absent", "") in rules_of(silent_dpa)
    assert ("dpa.subprocessor_terms_absent", "") in rules_of(DocumentSet(lists=lists))
    assert ("dpa.subprocessor_terms_absent", "") not in rules_of(DocumentSet(dpa=CONSISTENT.dpa, lists=lists))
    assert rules_of(DocumentSet(lists=lists[:1])) == []


def test_an_ai_provider_with_customer_content():
    ai = entry("Cortex Language Models Inc.", ["IE"], "Large language model for reply suggestions")
    documents = DocumentSet(statement=CONSISTENT.statement, lists=(listed(ai, *CONSISTENT.lists[0].entries),))
    assert rules_of(documents) == [("ai.provider_sees_content", "Cortex Language Models Inc.")]
    no_content = entry("Cortex Language Models Inc.", ["IE"], "Large language model", content="no")
    assert rules_of(DocumentSet(statement=CONSISTENT.statement, lists=(listed(no_content),))) == []


def test_a_retention_period_that_differs_from_the_dpa():
    statement = {"retention.period": said("specific", "We delete ticket data 90 days after the account closes.")}
    assert rules_of(DocumentSet(statement=statement, dpa=CONSISTENT.dpa)) == [("retention.differs_from_dpa", "")]
    assert rules_of(DocumentSet(statement=statement, dpa=None)) == []
    assert durations("within thirty (30) days, or 6 months, or one year") == {30, 180, 365}


def test_list_changes_each_carry_both_quotes_and_the_deadline():
    old = listed(entry("Alpen Cloud GmbH", ["DE"]), entry("Gone Ltd", ["GB"]))
    new = listed(entry("Alpen Cloud GmbH", ["CH"]), entry("Nordic Mail AB", ["SE"]), version=2,
                 obtained=date(2026, 5, 10))
    documents = DocumentSet(dpa=CONSISTENT.dpa, lists=(old, new), notice=Notice(30))
    drafts = {d.rule: d for d in evaluate(documents)}
    assert sorted(drafts) == ["list.added", "list.location_changed", "list.removed"]
    assert drafts["list.added"].deadline == date(2026, 6, 9)
    assert [q.role for q in drafts["list.location_changed"].quotes] == ["old list", "new list"]
    assert "added CH; removed DE" in drafts["list.location_changed"].detail
    without_notice = DocumentSet(dpa=CONSISTENT.dpa, lists=(old, new))
    assert all(d.deadline is None for d in evaluate(without_notice))
