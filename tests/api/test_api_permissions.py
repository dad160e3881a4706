"""The permission matrix through the API: every role × action, with a token, same rules as the pages."""

import pytest

from assessments.models import Answer, Assessment, AuditEvent, SignOff, Vendor
from assessments.roles import Role
from assessments.services.workflow import assessment_sign_off, assessment_submit
from policies.models import Statement
from tests.factories import AssessmentFactory, UserFactory

pytestmark = pytest.mark.django_db

ROLES = ["requester", "reviewer", "approver", "site_admin", "outsider"]


@pytest.fixture
def draft(vendor):
    return AssessmentFactory(vendor=vendor, with_answers=True)


@pytest.fixture
def in_review(vendor, requester):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    # Everything reviewed, so that a sign-off is refused only for who signs, not for coverage.
    assessment.answers.update(review=Answer.Review.ACCEPTED)
    return assessment_submit(assessment=assessment, actor=requester)


@pytest.fixture
def persona(request):
    return lambda name: request.getfixturevalue(name)


def first_answer(assessment):
    return assessment.answers.order_by("question__position").first()


# (action, {role: allowed}); the same table as the pages' matrix in tests/assessments.
MATRIX = {
    "list vendors": {"requester": True, "reviewer": True, "approver": True, "site_admin": True, "outsider": False},
    "view assessment": {"requester": True, "reviewer": True, "approver": True, "site_admin": True, "outsider": False},
    "register vendor": {"requester": True, "reviewer": False, "approver": False, "site_admin": True, "outsider": False},
    "edit vendor": {"requester": True, "reviewer": False, "approver": False, "site_admin": True, "outsider": False},
    "add statement": {"requester": True, "reviewer": False, "approver": False, "site_admin": True, "outsider": False},
    "submit": {"requester": True, "reviewer": False, "approver": False, "site_admin": True, "outsider": False},
    "accept answer": {"requester": False, "reviewer": True, "approver": False, "site_admin": True, "outsider": False},
    "override answer": {"requester": False, "reviewer": True, "approver": False, "site_admin": True, "outsider": False},
    "accept above": {"requester": False, "reviewer": True, "approver": False, "site_admin": True, "outsider": False},
    "sign as reviewer": {
        "requester": False,
        "reviewer": True,
        "approver": False,
        "site_admin": False,
        "outsider": False,
    },
    "sign as approver": {
        "requester": False,
        "reviewer": False,
        "approver": True,
        "site_admin": False,
        "outsider": False,
    },
    "request changes": {"requester": False, "reviewer": True, "approver": True, "site_admin": False, "outsider": False},
    "download pdf": {"requester": True, "reviewer": True, "approver": True, "site_admin": True, "outsider": False},
    "export json": {"requester": True, "reviewer": True, "approver": True, "site_admin": True, "outsider": False},
    "portfolio csv": {"requester": True, "reviewer": True, "approver": True, "site_admin": True, "outsider": False},
}


def perform(action, api, vendor, draft, in_review):
    """Try the action through the API; return whether it took effect."""
    if action == "list vendors":
        response = api.get("/api/v1/vendors/")
        return response.status_code == 200 and vendor.name in [v["name"] for v in response.json()["results"]]
    if action == "view assessment":
        response = api.get(f"/api/v1/assessments/{draft.pk}/")
        return response.status_code == 200 and len(response.json()["answers"]) == draft.answers.count()
    if action == "register vendor":
        data = {"name": "New Desk", "criticality": "low", "business_owner": vendor.business_owner_id}
        api.post("/api/v1/vendors/", data, format="json")
        return Vendor.objects.filter(name="New Desk").exists()
    if action == "edit vendor":
        api.patch(f"/api/v1/vendors/{vendor.pk}/", {"name": "Renamed Desk"}, format="json")
        return Vendor.objects.filter(name="Renamed Desk").exists()
    if action == "add statement":
        before = Statement.objects.count()
        api.post(f"/api/v1/vendors/{vendor.pk}/statements/paste/", {"text": "We collect e-mail only."}, format="json")
        return Statement.objects.count() == before + 1
    if action == "submit":
        api.post(f"/api/v1/assessments/{draft.pk}/submit/")
        return Assessment.objects.get(pk=draft.pk).status == "in_review"
    if action == "accept answer":
        api.post(f"/api/v1/assessments/{draft.pk}/answers/{first_answer(draft).pk}/accept/")
        return Answer.objects.get(pk=first_answer(draft).pk).review == "accepted"
    if action == "override answer":
        answer = first_answer(draft)
        url = f"/api/v1/assessments/{draft.pk}/answers/{answer.pk}/override/"
        api.post(url, {"value": "2024-01-31", "comment": "Seen on the page."}, format="json")
        return Answer.objects.get(pk=answer.pk).value == "2024-01-31"
    if action == "accept above":
        api.post(f"/api/v1/assessments/{draft.pk}/accept-above/", {"threshold": "0.00"}, format="json")
        return draft.answers.filter(review="accepted").exists()
    if action in {"sign as reviewer", "sign as approver"}:
        role = "Reviewer" if action.endswith("reviewer") else "Approver"
        if role == "Approver":  # the Approver signs after the Reviewer
            other = UserFactory(username="rev2", roles=[Role.REVIEWER])
            assessment_sign_off(assessment=in_review, actor=other, role="Reviewer", decision="approve")
        api.post(f"/api/v1/assessments/{in_review.pk}/sign-off/", {"role": role, "decision": "approve"}, format="json")
        return SignOff.objects.filter(assessment=in_review, role=role).exists()
    if action == "request changes":
        for role in ("Reviewer", "Approver"):
            data = {"role": role, "decision": "request_changes", "comment": "Add the DPA."}
            api.post(f"/api/v1/assessments/{in_review.pk}/sign-off/", data, format="json")
        return Assessment.objects.get(pk=in_review.pk).status == "changes_requested"
    if action == "download pdf":
        response = api.get(f"/api/v1/assessments/{draft.pk}/summary.pdf")
        return response.status_code == 200 and response.content.startswith(b"%PDF")
    if action == "export json":
        response = api.get(f"/api/v1/assessments/{draft.pk}/export.json")
        return response.status_code == 200 and response.json()["vendor"]["name"] == vendor.name
    if action == "portfolio csv":
        response = api.get("/api/v1/vendors/portfolio.csv")
        return response.status_code == 200 and vendor.name in b"".join(_chunks(response)).decode()
    raise AssertionError(action)


