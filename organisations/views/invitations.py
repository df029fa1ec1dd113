"""Inviting people by email, and accepting an invitation (which creates the account when there is none)."""

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from organisations import services
from organisations.access import organisation_view
from organisations.forms import AcceptInvitationForm, InvitationForm
from organisations.models import Invitation, User
from organisations.roles import Capability
from organisations.tables import InvitationTable


@organisation_view(Capability.MANAGE_MEMBERS)
def invitation_list(request):
    form = InvitationForm(request.POST or None, organisation=request.organisation)
    if request.method == "POST" and form.is_valid():
        invitation = services.create_invitation(
            organisation=request.organisation, invited_by=request.user, **form.cleaned_data
        )
        messages.success(request, f"Invitation sent to {invitation.email}")
        return redirect("organisations:invitations", request.organisation.slug)
    invitations = Invitation.objects.for_organisation(request.organisation).select_related("team", "organisation")
    table = InvitationTable(invitations, attrs={"id": "invitations"})
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {"form": form, "table": table, "valid_days": settings.INVITATION_VALID_DAYS}
    return render(request, "organisations/invitation_list.html", context)


def _invitation(request, pk):
    return get_object_or_404(Invitation.objects.for_organisation(request.organisation), pk=pk)


@organisation_view(Capability.MANAGE_MEMBERS)
@require_POST
def invitation_resend(request, pk):
    invitation = _invitation(request, pk)
    if invitation.accepted_at:
        messages.error(request, f"{invitation.email} has already accepted this invitation")
    else:
        services.resend_invitation(invitation)
        messages.success(request, f"A new invitation link was sent to {invitation.email}")
    return redirect("organisations:invitations", request.organisation.slug)


@organisation_view(Capability.MANAGE_MEMBERS)
@require_POST
def invitation_revoke(request, pk):
    invitation = _invitation(request, pk)
    if invitation.is_pending:
        services.revoke_invitation(invitation)
        messages.success(request, f"The invitation for {invitation.email} was revoked")
    return redirect("organisations:invitations", request.organisation.slug)


def invitation_accept(request, token):
    """Public page behind the emailed link. The signed token is the only thing that grants access."""
    # Every open of a link counts (GET too): guessing tokens is what this limit stops.
    limited = ratelimit.consume_or_429(request, action="accept_invitation", limit_get=True)
    if limited:
        return limited
    invitation = services.invitation_from_token(token)
    if invitation is None:
        return render(request, "organisations/invitation_invalid.html", {"reason": "unknown"}, status=404)
    if not invitation.is_pending:
        return render(request, "organisations/invitation_invalid.html", {"reason": invitation.status}, status=410)
    user = request.user
    if user.is_authenticated and user.email.lower() != invitation.email:
        return render(request, "organisations/invitation_wrong_account.html", {"invitation": invitation})
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing and not user.is_authenticated:
        return render(
            request,
            "organisations/invitation_sign_in.html",
            {"invitation": invitation, "next": request.get_full_path()},
        )
    if existing:
        if request.method == "POST":
            return _accept_and_go(request, invitation, user)
        return render(request, "organisations/invitation_confirm.html", {"invitation": invitation})

    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.create_account_from_invitation(
                invitation, full_name=form.cleaned_data["full_name"], password=form.cleaned_data["password1"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            login(request, user, backend="allauth.account.auth_backends.AuthenticationBackend")
            messages.success(request, f"Welcome to {invitation.organisation}")
            return redirect("organisations:home", invitation.organisation.slug)
    return render(request, "organisations/invitation_accept.html", {"invitation": invitation, "form": form})


def _accept_and_go(request, invitation, user):
    try:
        services.accept_invitation(invitation, user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("home")
    messages.success(request, f"You have joined {invitation.organisation}")
    return redirect("organisations:home", invitation.organisation.slug)
