"""Real pages in Chromium: sign in, organisation home, members, invitation acceptance and every other page of
the foundation, each checked with axe-core (zero violations) at desktop width and at 360px."""

import re

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.utils import timezone

from organisations import services
from organisations.models import Membership, Organisation, Team, User
from organisations.roles import Role
from tests.browser.conftest import PHONE, assert_accessible, assert_fits_phone, sign_in, submit
from tests.organisations.factories import (
    PASSWORD,
    ApiTokenFactory,
    ContractFactory,
    ExportJobFactory,
    InvitationFactory,
    MembershipFactory,
    NotificationFactory,
    OrganisationFactory,
    StaffMemberFactory,
    TeamFactory,
)


@pytest.fixture
def trust(transactional_db):
    organisation = OrganisationFactory(name="Northgate Hospitals NHS Trust", slug="northgate", ods_code="RX1")
    for name in ("Emergency department", "Maternity", "Outpatient physiotherapy"):
        TeamFactory(organisation=organisation, name=name)
    return organisation


@pytest.fixture
def admin(trust):
    return MembershipFactory(organisation=trust, role=Role.ORG_ADMIN, user__full_name="Alex Admin")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_sign_in_lands_on_the_organisation_home(new_page, live_server, admin, javascript):
    page = new_page(javascript=javascript)
    page.goto(live_server.url + "/accounts/login/")
    assert_accessible(page)
    sign_in(page, live_server, admin.user.email, "wrong password")
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert_accessible(page)
    sign_in(page, live_server, admin.user.email, PASSWORD)
    assert page.url == f"{live_server.url}/o/{admin.organisation.slug}/"
    assert page.get_by_role("heading", level=1).inner_text() == "Hello, Alex"
    assert_accessible(page)


@pytest.mark.parametrize("role", [Role.ORG_ADMIN, Role.FRONTLINE, Role.COMMISSIONER, Role.BOARD_MEMBER])
def test_home_page_on_a_phone(new_page, live_server, trust, role):
    member = MembershipFactory(organisation=trust, role=role)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, member.user.email, PASSWORD)
    assert member.get_role_display() in page.locator("main").inner_text()
    assert_accessible(page)
    assert_fits_phone(page, f"home-{role}")


def test_members_page_filters_and_fits_a_phone(new_page, live_server, admin):
    trainer = MembershipFactory(organisation=admin.organisation, role=Role.TRAINER, user__full_name="Tara Trainer")
    MembershipFactory(organisation=admin.organisation, role=Role.FRONTLINE, user__full_name="Fred Frontline")
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, admin.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/{admin.organisation.slug}/members/")
    assert_accessible(page)
    assert_fits_phone(page, "members")
    page.get_by_label("Role").select_option(label="Trainer")
    submit(page, "Filter members")
    table = page.locator("#members").inner_text()
    assert trainer.user.full_name in table and "Fred Frontline" not in table
    assert_accessible(page)
    # Deactivating asks first (walkthrough 28), on a page that passes axe too.
    page.goto(f"{live_server.url}/o/{admin.organisation.slug}/members/{trainer.pk}/")
    submit(page, "Deactivate member")
    assert page.locator("h1").inner_text() == "Deactivate Tara Trainer?"
    assert_accessible(page)
    assert_fits_phone(page, "member-deactivate")
    assert Membership.objects.get(pk=trainer.pk).is_active
    submit(page, "Yes, deactivate")
    assert "has been deactivated" in page.locator("main").inner_text()
    assert not Membership.objects.get(pk=trainer.pk).is_active


