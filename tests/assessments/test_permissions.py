"""Each role against each action, the outsider included: enforced by views and services, not templates."""

import pytest

from assessments.models import Answer, Assessment, Finding, ReviewComment, SignOff, Vendor
from assessments.services.workflow import assessment_submit
from policies.models import Statement
from tests.factories import AssessmentFactory

pytestmark = pytest.mark.django_db

ROLES = ["requester", "reviewer", "approver", "site_admin", "outsider"]


@pytest.fixture
def draft(vendor):
    return AssessmentFactory(vendor=vendor, with_answers=True)


@pytest.fixture
def in_review(vendor, requester):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    assessment.answers.update(review=Answer.Review.ACCEPTED)
    return assessment_submit(assessment=assessment, actor=requester)


@pytest.fixture
def persona(request):
    return lambda name: request.getfixturevalue(name)


def first_answer(assessment):
    return assessment.answers.order_by("question__position").first()


# (action, {role: allowed}) — "allowed" means the change happened.
MATRIX = {
    "view assessment": {"requester": True, "reviewer": True, "approver": True, "site_admin": True, "outsider": False},
    "register vendor": {"requester": True, "reviewer": False, "approver": False, "site_admin": True, "outsider": False},
    "edit vendor": {"requester": True, "reviewer": False, "approver": False, "site_admin": True, "outsider": False},
    "add statement": {"requester": True, "reviewer": False, "approver": False, "site_admin": True, "outsider": False},
    "submit": {"requester": True, "reviewer": False, "approver": False, "site_admin": True, "outsider": False},
    "accept answer": {"requester": False, "reviewer": True, "approver": False, "site_admin": True, "outsider": False},
    "override answer": {"requester": False, "reviewer": True, "approver": False, "site_admin": True, "outsider": False},
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
    "download pdf": {"requester": True, "reviewer": True, "approver": True, "site_admin": True, "outsider": False},
    "reply on thread": {"requester": True, "reviewer": True, "approver": True, "site_admin": True, "outsider": False},
    "retry statement": {"requester": True, "reviewer": False, "approver": False, "site_admin": True, "outsider": False},
    "reassess": {"requester": True, "reviewer": True, "approver": False, "site_admin": True, "outsider": False},
    "django admin": {"requester": False, "reviewer": False, "approver": False, "site_admin": True, "outsider": False},
    "dismiss finding": {"requester": False, "reviewer": True, "approver": False, "site_admin": True, "outsider": False},
    "pause monitoring": {
        "requester": True,
        "reviewer": False,
        "approver": False,
        "site_admin": True,
        "outsider": False,
    },
}


def perform(action, client, vendor, draft, in_review):
    """Try the action through the web; return whether it took effect."""
    if action == "view assessment":
        response = client.get(f"/assessments/{draft.pk}/")
        return response.status_code == 200 and vendor.name in response.content.decode()
    if action == "register vendor":
        client.post(
            "/vendors/new/", {"name": "New Desk", "criticality": "low", "business_owner": vendor.business_owner_id}
        )
        return Vendor.objects.filter(name="New Desk").exists()
    if action == "edit vendor":
        data = {"name": "Renamed Desk", "criticality": "low", "business_owner": vendor.business_owner_id}
        client.post(f"/vendors/{vendor.pk}/edit/", data)
        return Vendor.objects.filter(name="Renamed Desk").exists()
    if action == "add statement":
        before = Statement.objects.count()
        client.post(f"/vendors/{vendor.pk}/statements/paste/", {"text": "We collect e-mail addresses only."})
        return Statement.objects.count() == before + 1
    if action == "submit":
        client.post(f"/assessments/{draft.pk}/submit/")
        return Assessment.objects.get(pk=draft.pk).status == "in_review"
    if action == "accept answer":
        client.post(f"/assessments/{draft.pk}/answers/{first_answer(draft).pk}/accept/")
        return Answer.objects.get(pk=first_answer(draft).pk).review == "accepted"
    if action == "override answer":
        answer = first_answer(draft)
        client.post(
            f"/assessments/{draft.pk}/answers/{answer.pk}/override/", {"value": "2024-01-31", "comment": "Seen."}
        )
        return Answer.objects.get(pk=answer.pk).value == "2024-01-31"
    if action in {"sign as reviewer", "sign as approver"}:
        role = "Reviewer" if action.endswith("reviewer") else "Approver"
        if role == "Approver":  # the approver signs after the reviewer
            _reviewer_signs(in_review)
        client.post(f"/assessments/{in_review.pk}/sign-off/", {"role": role, "decision": "approve"})
        return SignOff.objects.filter(assessment=in_review, role=role).exists()
    if action == "download pdf":
        return client.get(f"/assessments/{draft.pk}/summary.pdf").status_code == 200
    if action == "django admin":
        return client.get("/admin/").status_code == 200
    if action == "reply on thread":
        client.post(f"/assessments/{draft.pk}/comments/", {"body": "Clause 4 changed."})
        return ReviewComment.objects.filter(assessment=draft).exists()
    if action == "retry statement":
        Statement.objects.filter(pk=draft.statement_id).update(status="failed", error="Broker down.")
        client.post(f"/statements/{draft.statement_id}/retry/")
        return Statement.objects.get(pk=draft.statement_id).status == "queued"
    if action == "reassess":
        Assessment.objects.filter(pk=draft.pk).update(status="approved")
        client.post(f"/assessments/{draft.pk}/reassess/")
        return Assessment.objects.filter(previous=draft).exists()
    if action == "dismiss finding":
        finding = Finding.objects.create(
            vendor=vendor, assessment=draft, rule="share.none_but_subprocessors", title="t", explanation="e"
        )
        client.post(f"/findings/{finding.pk}/review/", {"decision": "dismiss", "comment": "Not one."})
        return Finding.objects.get(pk=finding.pk).status == "dismissed"
    if action == "pause monitoring":
        from policies.models import VendorMonitoring

        client.post(f"/vendors/{vendor.pk}/monitoring/", {"action": "pause"})
        return VendorMonitoring.objects.filter(vendor=vendor, paused_at__isnull=False).exists()
    raise AssertionError(action)


