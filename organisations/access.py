"""The one mechanism that resolves /o/<org_slug>/ requests: organisation, membership, role.

Every organisation view is wrapped by organisation_view(). It sends anonymous callers to sign in, answers 404 to
anyone without an active membership (so another organisation's URLs reveal nothing), and 403 to a member whose role
lacks the declared capability. The view then finds request.organisation and request.membership set.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404

from organisations.models import Membership
from organisations.roles import Capability

CURRENT_ORGANISATION_SESSION_KEY = "current_organisation"


def organisation_view(capability: Capability | None = None):
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
            if capability is not None and not membership.can(capability):
                raise PermissionDenied(f"Your role cannot {capability}")
            request.organisation = membership.organisation
            request.membership = membership
            request.session[CURRENT_ORGANISATION_SESSION_KEY] = org_slug
            return view(request, *args, **kwargs)

        wrapped.organisation_capability = capability
        return wrapped

    return decorator
