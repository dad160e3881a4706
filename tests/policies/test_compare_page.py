"""The page comparing two versions of a vendor's document: wiring, permissions, escaping."""

from pathlib import Path

import pytest
from django.urls import reverse

from policies.models import Statement
from tests.factories import StatementFactory, VendorFactory

pytestmark = pytest.mark.django_db

VERSIONS = Path(__file__).parent / "versions"


def version(vendor, number, text, kind="privacy_statement", **fields):
    return StatementFactory(vendor=vendor, version=number, kind_id=kind, extracted_text=text, **fields)


def compare_url(vendor, kind="privacy_statement", **query):
    url = reverse("document_compare", args=[vendor.pk, kind])
    return url + ("?" + "&".join(f"{key}={value}" for key, value in query.items()) if query else "")


@pytest.fixture
def tallybird(vendor):
    read = [(VERSIONS / name).read_text() for name in ("tallybird-privacy-v1.md", "tallybird-privacy-v3.md")]
    return version(vendor, 1, read[0]), version(vendor, 2, read[1])


def test_the_page_shows_the_summary_sections_and_highlighted_changes(client_for, requester, vendor, tallybird):
    old, new = tallybird
    response = client_for(requester).get(compare_url(vendor, **{"from": old.pk, "to": new.pk}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "10 sentences changed in 5 sections; 2 moved" in page
    assert "Drafted replies" in page and "How long we keep it" in page
    assert '<del class="diff-del">60 </del><ins class="diff-ins">90 </ins>' in page
    assert page.count('diff-row diff-moved') == 2  # retention moved below protection; one sentence also changed
    side = client_for(requester).get(compare_url(vendor, **{"from": old.pk, "to": new.pk, "view": "side"}))
    assert 'class="table table-sm diff-table"' in side.content.decode()


def test_by_default_the_newest_version_is_compared_with_the_one_before(client_for, requester, vendor, tallybird):
    response = client_for(requester).get(compare_url(vendor))
    assert response.status_code == 200 and "v1 → v2" in response.content.decode()


def test_the_statement_page_links_to_the_comparison_with_the_previous_version(client_for, requester, tallybird):
    _, new = tallybird
    page = client_for(requester).get(new.get_absolute_url()).content.decode()
    assert f'{compare_url(new.vendor)}?to={new.pk}' in page and "Compare with the previous version" in page


def test_text_from_the_document_is_escaped(client_for, requester, vendor):
    old = version(vendor, 1, "## Intro\n\nWe keep tickets for 30 days.")
    new = version(vendor, 2, "## Intro\n\nWe keep tickets for 30 days. <script>alert(1)</script> is new here.")
    page = client_for(requester).get(compare_url(vendor, **{"from": old.pk, "to": new.pk})).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_bad_picks_are_refused_with_a_sentence(client_for, requester, vendor, tallybird):
    old, new = tallybird
    client = client_for(requester)
    same = client.get(compare_url(vendor, **{"from": old.pk, "to": old.pk}))
    assert same.status_code == 400 and "two different versions" in same.content.decode()
    other = version(VendorFactory(), 1, "Another vendor's text.")
    foreign = client.get(compare_url(vendor, **{"from": other.pk, "to": new.pk}))
    assert foreign.status_code == 400 and "is not a version of this document" in foreign.content.decode()
    queued = version(vendor, 3, "", status=Statement.Status.QUEUED)
    unread = client.get(compare_url(vendor, **{"from": new.pk, "to": queued.pk}))
    assert unread.status_code == 400 and "v3 has not been read" in unread.content.decode()


def test_the_timeline_pick_goes_to_the_kind_and_refuses_two_kinds(client_for, requester, vendor, tallybird):
    old, new = tallybird
    client = client_for(requester)
    pick = reverse("documents_compare", args=[vendor.pk])
    response = client.get(f"{pick}?version={new.pk}&version={old.pk}")
    assert response.status_code == 302 and response.url == compare_url(vendor, **{"from": old.pk, "to": new.pk})
    dpa = version(vendor, 1, "We process data on instructions.", kind="dpa")
    mixed = client.get(f"{pick}?version={new.pk}&version={dpa.pk}")
    assert mixed.status_code == 400 and "two versions of the same document" in mixed.content.decode()


def test_only_those_who_may_see_the_vendor_may_compare(client, client_for, outsider, requester, reviewer):
    others = VendorFactory()
    version(others, 1, "## A\n\nOne."), version(others, 2, "## A\n\nTwo.")
    assert client.get(compare_url(others)).status_code == 302  # to the login page
    assert client_for(outsider).get(compare_url(others)).status_code == 403
    # A requester sees only their own vendors; the reviewer sees the portfolio.
    assert client_for(requester).get(compare_url(others)).status_code == 404
    assert client_for(reviewer).get(compare_url(others)).status_code == 200


def test_the_vendor_timeline_lists_versions_of_every_kind_assessments_and_decisions(
    client_for, requester, vendor, tallybird
):
    from datetime import timedelta

    from django.utils import timezone

    from tests.factories import AssessmentFactory

    old, new = tallybird
    dpa = version(vendor, 1, "We process data on instructions.", kind="dpa")
    decided = timezone.now() + timedelta(days=1)
    assessment = AssessmentFactory(vendor=vendor, statement=old, status="approved", decided_at=decided)
    page = client_for(requester).get(vendor.get_absolute_url()).content.decode()
    timeline = page[page.index('id="timeline"'):]
    assert timeline.index("decided:") < timeline.index(f"Assessment #{assessment.pk}</a> started")
    for statement in (old, new, dpa):
        assert f'name="version" value="{statement.pk}"' in timeline
    assert f'?from={old.pk}&amp;to={new.pk}">compare with v1</a>' in timeline
    assert "DPA v1" in timeline and "Privacy statement v2" in timeline
