"""Writes that touch several models: invitations, memberships and commissioning contracts."""

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from common import queue
from organisations import notifications
from organisations.models import (
    AuditEvent,
    CommissioningContract,
    Invitation,
    Membership,
    Organisation,
    User,
    new_invitation_nonce,
)
from organisations.roles import Role
from organisations.tasks import send_invitation_email as send_invitation_email_task

INVITATION_SALT = "mecc.organisations.invitation"


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps([invitation.pk, invitation.nonce], salt=INVITATION_SALT)


def invitation_from_token(token: str) -> Invitation | None:
    """The invitation a link names, or None when the link was forged, mangled or superseded by a resend."""
    try:
        pk, nonce = signing.loads(token, salt=INVITATION_SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Invitation.objects.select_related("organisation", "team").filter(pk=pk, nonce=nonce).first()


def _queue_invitation_email(invitation: Invitation) -> None:
    invitation_id = invitation.pk
    # After commit, so the worker can see the row it is asked to send.
    # With the broker down the invitation stays unsent (the list shows it) and can be resent later.
    transaction.on_commit(lambda: queue.send(send_invitation_email_task, invitation_id))


@transaction.atomic
def create_invitation(*, organisation, invited_by, email, role, team=None) -> Invitation:
    invitation = Invitation.objects.create(
        organisation=organisation,
        invited_by=invited_by,
        email=email.lower(),
        role=role,
        team=team,
        expires_at=Invitation.new_expiry(),
    )
    _queue_invitation_email(invitation)
    return invitation


@transaction.atomic
def resend_invitation(invitation: Invitation) -> Invitation:
    """A fresh link and expiry; the old link stops working. Resending a revoked invitation revives it."""
    invitation.nonce = new_invitation_nonce()
    invitation.expires_at = Invitation.new_expiry()
    invitation.revoked_at = None
    invitation.save(update_fields=["nonce", "expires_at", "revoked_at"])
    _queue_invitation_email(invitation)
    return invitation


def revoke_invitation(invitation: Invitation) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])


def send_invitation_email(invitation_id: int) -> bool:
    """Send the email for a still-pending invitation. Returns False when there is nothing to send."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or not invitation.is_pending:
        return False
    context = {
        "invitation": invitation,
        "accept_url": settings.SITE_URL + reverse("invitation_accept", args=[invitation_token(invitation)]),
    }
    send_mail(
        subject=f"You are invited to {invitation.organisation} on MECC Programme Manager",
        message=render_to_string("organisations/email/invitation.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=timezone.now(), send_count=invitation.send_count + 1)
    return True


@transaction.atomic
def accept_invitation(invitation: Invitation, user: User) -> Membership:
    """Attach the invited membership to the user. Locks the invitation so a double submit accepts it once."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_pending:
        raise ValidationError("This invitation can no longer be used")
    if user.email.lower() != invitation.email.lower():
        raise ValidationError("This invitation was sent to a different email address")
    _lock_admins_of(invitation.organisation_id)
    existing = Membership.objects.filter(user=user, organisation_id=invitation.organisation_id).first()
    if existing and invitation.role != Role.ORG_ADMIN and _is_last_active_admin(existing):
        raise ValidationError("This invitation would leave the organisation without an organisation admin")
    membership, _ = Membership.objects.update_or_create(
        user=user,
        organisation=invitation.organisation,
        defaults={"role": invitation.role, "team": invitation.team, "is_active": True, "deactivated_at": None},
    )
    # The invitation reached this address, so it is proven to belong to the person.
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership


@transaction.atomic
def create_account_from_invitation(invitation: Invitation, *, full_name: str, password: str) -> User:
    user = User.objects.create_user(email=invitation.email, password=password, full_name=full_name)
    accept_invitation(invitation, user)
    return user


def _lock_admins_of(organisation_id: int) -> None:
    """Serialise every change that could remove an organisation admin, by locking the organisation's row until the
    transaction ends: two admins deactivating each other at the same moment then run one after the other, and the
    second sees the first's change (security review L2)."""
    Organisation.objects.select_for_update().filter(pk=organisation_id).first()


