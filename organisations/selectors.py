"""Reads shared by pages: what a commissioner may see of its providers (aggregates only, through consent)."""

from django.db.models import Count, Q

from organisations.models import CommissioningContract, Membership, Organisation, Team


def consenting_providers(commissioner: Organisation):
    """Providers that have accepted a current contract with this commissioner."""
    provider_ids = CommissioningContract.objects.filter(commissioner=commissioner).consented().values("provider_id")
    return Organisation.objects.filter(pk__in=provider_ids)


def provider_portfolio(commissioner: Organisation) -> list[dict]:
    """One row of aggregate figures per consenting provider; never a provider's own rows."""
    providers = list(consenting_providers(commissioner).order_by("name"))
    ids = [p.pk for p in providers]
    teams = dict(
        Team.objects.filter(organisation_id__in=ids)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )
    members = dict(
        Membership.objects.filter(organisation_id__in=ids)
        .values("organisation_id")
        .annotate(n=Count("pk", filter=Q(is_active=True)))
        .values_list("organisation_id", "n")
    )
    return [
        {
            "provider": provider,
            "teams": teams.get(provider.pk, 0),
            "members": members.get(provider.pk, 0),
            "staff_headcount": provider.staff_headcount,
        }
        for provider in providers
    ]
