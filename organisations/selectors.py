"""Reads shared by pages: what a commissioner may see of its providers (aggregates only, through consent), and
who is on an organisation's staff roster."""

import datetime

from django.db.models import Count, Q

from organisations.models import CommissioningContract, Membership, Organisation, StaffMember, Team


def roster_people(organisation, references, on: datetime.date) -> tuple[dict, list[str]]:
    """({reference: StaffMember}, [references not found]) for staff numbers or work email addresses of people on
    the roster and in post on the day; an email address matches whatever its case."""
    wanted = {ref.strip() for ref in references if ref.strip()}
    emails = {ref.lower() for ref in wanted if "@" in ref}
    numbers = {ref for ref in wanted if "@" not in ref}
    people = StaffMember.objects.for_organisation(organisation).in_post_on(on)
    people = people.filter(Q(email__in=emails) | Q(staff_number__in=numbers)).select_related("team")
    by_email = {p.email: p for p in people if p.email}
    by_number = {p.staff_number: p for p in people if p.staff_number}
    found = {}
    for ref in wanted:
        person = by_email.get(ref.lower()) if "@" in ref else by_number.get(ref)
        if person is not None:
            found[ref] = person
    return found, sorted(wanted - set(found))


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
