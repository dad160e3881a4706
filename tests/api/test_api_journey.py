"""The whole journey over the API with personal tokens and a real worker: a new vendor, a
statement read in the background, every answer reviewed, four-eyes approval and the PDF."""

from pathlib import Path

import pytest

from tests.celery_worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DEMO = Path(__file__).resolve().parents[2] / "assessments" / "demo"


@pytest.fixture(autouse=True)
def _reference_data(reference_data) -> None:
    """Transactional: put back the migrations' groups and questionnaire first."""


@pytest.fixture(scope="module")
def worker(start_worker):
    return start_worker()


def test_from_a_new_vendor_to_an_approved_pdf_with_tokens(worker, api_as, requester, reviewer, approver):
    rita, ravi, ada = api_as(requester), api_as(reviewer), api_as(approver)
    vendor = rita.post(
        "/api/v1/vendors/",
        {
            "name": "Tokenised Desk",
            "criticality": "high",
            "business_owner": requester.pk,
            "handles_customer_data": True,
        },
        format="json",
    )
    assert vendor.status_code == 201, vendor.json()
    vendor_id = vendor.json()["id"]

    text = (DEMO / "fixitnow.txt").read_text()
    added = rita.post(f"/api/v1/vendors/{vendor_id}/statements/paste/", {"text": text}, format="json")
    assert added.status_code == 202 and added.json()["status"] == "queued"
    statement_url = f"/api/v1/statements/{added.json()['id']}/"
    # Polled as an integration would, well inside the per-token rate.
    done = wait_for(lambda: (s := rita.get(statement_url).json())["status"] in ("done", "failed") and s, every=0.3)
    assert done["status"] == "done" and done["progress"] == 100, done["error"]

    listed = rita.get("/api/v1/assessments/", {"vendor": vendor_id}).json()["results"]
    assert len(listed) == 1
    assessment_url = f"/api/v1/assessments/{listed[0]['id']}/"
    assessment = rita.get(assessment_url).json()
    stated = [a for a in assessment["answers"] if a["value"] != "not_stated"]
    assert stated and all(a["evidence"] and a["evidence"][0]["text"] for a in stated)
    assert assessment["score_lines"] and assessment["risk_tier"]

    override = assessment["answers"][0]
    changed = ravi.post(
        f"{assessment_url}answers/{override['id']}/override/",
        {"value": "2024-05-01", "comment": "The page footer gives this date."},
        format="json",
    )
    assert changed.status_code == 200 and changed.json()["review"] == "overridden"
    for answer in ravi.get(assessment_url).json()["answers"]:
        if answer["review"] == "pending":
            assert ravi.post(f"{assessment_url}answers/{answer['id']}/accept/").status_code == 200

    assert rita.post(f"{assessment_url}submit/").json()["status"] == "in_review"
    reviewed = ravi.post(f"{assessment_url}sign-off/", {"role": "Reviewer", "decision": "approve"}, format="json")
    assert reviewed.status_code == 200, reviewed.json()
    approved = ada.post(f"{assessment_url}sign-off/", {"role": "Approver", "decision": "approve"}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert [s["role"] for s in approved.json()["signoffs"]] == ["Reviewer", "Approver"]

    current = rita.get(f"/api/v1/vendors/{vendor_id}/").json()["latest_assessment"]
    assert current["id"] == listed[0]["id"] and current["status"] == "approved"

    pdf = ada.get(f"{assessment_url}summary.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    kinds = [e["kind"] for e in ada.get(f"{assessment_url}events/").json()["results"]]
    assert "exported" in kinds and "signoff" in kinds
