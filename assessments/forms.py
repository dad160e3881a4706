from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.contrib.auth import get_user_model
from django.core.validators import MaxLengthValidator

from assessments.models import SignOff, Vendor
from assessments.review_policy import ACCEPT_ABOVE_DEFAULT
from assessments.roles import Role


class VendorForm(forms.ModelForm):
    # A text input, not type=url: the browser would refuse a bare "acme.example" that we accept.
    website = forms.URLField(
        required=False, assume_scheme="https", max_length=200, widget=forms.TextInput(attrs={"inputmode": "url"})
    )

    class Meta:
        model = Vendor
        fields = [
            "name",
            "website",
            "service",
            "description",
            "business_owner",
            "criticality",
            "handles_customer_data",
            "handles_employee_data",
            "has_device_access",
            "handles_payment_data",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"criticality": "How badly the business is hurt if the service stops."}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["business_owner"].queryset = (
            get_user_model()
            .objects.filter(is_active=True, groups__name__in=[role.value for role in Role])
            .distinct()
            .order_by("username")
        )
        for name in LIMITED_FIELDS:
            _check_length_on_the_server(self.fields[name])
        self.helper = FormHelper()
        self.helper.layout = Layout(
            Fieldset("Vendor", "name", "website", "service", "description", "business_owner"),
            Fieldset(
                "Inherent risk: what will the help desk touch?",
                "criticality",
                "handles_customer_data",
                "handles_employee_data",
                "has_device_access",
                "handles_payment_data",
            ),
            Submit("save", "Save vendor"),
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in LIMITED_FIELDS:
            _refuse_too_long(self, name, cleaned)
        return cleaned

    def clean_name(self) -> str:
        name = " ".join(self.cleaned_data["name"].split())
        clash = Vendor.objects.filter(name__iexact=name).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(f"A vendor called “{clash.first().name}” is already registered.")
        return name


# Text fields whose database column has a limit. The browser's maxlength would cut a pasted
# name without a word, so the limit is checked here and refused with a message instead.
LIMITED_FIELDS = ("name", "service")


def _check_length_on_the_server(field: forms.Field) -> None:
    field.widget.attrs.pop("maxlength", None)
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]


def _refuse_too_long(form: forms.Form, name: str, cleaned: dict) -> None:
    value, limit = cleaned.get(name), Vendor._meta.get_field(name).max_length
    if isinstance(value, str) and len(value) > limit:
        label = form.fields[name].label
        form.add_error(
            name,
            f"{label} is {len(value)} characters long; the limit is {limit}. Shorten it: nothing was saved.",
        )


class VendorFilterForm(forms.Form):
    q = forms.CharField(label="Search", required=False)
    tier = forms.ChoiceField(label="Tier", required=False)
    status = forms.ChoiceField(label="Status", required=False)
    owner = forms.ChoiceField(label="Owner", required=False)

    def __init__(self, *args, owners=(), **kwargs):
        from assessments.models import Assessment, Tier

        super().__init__(*args, **kwargs)
        self.fields["tier"].choices = [("", "Any tier"), *Tier.choices]
        self.fields["status"].choices = [("", "Any status"), *Assessment.Status.choices]
        self.fields["owner"].choices = [
            ("", "Any owner"),
            *[(str(u.pk), u.get_full_name() or u.username) for u in owners],
        ]


class AnswerOverrideForm(forms.Form):
    """A reviewer's own answer; the choices come from the question's type."""

    value = forms.CharField(label="Answer", max_length=254)
    comment = forms.CharField(label="Why", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, question=None, **kwargs):
        super().__init__(*args, **kwargs)
        if question is not None and question.answer_type in {"yes_no", "level", "choice"}:
            self.fields["value"] = forms.ChoiceField(
                label="Answer", choices=[(value, value.replace("_", " ")) for value in question.allowed_values]
            )


class AcceptAboveForm(forms.Form):
    threshold = forms.DecimalField(
        label="Accept every unreviewed automatic answer that adds no risk points, with a confidence of at least",
        min_value=0,
        max_value=1,
        decimal_places=2,
        initial=ACCEPT_ABOVE_DEFAULT,
    )


class SignOffForm(forms.Form):
    role = forms.ChoiceField(label="Sign as")
    decision = forms.ChoiceField(label="Decision", choices=SignOff.Decision.choices)
    comment = forms.CharField(
        label="Comment",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
        help_text="Required when you request changes or reject.",
    )

    def __init__(self, *args, roles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [(role, role) for role in roles]
