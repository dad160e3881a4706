"""Changes between two versions of a sub-processor list, and the objection notice period."""
from __future__ import annotations

import pytest

from policies.extraction.periods import find_notice_periods, notice_period_days
from policies.extraction.subprocessors import ChangeKind, compare_subprocessors, extract_subprocessors

OLD = """# Acme sub-processors

| Sub-processor | Purpose | Location |
|---|---|---|
| Amazon Web Services, Inc. | Hosting | United States |
| Stripe, Inc. | Payments | United States |
| Heroku, Inc. | Staging environments | United States |
"""
NEW = """# Acme sub-processors

| Sub-processor | Purpose | Location |
|---|---|---|
| Amazon Web Services Inc | Hosting | United States, Germany |
| Stripe, Inc. | Payments and invoicing | United States |
| OpenAI, L.L.C. | AI reply suggestions | United States |
"""


def test_added_removed_and_changed_entries_carry_both_quotes() -> None:
    changes = compare_subprocessors(extract_subprocessors(OLD), extract_subprocessors(NEW))
    by_kind = {(change.kind, change.name): change for change in changes}

    location = by_kind[(ChangeKind.LOCATION_CHANGED, "Amazon Web Services Inc")]
    assert location.added_countries == ("DE",) and location.removed_countries == ()
    assert "United States |" in location.old_quote.text and "Germany" in location.new_quote.text
    purpose = by_kind[(ChangeKind.PURPOSE_CHANGED, "Stripe, Inc.")]
    assert purpose.old.purpose == "Payments" and purpose.new.purpose == "Payments and invoicing"
    assert by_kind[(ChangeKind.ADDED, "OpenAI, L.L.C.")].old is None
    assert by_kind[(ChangeKind.REMOVED, "Heroku, Inc.")].new_quote is None
    assert len(changes) == 4


def test_same_list_has_no_changes() -> None:
    assert compare_subprocessors(extract_subprocessors(OLD), extract_subprocessors(OLD)) == []


@pytest.mark.parametrize(
    ("text", "days"),
    [
        ("We will give 30 days' notice of any new sub-processor.", 30),
        ("Customer will be notified at least thirty (30) days before a new sub-processor is engaged.", 30),
        ("We notify customers at least 14 calendar days in advance.", 14),
        ("Notice of new sub-processors: fourteen (14) days.", 14),
        ("We give one month's notice before adding a sub-processor.", 30),
        ("We delete ticket content within 90 days.", None),
    ],
)
def test_notice_period_in_days(text: str, days: int | None) -> None:
    assert notice_period_days(text) == days


def test_business_days_are_flagged_and_quoted() -> None:
    text = "Acme gives ten (10) business days' notice before a change."
    [period] = find_notice_periods(text)
    assert (period.days, period.business_days) == (10, True)
    assert text[period.evidence.start : period.evidence.end] == period.evidence.text == "ten (10) business days'"