def _reviewer_signs(assessment):
    from assessments.roles import Role
    from assessments.services.workflow import assessment_sign_off
    from tests.factories import UserFactory

    other = UserFactory(username="rosa", roles=[Role.REVIEWER])
    assessment_sign_off(assessment=assessment, actor=other, role="Reviewer", decision="approve")


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(action, role, persona, client, vendor, draft, in_review):
    client.force_login(persona(role))
    assert perform(action, client, vendor, draft, in_review) is MATRIX[action][role]


def test_a_requester_of_another_vendor_sees_nothing_of_it(client_for, draft):
    from assessments.roles import Role
    from tests.factories import UserFactory

    stranger = UserFactory(username="stranger", roles=[Role.REQUESTER])
    assert client_for(stranger).get(f"/assessments/{draft.pk}/").status_code == 404
    assert client_for(stranger).post(f"/assessments/{draft.pk}/submit/").status_code == 404


# The role × action matrix of assessments.permissions, written out again here so that a change
# to the module has to be made on purpose in both places.
from assessments.permissions import Action, can  # noqa: E402

EXPECTED = {
    Action.VIEW: {"requester", "reviewer", "approver", "site_admin"},
    Action.REGISTER_VENDOR: {"requester", "site_admin"},
    Action.EDIT_VENDOR: {"requester", "site_admin"},
    Action.ADD_STATEMENT: {"requester", "site_admin"},
    Action.RETRY_STATEMENT: {"requester", "site_admin"},
    Action.SUBMIT: {"requester", "site_admin"},
    Action.REVIEW_ANSWER: {"reviewer", "site_admin"},
    Action.HANDLE_FINDING: {"reviewer", "site_admin"},
    Action.SIGN_AS_REVIEWER: {"reviewer"},
    Action.SIGN_AS_APPROVER: {"approver"},
    Action.COMMENT: {"requester", "reviewer", "approver", "site_admin"},
    Action.REASSESS: {"requester", "reviewer", "site_admin"},
    Action.EXPORT: {"requester", "reviewer", "approver", "site_admin"},
    Action.USE_ADMIN: {"site_admin"},
    Action.MONITOR_DOCUMENTS: {"requester", "site_admin"},
}
# Each action of the module, and the web actions above that exercise it end to end.
WEB_ACTIONS = {
    Action.VIEW: ["view assessment"],
    Action.REGISTER_VENDOR: ["register vendor"],
    Action.EDIT_VENDOR: ["edit vendor"],
    Action.ADD_STATEMENT: ["add statement"],
    Action.SUBMIT: ["submit"],
    Action.REVIEW_ANSWER: ["accept answer", "override answer"],
    Action.HANDLE_FINDING: ["dismiss finding"],
    Action.SIGN_AS_REVIEWER: ["sign as reviewer"],
    Action.SIGN_AS_APPROVER: ["sign as approver"],
    Action.EXPORT: ["download pdf"],
    Action.USE_ADMIN: ["django admin"],
    Action.COMMENT: ["reply on thread"],
    Action.RETRY_STATEMENT: ["retry statement"],
    Action.REASSESS: ["reassess"],
    Action.MONITOR_DOCUMENTS: ["pause monitoring"],
}


def test_the_matrix_covers_every_action():
    assert set(EXPECTED) == set(Action) == set(WEB_ACTIONS)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(Action))
def test_permissions_module_matrix(action, role, persona):
    assert can(persona(role), action) is (role in EXPECTED[action])


@pytest.mark.parametrize("action", list(WEB_ACTIONS))
def test_the_web_matrix_agrees_with_the_module(action):
    for web_action in WEB_ACTIONS[action]:
        assert {role for role, allowed in MATRIX[web_action].items() if allowed} == EXPECTED[action]
