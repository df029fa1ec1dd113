"""Frontline training coverage, (frontline staff, of whom validly trained), counted in the database: the one
definition of "frontline staff trained", for one organisation's pages and the commissioner's portfolio alike.

Who counts as frontline staff (issue 21: members with accounts are not the staff; one member must not read as
"100% trained" for a trust of 8,600):
- a team with frontline people on the staff roster, in post on the day: those people; trained if a valid record
  names them, or names the account whose email address is theirs;
- a team with nobody on the roster but a stated establishment headcount: that headcount; trained are its frontline
  members with a valid record (never more than the headcount);
- roster people with no team count for the organisation as a whole;
- anything else counts nobody, and the pages say "no staff figure" rather than a percentage.

Counting 90,000 people against their training records costs about 55 ms per request at national scale, while
the answer changes only when a training record or a membership changes, or the day changes (records expire). So
the counts are cached per organisation and day under a version that every such write bumps (signals below).
The cache must be shared by all processes (Redis in production); the hour's expiry bounds any other staleness.
"""

import datetime

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.signals import post_delete, post_save

from organisations.models import Membership, StaffMember, Team
from organisations.roles import Role
from training.models import TrainingRecord

CACHE_SECONDS = 60 * 60


def _version_key(organisation_id: int) -> str:
    return f"coverage-version:{organisation_id}"


def version(organisation_id: int) -> int:
    """Moves on whenever a training record or a membership of the organisation changes: part of the key of any
    cached figure that depends on who is trained."""
    return cache.get(_version_key(organisation_id), 0)


def counts(ids, today: datetime.date) -> dict[int, tuple[int, int]]:
    """{organisation id: (frontline staff, trained)}; organisations without frontline staff are left out."""
    versions = cache.get_many([_version_key(pk) for pk in ids])
    keys = {pk: f"coverage:{pk}:{today.isoformat()}:{versions.get(_version_key(pk), 0)}" for pk in ids}
    cached = cache.get_many(list(keys.values()))
    result = {pk: cached[key] for pk, key in keys.items() if key in cached}
    missing = [pk for pk in ids if keys[pk] not in cached]
    if missing:
        fresh = dict.fromkeys(missing, (0, 0))
        fresh.update(_count(missing, today))
        cache.set_many({keys[pk]: value for pk, value in fresh.items()}, CACHE_SECONDS)
        result.update(fresh)
    return {pk: value for pk, value in result.items() if value[0]}


def by_team(organisation_id: int, today: datetime.date) -> dict[int | None, tuple[int, int]]:
    """{team id (None: roster people with no team): (frontline staff, trained)} for one organisation; not cached
    (one page reads it)."""
    return {team: value for (_, team), value in _by_team([organisation_id], today).items()}


def _by_team(ids, today) -> dict[tuple[int, int | None], tuple[int, int]]:
    valid = TrainingRecord.objects.for_organisations(ids).valid_on(today)
    # Trained through a record naming them on the roster, or naming their account (linked by email address).
    through_account = valid.filter(
        organisation_id=OuterRef("organisation_id"), membership__user__email__iexact=OuterRef("email")
    )
    trained = Q(pk__in=valid.filter(staff_member__isnull=False).values("staff_member_id")) | (
        ~Q(email="") & Q(Exists(through_account))
    )
    roster = StaffMember.objects.filter(organisation_id__in=ids).frontline().in_post_on(today)
    rows = roster.values("organisation_id", "team_id").annotate(staff=Count("pk"), trained=Count("pk", filter=trained))
    result = {(row["organisation_id"], row["team_id"]): (row["staff"], row["trained"]) for row in rows.order_by()}
    stated = [
        (org, team, headcount)
        for org, team, headcount in Team.objects.filter(organisation_id__in=ids, establishment__gt=0).values_list(
            "organisation_id", "pk", "establishment"
        )
        if (org, team) not in result
    ]
    if stated:
        members = (
            Membership.objects.filter(team_id__in=[team for _, team, _ in stated], role=Role.FRONTLINE, is_active=True)
            .values("organisation_id", "team_id")
            .annotate(trained=Count("pk", filter=Q(pk__in=valid.values("membership_id"))))
            .order_by()
        )
        members_trained = {(row["organisation_id"], row["team_id"]): row["trained"] for row in members}
        for org, team, headcount in stated:
            result[(org, team)] = (headcount, min(members_trained.get((org, team), 0), headcount))
    return result


def _count(ids, today):
    totals = {}
    for (org, _), (staff, trained) in _by_team(ids, today).items():
        before = totals.get(org, (0, 0))
        totals[org] = (before[0] + staff, before[1] + trained)
    return totals


def changed(organisation_id: int) -> None:
    """Forget the organisation's cached counts (every day's) by moving to a new version."""
    key = _version_key(organisation_id)
    cache.add(key, 0, None)
    cache.incr(key)


def _on_write(sender, instance, **kwargs):
    # Now, for reads later in the same transaction, and again after commit, so that a count computed by another
    # request between this write and its commit is never kept under the new version.
    organisation_id = instance.organisation_id
    changed(organisation_id)
    transaction.on_commit(lambda: changed(organisation_id))


def connect() -> None:
    for model in (TrainingRecord, Membership, StaffMember, Team):
        post_save.connect(_on_write, sender=model, dispatch_uid=f"coverage-save-{model.__name__}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"coverage-delete-{model.__name__}")
