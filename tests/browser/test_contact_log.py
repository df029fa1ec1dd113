"""The contact log in Chromium: a frontline member logs a conversation on a phone in at most four interactions,
a team manager filters and exports, and every contact-log page passes axe at desktop width and at 360px."""

import csv
import datetime
import io
from pathlib import Path

import openpyxl
import pytest

from contacts.models import Conversation
from contacts.services import record_conversation
from organisations.models import Team
from organisations.roles import Role
from tests.browser.conftest import PHONE, assert_accessible, assert_fits_phone, check_pages, sign_in, submit
from tests.contacts.factories import ConversationImportFactory, ServiceFactory
from tests.organisations.factories import PASSWORD, MembershipFactory, OrganisationFactory, TeamFactory


@pytest.fixture
def trust(transactional_db):
    organisation = OrganisationFactory(name="Northgate Hospitals NHS Trust", slug="northgate")
    TeamFactory(organisation=organisation, name="Emergency department")
    ServiceFactory(organisation=organisation, name="Stop Smoking Service")
    return organisation


class Interactions:
    """Counts what the person does: each tap or click is one interaction."""

    def __init__(self, page):
        self.page, self.count = page, 0

    def tap(self, locator):
        self.count += 1
        locator.click()

    def tap_and_wait(self, locator):
        self.count += 1
        with self.page.expect_navigation():
            locator.click()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_frontline_logs_a_conversation_on_a_phone_in_four_interactions(new_page, live_server, trust, javascript):
    member = MembershipFactory(organisation=trust, role=Role.FRONTLINE, team=trust_team(trust))
    page = new_page(viewport=PHONE, javascript=javascript)
    sign_in(page, live_server, member.user.email, PASSWORD)  # signing in is not part of logging

    person = Interactions(page)
    person.tap_and_wait(page.get_by_role("link", name="Log a conversation"))
    person.tap(page.get_by_label("Smoking", exact=True))
    person.tap(page.get_by_label("Information given"))
    person.tap_and_wait(page.get_by_role("button", name="Save conversation"))

    assert person.count <= 4
    banner = page.locator("#saved")
    assert "Conversation saved" in banner.inner_text() and "Smoking: information given" in banner.inner_text()
    assert banner_in_view(page), "the confirmation must be on screen after saving, not scrolled past"
    if javascript:  # NHS.UK's notification banner moves the focus to a success banner
        assert page.evaluate("document.activeElement.id") == "saved"
    conversation = Conversation.objects.get()
    assert conversation.recorded_by == member.user and conversation.team == member.team
    assert_accessible(page)
    assert_fits_phone(page, f"log-conversation-saved-{'js' if javascript else 'no-js'}")


def banner_in_view(page) -> bool:
    box = page.locator("#saved").bounding_box()
    return box is not None and box["y"] >= 0 and box["y"] + 40 <= page.viewport_size["height"]


