from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "assessments"
    verbose_name = "Vendor assessments"

    def ready(self) -> None:
        # A template whose keys its detector set does not fill would answer not_stated for
        # ever without a word: refuse to start instead.
        from assessments.questionnaire import questionnaires_check

        questionnaires_check()
