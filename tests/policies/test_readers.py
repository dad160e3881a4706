"""Each reader on statements generated here: the text a reviewer will be quoted must be right."""
from __future__ import annotations

import dataclasses
import hashlib

import pytest

from policies.extraction.readers import (
    Document,
    format_for_extension,
    format_for_mime_type,
    read_document,
    reader_for_format,
    sniff_format,
)
from policies.extraction.readers.text import strip_markdown
from tests.documents import encrypt_pdf, make_docx, make_pdf

HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Acme Privacy</title>
<style>body { font-family: sans-serif } .secret { display: none }</style>
<script>var tracking = "SCRIPT-TEXT-MUST-NOT-APPEAR";</script></head>
<body>
<header><nav><a href="/">Home</a> <a href="/pricing">NAV-PRICING-LINK</a></nav></header>
<main>
<h1>Acme Privacy Policy</h1>
<p>Last updated: <b>17th May 2018</b>. This statement explains how Acme handles personal data.</p>
<h2>Information we collect</h2>
<p>We collect your <a href="/devices">device type</a>, browser type and approximate location.</p>
<ul><li>Name and e-mail address</li><li>Billing address</li></ul>
<h2>How we share it</h2>
<p>We share personal data with service providers such as Stripe. We do not sell personal data.</p>
<table><tr><th>Processor</th><th>Purpose</th></tr><tr><td>Stripe</td><td>Payments</td></tr></table>
<h3>Cookies</h3>
<p>We use cookies and web beacons to measure our marketing.</p>
</main>
<footer><p>FOOTER-COPYRIGHT 2024 Acme Inc.</p></footer>
<noscript>NOSCRIPT-TEXT</noscript>
</body></html>"""


def read(data: bytes, filename: str) -> Document:
    return read_document(data, filename=filename)


# --- plain text --------------------------------------------------------------------

STATEMENT = "Acme Privacy Policy\n\nWe collect your café’s “location” data.\nWe do not sell it."


@pytest.mark.parametrize(
    ("encoded", "expected_encoding"),
    [
        (STATEMENT.encode("utf-8"), "utf-8"),
        (STATEMENT.encode("utf-8-sig"), "utf-8-sig"),
        (STATEMENT.encode("utf-16"), "utf-16"),  # Python writes the BOM
        (STATEMENT.encode("utf-16-be").join([b"\xfe\xff", b""]), "utf-16"),
    ],
)
def test_text_in_unicode_encodings_reads_the_same(encoded: bytes, expected_encoding: str) -> None:
    document = read(encoded, "policy.txt")

    assert document.text == STATEMENT  # curly quotes as written: evidence quotes the statement's own characters
    assert document.metadata["encoding"] == expected_encoding
    assert document.format == "txt"


def test_cp1252_text_is_detected_not_garbled() -> None:
    statement = (
        "Our café’s privacy notice. We collect “location” data and the résumé you send us. "
        "We keep it for 30 days. Données personnelles: déjà traitées à l’étranger."
    )

    document = read(statement.encode("cp1252"), "policy.txt")

    assert "café’s" in document.text and "résumé" in document.text and "déjà" in document.text
    assert '“location”' in document.text


def test_sha256_is_of_the_original_bytes_and_document_is_frozen() -> None:
    data = "Privacy\r\n\r\nWe  collect\u00a0data.".encode()

    document = read(data, "policy.TXT")

    assert document.sha256 == hashlib.sha256(data).hexdigest()
    assert document.text == "Privacy\n\nWe collect data."
    assert document.metadata["filename"] == "policy.TXT" and document.metadata["bytes"] == len(data)
    with pytest.raises(dataclasses.FrozenInstanceError):
        document.text = "changed"  # type: ignore[misc]


def test_stray_nul_bytes_are_stripped() -> None:
    line = b"We collect\x00 location data and device identifiers for security.\n"

    document = read(line * 50, "policy.txt")

    assert "\x00" not in document.text
    assert document.text.startswith("We collect location data and device identifiers for security.\n")


# --- markdown ----------------------------------------------------------------------

MARKDOWN = """# Acme Privacy Policy

