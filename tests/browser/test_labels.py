"""Every form control on every page with a form has an accessible label (checked in Chromium)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from assessments.services.workflow import assessment_submit
from tests.factories import AssessmentFactory
from tests.questionnaires import V1_QUESTION_COUNT

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Controls a person fills in, with the name a screen reader would announce for each: a
# <label for>, a wrapping <label>, aria-labelledby or aria-label. A placeholder is no label.
# Hidden tabs and closed <details> count too: the person opens them.
UNLABELLED_CONTROLS_JS = """
() => {
  const skipped = ["hidden", "submit", "button", "reset", "image"];
  const text = (node) => (node ? node.textContent : "").replace(/\\s+/g, " ").trim();
  const nameOf = (el) => {
    const byIds = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean)
      .map((id) => text(document.getElementById(id))).join(" ").trim();
    return (el.getAttribute("aria-label") || "").trim() || byIds || [...el.labels].map(text).join(" ").trim();
  };
  const controls = [...document.querySelectorAll("input, select, textarea")]
    .filter((el) => !skipped.includes(el.type));
  const problems = [];
  for (const el of controls) {
    const what = `${el.tagName.toLowerCase()} name=${el.name || "?"} id=${el.id || "?"}`;
    if (el.id && document.querySelectorAll(`[id="${CSS.escape(el.id)}"]`).length > 1) {
      problems.push(`${what}: its id is not unique, so its label may name another control`);
    } else if (!nameOf(el)) {
      problems.push(`${what}: no label`);
    }
  }
  return { count: controls.length, problems };
}
"""


def unlabelled_controls(page: Page, path: str, *, at_least: int) -> list[str]:
    """Open ``path`` and list its controls without a label; fewer controls than expected is a problem too."""
    response = page.goto(path)
    assert response.ok, f"{path} answered {response.status}"
    found = page.evaluate(UNLABELLED_CONTROLS_JS)
    problems = [f"{path}: {problem}" for problem in found["problems"]]
    if found["count"] < at_least:
        problems.append(f"{path}: {found['count']} form controls, expected at least {at_least}")
    return problems


def test_every_form_control_has_a_label(open_page, requester, reviewer, vendor):
    assessment = AssessmentFactory(vendor=vendor, with_answers=True)
    assessment_submit(assessment=assessment, actor=requester)
    anonymous, rita, ravi = open_page(), open_page(requester), open_page(reviewer)

    problems = [
        *unlabelled_controls(anonymous, "/accounts/login/", at_least=2),
        *unlabelled_controls(rita, "/vendors/", at_least=4),
        *unlabelled_controls(rita, "/vendors/new/", at_least=10),
        *unlabelled_controls(rita, f"/vendors/{vendor.pk}/edit/", at_least=10),
        # The upload, paste and URL forms, one per tab.
        *unlabelled_controls(rita, f"/vendors/{vendor.pk}/", at_least=3),
        *unlabelled_controls(rita, "/accounts/password_change/", at_least=3),
        # Accept-above, an override form per answer (value and why), and the sign-off form.
        *unlabelled_controls(ravi, f"/assessments/{assessment.pk}/", at_least=1 + 2 * V1_QUESTION_COUNT + 3),
    ]
    assert not problems, "\n".join(problems)
