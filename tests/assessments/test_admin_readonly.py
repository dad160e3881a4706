"""Django admin is for users, groups and vendors: the record is read-only there, superusers included."""

import pytest

from assessments.models import Answer, Assessment
from assessments.services.workflow import assessment_submit
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_review(vendor, requester):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    return assessment_submit(assessment=assessment, actor=requester)


def test_a_superuser_cannot_set_an_in_review_assessment_to_approved(client_for, site_admin, in_review):
    client = client_for(site_admin)
    url = f"/admin/assessments/assessment/{in_review.pk}/change/"
    assert client.get(url).status_code == 200  # may look
    page = client.get(url).content.decode()
    assert 'name="status"' not in page and "Save" not in page
    response = client.post(
        url,
        {
            "vendor": in_review.vendor_id,
            "template": in_review.template_id,
            "status": "approved",
            "created_by": in_review.created_by_id,
            "review_round": 1,
            "residual_score": 0,
            "risk_score": 0,
        },
    )
    assert response.status_code == 403
    assert Assessment.objects.get(pk=in_review.pk).status == "in_review"


@pytest.mark.parametrize(
    "model", ["assessment", "answer", "signoff", "auditevent", "roundsupersession", "questionnairetemplate"]
)
def test_the_record_cannot_be_added_or_deleted_in_the_admin(client_for, site_admin, in_review, model):
    client = client_for(site_admin)
    assert client.get(f"/admin/assessments/{model}/add/").status_code == 403
    if model == "assessment":
        response = client.post(f"/admin/assessments/assessment/{in_review.pk}/delete/", {"post": "yes"})
        assert response.status_code == 403 and Assessment.objects.filter(pk=in_review.pk).exists()


def test_answers_and_statements_are_read_only(client_for, site_admin, in_review):
    client = client_for(site_admin)
    answer = in_review.answers.first()
    response = client.post(f"/admin/assessments/answer/{answer.pk}/change/", {"value": "yes", "review": "accepted"})
    assert response.status_code == 403 and Answer.objects.get(pk=answer.pk).value == "not_stated"
    statement = in_review.statement
    response = client.post(f"/admin/policies/statement/{statement.pk}/change/", {"status": "failed"})
    assert response.status_code == 403
    assert client.get("/admin/policies/statement/add/").status_code == 403


def test_vendors_users_and_groups_stay_editable(client_for, site_admin, vendor):
    client = client_for(site_admin)
    assert client.get(f"/admin/assessments/vendor/{vendor.pk}/change/").status_code == 200
    assert 'name="name"' in client.get(f"/admin/assessments/vendor/{vendor.pk}/change/").content.decode()
    assert client.get("/admin/auth/user/add/").status_code == 200
    assert client.get("/admin/auth/group/add/").status_code == 200
