"""Sign-ins, successful and failed, go into the audit trail of every organisation the person belongs to."""

from django.contrib.auth.signals import user_logged_in, user_login_failed

from organisations.models import AuditEvent, User


def signed_in(sender, request, user, **kwargs):
    AuditEvent.record(AuditEvent.Kind.SIGNED_IN, _from(request), user=user)


def sign_in_failed(sender, credentials, request=None, **kwargs):
    """Recorded against the account the email address names, if any (never the password tried)."""
    email = (credentials.get("email") or credentials.get("username") or "").strip()
    user = User.objects.filter(email__iexact=email).first() if email else None
    if user is not None:
        AuditEvent.record(AuditEvent.Kind.SIGN_IN_FAILED, _from(request), user=user)


def _from(request) -> str:
    agent = request.headers.get("User-Agent", "")[:120] if request is not None else ""
    return f"Browser: {agent}" if agent else "Browser not known"


def connect() -> None:
    user_logged_in.connect(signed_in, dispatch_uid="audit-signed-in")
    user_login_failed.connect(sign_in_failed, dispatch_uid="audit-sign-in-failed")
