import pytest

from assessments.models import AuditEvent, Vendor
from tests.factories import VendorFactory

pytestmark = pytest.mark.django_db

VALID = {
    "name": "Helpful Desk",
    "website": "helpful.example",
    "service": "Ticketing",
    "description": "",
    "criticality": "high",
    "handles_customer_data": "on",
}


def test_requester_registers_a_vendor_with_its_intake(client_for, requester):
    response = client_for(requester).post("/vendors/new/", {**VALID, "business_owner": requester.pk})
    vendor = Vendor.objects.get(name="Helpful Desk")
    assert response.status_code == 302 and response["Location"] == f"/vendors/{vendor.pk}/"
    assert vendor.website == "https://helpful.example" and vendor.handles_customer_data and not vendor.has_device_access
    assert vendor.events.get().kind == AuditEvent.Kind.VENDOR_CREATED


def test_a_second_vendor_with_the_same_name_gets_a_message(client_for, requester, vendor):
    response = client_for(requester).post(
        "/vendors/new/", {**VALID, "name": "acme help desk", "business_owner": requester.pk}
    )
    assert response.status_code == 200
    assert "already registered" in response.content.decode()
    assert Vendor.objects.count() == 1


def test_missing_fields_are_named_on_the_form(client_for, requester):
    response = client_for(requester).post("/vendors/new/", {"name": ""})
    assert response.status_code == 200
    assert response.content.decode().count("This field is required.") >= 2
    assert not Vendor.objects.exists()


def test_reviewer_cannot_register_vendors(client_for, reviewer):
    assert client_for(reviewer).get("/vendors/new/").status_code == 403


def test_edit_records_which_fields_changed(client_for, requester, vendor):
    data = {**VALID, "name": vendor.name, "business_owner": requester.pk, "criticality": "critical"}
    client_for(requester).post(f"/vendors/{vendor.pk}/edit/", data)
    vendor.refresh_from_db()
    assert vendor.criticality == "critical"
    assert "criticality" in AuditEvent.objects.get(kind=AuditEvent.Kind.VENDOR_UPDATED).data["fields"]


def test_requester_sees_only_their_own_vendors(client_for, requester, vendor):
    VendorFactory(name="Someone Else's Vendor")
    page = client_for(requester).get("/vendors/").content.decode()
    assert "Acme Help Desk" in page and "Someone Else" not in page
    assert (
        client_for(requester).get(f"/vendors/{Vendor.objects.get(name__startswith='Someone').pk}/").status_code == 404
    )


def test_reviewer_sees_the_portfolio_and_can_search(client_for, reviewer, vendor):
    VendorFactory(name="Other Desk")
    page = client_for(reviewer).get("/vendors/", {"q": "acme"}).content.decode()
    assert "Acme Help Desk" in page and "Other Desk" not in page


def test_vendor_list_is_paginated(client_for, reviewer):
    VendorFactory.create_batch(30)
    page = client_for(reviewer).get("/vendors/").content.decode()
    assert "Page 1 of 2" in page


def test_a_changed_intake_rescores_the_open_assessment_but_not_a_decided_one(requester, vendor):
    from assessments.scoring import assessment_score
    from assessments.services.vendors import vendor_update
    from tests.factories import AssessmentFactory

    open_one = assessment_score(assessment=AssessmentFactory(vendor=vendor, with_answers=True))
    decided = assessment_score(assessment=AssessmentFactory(vendor=vendor, with_answers=True))
    decided.status = "approved"
    decided.save()
    before = decided.risk_score
    vendor_update(vendor=vendor, actor=requester, criticality="critical", has_device_access=True)
    open_one.refresh_from_db()
    decided.refresh_from_db()
    assert open_one.score_breakdown["inherent"]["factor"] == 1.8
    assert decided.risk_score == before
