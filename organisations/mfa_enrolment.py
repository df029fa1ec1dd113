"""Turning on two-factor authentication needs proof of the account's email address, not only its password.

Without this, whoever held a privileged member's password when MFA was first required would enrol their own
authenticator and keep the account (security review L7). Before the authenticator page opens for someone who has no
second factor yet, a six-digit code is emailed to the account's address; the code, typed back within 15 minutes,
opens the page for 15 minutes. A lost authenticator is reset by platform staff (Django admin, "MFA authenticators"),
and the member then enrols again the same way.
"""

import functools
import secrets
import time

from allauth.core import ratelimit
from allauth.mfa.utils import is_mfa_enabled
from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import check_password, make_password
from django.core.mail import send_mail
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse

CODE_SECONDS = 15 * 60
PROOF_KEY, CODE_KEY = "mfa_enrolment_proved_at", "mfa_enrolment_code"


def proved_recently(session) -> bool:
    return time.time() - session.get(PROOF_KEY, 0) < CODE_SECONDS


@functools.cache
def _set_up_path() -> str:
    return reverse("mfa_activate_totp")  # once per process: the middleware runs on every request


def require_email_proof(get_response):
    """Middleware: the authenticator set-up page opens only after the emailed code, for someone without MFA."""

    def middleware(request):
        user = getattr(request, "user", None)
        if (
            request.path == _set_up_path()
            and user is not None
            and user.is_authenticated
            and not is_mfa_enabled(user)
            and not proved_recently(request.session)
        ):
            return redirect("mfa_enrolment_email")
        return get_response(request)

    return middleware


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code from the email",
        max_length=6,
        min_length=6,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
        error_messages={"required": "Enter the 6-digit code from the email", "min_length": "Enter all 6 digits"},
    )


@login_required
def email_code(request):
    """GET sends a code (at most 3 in 15 minutes); POST checks it and opens the authenticator set-up page."""
    if is_mfa_enabled(request.user):
        return redirect("mfa_index")
    form = CodeForm(request.POST or None)
    stored = request.session.get(CODE_KEY)
    if request.method == "POST" and form.is_valid():
        if stored and time.time() < stored["until"] and check_password(form.cleaned_data["code"], stored["hash"]):
            request.session.pop(CODE_KEY)
            request.session[PROOF_KEY] = time.time()
            return redirect("mfa_activate_totp")
        form.add_error("code", "The code is wrong or has expired. Ask for a new one.")
    elif request.method == "GET" and (not stored or request.GET.get("again")):
        too_many = ratelimit.consume_or_429(request, action="mfa_enrolment_code", user=request.user, limit_get=True)
        if too_many:
            return too_many
        _send_code(request)
    return render(request, "organisations/mfa_enrolment_email.html", {"form": form, "email": request.user.email})


def _send_code(request) -> None:
    code = f"{secrets.randbelow(10**6):06d}"
    request.session[CODE_KEY] = {"hash": make_password(code), "until": time.time() + CODE_SECONDS}
    body = render_to_string("organisations/email/mfa_enrolment_code.txt", {"code": code, "user": request.user})
    send_mail("Your code to turn on two-factor authentication", body, settings.DEFAULT_FROM_EMAIL, [request.user.email])
