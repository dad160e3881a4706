"""The page where a user creates and revokes their personal API tokens."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from assessments.services.tokens import LIFETIMES_DAYS, api_token_create, api_token_revoke


class TokenForm(forms.Form):
    name = forms.CharField(label="What is it for?", max_length=100, help_text="e.g. “procurement sync”")
    lifetime_days = forms.TypedChoiceField(
        label="Expires after",
        coerce=int,
        choices=[(days, f"{days} days") for days in LIFETIMES_DAYS],
        initial=90,
    )


@never_cache
def api_tokens(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; a POST creates one and shows it this once."""
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, raw = api_token_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            created = {"token": token, "raw": raw}
            form = TokenForm()
    tokens = request.user.api_tokens.order_by("-created_at")
    return render(request, "assessments/api_tokens.html", {"form": form, "tokens": tokens, "created": created})


@require_POST
def api_token_revoke_view(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(request.user.api_tokens, pk=token_id)
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, f"The token “{token.name}” is revoked; it no longer works.")
    return redirect("api_tokens")