Read our [cookie policy](https://acme.example/cookies) and the [DPA][dpa].

## Your rights
* You may **request deletion** of your data.
* Write to <mailto:privacy@acme.example>.

Security
--------
We use `TLS 1.2` ![padlock](lock.png) in transit.

[dpa]: https://acme.example/dpa
"""


def test_markdown_keeps_headings_and_reduces_links_to_text() -> None:
    document = read(MARKDOWN.encode(), "policy.md")

    assert document.format == "md"
    assert document.text.splitlines() == [
        "# Acme Privacy Policy",
        "",
        "Read our cookie policy and the DPA.",
        "",
        "## Your rights",
        "- You may request deletion of your data.",
        "- Write to mailto:privacy@acme.example.",
        "",
        "## Security",
        "We use TLS 1.2 padlock in transit.",
    ]


# --- html --------------------------------------------------------------------------


def test_html_drops_page_chrome_and_keeps_headings_as_lines() -> None:
    document = read(HTML_PAGE.encode(), "policy.html")
    lines = document.text.splitlines()

    assert document.format == "html"
    for chrome in ("SCRIPT-TEXT", "NAV-PRICING", "FOOTER-COPYRIGHT", "NOSCRIPT", "font-family"):
        assert chrome not in document.text
    assert "## Information we collect" in lines and "## How we share it" in lines and "### Cookies" in lines
    assert "Last updated: 17th May 2018. This statement explains how Acme handles personal data." in lines
    assert "We collect your device type, browser type and approximate location." in lines
    assert "- Name and e-mail address" in lines and "Processor: Stripe; Purpose: Payments." in lines
    assert document.metadata["title"] == "Acme Privacy"


def test_html_honours_its_declared_charset() -> None:
    page = '<html><head><meta charset="windows-1252"></head><body><p>Données traitées à l’étranger.</p></body></html>'

    document = read(page.encode("cp1252"), "policy.htm")

    assert "Données traitées à l’étranger." in document.text


def test_html_saved_as_txt_is_read_as_html() -> None:
    document = read(HTML_PAGE.encode(), "policy.txt")

    assert document.format == "html" and "SCRIPT-TEXT" not in document.text


def test_html_extension_with_plain_text_content_keeps_its_lines() -> None:
    document = read(b"Privacy Policy\n\nWe collect location data.", "policy.html")

    assert document.format == "txt" and document.text == "Privacy Policy\n\nWe collect location data."


def test_html_article_header_keeps_title_and_date_when_streaming() -> None:
    # Deep nesting forces the streaming extractor; an <article>'s header is content there.
    page = (
        "<html><body><header>SITE-BANNER</header>" + "<div>" * 400
        + "<article><header><h1>Privacy</h1><p>Effective as of December 1, 2020.</p></header>"
        + "<p>We do not sell personal data.</p></article>" + "</div>" * 400 + "</body></html>"
    )

    document = read(page.encode(), "policy.html")

    assert document.metadata["extractor"] == "html.parser"
    assert document.text == "# Privacy\n\nEffective as of December 1, 2020.\n\nWe do not sell personal data."


# --- pdf ---------------------------------------------------------------------------


def test_pdf_text_layer_is_read_page_by_page() -> None:
    pdf = make_pdf([
        ["Acme Privacy Policy", "We collect location (city and country) data for fraud protec-", "tion."],
        ["We do not sell personal data."],
    ])

    document = read(pdf, "policy.pdf")

    assert document.format == "pdf" and document.metadata["pages"] == 2
    assert "We collect location (city and country) data for fraud protection." in document.text
    assert document.text.endswith("\n\nWe do not sell personal data.")


def test_pdf_encrypted_with_an_empty_password_opens() -> None:
    pdf = encrypt_pdf(make_pdf([["We use cookies."]]), user_password="")

    assert read(pdf, "policy.pdf").text == "We use cookies."


# --- docx --------------------------------------------------------------------------


def test_docx_headings_lists_and_tables_in_document_order() -> None:
    document = read(make_docx(), "policy.docx")

    assert document.format == "docx"
    assert document.text.splitlines() == [
        "# Acme Privacy Policy",
        "",
        "We collect your device type and browser version.",
        "",
        "## Sharing",
        "",
        "- We share data with payment processors.",
        "- We do not sell personal data.",
        "",
        "Processor | Purpose",
        "Stripe | Payments",
        "",
        "Data is retained for 30 days.",
    ]
    assert document.metadata["title"] == "Acme privacy statement"


# --- registry and sniffing ---------------------------------------------------------


@pytest.mark.parametrize(
    ("extension", "mime_type", "format_name"),
    [
        (".txt", "text/plain; charset=utf-8", "txt"),
        (".MD", "text/markdown", "md"),
        (".htm", "text/html", "html"),
        (".pdf", "application/pdf", "pdf"),
        ("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    ],
)
def test_registry_maps_extensions_and_mime_types_to_readers(extension: str, mime_type: str, format_name: str) -> None:
    assert format_for_extension(extension) == format_name
    assert format_for_mime_type(mime_type) == format_name
    assert reader_for_format(format_name).format == format_name


def test_registry_knows_nothing_of_other_types() -> None:
    assert format_for_extension(".exe") is None and format_for_mime_type("image/png") is None


@pytest.mark.parametrize(
    ("data", "sniffed"),
    [
        (make_pdf([["x"]]), "pdf"),
        (b"junk before the header\n" + make_pdf([["x"]]), "pdf"),
        (make_docx(), "docx"),
        (b"PK\x03\x04 not really a zip", "broken_zip"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "ole"),
        (b"\xef\xbb\xbf  <!-- saved page -->\n<!doctype html><p>x</p>", "html"),
        ("<html><body>x</body></html>".encode("utf-16"), "html"),
        (b"<p>a</p><p>b</p><ul><li>c</li><li>d</li></ul>", "html_fragment"),
        (b"Use <b> for bold in our editor. Privacy policy text.", "text"),
    ],
)
def test_sniffing_names_the_content(data: bytes, sniffed: str) -> None:
    assert sniff_format(data) == sniffed


def test_html_keeps_a_date_line_styled_as_page_metadata() -> None:
    page = (
        b"<html><body><div class='topbar'>Need help? Call us. Log in</div><main><article>"
        b"<h1>Privacy Notice</h1><p class='meta'>Last modified: 03/14/2024</p>"
        b"<h2>1. Who we are</h2><p>Example Desk Ltd runs a help desk for businesses in the United Kingdom.</p>"
        b"<h2>2. What we collect</h2><p>We collect the name and e-mail address of each person who writes to us.</p>"
        b"<p>We keep tickets for two years and then delete them from every system we run.</p>"
        b"</article></main><footer>Copyright 2024 Example Desk</footer></body></html>"
    )
    text = read(page, "privacy.html").text
    assert "Last modified: 03/14/2024" in text
    assert "Need help?" not in text and "Copyright" not in text


# --- tables -------------------------------------------------------------------------

PIPE_TABLE = """# What we hold

| Kind of data | Collected | Sold or shared |
| --- | :---: | --- |
| Contact details<br>Job title | Yes | No |
| Precise geolocation | No | No |

After the table."""


@pytest.mark.parametrize("filename", ["notice.txt", "notice.md"])
def test_pipe_table_rows_become_sentences_with_their_headers(filename: str) -> None:
    text = read(PIPE_TABLE.encode(), filename).text
    assert "Kind of data: Contact details, Job title; Collected: Yes; Sold or shared: No." in text
    assert "Kind of data: Precise geolocation; Collected: No; Sold or shared: No." in text
    assert "|" not in text and "<br>" not in text and "---" not in text
    assert text.endswith("After the table.")


def test_line_breaks_in_table_cells_do_not_make_text_html() -> None:
    rows = "\n".join(f"| Purpose {n} | Name<br>E-mail<br>Phone |" for n in range(5))
    data = f"Our notice\n\n| Purpose | Data |\n|---|---|\n{rows}\n".encode()
    assert sniff_format(data) == "text"
    assert read(data, "notice.txt").format == "txt"


def test_html_table_rows_carry_their_header_cells() -> None:
    page = (
        "<html><body><main><h1>Notice</h1><p>We describe our practices below in plain words for you.</p>"
        "<table><thead><tr><th>Category</th><th>Sold</th></tr></thead>"
        "<tbody><tr><td>Device identifiers</td><td>No</td></tr><tr><td>Purchase history</td><td>Yes</td></tr>"
        "</tbody></table></main></body></html>"
    )
    text = read(page.encode(), "notice.html").text
    assert "Category: Device identifiers; Sold: No." in text
    assert "Category: Purchase history; Sold: Yes." in text


def test_markdown_emphasis_is_not_quoted_as_text() -> None:
    markdown = "# Notice\n\n_Last updated 3 May 2024_\n\nWe *never* sell data; see my_file_name and 2 * 3 * 4.\n"
    text = read(markdown.encode(), "notice.md").text
    assert "Last updated 3 May 2024" in text and "_Last" not in text
    assert "We never sell data; see my_file_name and 2 * 3 * 4." in text


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        # The emphasis patterns test the character before the mark after matching the mark:
        # at the very start of the text, after a word character and after another mark.
        ("_lead_ words", "lead words"),
        ("__strong__ words", "strong words"),
        ("*lead* words", "lead words"),
        ("word_with_underscores and x__y__z", "word_with_underscores and x__y__z"),
        ("a**b** stays joined, 2*3*4 stays", "ab stays joined, 2*3*4 stays"),
    ],
)
def test_markdown_emphasis_marks_at_edges(markdown: str, expected: str) -> None:
    assert strip_markdown(markdown) == expected
