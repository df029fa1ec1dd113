"""Template context for every page: the current organisation and membership, and all the caller's memberships."""

from django.utils import timezone
from django.utils.functional import SimpleLazyObject

from organisations import notifications
from organisations.models import Membership


def organisation_context(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    organisation = getattr(request, "organisation", None)
    return {
        # Lazy: counted only when the header shows it, on an organisation's pages.
        "unread_notifications": SimpleLazyObject(
            lambda: notifications.unread_count(user, organisation) if organisation else 0
        ),
        "today_date": timezone.localdate(),
        "organisation": getattr(request, "organisation", None),
        "membership": getattr(request, "membership", None),
        # Lazy: only pages that show the organisation switcher run the query.
        "my_memberships": SimpleLazyObject(
            lambda: list(Membership.objects.active().filter(user=user).select_related("organisation"))
        ),
    }
