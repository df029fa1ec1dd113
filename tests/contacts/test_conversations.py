"""Logging conversations through the page: defaults, validation, privacy, idempotency, edit window, history."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from contacts import content
from contacts.models import Conversation, ConversationChange
from organisations.roles import Role
from tests.contacts.factories import ServiceFactory
from tests.organisations.factories import ContractFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def frontline(make_member):
    member = make_member(Role.FRONTLINE)
    member.team = TeamFactory(organisation=member.organisation, name="Emergency department")
    member.save()
    return member


def log_url(member):
    return reverse("contacts:log", args=[member.organisation.slug])


def form_defaults(client, member) -> dict:
    """What the page pre-fills: posting only these plus a topic and an outcome is the common path."""
    form = client.get(log_url(member)).context["form"]
    data = {name: form.initial.get(name) for name in ("occurred_on", "team", "contact_type", "raised_by")}
    data.update(intervention_level=form.initial.get("intervention_level"), client_key=form.initial["client_key"])
    return {k: v for k, v in data.items() if v is not None}


def test_common_path_topic_outcome_save_records_nothing_on_the_persons_behalf(client, frontline):
    client.force_login(frontline.user)
    data = form_defaults(client, frontline) | {"topics": ["smoking"], "outcomes": ["information"]}
    response = client.post(log_url(frontline), data)
    assert response.status_code == 302
    conversation = Conversation.objects.get()
    assert conversation.organisation == frontline.organisation
    assert conversation.recorded_by == frontline.user
    assert conversation.team == frontline.team
    assert conversation.occurred_on == timezone.localdate()
    assert conversation.codes("topics", content.TOPICS) == ["smoking"]
    assert conversation.codes("outcomes", content.OUTCOMES) == ["information"]
    # Who it was with, who raised it and the level were not chosen: stored as not recorded, never as a default.
    assert (conversation.contact_type, conversation.raised_by, conversation.intervention_level) == ("", "", "")
    assert content.label(content.INTERVENTION_LEVELS, conversation.intervention_level) == "Not recorded"


def test_log_another_keeps_setting_and_team(client, frontline):
    client.force_login(frontline.user)
    other_team = TeamFactory(organisation=frontline.organisation)
    data = form_defaults(client, frontline) | {
        "topics": ["alcohol"],
        "outcomes": ["information"],
        "setting": "pharmacy",
        "team": other_team.pk,
    }
    response = client.post(log_url(frontline), data, follow=True)
    assert "Conversation saved" in response.text
    form = response.context["form"]
    assert form.initial["setting"] == "pharmacy" and str(form.initial["team"]) == str(other_team.pk)
    assert form.initial["client_key"] != data["client_key"]  # a fresh key for the next conversation


def test_missing_topic_and_outcome_give_an_error_summary_and_save_nothing(client, frontline):
    client.force_login(frontline.user)
    response = client.post(log_url(frontline), form_defaults(client, frontline))
    assert response.status_code == 200
    page = response.text
    assert "There is a problem" in page
    assert "Select at least one topic or wider determinant" in page and 'href="#id_topics_0"' in page
    assert "Select what happened" in page and 'href="#id_outcomes_0"' in page
    assert not Conversation.objects.exists()


def test_a_determinant_alone_is_enough(client, frontline):
    client.force_login(frontline.user)
    data = form_defaults(client, frontline) | {"determinants": ["housing"], "outcomes": ["listened"]}
    assert client.post(log_url(frontline), data).status_code == 302


def test_signposted_or_referred_needs_a_service(client, frontline):
    client.force_login(frontline.user)
    service = ServiceFactory(organisation=frontline.organisation, name="Stop Smoking Service")
    data = form_defaults(client, frontline) | {"topics": ["smoking"], "outcomes": ["signposted"]}
    response = client.post(log_url(frontline), data)
    assert "Select the service you signposted them to" in response.text
    assert "Stop Smoking Service" in response.text  # the form comes back with the directory to choose from
    assert client.post(log_url(frontline), data | {"services": [service.pk]}).status_code == 302
    conversation = Conversation.objects.get()
    assert list(conversation.services.all()) == [service]
    assert ConversationChange.objects.get(conversation_id=conversation.pk).snapshot["services"] == service.name


def test_a_service_from_another_organisation_cannot_be_chosen(client, frontline):
    client.force_login(frontline.user)
    foreign = ServiceFactory()
    data = form_defaults(client, frontline) | {
        "topics": ["smoking"],
        "outcomes": ["referred"],
        "services": [foreign.pk],
    }
    response = client.post(log_url(frontline), data)
    assert response.status_code == 200 and "There is a problem" in response.text
    assert not Conversation.objects.exists()


def test_a_team_of_another_organisation_cannot_be_chosen(client, frontline):
    client.force_login(frontline.user)
    foreign = TeamFactory()
    data = form_defaults(client, frontline) | {"topics": ["smoking"], "outcomes": ["information"], "team": foreign.pk}
    response = client.post(log_url(frontline), data)
    assert response.status_code == 200 and "There is a problem" in response.text
    assert not Conversation.objects.exists()


def test_the_common_path_stays_within_its_query_budget(client, frontline, django_assert_max_num_queries):
    """Saving is the busiest write of the system (bench/ measures it): tenancy, the row, its audit history and the
    aggregates in one transaction, and the session. The directory is not read when no service is chosen."""
    ServiceFactory(organisation=frontline.organisation)
    client.force_login(frontline.user)
    data = form_defaults(client, frontline) | {"topics": ["smoking"], "outcomes": ["information"]}
    with django_assert_max_num_queries(12) as captured:
        assert client.post(log_url(frontline), data).status_code == 302
    assert not any("evaluation_service" in query["sql"] for query in captured.captured_queries)
    assert Conversation.objects.count() == 1


@pytest.mark.parametrize(
    ("days_ago", "accepted"), [(0, True), (7, True), (8, False), (-1, False)], ids=["today", "7", "8", "future"]
)
def test_back_dating_up_to_seven_days(client, frontline, days_ago, accepted):
    client.force_login(frontline.user)
    day = timezone.localdate() - datetime.timedelta(days=days_ago)
    data = form_defaults(client, frontline) | {"topics": ["diet"], "outcomes": ["information"], "occurred_on": day}
    response = client.post(log_url(frontline), data)
    assert (response.status_code == 302) is accepted
    assert Conversation.objects.exists() is accepted


@pytest.mark.parametrize(
    "note",
    ["NHS 943 476 5919", "ring 07700 900123", "mail j.bloggs@example.com", "lives LS1 4AP", "dob 01/02/1960"],
)
def test_identifying_notes_are_refused_and_nothing_is_saved(client, frontline, note):
    client.force_login(frontline.user)
    data = form_defaults(client, frontline) | {"topics": ["smoking"], "outcomes": ["information"], "note": note}
    response = client.post(log_url(frontline), data)
    assert response.status_code == 200
    assert "never the person" in response.text and 'href="#id_note"' in response.text
    assert not Conversation.objects.exists()


def test_double_submit_stores_one_record(client, frontline):
    client.force_login(frontline.user)
    data = form_defaults(client, frontline) | {"topics": ["smoking"], "outcomes": ["information"]}
    first = client.post(log_url(frontline), data, follow=True)
    second = client.post(log_url(frontline), data, follow=True)
    assert Conversation.objects.count() == 1
    assert "Conversation saved" in first.text and "already saved" in second.text
    assert ConversationChange.objects.count() == 1


def test_same_key_in_another_organisation_is_a_different_record(client, frontline, make_member):
    key = str(uuid.uuid4())
    client.force_login(frontline.user)
    data = form_defaults(client, frontline) | {"topics": ["smoking"], "outcomes": ["information"], "client_key": key}
    client.post(log_url(frontline), data)
    other = make_member(Role.FRONTLINE)
    client.force_login(other.user)
    data = form_defaults(client, other) | {"topics": ["smoking"], "outcomes": ["information"], "client_key": key}
    client.post(log_url(other), data)
    assert Conversation.objects.count() == 2


def record(client, member, **extra):
    client.force_login(member.user)
    data = form_defaults(client, member) | {"topics": ["smoking"], "outcomes": ["information"]} | extra
    client.post(log_url(member), data)
    return Conversation.objects.latest("created_at")


def test_owner_edits_and_deletes_within_24_hours_with_history(client, frontline):
    conversation = record(client, frontline)
    edit = reverse("contacts:conversation_edit", args=[frontline.organisation.slug, conversation.pk])
    data = {
        "topics": ["alcohol"],
        "outcomes": ["information"],
        "occurred_on": conversation.occurred_on,
        "contact_type": "carer",
        "raised_by": "person",
        "intervention_level": "brief",
        "client_key": conversation.client_key,
    }
    assert client.post(edit, data).status_code == 302
    conversation.refresh_from_db()
    assert conversation.codes("topics", content.TOPICS) == ["alcohol"] and conversation.contact_type == "carer"
    delete = reverse("contacts:conversation_delete", args=[frontline.organisation.slug, conversation.pk])
    assert client.post(delete).status_code == 302
    assert not Conversation.objects.exists()
    history = client.get(reverse("contacts:conversation_history", args=[frontline.organisation.slug, conversation.pk]))
    actions = [c.action for c in history.context["changes"]]
    assert actions == ["created", "edited", "deleted"]
    assert "Alcohol" in history.text and "Carer" in history.text
    page = history.text
    assert (
        f"History of the conversation of {conversation.occurred_on:%-d %B %Y}" in page
        and "NICE outcome measures" in page
    )
    edited = page.split("Changed by")[1].split("Deleted by")[0]
    assert "Smoking → Alcohol" in edited and "Information" not in edited  # only what the edit changed
    assert "Nice outcomes" not in page and "Deleted; it held what is shown above." in page


def test_after_24_hours_only_an_admin_can_change(client, frontline):
    conversation = record(client, frontline)
    Conversation.objects.filter(pk=conversation.pk).update(created_at=timezone.now() - datetime.timedelta(hours=25))
    edit = reverse("contacts:conversation_edit", args=[frontline.organisation.slug, conversation.pk])
    assert client.get(edit).status_code == 403
    delete = reverse("contacts:conversation_delete", args=[frontline.organisation.slug, conversation.pk])
    assert client.post(delete).status_code == 403
    assert Conversation.objects.exists()
    admin = MembershipFactory(organisation=frontline.organisation, role=Role.ORG_ADMIN)
    client.force_login(admin.user)
    assert client.get(edit).status_code == 200
    assert client.post(delete).status_code == 302
    assert ConversationChange.objects.filter(action="deleted", changed_by=admin.user).exists()


def test_a_colleague_cannot_change_my_conversation(client, frontline):
    conversation = record(client, frontline)
    colleague = MembershipFactory(organisation=frontline.organisation, role=Role.TEAM_MANAGER)
    client.force_login(colleague.user)
    edit = reverse("contacts:conversation_edit", args=[frontline.organisation.slug, conversation.pk])
    assert client.get(edit).status_code == 403
    history = reverse("contacts:conversation_history", args=[frontline.organisation.slug, conversation.pk])
    assert client.get(history).status_code == 403


def test_my_conversations_counts_this_week_and_month(client, frontline):
    today = timezone.localdate()
    record(client, frontline)
    record(client, frontline, occurred_on=today - datetime.timedelta(days=today.weekday() + 1))
    MembershipFactory(organisation=frontline.organisation)  # someone else's log does not count
    page = client.get(reverse("contacts:mine", args=[frontline.organisation.slug]))
    counts = page.context["counts"]
    expected_month = 2 if today.day > today.weekday() + 1 else 1
    assert counts["this_week"] == 1 and counts["this_month"] == expected_month and counts["all_time"] == 2


def test_team_manager_sees_only_their_team_and_board_member_reads_all(client, frontline):
    record(client, frontline)
    elsewhere = MembershipFactory(
        organisation=frontline.organisation, role=Role.FRONTLINE, team=TeamFactory(organisation=frontline.organisation)
    )
    record(client, elsewhere)
    manager = MembershipFactory(organisation=frontline.organisation, role=Role.TEAM_MANAGER, team=frontline.team)
    client.force_login(manager.user)
    url = reverse("contacts:conversations", args=[frontline.organisation.slug])
    assert len(client.get(url).context["table"].rows) == 1
    board = MembershipFactory(organisation=frontline.organisation, role=Role.BOARD_MEMBER)
    client.force_login(board.user)
    assert len(client.get(url).context["table"].rows) == 2


def test_commissioner_never_sees_raw_rows(client, frontline):

    record(client, frontline)
    contract = ContractFactory(provider=frontline.organisation, status="accepted")
    commissioner = MembershipFactory(organisation=contract.commissioner, role=Role.COMMISSIONER)
    client.force_login(commissioner.user)
    for name in ("contacts:conversations", "evaluation:summary", "contacts:mine"):
        assert client.get(reverse(name, args=[frontline.organisation.slug])).status_code == 404
        assert client.get(reverse(name, args=[contract.commissioner.slug])).status_code == 403


def test_multi_select_questions_render_as_checkboxes_and_single_ones_as_radios(client, frontline):
    client.force_login(frontline.user)
    page = client.get(log_url(frontline)).text
    assert 'name="topics" type="checkbox"' in page and 'name="outcomes" type="checkbox"' in page
    assert 'name="contact_type" type="radio"' in page and 'name="topics" type="radio"' not in page


def test_my_conversations_are_newest_first_with_the_time_each_was_recorded(client, frontline):
    today = timezone.localdate()
    record(client, frontline, occurred_on=today - datetime.timedelta(days=2))
    first_today = record(client, frontline)
    second_today = record(client, frontline)
    Conversation.objects.filter(pk=first_today.pk).update(created_at=timezone.now() - datetime.timedelta(hours=2))
    page = client.get(reverse("contacts:mine", args=[frontline.organisation.slug]))
    rows = [row.record.pk for row in page.context["table"].rows]
    assert rows[:2] == [second_today.pk, first_today.pk] and len(rows) == 3
    shown = timezone.localtime(Conversation.objects.get(pk=second_today.pk).created_at)
    assert f"{shown:%-d %b}, {shown:%H:%M}" in page.text and "Recorded" in page.text


def test_the_confirmation_is_where_the_page_lands_with_log_another_and_undo(client, frontline, make_member):
    """Walkthrough: after saving, the page jumped to #log and the banner was off screen on a phone, so staff logged
    twice. The page now lands on the confirmation, which says what was saved and offers Log another and Undo."""
    client.force_login(frontline.user)
    data = form_defaults(client, frontline) | {"topics": ["smoking", "alcohol"], "outcomes": ["signposted"]}
    data["services"] = [
        ServiceFactory(organisation=frontline.organisation, topics=content.to_mask(content.TOPICS, ["smoking"])).pk
    ]
    response = client.post(log_url(frontline), data)
    conversation = Conversation.objects.get()
    assert response.url.endswith(f"saved={conversation.pk}#saved")
    page = client.get(response.url).text
    banner = page.split('id="saved"')[1].split('<h1 id="log">')[0]
    assert 'role="alert" aria-labelledby="saved-title" data-module="nhsuk-notification-banner" id="saved"' in page
    assert "Conversation saved" in banner and "Smoking, Alcohol: signposted" in banner
    assert 'href="#conversation-form">Log another conversation' in banner and "Undo: remove this conversation" in banner
    undo = reverse("contacts:conversation_delete", args=[frontline.organisation.slug, conversation.pk])
    assert f'action="{undo}"' in banner
    # Nobody else's conversation is ever shown or offered for undoing through the address.
    colleague = make_member(Role.FRONTLINE, frontline.organisation)
    client.force_login(colleague.user)
    assert 'id="saved"' not in client.get(response.url).text
    client.force_login(frontline.user)
    after = client.post(undo, {"undo": "1"}, follow=True)
    assert after.redirect_chain[-1][0] == log_url(frontline) and "Conversation removed" in after.text
    assert not Conversation.objects.exists()


def test_undo_is_offered_only_within_the_edit_window(client, frontline):
    client.force_login(frontline.user)
    data = form_defaults(client, frontline) | {"topics": ["smoking"], "outcomes": ["information"]}
    url = client.post(log_url(frontline), data).url
    Conversation.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    banner = client.get(url).text.split('id="saved"')[1]
    assert "Conversation saved" in banner and "Undo" not in banner.split('<h1 id="log">')[0]


def test_the_note_has_nhsuk_character_count_and_keeps_what_was_typed(client, frontline):
    client.force_login(frontline.user)
    page = client.get(log_url(frontline)).text
    assert 'data-module="nhsuk-character-count" data-maxlength="200"' in page
    assert 'id="id_note-info">You can enter up to 200 characters' in page
    data = form_defaults(client, frontline) | {"topics": ["smoking"], "outcomes": ["information"], "note": "x" * 201}
    refused = client.post(log_url(frontline), data).text
    assert "x" * 201 + "</textarea>" in refused and 'href="#id_note"' in refused and "nhsuk-textarea--error" in refused
