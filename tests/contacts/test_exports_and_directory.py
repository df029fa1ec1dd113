"""Exports (CSV and XLSX, safe against formula injection) and the signposting directory."""

import csv
import datetime
import io
from unittest import mock

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from contacts import content
from contacts.models import Service
from organisations.roles import Role
from tests.contacts.factories import DailyConversationCountFactory, ServiceFactory, log_conversations
from tests.organisations.factories import ContractFactory, MembershipFactory, OrganisationFactory, TeamFactory

pytestmark = pytest.mark.django_db


def csv_rows(client, url, **params):
    response = client.get(url, {"_export": "csv", **params})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8"))))


def xlsx_sheet(client, url, django_capture_on_commit_callbacks, **params):
    """Ask for the XLSX as a person does: the page queues it, a worker builds it, the person downloads it."""
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url, {"_export": "xlsx", **params})
    assert response.status_code == 302 and "/downloads/" in response.url
    page = client.get(response.url).text
    assert "Your file is ready" in page
    download = page.split('id="download-file" href="')[1].split('"')[0]
    file = client.get(download)
    assert file["Cache-Control"] == "private, no-store"
    return openpyxl.load_workbook(io.BytesIO(b"".join(file.streaming_content))).active


def record(member, team=None, topics=("smoking",), outcomes=("information",), services_=()):
    return log_conversations(member, team=team, topics=topics, outcomes=outcomes, services=services_)


@pytest.fixture
def lead(make_member):
    return make_member(Role.IMPLEMENTATION_LEAD)


def test_filters_narrow_the_log(client, lead):
    record(lead, topics=["smoking"])
    record(lead, topics=["alcohol"], outcomes=["declined"])
    client.force_login(lead.user)
    url = reverse("contacts:conversations", args=[lead.organisation.slug])
    assert len(client.get(url, {"topic": "alcohol"}).context["table"].rows) == 1
    assert len(client.get(url, {"outcome": "information"}).context["table"].rows) == 1
    assert len(client.get(url, {"date_from": "2000-01-01"}).context["table"].rows) == 2


def test_csv_export_neutralises_formulas(client, lead):
    team = TeamFactory(organisation=lead.organisation, name='=HYPERLINK("http://evil.example","x")')
    record(lead, team=team)
    client.force_login(lead.user)
    rows = csv_rows(client, reverse("contacts:conversations", args=[lead.organisation.slug]))
    assert rows[0][:3] == ["Date", "Team", "Topics"]
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example","x")'
    assert rows[1][2] == "Smoking"


def test_xlsx_export_neutralises_formulas(client, lead, django_capture_on_commit_callbacks):
    team = TeamFactory(organisation=lead.organisation, name="@SUM(A1:A9)")
    record(lead, team=team)
    client.force_login(lead.user)
    url = reverse("contacts:conversations", args=[lead.organisation.slug])
    sheet = xlsx_sheet(client, url, django_capture_on_commit_callbacks)
    assert sheet.cell(row=2, column=2).value == "'@SUM(A1:A9)"
    assert sheet.cell(row=2, column=2).data_type == "s"


def test_export_contains_only_this_organisations_rows(client, lead, make_member):
    record(lead)
    record(make_member(Role.FRONTLINE))
    client.force_login(lead.user)
    assert len(csv_rows(client, reverse("contacts:conversations", args=[lead.organisation.slug]))) == 2


def test_summary_page_shows_totals_and_charts(client, lead):
    record(lead)
    record(lead, topics=["diet"])
    client.force_login(lead.user)
    page = client.get(reverse("evaluation:summary", args=[lead.organisation.slug])).text
    assert 'id="summary-total">2<' in page
    assert page.count("<svg") >= 4 and 'role="img"' in page
    assert "Share of trained staff" in page and "no training records yet" in page


