"""The one mechanism that resolves /o/<org_slug>/ requests: organisation, membership, role.

Every organisation view is wrapped by organisation_view(read, post=write). It sends anonymous callers to sign in,
answers 404 to anyone without an active membership (so another organisation's URLs reveal nothing), 403 to a
member whose role lacks the read capability, and 403 to a POST from a member whose role lacks the write capability.
The view then finds request.organisation, request.membership and request.can_post set, and refuses an object-level
rule (a 24-hour edit window, a team manager's own team) only through deny_unless(): no view compares roles.

Members with a privileged role (MFA_REQUIRED_ROLES) must have two-factor authentication on before they use any
organisation page; without it they are sent to set it up (MFA_REQUIRED_FOR_PRIVILEGED_ROLES, on unless DEBUG).
"""

from functools import wraps

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect

from organisations.models import Membership
from organisations.roles import MFA_REQUIRED_ROLES, Capability

CURRENT_ORGANISATION_SESSION_KEY = "current_organisation"
SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def organisation_view(capability: Capability | None = None, *, post: Capability | None = None):
    def decorator(view):
        @wraps(view)
        def wrapped(request, org_slug, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            membership = (
                Membership.objects.active()
                .select_related("organisation", "team", "user")
                .filter(user=request.user, organisation__slug=org_slug)
                .first()
            )
            if membership is None:
                raise Http404("No such organisation")
            if needs_mfa(membership):
                messages.warning(
                    request,
                    f"As {membership.get_role_display().lower()} of {membership.organisation.name} you must turn "
                    "on two-factor authentication before you continue.",
                )
                return redirect("mfa_activate_totp")
            if capability is not None and not membership.can(capability):
                raise PermissionDenied(f"Your role cannot {capability}")
            can_post = post is None or membership.can(post)
            if request.method not in SAFE_METHODS and not can_post:
                raise PermissionDenied(f"Your role cannot {post}")
            request.can_post = can_post
            request.organisation = membership.organisation
            request.membership = membership
            request.session[CURRENT_ORGANISATION_SESSION_KEY] = org_slug
            return view(request, *args, **kwargs)

        wrapped.organisation_capability = capability
        wrapped.organisation_post_capability = post
        return wrapped

    return decorator


def needs_mfa(membership) -> bool:
    return (
        settings.MFA_REQUIRED_FOR_PRIVILEGED_ROLES
        and membership.role in MFA_REQUIRED_ROLES
        and not is_mfa_enabled(membership.user)
    )


def deny_unless(allowed: bool, reason: str) -> None:
    """The one way a view refuses a rule about one object that the role table cannot say (403 with the reason)."""
    if not allowed:
        raise PermissionDenied(reason)
