"""Table rows are read with their headers: a yes/no cell answers for its column or its row's data."""

from __future__ import annotations

import pytest

from policies.extraction.pipeline import extract

CCPA_STYLE = """# Notice for California residents

The table shows the personal information we handled in the last twelve months.

| Kind of information | Collected | Sold or shared |
| --- | --- | --- |
| Contact details and job title | Yes | Yes |
| Precise geolocation | No | No |
| Card number and billing address | Yes | No |
"""

HTML_STYLE = (
    "<html><body><main><h1>What we hold</h1><p>This page lists the personal data our help desk handles.</p>"
    "<table><tr><th>Data</th><th>Do we collect it?</th><th>Do we sell it?</th></tr>"
    "<tr><td>GPS position of your phone</td><td>No</td><td>No</td></tr>"
    "<tr><td>Browser type and operating system</td><td>Yes</td><td>No</td></tr></table></main></body></html>"
)


def answers(text: str, filename: str) -> dict:
    return extract(text.encode(), filename=filename).answers


@pytest.mark.parametrize("filename", ["notice.md", "notice.txt"])
def test_a_markdown_table_answers_by_column(filename: str) -> None:
    found = answers(CCPA_STYLE, filename)
    assert found["share.sells_data"].value == "yes"  # one row sold is selling
    assert found["collect.location"].value == "no"  # the geolocation row is a denial
    assert found["collect.payment"].value == "yes"
    assert "|" not in found["share.sells_data"].evidence[0].text


def test_an_html_table_answers_by_column() -> None:
    found = answers(HTML_STYLE, "notice.html")
    assert found["collect.location"].value == "no"
    assert found["collect.device"].value == "yes"
    assert found["share.sells_data"].value == "no"  # every row says no


def test_a_no_in_one_row_does_not_deny_what_another_row_asserts() -> None:
    text = (
        "Notice.\n\n| Data | Used for marketing |\n| --- | --- |\n| E-mail address | No |\n| Pages you visit | Yes |\n"
    )
    assert answers(text, "notice.md")["use.marketing"].value == "yes"
