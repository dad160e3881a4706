"""Sub-processor extraction: each form of list, places, customer content, and the command."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from policies.extraction.subprocessors import (
    CustomerContent,
    Source,
    extract_subprocessors,
    find_locations,
    subprocessors_from_bytes,
    subprocessors_from_file,
)
from tests.policies.subprocessor_documents import make_subprocessor_docx, make_subprocessor_pdf

FIXTURES = Path(__file__).parent / "subprocessors"
PROJECT_ROOT = Path(__file__).resolve().parents[2]


def _by_name(rows):  # type: ignore[no-untyped-def]
    return {row.name: row for row in rows}


def _read(name: str):  # type: ignore[no-untyped-def]
    document, rows = subprocessors_from_file(FIXTURES / name)
    for row in rows:  # every row quotes the stored text at its offsets
        assert document.text[row.evidence.start : row.evidence.end] == row.evidence.text
    return document, _by_name(rows)


def test_markdown_table_reads_columns_by_header_and_skips_change_log() -> None:
    _, rows = _read("helpdesk-table.md")

    aws = rows["Amazon Web Services, Inc."]  # footnote mark ¹ dropped
    assert aws.countries == ("DE", "IE", "US") and aws.customer_content == CustomerContent.YES
    assert aws.purpose == "Cloud hosting and storage of the Services"
    assert rows["Stripe, Inc."].customer_content == CustomerContent.NO
    assert rows["Cloudflare, Inc."].regions == ("Global",)
    assert not any(name.startswith(("2025", "Added", "Removed", "Date")) for name in rows)
    assert len(rows) == 8


def test_html_table_with_category_rows_rowspan_and_line_breaks() -> None:
    _, rows = _read("crm-merged.html")

    assert "Infrastructure" not in rows and "Communications" not in rows
    microsoft = rows["Microsoft Ireland Operations Limited"]
    assert microsoft.countries == ("NL", "IE") and microsoft.category == "Infrastructure"
    assert rows["Hetzner Online GmbH"].countries == ("DE",)  # "Falkenstein, DE"
    # The rowspan "Email delivery" cell belongs to both rows, so Postmark's columns stay in place.
    assert rows["Postmark (ActiveCampaign, LLC)"].purpose == "Email delivery"
    assert rows["Postmark (ActiveCampaign, LLC)"].countries == ("US",)
    assert rows["Mailgun Technologies, Inc."].regions == ("EU",)
    assert rows["Mixpanel, Inc."].customer_content == CustomerContent.NO
    assert rows["Pipeworks Polska sp. z o.o."].countries == ("PL",)  # the Affiliates table
    assert not {"Imprint", "Privacy", "Cookies"} & set(rows)  # the footer's table
    assert len(rows) == 8


def test_bulleted_list_with_dashes_and_parentheses_skips_change_log() -> None:
    _, rows = _read("bulleted.txt")

    assert rows["Amazon Web Services, Inc."].countries == ("US",)
    assert rows["Amazon Web Services, Inc."].source == Source.LIST
    assert rows["Zendesk, Inc."].purpose == "customer support"
    assert rows["Datadog, Inc."].customer_content == CustomerContent.NO
    assert rows["Datadog, Inc."].regions == ("EU",)
    assert rows["Looply Canada Inc."].countries == ("CA",)
    assert len(rows) == 9  # no "2 June 2025: added …" line


def test_prose_we_use_x_to_y_in_z() -> None:
    _, rows = _read("prose.txt")

    gcp = rows["Google Cloud Platform"]
    assert gcp.countries == ("DE", "BE") and gcp.purpose == "host customer data"
    assert gcp.customer_content == CustomerContent.YES and gcp.source == Source.PROSE
    assert rows["Stripe, Inc."].customer_content == CustomerContent.NO
    assert rows["Mistral AI"].countries == ("FR",)
    assert "Brightdesk" not in rows  # the vendor itself
    assert set(rows) == {"Google Cloud Platform", "Stripe, Inc.", "Postmark", "Mistral AI", "Help Scout"}


def test_name_followed_by_field_lines() -> None:
    _, rows = _read("fields.md")

    assert rows["Microsoft Corporation"].countries == ("NL", "IE")
    assert rows["HubSpot, Inc."].customer_content == CustomerContent.NO
    assert rows["Vonage Holdings Corp."].countries == ("GB", "US")
    assert all(row.source == Source.FIELDS for row in rows.values()) and len(rows) == 4


def test_docx_table_keeps_empty_cells_and_merged_category_rows() -> None:
    document, found = subprocessors_from_bytes(make_subprocessor_docx(), filename="list.docx")
    rows = _by_name(found)

    assert set(rows) == {
        "Google Cloud EMEA Limited", "Akamai Technologies, Inc.", "Microsoft Ireland Operations Limited",
        "Sinch Sweden AB", "Freshworks Inc.",
    }
    # Akamai's location cell is empty: its "No" must not be read as a place or shift into one.
    assert rows["Akamai Technologies, Inc."].countries == ()
    assert rows["Akamai Technologies, Inc."].customer_content == CustomerContent.NO
    assert rows["Microsoft Ireland Operations Limited"].category == "AI features"
    assert rows["Freshworks Inc."].countries == ("IN", "US")
    evidence = rows["Sinch Sweden AB"].evidence
    assert document.text[evidence.start : evidence.end] == evidence.text
    assert evidence.text == "Sinch Sweden AB | SMS delivery | Sweden | Yes"


def test_pdf_table_columns_from_positions_and_wrapped_cells() -> None:
    document, found = subprocessors_from_bytes(make_subprocessor_pdf(), filename="list.pdf")
    rows = _by_name(found)

    assert set(rows) == {"Amazon Web Services EMEA SARL", "Snowflake Inc.", "Okta, Inc.", "Twilio Ireland Limited"}
    assert rows["Amazon Web Services EMEA SARL"].purpose == "Cloud infrastructure and storage"
    assert rows["Snowflake Inc."].countries == ("DE",)
    assert all(row.evidence.start >= 0 for row in found)


@pytest.mark.parametrize(
    ("text", "countries", "regions"),
    [
        ("USA", ("US",), ()),
        ("United States of America", ("US",), ()),
        ("UK", ("GB",), ()),
        ("Frankfurt am Main", ("DE",), ()),
        ("Dublin; Amsterdam", ("IE", "NL"), ()),
        ("EU / EEA", (), ("EU", "EEA")),
        ("Northern Ireland", ("GB",), ()),
        ("AWS eu-central-1", ("DE",), ()),
        ("Korea, Japan", ("KR", "JP"), ()),
    ],
)
def test_places_become_iso_codes_and_regions_stay_regions(
    text: str, countries: tuple[str, ...], regions: tuple[str, ...]
) -> None:
    found = find_locations(text, codes=True)
    assert (found.countries, found.regions) == (countries, regions)


def test_codes_are_read_only_where_asked() -> None:
    assert find_locations("IT support for AI tools", codes=False).countries == ()
    assert find_locations("DE, FR", codes=True).countries == ("DE", "FR")


def test_headers_notes_and_links_are_not_subprocessors() -> None:
    text = """# Acme sub-processors

