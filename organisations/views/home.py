"""The service start page, the organisation switcher and each organisation's home page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone

from organisations.access import CURRENT_ORGANISATION_SESSION_KEY, organisation_view
from organisations.home_panels import panels_for
from organisations.models import CommissioningContract, Membership
from organisations.roles import ROLE_PURPOSE, Role


def start(request):
    """Anonymous visitors see what the service is; members go to their organisation."""
    if not request.user.is_authenticated:
        return render(request, "organisations/start.html")
    memberships = list(Membership.objects.active().filter(user=request.user).select_related("organisation"))
    if len(memberships) == 1:
        return redirect("organisations:home", memberships[0].organisation.slug)
    last = request.session.get(CURRENT_ORGANISATION_SESSION_KEY)
    if last and any(m.organisation.slug == last for m in memberships):
        return redirect("organisations:home", last)
    return redirect("switch_organisation")


@login_required
def switch(request):
    memberships = Membership.objects.active().filter(user=request.user).select_related("organisation", "team")
    return render(request, "organisations/switch.html", {"memberships": memberships})


@organisation_view()
def home(request):
    organisation, membership = request.organisation, request.membership
    contracts = CommissioningContract.objects.involving(organisation)
    context = {
        "panels": panels_for(membership, timezone.localdate()),
        # Only a commissioner has providers to follow: a trust's admin is not offered the portfolio (walkthrough 30).
        "commissions": organisation.commissions,
        "role_purpose": ROLE_PURPOSE[Role(membership.role)],
        "contracts_waiting": contracts.filter(
            provider=organisation, status=CommissioningContract.Status.PROPOSED
        ).count(),
    }
    return render(request, "organisations/home.html", context)
