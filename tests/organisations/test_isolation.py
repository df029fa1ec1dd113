"""Cross-tenant isolation for every URL of the project, and the role each organisation URL admits.

The walk enumerates the URL resolver, so a URL added later that this file does not describe fails
test_every_url_is_described: describe it in ORGANISATION_URLS (with how to build its objects and the roles it
admits) or in one of the non-organisation lists, and it is then checked like the others.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from assessment.publishing import install_shipped_scheme
from implementation import services as implementation_services
from implementation.models import ChecklistItem, EvidenceFile, Objective, TeamPlan
from organisations.models import ExportJob, Membership, Organisation
from organisations.roles import COMMISSIONING_CAPABILITIES, Role, role_can
from tests.assessment.factories import rated_assessment
from tests.contacts.factories import ConversationFactory, ConversationImportFactory, ServiceFactory
from tests.evaluation.factories import EvaluationReportFactory
from tests.organisations.factories import (
    ApiTokenFactory,
    ContractFactory,
    InvitationFactory,
    MembershipFactory,
    OrganisationFactory,
    StaffMemberFactory,
    TeamFactory,
)
from training import services
from training.checklists import install_shipped as install_shipped_checklist
from training.models import MarkerEvidenceFile, TrainingResource, TrainingSession

# Every test runs in its own transaction, rolled back afterwards, over the module's shared world.
pytestmark = pytest.mark.django_db

ALL_ROLES = frozenset(Role)
ADMIN = frozenset({Role.ORG_ADMIN})
LOGGERS = frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER, Role.FRONTLINE, Role.TRAINER})
READERS = frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER, Role.BOARD_MEMBER})
IMPORTERS = frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD})
IMPLEMENTERS = frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER, Role.BOARD_MEMBER, Role.TRAINER})
SIGNERS = frozenset({Role.BOARD_MEMBER})
TRAINING_READERS = frozenset(
    {Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TRAINER, Role.TEAM_MANAGER, Role.BOARD_MEMBER}
)
TRAINERS = frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TRAINER})
ASSESSMENT_READERS = frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.BOARD_MEMBER, Role.TEAM_MANAGER})
REPORT_READERS = frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.BOARD_MEMBER})


@dataclass(frozen=True)
class OrgUrl:
    roles: frozenset  # roles that may use it; every other role gets 403
    objects: str = ""  # which object of the world fills <pk>
    post_only: bool = False
    extra: tuple = ()  # other URL arguments, as (name, value) pairs
    pk_name: str = "pk"  # the URL argument the object fills
    personal: bool = False  # the object is the requester's own: everyone else, whatever their role, gets 404


# Every URL under /o/<org_slug>/.
ORGANISATION_URLS: dict[str, OrgUrl] = {
    "organisations:home": OrgUrl(ALL_ROLES),
    "organisations:members": OrgUrl(frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER})),
    "organisations:member_edit": OrgUrl(ADMIN, "membership"),
    "organisations:member_set_active": OrgUrl(ADMIN, "membership", post_only=True),
    "organisations:teams": OrgUrl(frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER})),
    "organisations:team_edit": OrgUrl(ADMIN, "team"),
    "organisations:roster": OrgUrl(frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.TEAM_MANAGER})),
    "organisations:roster_add": OrgUrl(frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD})),
    "organisations:roster_edit": OrgUrl(frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD}), "staff_member"),
    "organisations:roster_import": OrgUrl(frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD})),
    "organisations:roster_template": OrgUrl(frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD})),
    "organisations:api_tokens": OrgUrl(frozenset({Role.ORG_ADMIN, Role.COMMISSIONER})),
    "organisations:api_token_revoke": OrgUrl(
        frozenset({Role.ORG_ADMIN, Role.COMMISSIONER}), "api_token", post_only=True
    ),
    "organisations:invitations": OrgUrl(ADMIN),
    "organisations:invitation_resend": OrgUrl(ADMIN, "invitation", post_only=True),
    "organisations:invitation_revoke": OrgUrl(ADMIN, "invitation", post_only=True),
    "organisations:contracts": OrgUrl(ADMIN),
    "organisations:contract_respond": OrgUrl(ADMIN, "contract"),
    "organisations:contract_withdraw": OrgUrl(ADMIN, "contract", post_only=True),
    "organisations:providers": OrgUrl(frozenset({Role.ORG_ADMIN, Role.COMMISSIONER})),
    "organisations:data_export": OrgUrl(ADMIN),
    "organisations:audit_trail": OrgUrl(ADMIN),
    "organisations:notifications": OrgUrl(ALL_ROLES),
    # A prepared download of the conversation log: the person who asked for it, while their role reads the log.
    "organisations:export_detail": OrgUrl(READERS, "export", personal=True),
    "organisations:export_download": OrgUrl(READERS, "export", personal=True),
    "contacts:log": OrgUrl(LOGGERS),
    "contacts:mine": OrgUrl(LOGGERS),
    "contacts:conversations": OrgUrl(READERS),
    "evaluation:summary": OrgUrl(READERS),
    # Someone else's conversation: only an admin may change it (the recorder may, within 24 hours).
    "contacts:conversation_edit": OrgUrl(ADMIN, "conversation"),
    "contacts:conversation_delete": OrgUrl(ADMIN, "conversation"),
    "contacts:conversation_history": OrgUrl(ADMIN, "conversation"),
    "contacts:import": OrgUrl(IMPORTERS),
    "contacts:import_template": OrgUrl(IMPORTERS),
    "contacts:import_detail": OrgUrl(IMPORTERS, "import"),
    "contacts:services": OrgUrl(ALL_ROLES),
    "contacts:service_create": OrgUrl(IMPORTERS),
    "contacts:service_edit": OrgUrl(IMPORTERS, "service"),
    "contacts:directory_feed": OrgUrl(IMPORTERS),
    "assessment:list": OrgUrl(ASSESSMENT_READERS),
    "assessment:start": OrgUrl(IMPORTERS),
    "assessment:compare": OrgUrl(ASSESSMENT_READERS),
    "assessment:detail": OrgUrl(ASSESSMENT_READERS, "assessment"),
    "assessment:domain": OrgUrl(IMPORTERS, "assessment", extra=(("domain", "staff"),)),
    "assessment:check": OrgUrl(IMPORTERS, "rated_draft"),
    "assessment:complete": OrgUrl(IMPORTERS, "assessment", post_only=True),
    "assessment:results": OrgUrl(ASSESSMENT_READERS, "completed_assessment"),
    "implementation:checklist": OrgUrl(IMPLEMENTERS),
    "implementation:programme": OrgUrl(IMPLEMENTERS),
    "implementation:item_accept": OrgUrl(IMPORTERS, "item", post_only=True),
    "implementation:library": OrgUrl(ALL_ROLES),
    "implementation:library_download": OrgUrl(ALL_ROLES, "library_file"),
    "implementation:library_remove": OrgUrl(TRAINERS, "library_item", post_only=True),
    "implementation:item": OrgUrl(IMPLEMENTERS, "item"),
    "implementation:item_upload": OrgUrl(IMPORTERS, "item", post_only=True),
    "implementation:evidence": OrgUrl(IMPLEMENTERS, "evidence"),
    "implementation:objectives": OrgUrl(IMPLEMENTERS),
    "implementation:objective_edit": OrgUrl(IMPORTERS, "objective"),
    "implementation:objective_sign_off": OrgUrl(SIGNERS, "objective", post_only=True),
    "implementation:rollout": OrgUrl(IMPLEMENTERS),
    "implementation:team_priority": OrgUrl(IMPORTERS, "team", pk_name="team_pk"),
    "implementation:team_plan": OrgUrl(IMPLEMENTERS, "team", pk_name="team_pk"),
    "implementation:team_plan_sign_off": OrgUrl(IMPORTERS, "planned_team", post_only=True, pk_name="team_pk"),
    "training:resources": OrgUrl(TRAINING_READERS),
    "training:resource": OrgUrl(TRAINING_READERS, "resource"),
    "training:evaluation": OrgUrl(TRAINERS, "evaluation"),
    "training:evaluation_results": OrgUrl(TRAINING_READERS, "completed_evaluation"),
    "training:sessions": OrgUrl(TRAINING_READERS),
    "training:session": OrgUrl(TRAINING_READERS, "session"),
    "training:survey": OrgUrl(ALL_ROLES, "session", extra=(("stage", "pre"),)),
    "training:survey_cards": OrgUrl(TRAINERS, "session", post_only=True),
    "training:records": OrgUrl(TRAINING_READERS),
    "training:evidence": OrgUrl(TRAINING_READERS, "training_evidence"),
    "training:coverage": OrgUrl(TRAINING_READERS),
    "training:skills": OrgUrl(ALL_ROLES - {Role.COMMISSIONER}),
    "training:skills_profile": OrgUrl(TRAINING_READERS),
    "evaluation:sc8": OrgUrl(frozenset({Role.ORG_ADMIN, Role.COMMISSIONER})),
    "evaluation:sc8_provider": OrgUrl(
        frozenset({Role.ORG_ADMIN, Role.COMMISSIONER}), "consenting_provider", pk_name="provider_pk"
    ),  # fmt: skip
    "evaluation:sc8_thresholds": OrgUrl(frozenset({Role.ORG_ADMIN, Role.COMMISSIONER}), "commissioned_contract"),
    "evaluation:sc8_own": OrgUrl(frozenset({Role.ORG_ADMIN, Role.IMPLEMENTATION_LEAD, Role.BOARD_MEMBER})),
    "evaluation:sc8_report_request": OrgUrl(frozenset({Role.ORG_ADMIN, Role.COMMISSIONER}), post_only=True),
    "evaluation:sc8_report_detail": OrgUrl(frozenset({Role.ORG_ADMIN, Role.COMMISSIONER}), "portfolio_report"),
    "evaluation:sc8_report_retry": OrgUrl(
        frozenset({Role.ORG_ADMIN, Role.COMMISSIONER}), "portfolio_report", post_only=True
    ),  # fmt: skip
    "evaluation:sc8_report_download": OrgUrl(frozenset({Role.ORG_ADMIN, Role.COMMISSIONER}), "portfolio_report"),
    "evaluation:reports": OrgUrl(REPORT_READERS),
    "evaluation:report_schedule": OrgUrl(IMPORTERS, post_only=True),
    "evaluation:report_detail": OrgUrl(REPORT_READERS, "report"),
    "evaluation:report_retry": OrgUrl(REPORT_READERS, "report", post_only=True),
    "evaluation:report_download": OrgUrl(REPORT_READERS, "report"),
}

# URLs that belong to no organisation: public pages, the caller's own account, the admin (platform staff).
PUBLIC_URLS = {"home", "health", "ready", "accessibility", "privacy", "switch_organisation", "service_worker"}
# Open Referral UK feeds: open to anyone, only for an organisation that publishes, only its shared active entries
# (tests/contacts/test_openreferral.py).
OPEN_FEED_URLS = {"openreferral_root", "openreferral_services", "openreferral_service"}
# The analysts' API: a bearer token of one organisation reads only that organisation (tests/evaluation/test_api.py).
API_URLS = {f"api:{name}" for name in ("api-root", "openapi-json", "organisation", "conversations", "coverage",
                                       "checklist", "assessment", "own_sc8", "providers", "provider")}  # fmt: skip
# Reachable only with a token: invitations (tested in test_invitations) and survey answer cards (test_survey_cards).
TOKEN_URLS = {"invitation_accept", "survey_card"}
NON_ORGANISATION_PREFIXES = ("accounts/", "admin/")  # django-allauth and the Django admin


def walk(resolver=None, prefix="", namespace="", params=frozenset()):
    """Yield (name, route, parameter names) for every URL pattern in the project, with the parameters of the
    prefixes it is included under (the organisation slug is written once, in mecc/urls.py)."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        route = prefix + str(pattern.pattern)
        own = params | set(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            child_namespace = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from walk(pattern, route, child_namespace, own)
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
            yield name, route, own


def organisation_routes():
    return sorted((name, route) for name, route, params in walk() if "org_slug" in params)


def test_every_url_is_described():
    undescribed = []
    for name, route, params in walk():
        if route.startswith(NON_ORGANISATION_PREFIXES):
            continue
        if "org_slug" in params:
            if name not in ORGANISATION_URLS:
                undescribed.append(f"{route} ({name}): organisation URL missing from ORGANISATION_URLS")
        elif name not in PUBLIC_URLS | TOKEN_URLS | OPEN_FEED_URLS | API_URLS:
            undescribed.append(f"{route} ({name}): not classified as public or token URL")
    assert not undescribed, "\n".join(undescribed)


def test_described_urls_still_exist():
    names = {name for name, _, _ in walk()}
    assert set(ORGANISATION_URLS) <= names
    assert names >= PUBLIC_URLS | TOKEN_URLS | OPEN_FEED_URLS | API_URLS


def test_every_organisation_url_goes_through_the_tenancy_mechanism():
    resolver = get_resolver()
    for name, _ in organisation_routes():
        url = _url(name, "any-slug", 1 if ORGANISATION_URLS[name].objects else None)
        view = resolver.resolve(url).func
        assert hasattr(view, "organisation_capability"), f"{name} is not wrapped by organisation_view"


class World:
    """Two organisations, each with one of every object an organisation URL can name."""

    def __init__(self):
        # The home organisation commissions (an ICB), so the walk reaches the commissioner's pages too; a trust's
        # refusal of those is test_a_provider_has_no_commissioning_pages below.
        self.home = OrganisationFactory(kind=Organisation.Kind.ICB)
        self.other = OrganisationFactory(kind=Organisation.Kind.ICB)
        self.admin = MembershipFactory(organisation=self.home, role=Role.ORG_ADMIN)
        self.objects = {org.pk: self._objects_of(org) for org in (self.home, self.other)}

    @staticmethod
    def _objects_of(org):
        return {
            "membership": MembershipFactory(organisation=org, role=Role.FRONTLINE),
            "team": TeamFactory(organisation=org),
            "staff_member": StaffMemberFactory(organisation=org),
            "api_token": ApiTokenFactory(organisation=org),
            "invitation": InvitationFactory(organisation=org),
            "contract": ContractFactory(provider=org),
            "conversation": ConversationFactory(organisation=org, recorded_by=MembershipFactory(organisation=org).user),
            "import": ConversationImportFactory(organisation=org),
            "export": prepared_download(MembershipFactory(organisation=org, role=Role.ORG_ADMIN)),
            "service": ServiceFactory(organisation=org),
            "report": EvaluationReportFactory(
                organisation=org, status="ready", file=ContentFile(b"%PDF-1.7 report", name="report.pdf")
            ),
            "portfolio_report": EvaluationReportFactory(
                organisation=org,
                kind="sc8_portfolio",
                status="ready",
                file=ContentFile(b"%PDF-1.7 portfolio", name="portfolio.pdf"),
            ),
            "assessment": rated_assessment(MembershipFactory(organisation=org), "cbc-------", complete=False),
            "completed_assessment": rated_assessment(MembershipFactory(organisation=org), "cbcdcbbcbc"),
            "rated_draft": rated_assessment(MembershipFactory(organisation=org), "cbcdcbbcbc", complete=False),
            **implementation_objects(org),
            **training_objects(org),
            **commissioning_objects(org),
        }

    def pk(self, org, kind):
        return self.objects[org.pk][kind].pk if kind else None


def implementation_objects(org) -> dict:

    item = ChecklistItem.objects.for_organisation(org).first()
    owner = MembershipFactory(organisation=org).user
    planned_team = TeamFactory(organisation=org)
    TeamPlan.objects.create(organisation=org, team=planned_team)
    return {
        "item": item,
        "evidence": EvidenceFile.objects.create(
            organisation=org,
            item=item,
            file=ContentFile(b"%PDF-1.4 minutes", name="x"),
            original_name="minutes.pdf",
            content_type="application/pdf",
            size=16,
        ),  # fmt: skip
        "objective": Objective.objects.create(
            organisation=org,
            term="short",
            statement="Train staff",
            owner=owner,
            measure="manual",
            target=10,
            deadline=datetime.date(2030, 1, 1),
        ),  # fmt: skip
        "team": TeamFactory(organisation=org),
        "planned_team": planned_team,
        "library_file": implementation_services.add_library_item(
            org,
            title="Our prompt card",
            description="",
            entry="prompt_card",
            link="",
            added_by=owner,
            upload=ContentFile(b"%PDF-1.4 card", name="card.pdf"),
            content_type="application/pdf",
        ),  # fmt: skip
        "library_item": implementation_services.add_library_item(
            org,
            title="Local campaign",
            description="",
            entry="",
            link="https://www.example.org/campaign",
            added_by=owner,
            upload=None,
            content_type="",
        ),  # fmt: skip
    }


def prepared_download(member) -> ExportJob:
    return ExportJob.objects.create(
        organisation=member.organisation, requested_by=member.user, kind=ExportJob.Kind.CONVERSATIONS,
        status=ExportJob.Status.READY, file=ContentFile(b"PK xlsx", name="log.xlsx"), file_name="log.xlsx", size=7,
    )  # fmt: skip


def commissioning_objects(org) -> dict:
    """This organisation as a commissioner: a provider that has accepted its contract."""
    contract = ContractFactory(commissioner=org, status="accepted")
    return {"consenting_provider": contract.provider, "commissioned_contract": contract}


def training_objects(org) -> dict:
    resource = TrainingResource.objects.create(
        organisation=org, name="MECC e-learning", delivery="e_learning", intervention_level="very_brief",
        competence_level="core",
    )  # fmt: skip
    user = MembershipFactory(organisation=org).user
    completed = services.start_evaluation(resource, user)
    completed.status, completed.completed_at = "complete", datetime.datetime.now(datetime.UTC)
    completed.save()
    return {
        "resource": resource,
        "evaluation": services.start_evaluation(resource, user),
        "completed_evaluation": completed,
        "session": TrainingSession.objects.create(organisation=org, resource=resource, date=datetime.date(2026, 5, 1)),
        "training_evidence": MarkerEvidenceFile.objects.create(
            organisation=org,
            rating=completed.ratings.first(),
            file=ContentFile(b"%PDF-1.4", name="x"),
            original_name="slides.pdf",
            content_type="application/pdf",
            size=8,
        ),  # fmt: skip
    }


def _url(name, slug, pk=None):
    spec = ORGANISATION_URLS[name]
    kwargs = {"org_slug": slug, **dict(spec.extra)}
    if pk is not None:
        kwargs[spec.pk_name] = pk
    return reverse(name, kwargs=kwargs)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module: every test reads it inside its own transaction, rolled back afterwards, so none
    sees another's changes. Then removed, with the content the migrations ship put back for the tests that follow
    (as after a transactional test)."""
    with django_db_blocker.unblock():
        built = World()
    yield built
    with django_db_blocker.unblock():
        call_command("flush", "--no-input", verbosity=0)
        install_shipped_scheme()
        install_shipped_checklist()


@pytest.mark.parametrize("name", sorted(ORGANISATION_URLS))
def test_member_of_another_organisation_gets_404(client, world, name):
    spec = ORGANISATION_URLS[name]
    client.force_login(world.admin.user)
    # Another organisation's slug with that organisation's own objects.
    url = _url(name, world.other.slug, world.pk(world.other, spec.objects))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("name", sorted(n for n, spec in ORGANISATION_URLS.items() if spec.objects))
def test_own_organisation_slug_with_another_organisations_object_gets_404(client, world, name):
    spec = ORGANISATION_URLS[name]
    # A role allowed to use the URL: the admin, or (for board sign-off) the one role that may.
    allowed = (
        world.admin
        if Role.ORG_ADMIN in spec.roles
        else MembershipFactory(organisation=world.home, role=min(spec.roles))
    )
    client.force_login(allowed.user)
    url = _url(name, world.home.slug, world.pk(world.other, spec.objects))
    assert client.get(url).status_code == (405 if spec.post_only else 404)
    assert client.post(url).status_code == 404


@pytest.mark.parametrize("name", sorted(ORGANISATION_URLS))
def test_anonymous_user_is_sent_to_sign_in(client, world, name):
    spec = ORGANISATION_URLS[name]
    url = _url(name, world.other.slug, world.pk(world.other, spec.objects))
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize("name", sorted(ORGANISATION_URLS))
def test_deactivated_member_gets_404(client, world, name):
    spec = ORGANISATION_URLS[name]
    admin = Membership.objects.get(pk=world.admin.pk)  # a copy: the shared world's own object stays as built
    admin.is_active = False
    admin.save()
    client.force_login(admin.user)
    url = _url(name, world.home.slug, world.pk(world.home, spec.objects))
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("role", sorted(Role))
@pytest.mark.parametrize("name", sorted(ORGANISATION_URLS))
def test_each_role_is_admitted_or_refused_as_declared(client, world, name, role):
    spec = ORGANISATION_URLS[name]
    member = MembershipFactory(organisation=world.home, role=role)
    client.force_login(member.user)
    url = _url(name, world.home.slug, world.pk(world.home, spec.objects))
    if spec.personal:
        assert client.get(url).status_code == 404  # someone else's, whatever this role may do
        url = _url(name, world.home.slug, prepared_download(member).pk)
    response = client.get(url)
    if role not in spec.roles:
        assert response.status_code == 403
        assert client.post(url).status_code == 403
    elif spec.post_only:
        assert response.status_code == 405
    else:
        assert response.status_code == 200


def _post_capability(name):
    url = _url(name, "any-slug", 1 if ORGANISATION_URLS[name].objects else None)
    return get_resolver().resolve(url).func.organisation_post_capability


def write_declared_urls():
    return sorted(name for name in ORGANISATION_URLS if _post_capability(name) is not None)


@pytest.mark.parametrize("name", write_declared_urls())
def test_roles_that_may_read_but_not_write_are_refused_a_post(client, world, name):
    """organisation_view(read, post=write): the write half of a page is declared, and refused with 403."""
    spec, post = ORGANISATION_URLS[name], _post_capability(name)
    for role in [role for role in sorted(spec.roles) if not role_can(role, post)]:
        member = MembershipFactory(organisation=world.home, role=role)
        client.force_login(member.user)
        url = _url(name, world.home.slug, world.pk(world.home, spec.objects))
        assert client.get(url).status_code == 200, role
        assert client.post(url).status_code == 403, role


def test_the_write_declarations_are_not_vacuous():
    """At least the checklist, objectives, teams and training pages have readers who may not write."""
    names = write_declared_urls()
    assert {"implementation:checklist", "implementation:objectives", "organisations:teams", "training:records"} <= set(
        names
    )
    assert all(any(not role_can(r, _post_capability(n)) for r in ORGANISATION_URLS[n].roles) for n in names)


def commissioning_urls():
    return sorted(
        name
        for name in ORGANISATION_URLS
        if _view_capability(name) in COMMISSIONING_CAPABILITIES or _post_capability(name) in COMMISSIONING_CAPABILITIES
    )


def _view_capability(name):
    url = _url(name, "any-slug", 1 if ORGANISATION_URLS[name].objects else None)
    return get_resolver().resolve(url).func.organisation_capability


@pytest.mark.parametrize("name", commissioning_urls())
def test_a_provider_has_no_commissioning_pages(client, world, name):
    """Walkthrough 30: a trust has no providers to follow, so even its admin is refused the portfolio, the
    Providers page and target setting, not shown an empty portfolio."""
    spec = ORGANISATION_URLS[name]
    trust = OrganisationFactory(kind=Organisation.Kind.NHS_TRUST)
    for role in spec.roles:
        member = MembershipFactory(organisation=trust, role=role)
        client.force_login(member.user)
        url = _url(name, trust.slug, world.pk(world.home, spec.objects))
        # Refused before any object is looked up, so another organisation's object in the address changes nothing.
        assert client.get(url).status_code == 403, role
        assert client.post(url).status_code == 403, role


def test_the_commissioning_pages_are_found():
    assert {"evaluation:sc8", "organisations:providers", "evaluation:sc8_thresholds"} <= set(commissioning_urls())