Last updated: 1 May 2025

- Subscribe to changes: https://acme.example/subscribe
- See our DPA for the transfer terms.

| Name | Purpose | Country |
|---|---|---|
| Name | Purpose | Country |
| Stripe, Inc. | Payments | US |
"""
    assert [row.name for row in extract_subprocessors(text)] == ["Stripe, Inc."]


def test_a_name_in_a_table_and_a_sentence_is_one_entry_with_both_places() -> None:
    text = (
        "| Vendor | Location |\n|---|---|\n| Acme Cloud Ltd | Ireland |\n\n"
        "We use Acme Cloud Ltd to store backups in Germany.\n"
    )
    rows = extract_subprocessors(text)
    assert [(row.name, row.countries) for row in rows] == [("Acme Cloud Ltd", ("IE", "DE"))]


def test_command_prints_the_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    call_command("extract_subprocessors", str(FIXTURES / "bulleted.txt"), "--format", "json")

    output = json.loads(capsys.readouterr().out)
    first = output["subprocessors"][0]
    assert set(first) >= {"name", "purpose", "countries", "customer_content", "evidence"}
    assert first["name"] == "Amazon Web Services, Inc." and first["countries"] == ["US"]
    assert set(first["evidence"]) == {"start", "end", "text"}


def test_command_refuses_bad_input_with_one_line(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read the file"):
        call_command("extract_subprocessors", str(tmp_path / "missing.md"))
    path = tmp_path / "junk.pdf"
    path.write_bytes(b"not a pdf at all")

    result = subprocess.run(
        [sys.executable, "manage.py", "extract_subprocessors", str(path), "--format", "json"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, env=os.environ.copy(), timeout=120,
    )

    assert result.returncode == 1 and result.stdout == ""
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith(f"CommandError: {path}: ")


def test_committed_binary_fixtures_match_their_builders() -> None:
    for name, build in (("supportly.docx", make_subprocessor_docx), ("helpbase.pdf", make_subprocessor_pdf)):
        _, committed = subprocessors_from_file(FIXTURES / name)
        _, built = subprocessors_from_bytes(build(), filename=name)
        assert [row.to_contract() for row in committed] == [row.to_contract() for row in built]


def test_two_pipe_tables_apart_and_places_in_brackets() -> None:
    text = (
        "| Subprocessor | Services provided | Processing location |\n| --- | --- | --- |\n"
        "| Zendesk Inc. | Ticketing | EEA |\n\n"
        "Name | Purpose\n--- | ---\nSentry | Error monitoring (US)\nGoogle LLC (USA) | Workspace\n"
    )
    rows = {row.name: row for row in extract_subprocessors(text)}

    assert rows["Zendesk Inc."].regions == ("EEA",)
    assert rows["Sentry"].countries == ("US",) and rows["Sentry"].purpose == "Error monitoring (US)"
    assert rows["Google LLC"].countries == ("US",) and rows["Google LLC"].purpose == "Workspace"


def test_list_entries_with_brackets_and_a_name_with_its_details_below() -> None:
    text = (
        "Other providers:\n\n- Zoom Video Communications, Inc. (video calls; USA)\n"
        "- Okta, Inc.\n- Identity management, United States\n"
    )
    rows = {row.name: row for row in extract_subprocessors(text)}

    assert set(rows) == {"Zoom Video Communications, Inc.", "Okta, Inc."}
    assert rows["Zoom Video Communications, Inc."].countries == ("US",)
    assert rows["Okta, Inc."].purpose == "Identity management" and rows["Okta, Inc."].countries == ("US",)


def test_prose_skips_protocols_and_the_vendor_itself() -> None:
    text = "# Brightdesk sub-processors\n\nWe use SSL to protect traffic. Brightdesk processes data in Ireland."
    assert extract_subprocessors(text) == []


def test_table_rows_that_lost_their_cell_borders() -> None:
    # What pypdf's plain text gives for a table whose columns it could not see.
    text = (
        "Helpbase Sub-processors\n\nSub-processor Purpose Country\n"
        "Snowflake Inc. Data warehouse for analytics Germany\nOkta, Inc. Single sign-on for staff United States\n"
    )
    rows = [(row.name, row.purpose, row.countries) for row in extract_subprocessors(text)]
    assert rows == [
        ("Snowflake Inc.", "Data warehouse for analytics", ("DE",)),
        ("Okta, Inc.", "Single sign-on for staff", ("US",)),
    ]


def test_cookie_tables_and_tables_in_the_page_chrome_are_not_lists() -> None:
    html = b"""<!DOCTYPE html><html><body>