def _chunks(response):
    return response.streaming_content if response.streaming else [response.content]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_api_permission_matrix(action, role, persona, api_as, vendor, draft, in_review):
    assert perform(action, api_as(persona(role)), vendor, draft, in_review) is MATRIX[action][role]


def test_four_eyes_holds_through_the_api(api_as, vendor, in_review, requester):
    both = UserFactory(username="bea", roles=[Role.REVIEWER, Role.APPROVER])
    api = api_as(both)
    url = f"/api/v1/assessments/{in_review.pk}/sign-off/"
    assert api.post(url, {"role": "Reviewer", "decision": "approve"}, format="json").status_code == 200
    refused = api.post(url, {"role": "Approver", "decision": "approve"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["type"] == "permission_denied" and "four eyes" in refused.json()["detail"].lower()
    assert not SignOff.objects.filter(assessment=in_review, role="Approver").exists()


def test_the_submitter_cannot_sign_through_the_api(api_as, in_review, requester):
    requester.groups.add(*UserFactory(username="tmp", roles=[Role.REVIEWER]).groups.all())
    response = api_as(requester).post(
        f"/api/v1/assessments/{in_review.pk}/sign-off/", {"role": "Reviewer", "decision": "approve"}, format="json"
    )
    assert response.status_code == 403 and "someone else" in response.json()["detail"]


def test_another_requesters_objects_are_404(api_as, vendor, draft):
    stranger = api_as(UserFactory(username="stranger", roles=[Role.REQUESTER]))
    statement = draft.statement
    for url in (
        f"/api/v1/vendors/{vendor.pk}/",
        f"/api/v1/vendors/{vendor.pk}/statements/",
        f"/api/v1/statements/{statement.pk}/",
        f"/api/v1/assessments/{draft.pk}/",
        f"/api/v1/assessments/{draft.pk}/events/",
        f"/api/v1/assessments/{draft.pk}/summary.pdf",
    ):
        response = stranger.get(url)
        assert response.status_code == 404, url
        assert response.json()["type"] == "not_found"
    assert stranger.post(f"/api/v1/assessments/{draft.pk}/submit/").status_code == 404
    assert stranger.patch(f"/api/v1/vendors/{vendor.pk}/", {"name": "Mine"}, format="json").status_code == 404
    assert [v["name"] for v in stranger.get("/api/v1/vendors/").json()["results"]] == []


def test_anonymous_and_roleless_get_json_refusals(api_as, outsider):
    anonymous = api_as(None).get("/api/v1/vendors/")
    assert anonymous.status_code == 401 and anonymous.json()["type"] == "not_authenticated"
    assert anonymous["WWW-Authenticate"].startswith("Bearer")
    roleless = api_as(outsider).get("/api/v1/vendors/")
    assert roleless.status_code == 403 and "no role" in roleless.json()["detail"]


def test_exports_through_the_api_are_audited(api_as, reviewer, draft):
    api_as(reviewer).get(f"/api/v1/assessments/{draft.pk}/summary.pdf")
    api_as(reviewer).get(f"/api/v1/assessments/{draft.pk}/export.json")
    events = AuditEvent.objects.filter(assessment=draft, kind=AuditEvent.Kind.EXPORTED, actor=reviewer)
    assert sorted(e.data["format"] for e in events) == ["JSON export", "PDF risk summary"]
