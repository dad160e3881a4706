"""What the tests know of the shipped questionnaires, read from the template files, never typed in."""

from assessments.questionnaire import questionnaire_read

V1_KEYS: tuple[str, ...] = tuple(question["key"] for question in questionnaire_read()["questions"])
# How many answers a help-desk privacy v1 assessment has.
V1_QUESTION_COUNT = len(V1_KEYS)
