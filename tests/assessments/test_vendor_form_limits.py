"""A vendor name past the column's limit is refused with a message, never cut by the browser."""

import pytest

from assessments.models import Vendor

pytestmark = pytest.mark.django_db

VALID = {"website": "", "service": "Ticketing", "description": "", "criticality": "medium"}


def test_a_name_longer_than_the_limit_is_refused_with_its_length(client_for, requester):
    name = "Ж" * 230
    response = client_for(requester).post("/vendors/new/", {**VALID, "name": name, "business_owner": requester.pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Name is 230 characters long; the limit is 200." in page
    assert not Vendor.objects.exists()


def test_the_name_field_has_no_maxlength_that_would_cut_a_paste(client_for, requester):
    page = client_for(requester).get("/vendors/new/").content.decode()
    name_input = page[page.index('name="name"') - 200 : page.index('name="name"') + 200]
    assert "maxlength" not in name_input


def test_a_name_at_the_limit_is_saved_whole(client_for, requester):
    name = "名" * 200
    client_for(requester).post("/vendors/new/", {**VALID, "name": name, "business_owner": requester.pk})
    assert Vendor.objects.get().name == name
