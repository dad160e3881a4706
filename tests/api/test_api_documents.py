"""Document versions over the API are filed under the kind they are sent as."""

import pytest

pytestmark = pytest.mark.django_db

DPA_TEXT = "The Processor processes Customer Personal Data only on the documented instructions of the Customer."


def test_a_dpa_added_through_the_api_is_filed_under_its_kind(api_as, requester, vendor):
    client = api_as(requester)
    response = client.post(
        f"/api/v1/vendors/{vendor.pk}/statements/paste/", {"text": DPA_TEXT, "kind": "dpa"}, format="json"
    )
    assert response.status_code == 202, response.content
    assert (response.json()["kind"], response.json()["version"]) == ("dpa", 1)
    default = client.post(f"/api/v1/vendors/{vendor.pk}/statements/paste/", {"text": "We keep tickets."}, format="json")
    assert (default.json()["kind"], default.json()["version"]) == ("privacy_statement", 1)


def test_an_unknown_kind_is_a_400_that_names_the_field(api_as, requester, vendor):
    refused = api_as(requester).post(
        f"/api/v1/vendors/{vendor.pk}/statements/paste/", {"text": "Anything.", "kind": "contract"}, format="json"
    )
    assert refused.status_code == 400
    assert "kind" in refused.json()["errors"] or "kind" in refused.content.decode()
