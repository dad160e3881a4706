from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings


def _helper(action: str, label: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = True
    helper.form_action = action
    helper.add_input(Submit("submit", label))
    return helper


class StatementUploadForm(forms.Form):
    file = forms.FileField(
        label="Statement file",
        help_text="A privacy statement as .txt, .md, .html, .pdf or .docx.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.html,.htm,.pdf,.docx"}),
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(action, "Upload statement")
        self.helper.form_id = "statement-upload"


class StatementTextForm(forms.Form):
    text = forms.CharField(
        label="Statement text",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Paste the whole privacy statement.",
        strip=False,
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(action, "Save pasted text")
        self.helper.form_id = "statement-text"

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("The statement is empty.")
        # Checked here, not by max_length: the browser would cut a long paste short without a word.
        size, limit = len(text.encode("utf-8")), settings.STATEMENT_MAX_UPLOAD_BYTES
        if size > limit:
            raise forms.ValidationError(
                f"The text is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.1f} MB. "
                "It is still in the box: shorten it, or upload the statement as a file."
            )
        return text


class StatementUrlForm(forms.Form):
    url = forms.URLField(
        label="Statement URL",
        max_length=2000,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"inputmode": "url"}),
        help_text="The worker fetches the page; private and internal addresses are refused.",
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(action, "Fetch statement")
        self.helper.form_id = "statement-url"