def test_undo_on_the_confirmation_removes_the_conversation(new_page, live_server, trust):
    member = MembershipFactory(organisation=trust, role=Role.FRONTLINE, team=trust_team(trust))
    page = new_page(viewport=PHONE, javascript=False)
    sign_in(page, live_server, member.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/{trust.slug}/conversations/new/")
    page.get_by_label("Alcohol", exact=True).click()
    page.get_by_label("Information given").click()
    submit(page, "Save conversation")
    assert banner_in_view(page) and Conversation.objects.count() == 1
    submit(page, "Undo: remove this conversation")
    assert "Conversation removed" in page.locator("main").inner_text() and not Conversation.objects.exists()
    assert_accessible(page)


def test_errors_on_the_phone_form_are_summarised_and_linked(new_page, live_server, trust):
    member = MembershipFactory(organisation=trust, role=Role.FRONTLINE)
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, member.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/{trust.slug}/conversations/new/")
    assert_accessible(page)
    assert_fits_phone(page, "log-conversation")
    page.get_by_label("Smoking", exact=True).check()
    page.get_by_label("Signposted").check()
    page.get_by_text("More details (optional)").click()
    page.get_by_label("Short note (optional)").fill("call her on 07700 900123")
    submit(page, "Save conversation")
    summary = page.locator(".nhsuk-error-summary").inner_text()
    assert "Select the service you signposted them to" in summary and "phone number" in summary
    assert_accessible(page)
    assert not Conversation.objects.exists()


def test_services_are_narrowed_by_the_chosen_topic_with_javascript(new_page, live_server, trust):
    ServiceFactory(organisation=trust, name="Money Advice", topics=0, determinants=2)
    member = MembershipFactory(organisation=trust, role=Role.FRONTLINE)
    page = new_page()
    sign_in(page, live_server, member.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/{trust.slug}/conversations/new/")
    page.get_by_text("Signposted or referred? Choose the service").click()
    assert page.get_by_label("Money Advice").is_visible()
    page.get_by_label("Smoking", exact=True).check()
    assert page.get_by_label("Alcohol", exact=True).get_attribute("type") == "checkbox"
    assert page.get_by_label("Stop Smoking Service").is_visible()
    assert not page.get_by_label("Money Advice").is_visible()


def test_team_manager_filters_and_exports(new_page, live_server, trust):
    team = trust_team(trust)
    manager = MembershipFactory(organisation=trust, role=Role.TEAM_MANAGER, team=team)
    for topics in (["smoking"], ["alcohol"], ["alcohol", "diet"]):
        record_conversation(
            organisation=trust,
            recorded_by=manager.user,
            data={"occurred_on": datetime.date(2026, 11, 20), "team": team, "contact_type": "carer",
                  "raised_by": "staff", "intervention_level": "brief", "topics": topics, "outcomes": ["information"]},
        )  # fmt: skip
    page = new_page()
    sign_in(page, live_server, manager.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/{trust.slug}/conversations/")
    page.get_by_label("Topic", exact=True).select_option(label="Alcohol")
    submit(page, "Filter conversations")
    assert page.locator("#conversations tbody tr").count() == 2
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    rows = list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert len(rows) == 3 and all("Alcohol" in row[2] for row in rows[1:])
    # The Excel file is prepared by the worker; the page it lands on offers it when it is ready.
    page.get_by_role("link", name="Excel (XLSX)").click()
    page.wait_for_selector("#download-file")
    assert "Your file is ready" in page.locator("h1").inner_text()
    assert_accessible(page)
    with page.expect_download() as download:
        page.locator("#download-file").click()
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    assert sheet.max_row == 3 and all("Alcohol" in sheet.cell(row=n, column=3).value for n in (2, 3))


def trust_team(trust):

    return Team.objects.for_organisation(trust).get(name="Emergency department")


def test_every_contact_log_page_passes_axe_and_fits_a_phone(new_page, live_server, trust):
    admin = MembershipFactory(organisation=trust, role=Role.ORG_ADMIN)
    conversation, _ = record_conversation(
        organisation=trust,
        recorded_by=admin.user,
        data={"occurred_on": datetime.date(2026, 11, 20), "contact_type": "carer", "raised_by": "staff",
              "intervention_level": "brief", "topics": ["smoking"], "outcomes": ["information"]},
    )  # fmt: skip
    job = ConversationImportFactory(
        organisation=trust, status="rejected", rejected=[{"row": 3, "errors": ["date: in the future"]}],
        rejected_count=1, total_rows=2, message="1 row(s) have problems, so nothing was imported.",
    )  # fmt: skip
    service = trust.pk and ServiceFactory(organisation=trust, name="Walking group")
    paths = [
        "conversations/new/",
        "conversations/mine/",
        "conversations/",
        "conversations/summary/",
        f"conversations/{conversation.pk}/edit/",
        f"conversations/{conversation.pk}/delete/",
        f"conversations/{conversation.pk}/history/",
        "conversations/import/",
        f"conversations/import/{job.pk}/",
        "services/",
        "services/new/",
        f"services/{service.pk}/",
        "services/open-referral/",
    ]
    check_pages(new_page, live_server, admin.user.email, [f"/o/{trust.slug}/{path}" for path in paths], "contact-log")


def test_logging_with_no_signal_keeps_conversations_on_the_phone_and_sends_each_once(new_page, live_server, trust):
    """Issue 18: three conversations logged with the network cut are kept on the phone, with their keys, and sent
    when it returns; sending again stores nothing twice."""
    member = MembershipFactory(organisation=trust, role=Role.FRONTLINE, team=trust_team(trust))
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, member.user.email, PASSWORD)
    page.goto(f"{live_server.url}/o/{trust.slug}/conversations/new/")
    page.wait_for_function("navigator.serviceWorker && navigator.serviceWorker.ready")
    page.context.set_offline(True)
    for topic in ("Smoking", "Alcohol", "Physical activity"):
        page.get_by_label(topic, exact=True).check()
        page.get_by_label("Information given").check()
        page.get_by_role("button", name="Save conversation").click()
    status = page.locator("#offline-status")
    assert "Saved on this phone" in status.inner_text() and "3 conversations waiting" in status.inner_text()
    assert not Conversation.objects.exists()
    assert_accessible(page)
    kept = page.evaluate("localStorage.getItem('mecc-offline-conversations')")  # what the phone holds
    page.context.set_offline(False)
    page.wait_for_function("JSON.parse(localStorage.getItem('mecc-offline-conversations') || '[]').length === 0")
    assert Conversation.objects.count() == 3
    assert "every conversation saved on this phone has been sent" in status.inner_text()
    # The same three sent again (as after a sync cut off before the phone heard back): nothing is stored twice.
    page.evaluate("kept => localStorage.setItem('mecc-offline-conversations', kept)", kept)
    page.reload()
    page.wait_for_function("JSON.parse(localStorage.getItem('mecc-offline-conversations') || '[]').length === 0")
    assert Conversation.objects.count() == 3
    # With no signal the form still opens (the service worker's copy of the blank form); other pages do not.
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    page.reload()  # online, through the service worker, which keeps this copy of the blank form
    page.context.set_offline(True)
    page.reload()
    assert page.get_by_role("button", name="Save conversation").is_visible()
    with pytest.raises(Exception):  # noqa: B017, PT011 - Chromium's own offline error, whatever its type
        page.goto(f"{live_server.url}/o/{trust.slug}/conversations/mine/")
    page.context.set_offline(False)


def test_a_signal_too_weak_to_send_keeps_the_conversation_on_the_phone(new_page, live_server, trust):
    """The phone says it is online but nothing gets through (the request fails, as it does when it times out): the
    conversation is kept on the phone with the same words, and sent once the signal carries again."""
    member = MembershipFactory(organisation=trust, role=Role.FRONTLINE, team=trust_team(trust))
    page = new_page(viewport=PHONE)
    sign_in(page, live_server, member.user.email, PASSWORD)
    log = f"{live_server.url}/o/{trust.slug}/conversations/new/"
    page.goto(log)
    page.route(log, lambda route: route.abort("timedout") if route.request.method == "POST" else route.continue_())
    page.get_by_label("Smoking", exact=True).check()
    page.get_by_label("Information given").check()
    page.get_by_role("button", name="Save conversation").click()
    status = page.locator("#offline-status")
    status.wait_for()
    assert "The signal is too weak to send it now" in status.inner_text()
    assert "1 conversation waiting" in status.inner_text()
    assert page.evaluate("navigator.onLine") is True
    assert not Conversation.objects.exists()
    assert_accessible(page)

    page.unroute(log)
    page.reload()
    page.wait_for_function("JSON.parse(localStorage.getItem('mecc-offline-conversations') || '[]').length === 0")
    assert [c.topic_labels for c in Conversation.objects.all()] == [["Smoking"]]

    # With a good signal the form is sent in the background and the page lands on the confirmation, as without script.
    page.get_by_label("Alcohol", exact=True).check()
    page.get_by_label("Information given").check()
    with page.expect_navigation(url="**#saved"):
        page.get_by_role("button", name="Save conversation").click()
    assert page.locator("#saved").is_visible()
    assert Conversation.objects.count() == 2