def test_invitation_is_accepted_in_the_browser(new_page, live_server, admin, django_capture_on_commit_callbacks):
    page = new_page()
    sign_in(page, live_server, admin.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/{admin.organisation.slug}/invitations/")
    assert_accessible(page)
    submit(page, "Send invitation")
    assert page.locator(".nhsuk-error-summary").is_visible()
    assert_accessible(page)
    page.get_by_label("Email address").fill("newcomer@example.nhs.uk")
    page.get_by_label("Team manager").check()
    page.get_by_label("Team (optional)").select_option(label="Maternity")
    submit(page, "Send invitation")
    assert "Invitation sent to newcomer@example.nhs.uk" in page.locator("main").inner_text()
    assert_accessible(page)

    link = re.search(r"https?://[^/\s]+(/invitations/[^\s]+/)", mail.outbox[-1].body).group(1)
    phone = new_page(viewport=PHONE, javascript=False)
    phone.goto(live_server.url + link)
    assert_accessible(phone)
    assert_fits_phone(phone, "invitation-accept")
    submit(phone, "Create account and join")
    assert phone.locator(".nhsuk-error-summary").is_visible()
    assert_accessible(phone)
    phone.get_by_label("Full name").fill("Nia Newcomer")
    phone.get_by_label("Create a password").fill(PASSWORD)
    phone.get_by_label("Confirm your password").fill(PASSWORD)
    submit(phone, "Create account and join")
    assert phone.url == f"{live_server.url}/o/{admin.organisation.slug}/"
    assert "Team manager" in phone.locator("main").inner_text()
    user = User.objects.get(email="newcomer@example.nhs.uk")
    assert Membership.objects.get(user=user).team.name == "Maternity"


ADMIN_PAGES = [
    "/",
    "/organisations/",
    "/o/{slug}/",
    "/o/{slug}/members/",
    "/o/{slug}/members/{member}/",
    "/o/{slug}/teams/",
    "/o/{slug}/teams/{team}/",
    "/o/{slug}/invitations/",
    "/o/{slug}/contracts/",
    "/o/{slug}/contracts/{contract}/respond/",
    "/o/{icb}/providers/",
    "/o/{slug}/roster/",
    "/o/{slug}/roster/new/",
    "/o/{slug}/roster/{person}/",
    "/o/{slug}/roster/import/",
    "/o/{slug}/api-tokens/",
    "/o/{slug}/audit/",
    "/o/{slug}/notifications/",
    "/o/{slug}/export/",
    "/o/{slug}/downloads/{ready}/",
    "/o/{slug}/downloads/{failed}/",
    "/accounts/password/change/",
    "/accounts/email/",
    "/accounts/2fa/",
    "/accessibility/",
]
ANONYMOUS_PAGES = [
    "/",
    "/accounts/login/",
    "/accounts/password/reset/",
    "/accounts/signup/",
    "/no-such-page/",
    "/privacy/",
]


def test_every_foundation_page_passes_axe_and_fits_a_phone(new_page, live_server, admin):
    trust = admin.organisation
    member = MembershipFactory(organisation=trust, role=Role.FRONTLINE)
    MembershipFactory(user=admin.user, role=Role.IMPLEMENTATION_LEAD)  # a second organisation for the switcher
    InvitationFactory(organisation=trust)
    contract = ContractFactory(provider=trust)  # waiting for this trust's answer
    icb = OrganisationFactory(name="NHS Northgate ICB", kind=Organisation.Kind.ICB)
    MembershipFactory(user=admin.user, organisation=icb, role=Role.ORG_ADMIN)  # only a commissioner has providers
    ContractFactory(commissioner=icb, provider=trust, status="accepted")
    person = StaffMemberFactory(organisation=trust, team=trust_team(trust))
    ApiTokenFactory(organisation=trust, created_by=admin.user, name="ICB analytics")
    ready = ExportJobFactory(
        organisation=trust, requested_by=admin.user, kind="archive", status="ready", file_name="mecc-northgate.zip",
        file=ContentFile(b"PK", name="a.zip"), size=2, rows_written=1234, finished_at=timezone.now(),
    )  # fmt: skip
    failed = ExportJobFactory(organisation=trust, requested_by=admin.user, status="failed", message="It failed.")
    NotificationFactory(organisation=trust, user=admin.user, text="NHS North ICB proposes contract MECC-1",
                        path=f"/o/{trust.slug}/contracts/")  # fmt: skip
    values = {"slug": trust.slug, "member": member.pk, "team": trust_team(trust).pk, "contract": contract.pk,
              "ready": ready.pk, "failed": failed.pk, "icb": icb.slug, "person": person.pk}  # fmt: skip
    for viewport, suffix in ((None, "desktop"), (PHONE, "phone")):
        page = new_page(viewport=viewport) if viewport else new_page()
        for path in ANONYMOUS_PAGES:
            page.goto(live_server.url + path)
            check(page, path, suffix)
        sign_in(page, live_server, admin.user.email, PASSWORD)
        for path in ADMIN_PAGES:
            response = page.goto(live_server.url + path.format(**values))
            assert response.status == 200, f"{path} answered {response.status}"
            check(page, path, suffix)


def trust_team(trust):

    return Team.objects.for_organisation(trust).first()


def check(page, path, suffix):
    assert page.locator("#maincontent").count() == 1, f"{path} has no main content"
    assert "[invalid name]" not in page.content(), f"{path} has a field without a label"
    assert_accessible(page)
    if suffix == "phone":
        assert_fits_phone(page, re.sub(r"[^a-z0-9]+", "-", path).strip("-") or "start")


def test_invitation_link_for_existing_account_without_javascript(new_page, live_server, admin):
    existing = MembershipFactory(role=Role.FRONTLINE, user__full_name="Ezra Existing").user
    invitation = InvitationFactory(organisation=admin.organisation, email=existing.email, role=Role.TRAINER)
    page = new_page(javascript=False)
    page.goto(live_server.url + f"/invitations/{services.invitation_token(invitation)}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Email").fill(existing.email)
    page.get_by_label("Password").fill(PASSWORD)
    with page.expect_navigation(url=re.compile(r".*/invitations/.*")):
        page.get_by_role("button", name="Sign in").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Accept invitation").click()
    assert page.url == f"{live_server.url}/o/{admin.organisation.slug}/"
    assert Membership.objects.get(user=existing, organisation=admin.organisation).role == Role.TRAINER
    assert not mail.outbox


def test_the_emailed_code_before_two_factor_set_up(new_page, live_server, admin):
    """Security review L7: the password alone does not open the authenticator set-up; the emailed code does."""
    for viewport in (None, PHONE):
        page = new_page(viewport=viewport) if viewport else new_page()
        sign_in(page, live_server, admin.user.email, PASSWORD)
        page.goto(live_server.url + "/accounts/2fa/totp/activate/")
        assert page.url.endswith("/accounts/2fa/confirm-email/")
        assert page.get_by_role("heading", level=1).inner_text() == "Confirm it is you"
        assert_accessible(page)
        submit(page, "Continue")
        assert page.locator(".nhsuk-error-summary").is_visible()
        assert_accessible(page)
        if viewport:
            assert_fits_phone(page, "mfa-enrolment-email")
    code = re.search(r"Your code is: (\d{6})", mail.outbox[-1].body).group(1)
    page.fill("#id_code", code)
    submit(page, "Continue")
    assert "/accounts/" in page.url and "confirm-email" not in page.url


def test_a_team_manager_without_a_team_is_told_why_nothing_is_shown(new_page, live_server, trust):
    manager = MembershipFactory(organisation=trust, role=Role.TEAM_MANAGER, team=None)
    for viewport in (None, PHONE):
        page = new_page(viewport=viewport) if viewport else new_page()
        sign_in(page, live_server, manager.user.email, PASSWORD)
        for path in ("conversations/summary/", "conversations/"):
            page.goto(f"{live_server.url}/o/{trust.slug}/{path}")
            assert "manager without a team" in page.locator("main").inner_text()
            assert_accessible(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_the_phone_header_leaves_the_screen_to_the_page(new_page, live_server, trust, javascript):
    """Walkthrough bug 32: the header and banner took about 370 of 740 px on every phone page. The account links
    now sit behind one "Account" disclosure, so the page itself starts in the top third of the screen."""
    member = MembershipFactory(organisation=trust, role=Role.ORG_ADMIN, user__full_name="Frankie Frontline")
    other = OrganisationFactory(name="Northgate Community Services")
    MembershipFactory(organisation=other, user=member.user, role=Role.FRONTLINE)
    page = new_page(viewport=PHONE, javascript=javascript)
    sign_in(page, live_server, member.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/{trust.slug}/")
    header_and_banner = page.locator("#maincontent").bounding_box()["y"]
    assert header_and_banner < 740 / 3, f"the header and banner take {header_and_banner:.0f}px of a 740px screen"
    assert_accessible(page)
    assert_fits_phone(page, f"header-{'js' if javascript else 'no-js'}")

    account = page.locator("#account-menu")
    assert not page.get_by_role("button", name="Sign out").is_visible()
    account.locator("summary").click()
    assert page.get_by_role("button", name="Sign out").is_visible()
    assert page.get_by_role("link", name="Change organisation").is_visible()
    assert "Organisation admin, Northgate Hospitals NHS Trust" in account.inner_text()
    assert_accessible(page)

    desktop = new_page(javascript=javascript)
    sign_in(desktop, live_server, member.user.email, PASSWORD)
    desktop.goto(f"{live_server.url}/o/{trust.slug}/")
    assert desktop.get_by_role("button", name="Sign out").is_visible()
