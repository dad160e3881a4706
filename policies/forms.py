from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.conf import settings

from policies.models import DocumentKind


def _helper(action: str, label: str) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = True
    helper.form_action = action
    helper.add_input(Submit("submit", label))
    return helper


class _DocumentForm(forms.Form):
    """A version of one kind of vendor document; left out (the API, old clients), a privacy statement."""

    kind = forms.ModelChoiceField(
        label="Document",
        queryset=DocumentKind.objects.all(),
        to_field_name="key",
        required=False,
        empty_label=None,
        help_text="Which of the vendor's documents this is a version of.",
    )

    def _name_kind_control(self, form_id: str) -> None:
        # Three of these forms share the vendor page: each kind control needs an id of its own.
        self.fields["kind"].widget.attrs["id"] = f"{form_id}-kind"

    def clean_kind(self) -> DocumentKind:
        return self.cleaned_data.get("kind") or DocumentKind.objects.get(key=DocumentKind.PRIVACY_STATEMENT)


class StatementUploadForm(_DocumentForm):
    file = forms.FileField(
        label="Document file",
        help_text="The document as .txt, .md, .html, .pdf or .docx.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,.html,.htm,.pdf,.docx"}),
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(action, "Upload document")
        self.helper.form_id = "statement-upload"
        self._name_kind_control("statement-upload")


class StatementTextForm(_DocumentForm):
    text = forms.CharField(
        label="Document text",
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Paste the whole document.",
        strip=False,
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(action, "Save pasted text")
        self.helper.form_id = "statement-text"
        self._name_kind_control("statement-text")

    def clean_text(self) -> str:
        text = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("The text is empty.")
        # Checked here, not by max_length: the browser would cut a long paste short without a word.
        size, limit = len(text.encode("utf-8")), settings.STATEMENT_MAX_UPLOAD_BYTES
        if size > limit:
            raise forms.ValidationError(
                f"The text is {size / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.1f} MB. "
                "It is still in the box: shorten it, or upload the document as a file."
            )
        return text


class StatementUrlForm(_DocumentForm):
    url = forms.URLField(
        label="Document URL",
        max_length=2000,
        assume_scheme="https",
        widget=forms.TextInput(attrs={"inputmode": "url"}),
        help_text="The worker fetches the page; private and internal addresses are refused.",
    )

    def __init__(self, *args, action: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(action, "Fetch document")
        self.helper.form_id = "statement-url"
        self._name_kind_control("statement-url")


class MonitoringIntervalForm(forms.Form):
    """How often a vendor's documents obtained from a URL are fetched again; empty for the default."""

    every_days = forms.IntegerField(label="Check every (days)", min_value=1, max_value=365, required=False)