def _is_last_active_admin(membership: Membership) -> bool:
    """Judged on the stored rows: a bound ModelForm may already have changed the instance in memory."""
    admins = Membership.objects.for_organisation(membership.organisation_id).active().filter(role=Role.ORG_ADMIN)
    return list(admins.values_list("pk", flat=True)[:2]) == [membership.pk]


@transaction.atomic
def update_membership(membership: Membership, *, role, team) -> Membership:
    _lock_admins_of(membership.organisation_id)
    if role != Role.ORG_ADMIN and _is_last_active_admin(membership):
        raise ValidationError("An organisation needs at least one organisation admin")
    membership.role = role
    membership.team = team
    membership.save(update_fields=["role", "team"])
    return membership


@transaction.atomic
def set_membership_active(membership: Membership, active: bool) -> Membership:
    _lock_admins_of(membership.organisation_id)
    if not active and _is_last_active_admin(membership):
        raise ValidationError("You cannot deactivate the last organisation admin")
    membership.is_active = active
    membership.deactivated_at = None if active else timezone.now()
    membership.save(update_fields=["is_active", "deactivated_at"])
    return membership


@transaction.atomic
def propose_contract(*, commissioner, provider, reference, start_date, end_date, proposed_by):
    contract = CommissioningContract.objects.create(
        commissioner=commissioner,
        provider=provider,
        reference=reference,
        start_date=start_date,
        end_date=end_date,
        proposed_by=proposed_by,
    )
    _contract_event(contract, AuditEvent.Kind.CONTRACT_PROPOSED, proposed_by)
    notifications.notify(
        _people(provider, Role.ORG_ADMIN), provider, notifications.Kind.CONTRACT,
        f"{commissioner} proposes contract {reference}: it waits for your answer",
        reverse("organisations:contracts", args=[provider.slug]),
    )  # fmt: skip
    return contract


def _people(organisation, *roles):
    return [m.user for m in Membership.objects.active().filter(organisation=organisation, role__in=roles)
            .select_related("user")]  # fmt: skip


def _tell_the_commissioner(contract, what: str) -> None:
    commissioner = contract.commissioner
    notifications.notify(
        _people(commissioner, Role.ORG_ADMIN, Role.COMMISSIONER), commissioner, notifications.Kind.CONTRACT,
        f"{contract.provider} {what} contract {contract.reference}",
        reverse("organisations:providers", args=[commissioner.slug]),
    )  # fmt: skip


def _contract_event(contract, kind, user) -> None:
    """The same entry in both parties' audit trails: a contract belongs to the commissioner and the provider."""
    summary = f"{contract.reference}: {contract.commissioner} commissions {contract.provider}"
    for organisation in (contract.commissioner, contract.provider):
        AuditEvent.record(kind, summary, organisation=organisation, user=user)


@transaction.atomic
def respond_to_contract(contract: CommissioningContract, *, accept: bool, responded_by) -> CommissioningContract:
    if contract.status != CommissioningContract.Status.PROPOSED:
        raise ValidationError("This contract has already been answered")
    contract.status = CommissioningContract.Status.ACCEPTED if accept else CommissioningContract.Status.DECLINED
    contract.responded_by = responded_by
    contract.responded_at = timezone.now()
    contract.save(update_fields=["status", "responded_by", "responded_at"])
    kind = AuditEvent.Kind.CONTRACT_ACCEPTED if accept else AuditEvent.Kind.CONTRACT_DECLINED
    _contract_event(contract, kind, responded_by)
    _tell_the_commissioner(contract, "accepted" if accept else "declined")
    return contract


@transaction.atomic
def withdraw_consent(contract: CommissioningContract, *, withdrawn_by) -> CommissioningContract:
    if contract.status != CommissioningContract.Status.ACCEPTED:
        raise ValidationError("Only an accepted contract can have its consent withdrawn")
    contract.status = CommissioningContract.Status.WITHDRAWN
    contract.responded_by = withdrawn_by
    contract.responded_at = timezone.now()
    contract.save(update_fields=["status", "responded_by", "responded_at"])
    _contract_event(contract, AuditEvent.Kind.CONSENT_WITHDRAWN, withdrawn_by)
    _tell_the_commissioner(contract, "withdrew its consent to")
    return contract