def test_lead_adds_a_service_with_clear_errors(client, lead):
    client.force_login(lead.user)
    url = reverse("contacts:service_create", args=[lead.organisation.slug])
    response = client.post(url, {"name": "", "access": "self"})
    assert "Enter the service name" in response.text and "Select at least one topic" in response.text
    response = client.post(
        url,
        {
            "name": "Stop Smoking Service",
            "access": "both",
            "topic_codes": ["smoking"],
            "website": "https://stopsmoking.example.org",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    service = Service.objects.get()
    assert service.topic_codes == ["smoking"] and service.is_active and not service.shared
    duplicate = client.post(url, {"name": "stop smoking service", "access": "self", "topic_codes": ["smoking"]})
    assert "already has a service with this name" in duplicate.text


def test_search_by_keyword_and_topic_with_signposting_counts(client, lead):
    smoking = ServiceFactory(organisation=lead.organisation, name="Quit Now", description="Stop smoking clinic")
    ServiceFactory(
        organisation=lead.organisation,
        name="Money Advice",
        topics=0,
        determinants=content.to_mask(content.DETERMINANTS, ["money"]),
    )
    record(lead, outcomes=["signposted"], services_=[smoking])
    client.force_login(lead.user)
    url = reverse("contacts:services", args=[lead.organisation.slug])
    assert [r.record.name for r in client.get(url, {"q": "clinic"}).context["table"].rows] == ["Quit Now"]
    assert [r.record.name for r in client.get(url, {"topic": "money"}).context["table"].rows] == ["Money Advice"]
    rows = {r.record.name: r.record.times_signposted for r in client.get(url).context["table"].rows}
    assert rows == {"Quit Now": 1, "Money Advice": 0}


def test_shared_services_reach_providers_under_the_same_commissioner_only(client):
    icb = OrganisationFactory()
    sharing, sibling, outsider = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    for provider in (sharing, sibling):
        ContractFactory(commissioner=icb, provider=provider, status="accepted")
    ContractFactory(provider=outsider, status="accepted")  # another commissioner
    ServiceFactory(organisation=sharing, name="Shared Walking Group", shared=True)
    ServiceFactory(organisation=sharing, name="Private Clinic", shared=False)

    def visible_to(organisation):
        member = MembershipFactory(organisation=organisation, role=Role.FRONTLINE)
        client.force_login(member.user)
        table = client.get(reverse("contacts:services", args=[organisation.slug])).context["table"]
        return {row.record.name for row in table.rows}

    assert visible_to(sharing) == {"Shared Walking Group", "Private Clinic"}
    assert visible_to(sibling) == {"Shared Walking Group"}
    assert visible_to(outsider) == set()


def test_frontline_cannot_edit_the_directory(client, make_member):
    member = make_member(Role.FRONTLINE)
    service = ServiceFactory(organisation=member.organisation)
    client.force_login(member.user)
    assert client.get(reverse("contacts:service_edit", args=[member.organisation.slug, service.pk])).status_code == 403
    assert client.post(reverse("contacts:service_create", args=[member.organisation.slug]), {}).status_code == 403


def test_a_sibling_cannot_edit_a_shared_service(client):
    icb, owner, sibling = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    for provider in (owner, sibling):
        ContractFactory(commissioner=icb, provider=provider, status="accepted")
    service = ServiceFactory(organisation=owner, shared=True)
    lead = MembershipFactory(organisation=sibling, role=Role.IMPLEMENTATION_LEAD)
    client.force_login(lead.user)
    url = reverse("contacts:service_edit", args=[sibling.slug, service.pk])
    assert client.get(url).status_code == 404


def test_a_sibling_sees_its_own_signposting_and_only_a_suppressed_total_of_others(client):
    """Security review M1: a provider that shares a directory entry shares the entry, not its activity."""
    icb, owner, sibling = OrganisationFactory(), OrganisationFactory(), OrganisationFactory()
    for provider in (owner, sibling):
        ContractFactory(commissioner=icb, provider=provider, status="accepted")
    service = ServiceFactory(organisation=owner, name="Shared Walking Group", shared=True)
    owner_staff = MembershipFactory(organisation=owner, role=Role.FRONTLINE)
    sibling_staff = MembershipFactory(organisation=sibling, role=Role.FRONTLINE)
    log_conversations(owner_staff, 3, outcomes=("signposted",), services=[service])
    log_conversations(sibling_staff, 2, outcomes=("signposted",), services=[service])

    def row_seen_by(member):
        client.force_login(member.user)
        page = client.get(reverse("contacts:services", args=[member.organisation.slug]))
        (row,) = [r for r in page.context["table"].rows if r.record.name == "Shared Walking Group"]
        return row.get_cell("times_signposted"), row.get_cell("signposted_elsewhere"), page.text

    own, elsewhere, page = row_seen_by(sibling_staff)
    assert (own, elsewhere) == (2, "<5")  # its own 2, and the owner's 3 only as "<5"
    assert ">3<" not in page.split('id="services"')[1]
    own, elsewhere, _ = row_seen_by(owner_staff)
    assert (own, elsewhere) == (3, "<5")
    log_conversations(sibling_staff, 4, outcomes=("signposted",), services=[service])
    assert row_seen_by(owner_staff)[1] == "5"  # a total of 5 or more is shown, to the nearest 5 (6 here)
    log_conversations(sibling_staff, 2, outcomes=("signposted",), services=[service])
    assert row_seen_by(owner_staff)[1] == "10"  # 8, to the nearest 5


def test_summary_leads_with_an_spc_chart_of_complete_weeks(client, lead):
    """Twenty complete weeks of 40 conversations then one of 90: the last week is a special cause (outside the
    limits); twelve weeks (the default period) are too few for limits, and the chart says so."""
    first_monday = datetime.date(2026, 3, 2)
    for week in range(21):
        count = 90 if week == 20 else 40 + (week % 2) * 4
        DailyConversationCountFactory(
            organisation=lead.organisation, day=first_monday + datetime.timedelta(weeks=week), count=count
        )
    client.force_login(lead.user)
    url = reverse("evaluation:summary", args=[lead.organisation.slug])
    last_sunday = first_monday + datetime.timedelta(weeks=21) - datetime.timedelta(days=1)
    page = client.get(url, {"from": first_monday.isoformat(), "to": last_sunday.isoformat()}).text
    spc = page.split('id="summary-spc"')[1].split("</figure>")[0]
    assert "21 complete weeks" in spc and spc.count('stroke-dasharray="6 4"') == 2
    assert spc.count('fill="#41b6e6"') == 1 and "Special cause improvement" in spc
    short = client.get(url, {"from": first_monday.isoformat(), "to": "2026-05-24"}).text
    assert "Fewer than 15 points: no process limits yet (12 so far)" in short.split('id="summary-spc"')[1]


def test_exports_store_dates_as_dates(client, lead, django_capture_on_commit_callbacks):
    record(lead)
    client.force_login(lead.user)
    url = reverse("contacts:conversations", args=[lead.organisation.slug])
    sheet = xlsx_sheet(client, url, django_capture_on_commit_callbacks)
    cell = sheet.cell(row=2, column=1)
    assert sheet.cell(row=1, column=1).value == "Date" and cell.is_date
    assert cell.value.date() == timezone.localdate()
    rows = csv_rows(client, url)
    assert rows[1][0] == timezone.localdate().isoformat()


def test_quick_dates_keep_the_other_filters_and_mark_the_one_chosen(client, lead):
    client.force_login(lead.user)
    url = reverse("contacts:conversations", args=[lead.organisation.slug])
    page = client.get(url, {"topic": "smoking"}).text.split('aria-label="Quick dates"')[1].split("</nav>")[0]
    today = timezone.localdate()
    month = f"date_from={today.replace(day=1).isoformat()}&amp;date_to={today.isoformat()}"
    assert f'href="?topic=smoking&amp;{month}">This month</a>' in page and "Last quarter (Q" in page
    chosen = client.get(f"{url}?topic=smoking&{month.replace('&amp;', '&')}").text
    assert '<a href="?topic=smoking&amp;' + month + '" aria-current="true">This month</a>' in chosen


def test_a_team_manager_is_offered_only_the_team_they_can_see(client, make_member):
    ward = TeamFactory(name="Ward 7")
    TeamFactory(organisation=ward.organisation, name="Maternity")
    manager = make_member(Role.TEAM_MANAGER, ward.organisation, team=ward)
    client.force_login(manager.user)
    form = client.get(reverse("contacts:conversations", args=[ward.organisation.slug])).context["filter"].form
    assert [team.name for team in form.fields["team"].queryset] == ["Ward 7"]


def test_a_bad_date_in_the_filters_gets_an_error_summary(client, lead):
    client.force_login(lead.user)
    page = client.get(reverse("contacts:conversations", args=[lead.organisation.slug]), {"date_from": "31/13/2026"})
    assert "<title>Error: Conversation log" in page.text and "There is a problem" in page.text
    assert 'href="#id_date_from_day"' in page.text  # the NHS.UK date input's first box


def test_the_summary_says_when_it_changes_the_period_asked_for(client, lead):
    client.force_login(lead.user)
    url = reverse("evaluation:summary", args=[lead.organisation.slug])
    page = client.get(url, {"from": "2020-01-01", "to": "2026-11-30"}).text
    notes = page.split('id="period-notes"')[1].split("</div>")[0]
    ends = (datetime.date(2020, 1, 1) + datetime.timedelta(days=3 * 366)).strftime("%-d %B %Y")
    assert f"The longest period shown is 3 years, so it ends on {ends}." in notes
    assert f"from 1 January 2020 to {ends}" in page
    swapped = client.get(url, {"from": "2026-06-01", "to": "2026-05-01"}).text
    assert "“From” was after “To”, so they have been swapped." in swapped
    assert "“yesterday” is not a real date" in client.get(url, {"from": "yesterday"}).text
    assert 'id="period-notes"' not in client.get(url, {"from": "2026-05-01", "to": "2026-06-01"}).text


def test_the_service_picker_lists_each_service_once_with_who_runs_it(client):
    """Walkthrough bug 7: three providers sharing the same service showed three identical names."""
    icb = OrganisationFactory(kind="icb")
    providers = [OrganisationFactory(name=f"Trust {n}") for n in "ABC"]
    for provider in providers:
        ContractFactory(commissioner=icb, provider=provider, status="accepted")
        ServiceFactory(organisation=provider, name="Stop Smoking Service", shared=True, phone="0800 123 4567",
                       opening_times="Mon to Fri, 9am to 5pm")  # fmt: skip
    ServiceFactory(organisation=providers[1], name="Walking group", shared=True, phone="")
    frontline = MembershipFactory(organisation=providers[0], role=Role.FRONTLINE)
    client.force_login(frontline.user)
    form = client.get(reverse("contacts:log", args=[providers[0].slug])).context["form"]
    field = form.fields["services"]
    labels = sorted(field.label_from_instance(service) for service in field.queryset)
    assert labels == [
        "Stop Smoking Service (your organisation: 0800 123 4567; Mon to Fri, 9am to 5pm)",
        "Walking group (Trust B)",
    ]
    page = client.get(reverse("contacts:services", args=[providers[0].slug])).text
    assert "0800 123 4567" in page and "Mon to Fri, 9am to 5pm" in page and "Run by" in page


def test_the_summary_period_uses_the_nhsuk_date_input(client, lead):
    client.force_login(lead.user)
    url = reverse("evaluation:summary", args=[lead.organisation.slug])
    page = client.get(url, {"from_day": "1", "from_month": "3", "from_year": "2026", "to": "2026-05-31"}).text
    assert "from 1 March 2026 to 31 May 2026" in page and 'name="from_day"' in page and 'type="date"' not in page
    assert "is not a real date" in client.get(url, {"from_day": "31", "from_month": "2", "from_year": "2026"}).text


def test_the_log_says_how_many_conversations_match(client, lead):
    record(lead, topics=["smoking"])
    record(lead, topics=["alcohol"])
    client.force_login(lead.user)
    url = reverse("contacts:conversations", args=[lead.organisation.slug])
    assert "<strong>2</strong> conversations match these filters" in client.get(url).text
    assert "<strong>1</strong> conversation matches these filters" in client.get(url, {"topic": "alcohol"}).text
    with mock.patch("contacts.views.conversations.COUNTED_UP_TO", 1):  # counting stops early over millions of rows
        assert "<strong>More than 1</strong> conversations match" in client.get(url).text
