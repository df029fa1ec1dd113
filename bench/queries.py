"""SQL queries per main page, for the large provider and for the small one: a page whose count grows with the rows
it shows has an N+1 somewhere. Counted on the second request (the first fills per-day caches)."""

from bench.generate import World

PROVIDER_PAGES = [
    # (URL name, role that opens it)
    ("organisations:home", "implementation_lead"),
    ("organisations:members", "org_admin"),
    ("organisations:teams", "org_admin"),
    ("organisations:invitations", "org_admin"),
    ("organisations:contracts", "org_admin"),
    ("organisations:audit_trail", "org_admin"),
    ("contacts:log", "frontline"),
    ("contacts:mine", "frontline"),
    ("contacts:conversations", "implementation_lead"),
    ("evaluation:summary", "implementation_lead"),
    ("contacts:services", "implementation_lead"),
    ("contacts:import", "implementation_lead"),
    ("evaluation:reports", "implementation_lead"),
    ("evaluation:sc8_own", "org_admin"),
    ("assessment:list", "implementation_lead"),
    ("implementation:checklist", "implementation_lead"),
    ("implementation:objectives", "implementation_lead"),
    ("implementation:rollout", "implementation_lead"),
    ("training:resources", "trainer"),
    ("training:sessions", "trainer"),
    ("training:records", "trainer"),
    ("training:coverage", "implementation_lead"),
]
COMMISSIONER_PAGES = ["evaluation:sc8", "organisations:providers"]


def count_queries(world: World) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from organisations.models import Membership

    def frontline(organisation_id):
        return Membership.objects.filter(organisation_id=organisation_id, role="frontline").order_by("pk")[0].user_id

    def queries(user_id, url):
        from organisations.models import User

        client = Client()
        client.force_login(User.objects.get(pk=user_id))
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200, url
        return len(captured)

    sides = {
        "large": (world.large_slug, world.large_id, world.icb_slug),
        "small": (world.small_slug, world.small_id, world.small_icb_slug),
    }
    rows = {}
    for name, role in PROVIDER_PAGES:
        counts = {}
        for side, (slug, pk, _) in sides.items():
            user = frontline(pk) if role == "frontline" else world.people[(slug, role)]
            counts[side] = queries(user, reverse(name, args=[slug]))
        rows[name] = counts
    for name in [*COMMISSIONER_PAGES, "evaluation:sc8_provider"]:
        counts = {}
        for side, (_, pk, icb) in sides.items():
            args = [icb, pk] if name == "evaluation:sc8_provider" else [icb]
            counts[side] = queries(world.people[(icb, "commissioner")], reverse(name, args=args))
        rows[name] = counts
    for counts in rows.values():
        counts["grows"] = counts["large"] > counts["small"]
    return rows
