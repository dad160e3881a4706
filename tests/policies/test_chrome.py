"""Page chrome is dropped from every format by shape: menus, contents, icon labels, buttons, footers."""

from __future__ import annotations

from policies.extraction.readers import read_document
from policies.extraction.readers.chrome import drop_chrome, drop_link_menus

BODY = (
    "Our Help Desk Notice\n\nContents\n\nWhat we gather\n\nWho receives it\n\nHow long we keep it\n\n"
    "What we gather\n\nWe gather your name and e-mail address when you open a ticket.\n\n"
    "Who receives it\n\nOur hosting provider stores tickets for us.\n\n"
    "How long we keep it\n\nTickets are erased two years after they are closed."
)


def test_a_table_of_contents_is_dropped_and_the_headings_it_points_to_stay() -> None:
    text = drop_chrome(BODY)
    assert text.count("What we gather") == 1 and text.count("Who receives it") == 1
    assert "We gather your name" in text and text.index("What we gather") < text.index("We gather your name")


def test_an_address_given_twice_is_not_a_table_of_contents() -> None:
    address = "Acme Support Ltd\n12 Harbour Road\nLeith EH6 7AB\nScotland"
    text = f"Controller:\n{address}\n\nWe run a help desk for shops.\n\nWrite to us:\n{address}"
    assert drop_chrome(text).count("12 Harbour Road") == 2


def test_icon_labels_buttons_and_link_footers_are_dropped() -> None:
    items = "\n".join(f"{n}. Tick Icon\n   item number {n} of the list of purposes;" for n in range(1, 7))
    text = drop_chrome(
        f"We use data:\n{items}\n\nAccept all\n\nManage preferences\n\n## Cookies\n\nWe set one cookie.\n\n"
        "About · Careers · Press · Legal · Status"
    )
    assert "Tick Icon" not in text and "Accept all" not in text and "Manage preferences" not in text
    assert "Careers" not in text
    assert "## Cookies" in text and "item number 6 of the list of purposes;" in text


def test_a_table_row_with_separators_is_no_footer() -> None:
    rows = "Stripe | Payments | USA | SCCs\nMailgun | E-mail | EU | None"
    assert drop_chrome(rows) == rows


def test_markdown_navigation_menus_go_and_a_mailto_line_stays() -> None:
    markdown = (
        "- [Home](/)\n- [Pricing](/pricing)\n- [Blog](/blog)\n\n# Notice\n\n"
        "We keep tickets for a year.\n\n[privacy@acme.example](mailto:privacy@acme.example)"
    )
    kept = drop_link_menus(markdown)
    assert "Pricing" not in kept and "mailto:privacy@acme.example" in kept


def test_plain_text_statements_are_read_without_their_menu() -> None:
    page = "Home\nProducts\nPricing\nContact\n\nPrivacy Notice\n\nWe record support calls.\n\n" + (
        "Home | Products | Pricing | Contact"
    )
    text = read_document(page.encode(), filename="notice.txt").text
    assert "We record support calls." in text and "Pricing" not in text
