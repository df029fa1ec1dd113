"""Reads shared by pages: what a commissioner may see of its providers (aggregates only, through consent), and
who is on an organisation's staff roster."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from organisations.models import CommissioningContract, Membership, Organisation, StaffMember, Team
from organisations.ods_reference import predecessors


@dataclass(frozen=True)
class StaffFigure:
    count: int
    source: str  # "staff roster" or "stated headcount"


def predecessor_organisations(organisation):
    """Organisations in this service whose ODS code became this one's through mergers (the loaded ODS successor
    list), so a merged provider's history carries across; none without an ODS code or a loaded list."""
    if not organisation.ods_code:
        return Organisation.objects.none()
    return Organisation.objects.filter(ods_code__in=predecessors(organisation.ods_code)).order_by("name")


def staff_figures(organisation_ids, on: datetime.date) -> dict[int, StaffFigure]:
    """The number of staff behind every per-staff rate (conversations per 1,000 staff, the quarter's target): the
    people on the staff roster in post on the day, frontline or not; an organisation with nobody on its roster uses
    its stated headcount; one with neither is left out, and its pages say "no staff figure" (issue 21)."""
    on_roster = dict(
        StaffMember.objects.filter(organisation_id__in=organisation_ids)
        .in_post_on(on)
        .values("organisation_id")
        .annotate(n=Count("pk"))
        .values_list("organisation_id", "n")
    )
    stated = dict(
        Organisation.objects.filter(pk__in=organisation_ids, staff_headcount__gt=0).values_list("pk", "staff_headcount")
    )
    figures = {pk: StaffFigure(count, "stated headcount") for pk, count in stated.items()}
    figures.update({pk: StaffFigure(count, "staff roster") for pk, count in on_roster.items() if count})
    return figures


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
    staff = staff_figures(ids, timezone.localdate())
    return [
        {
            "provider": provider,
            "teams": teams.get(provider.pk, 0),
            "members": members.get(provider.pk, 0),
            "staff": staff.get(provider.pk),
        }
        for provider in providers
    ]