<div id="cookie-consent"><table><tr><th>Provider</th><th>Purpose</th><th>Country</th></tr>
<tr><td>Hotjar Ltd</td><td>Heatmaps</td><td>Malta</td></tr></table></div>
<main><h1>Sub-processors</h1><p>The entities below process customer data for us.</p>
<table><tr><th>Cookie</th><th>Provider</th><th>Purpose</th><th>Expiry</th></tr>
<tr><td>_ga</td><td>Google LLC</td><td>Analytics</td><td>2 years</td></tr></table>
<table><tr><th>Sub-processor</th><th>Purpose</th><th>Country</th></tr>
<tr><td>Stripe, Inc.</td><td>Payments</td><td>United States</td></tr></table></main></body></html>"""
    _, rows = subprocessors_from_bytes(html, filename="list.html")
    assert [row.name for row in rows] == ["Stripe, Inc."]


def test_prose_forms_name_each_entity_once() -> None:
    text = (
        "# Acme Subprocessors\n\nWe use Stripe and Braintree for payments in the United States. "
        "Customer support emails are sent through Mailchimp. "
        "Zendesk, Inc., located in the United States, provides our help desk. Acme provides the platform."
    )
    rows = [(row.name, row.countries) for row in extract_subprocessors(text)]
    assert rows == [("Stripe", ("US",)), ("Braintree", ("US",)), ("Mailchimp", ()), ("Zendesk, Inc.", ("US",))]


def test_address_copyright_and_label_lines_are_not_subprocessors() -> None:
    text = (
        "Acme sub-processors\n\nHeadquarters: Berlin, Germany\nData centre location - Dublin, Ireland\n"
        "Copyright © 2025 Acme, Inc. – Dublin, Ireland\nRegistered office: 1 Main St, Cork, Ireland\n\n"
        "- Amazon Web Services – hosting – Ireland\n"
    )
    assert [row.name for row in extract_subprocessors(text)] == ["Amazon Web Services"]


def test_pdf_layout_title_line_does_not_set_the_columns() -> None:
    from policies.extraction.subprocessors.tables import _layout_tables

    layout = (
        "Helpbase Ltd                                   Page 1\n"
        "Sub-processor              Purpose                 Country\n"
        "Stripe, Inc.               Payments                United States\n"
    )
    [table] = list(_layout_tables(layout))
    assert [row.cells for row in table] == [
        ["Sub-processor", "Purpose", "Country"], ["Stripe, Inc.", "Payments", "United States"],
    ]


def test_damaged_tables_fall_back_to_the_stored_text(monkeypatch: pytest.MonkeyPatch) -> None:
    from policies.extraction.subprocessors import extract as module

    def broken(data: bytes) -> list:  # type: ignore[type-arg]
        raise RecursionError("deeply nested")

    monkeypatch.setitem(module._STRUCTURED_READERS, "docx", broken)
    _, rows = subprocessors_from_bytes(make_subprocessor_docx(), filename="list.docx")
    assert "Sinch Sweden AB" in {row.name for row in rows}
