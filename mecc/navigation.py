"""The header's navigation: the areas the signed-in member's role can use, the current one marked.

Each entry names the capability its page needs (the same table the views check), so the header never offers a
link that answers 403, and the URL names of the pages that belong to the area, so the area stays marked on them.
"""

from django.urls import reverse

from organisations.roles import Capability

LOG_PAGES = {"contacts:log", "contacts:mine", "contacts:conversation_edit", "contacts:conversation_delete",
             "contacts:conversation_history"}  # fmt: skip
SC8_PAGES = {"evaluation:sc8", "evaluation:sc8_provider", "evaluation:sc8_thresholds", "evaluation:sc8_report_detail"}
MEMBER_PAGES = {"organisations:members", "organisations:member_edit", "organisations:teams", "organisations:team_edit",
                "organisations:roster", "organisations:roster_add", "organisations:roster_edit",
                "organisations:roster_import", "organisations:api_tokens"}  # fmt: skip
# (label, the area's page, the capability it needs, the pages that belong to it: a name ending in ":" is an app)
AREAS = [
    ("Home", "organisations:home", None, {"organisations:home"}),
    ("Log", "contacts:log", Capability.LOG_CONVERSATIONS, LOG_PAGES),
    ("Conversations", "contacts:conversations", Capability.VIEW_CONVERSATIONS,
     {"contacts:conversations", "evaluation:summary", "contacts:import", "contacts:import_detail"}),
    ("Directory", "contacts:services", Capability.VIEW_DIRECTORY,
     {"contacts:services", "contacts:service_create", "contacts:service_edit"}),
    ("Implementation", "implementation:checklist", Capability.VIEW_CHECKLIST, {"implementation:"}),
    ("Assessment", "assessment:list", Capability.VIEW_ASSESSMENT, {"assessment:"}),
    ("Training", "training:resources", Capability.VIEW_TRAINING, {"training:"}),
    ("Reports", "evaluation:reports", Capability.REPORTS, {"evaluation:reports", "evaluation:report_detail"}),
    ("SC8", "evaluation:sc8", Capability.VIEW_PROVIDER_PORTFOLIO, SC8_PAGES),
    ("SC8", "evaluation:sc8_own", Capability.VIEW_OWN_SC8, {"evaluation:sc8_own"}),
    ("Providers", "organisations:providers", Capability.VIEW_PROVIDER_PORTFOLIO, {"organisations:providers"}),
    ("Members", "organisations:members", Capability.VIEW_MEMBERS, MEMBER_PAGES),
]  # fmt: skip


def _is_current(view_name: str, names: set[str]) -> bool:
    return any(view_name == name or (name.endswith(":") and view_name.startswith(name)) for name in names)


def navigation(request):
    membership = getattr(request, "membership", None)
    if membership is None:
        return {}
    view_name = request.resolver_match.view_name if request.resolver_match else ""
    items, labels = [], set()
    for label, url_name, capability, names in AREAS:
        if label in labels or (capability is not None and not membership.can(capability)):
            continue  # the first of two entries with one label the role can use stands (an admin's SC8)
        labels.add(label)
        url = reverse(url_name, args=[membership.organisation.slug])
        items.append({"label": label, "url": url, "current": _is_current(view_name, names)})
    return {"navigation": items}
