"""SC8 compliance: each RAG rule on its boundaries, consent, per-contract thresholds, snapshots and exports."""

import csv
import datetime
import io
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from common import periods
from contacts.models import Service
from evaluation import sc8, sc8_services
from evaluation.models import SC8Snapshot
from evaluation.reports import render_html
from evaluation.sc8_content import TARGET_SOURCES
from implementation.models import ChecklistItem
from organisations.models import Organisation
from organisations.roles import Role
from tests.assessment.factories import rated_assessment
from tests.contacts.factories import DailyConversationCountFactory, ServiceFactory, set_daily_count
from tests.evaluation.factories import EvaluationReportFactory
from tests.organisations.factories import ContractFactory, MembershipFactory, OrganisationFactory, StaffMemberFactory
from tests.training.factories import (
    MarkerRatingFactory,
    QualityEvaluationFactory,
    TrainingRecordFactory,
    TrainingResourceFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def reading(provider, code, **thresholds):
    """The rule's reading as the provider itself sees it (figures in full); what a commissioner sees is tested below."""
    merged = {**sc8.DEFAULT_THRESHOLDS, **thresholds}
    return sc8.readings([provider], {provider.pk: merged}, TODAY, outside=False)[provider.pk][code]


@pytest.fixture
def provider():
    return OrganisationFactory(staff_headcount=1000)


def test_plan_needs_board_approval_with_evidence_and_a_named_lead(provider):
    assert reading(provider, "plan").status == "red"
    MembershipFactory(organisation=provider, role=Role.IMPLEMENTATION_LEAD)
    assert reading(provider, "plan").status == "amber"
    ChecklistItem.objects.filter(organisation=provider, code="obtain_support").update(status="achieved")
    assert reading(provider, "plan").status == "amber"  # achieved, but no evidence
    ChecklistItem.objects.filter(organisation=provider, code="obtain_support").update(evidence="Minutes")
    assert reading(provider, "plan").status == "green"


@pytest.mark.parametrize(("status", "rag"), [("not_started", "red"), ("in_progress", "amber"), ("achieved", "green")])
def test_policies_follow_the_checklist_action(provider, status, rag):
    ChecklistItem.objects.filter(organisation=provider, code="policies_procedures").update(status=status)
    assert reading(provider, "policies").status == rag


@pytest.mark.parametrize(("trained", "rag"), [(6, "green"), (5, "amber"), (4, "amber"), (3, "red")])
def test_trained_against_target_and_amber_gap(provider, trained, rag):
    # 10 frontline staff on the roster, target 60%, amber from 40%.
    staff = [StaffMemberFactory(organisation=provider) for _ in range(10)]
    resource = TrainingResourceFactory(organisation=provider)
    for person in staff[:trained]:
        TrainingRecordFactory(organisation=provider, resource=resource, membership=None, staff_member=person)
    result = reading(provider, "trained")
    assert result.status == rag and result.value == f"{trained * 10}%"


def test_trained_with_no_frontline_staff_is_no_data(provider):
    assert reading(provider, "trained").status == "none"


@pytest.mark.parametrize(("rate", "rag"), [(2500, "green"), (2499, "amber"), (1250, "amber"), (1249, "red")])
def test_activity_per_thousand_staff_in_the_last_91_days(provider, rate, rag):
    # The default target is the guide's illustration of 10 contacts per member of staff a year: 2,500 per 1,000 a
    # quarter, never the 50 once shipped without a source.
    DailyConversationCountFactory(organisation=provider, day=TODAY - datetime.timedelta(days=90), count=rate)
    DailyConversationCountFactory(organisation=provider, day=TODAY - datetime.timedelta(days=91), count=1000)
    assert reading(provider, "activity").status == rag


def test_activity_without_headcount_is_no_data():
    assert reading(OrganisationFactory(staff_headcount=None), "activity").status == "none"


def evaluated(resource, ratings: str, days_ago=0):
    """A completed evaluation of the resource with one rating per letter: f fully, p partly, d in development, n not."""
    names = {"f": "fully_met", "p": "partially_met", "d": "in_development", "n": "not_met"}
    evaluation = QualityEvaluationFactory(
        resource=resource, status="complete", completed_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    for number, letter in enumerate(ratings):
        MarkerRatingFactory(evaluation=evaluation, marker=f"marker{number}", rating=names[letter])
    return evaluation


def test_quality_needs_each_resources_latest_evaluation_to_meet_the_stated_standard(provider):
    assert reading(provider, "quality").status == "none"
    first, second = TrainingResourceFactory(organisation=provider), TrainingResourceFactory(organisation=provider)
    assert reading(provider, "quality").status == "red"
    evaluated(first, "fffffffff")
    evaluated(second, "fffffffff", days_ago=400)  # too old to count
    assert reading(provider, "quality").status == "amber"
    evaluated(second, "nnnnnnnnn")  # evaluated, but red: an evaluation alone no longer turns it green
    result = reading(provider, "quality")
    assert result.status == "amber" and "1 evaluated below it" in result.evidence
    evaluated(second, "ffffffffd", days_ago=0)  # 25 of 27 points, 93%
    assert reading(provider, "quality").status == "green"
    # The boundary: 23 of 27 points (85.2%) meets the standard; 22 (81.5%) does not.
    evaluated(second, "fffffffdn")
    assert reading(provider, "quality").status == "amber"
    evaluated(second, "fffffffpn")
    assert reading(provider, "quality").status == "green"


def test_assessment_in_twelve_months_and_its_trend(provider):
    lead = MembershipFactory(organisation=provider, role=Role.IMPLEMENTATION_LEAD)
    assert reading(provider, "assessment").status == "red"
    rated_assessment(lead, "babbbaabab")  # 10 factors at A or B
    assert reading(provider, "assessment").status == "green"
    rated_assessment(lead, "cbcdcbbcbc")  # 4 at A or B, fewer than before
    result = reading(provider, "assessment")
    assert result.status == "amber" and result.value == "4 of 10 at A or B"
    assert "4 factors rated A or B; 10 in the one before" in result.evidence


def test_report_produced_in_twelve_months(provider):
    assert reading(provider, "report").status == "red"
    EvaluationReportFactory(organisation=provider, status="failed", finished_at=timezone.now())
    assert reading(provider, "report").status == "red"  # a failed build is not a report
    EvaluationReportFactory(
        organisation=provider, status="ready", finished_at=timezone.now() - datetime.timedelta(days=366)
    )
    assert reading(provider, "report").status == "red"  # too old
    EvaluationReportFactory(
        organisation=provider, status="ready", finished_at=timezone.now() - datetime.timedelta(days=30)
    )
    assert reading(provider, "report").status == "green"


def test_directory_reviewed_in_twelve_months(provider):
    assert reading(provider, "directory").status == "red"
    ServiceFactory(organisation=provider)
    stale = ServiceFactory(organisation=provider)
    Service.objects.filter(pk=stale.pk).update(reviewed_at=timezone.now() - datetime.timedelta(days=366))
    assert reading(provider, "directory").status == "amber"
    Service.objects.filter(pk=stale.pk).update(is_active=False)
    assert reading(provider, "directory").status == "green"


@pytest.fixture
def commissioner():
    return MembershipFactory(role=Role.COMMISSIONER, organisation__kind=Organisation.Kind.ICB)


def test_commissioner_sees_exactly_the_consenting_providers(client, commissioner, provider):
    icb = commissioner.organisation
    accepted = ContractFactory(commissioner=icb, provider=provider, status="accepted")
    waiting = ContractFactory(commissioner=icb, status="proposed")
    elsewhere = ContractFactory(provider=OrganisationFactory(), status="accepted")
    client.force_login(commissioner.user)
    url = reverse("evaluation:sc8", args=[icb.slug])
    names = [row.record["provider"] for row in client.get(url).context["table"].rows]
    assert names == [provider.name]
    assert waiting.provider.name not in client.get(url).text and elsewhere.provider.name not in client.get(url).text
    detail = reverse("evaluation:sc8_provider", args=[icb.slug, provider.pk])
    assert client.get(detail).status_code == 200
    assert client.get(reverse("evaluation:sc8_provider", args=[icb.slug, waiting.provider.pk])).status_code == 404
    accepted.status = "withdrawn"
    accepted.save()
    assert [row.record["provider"] for row in client.get(url).context["table"].rows] == []
    assert client.get(detail).status_code == 404


def test_the_default_targets_carry_their_source():
    assert sc8.DEFAULT_THRESHOLDS["activity_target"] == 2500
    assert "10 MECC contacts per member of staff a year" in TARGET_SOURCES["activity_target"]
    assert TARGET_SOURCES["trained_target"].startswith("a local default")


def test_the_commissioner_sets_targets_per_contract_with_the_history_kept(client, commissioner, provider):
    contract = ContractFactory(commissioner=commissioner.organisation, provider=provider, status="accepted")
    DailyConversationCountFactory(organisation=provider, day=TODAY, count=30)  # 30 per 1,000: red at 2,500
    client.force_login(commissioner.user)  # the commissioner role itself, not only its organisation's admin
    drill_down = reverse("evaluation:sc8_provider", args=[commissioner.organisation.slug, provider.pk])
    url = reverse("evaluation:sc8_thresholds", args=[commissioner.organisation.slug, contract.pk])
    assert url in client.get(drill_down).text
    assert "There is a problem" in client.post(url, {"trained_target": "0", "trained_amber_gap": "10",
                                                      "activity_target": ""}).text  # fmt: skip
    client.post(url, {"trained_target": "70", "trained_amber_gap": "10", "activity_target": "30"})
    contract.refresh_from_db()
    assert contract.thresholds == {"trained_target": 70, "trained_amber_gap": 10, "activity_target": 30}
    portfolio = client.get(reverse("evaluation:sc8", args=[commissioner.organisation.slug]))
    assert portfolio.context["table"].rows[0].record["activity"] == "green"
    assert "Green: at or above 30." in portfolio.text.split('id="sc8-rules"')[1]  # the contract's own figures
    history = client.get(url).text.split('id="target-history"')[1].split("</ul>")[0]
    assert (
        f"{contract.reference} ({provider.name}): trained target (%) 60 to 70; amber gap (points) 20 to 10; "
        "conversations per 1,000 staff a quarter 2500 to 30" in history
    )
    assert commissioner.user.get_full_name() in history


def test_quarterly_snapshots_are_idempotent_and_show_as_the_trend(client, commissioner, provider):
    ContractFactory(commissioner=commissioner.organisation, provider=provider, status="accepted")
    assert sc8_services.take_snapshots(TODAY) == 8
    assert sc8_services.take_snapshots(TODAY) == 8
    assert SC8Snapshot.objects.count() == 8
    last_quarter = periods.quarter_of(periods.quarter_of(TODAY).start - datetime.timedelta(days=1)).start
    sc8_services.take_snapshots(last_quarter)
    assert SC8Snapshot.objects.count() == 16
    client.force_login(commissioner.user)
    page = client.get(reverse("evaluation:sc8_provider", args=[commissioner.organisation.slug, provider.pk]))
    trend = page.context["indicators"][0]["trend"]
    assert trend[-2:] == ["Red", "Red"] and trend[0] == "Not recorded"


def test_the_snapshot_task_is_scheduled_quarterly(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE["quarterly-sc8-snapshots"]
    assert schedule["task"] == "evaluation.tasks.take_sc8_snapshots"
    assert schedule["schedule"].month_of_year == {1, 4, 7, 10}


def test_drill_down_shows_aggregates_only_with_small_numbers_suppressed(client, commissioner, provider):
    ContractFactory(commissioner=commissioner.organisation, provider=provider, status="accepted")
    DailyConversationCountFactory(organisation=provider, day=TODAY, dimension="topic", value="smoking", count=3)
    DailyConversationCountFactory(organisation=provider, day=TODAY, dimension="topic", value="alcohol", count=12)
    client.force_login(commissioner.user)
    page = client.get(reverse("evaluation:sc8_provider", args=[commissioner.organisation.slug, provider.pk]))
    topics = {row["label"]: row["counts"][-1] for row in page.context["topics"]}
    assert topics["Smoking"] == "<5" and topics["Alcohol"] == "10"  # 12, to the nearest 5 as everything outside
    client.force_login(MembershipFactory(organisation=provider, role=Role.ORG_ADMIN).user)
    own = client.get(reverse("evaluation:sc8_own", args=[provider.slug]))
    assert {row["label"]: row["counts"][-1] for row in own.context["topics"]}["Alcohol"] == "12"  # its own: exact


def test_portfolio_exports_csv_and_filters(client, commissioner):
    for name, ods in (("Alpha Trust", "RA1"), ("Beta Council", "")):
        ContractFactory(commissioner=commissioner.organisation, provider=OrganisationFactory(name=name, ods_code=ods),
                        status="accepted")  # fmt: skip
    client.force_login(commissioner.user)
    url = reverse("evaluation:sc8", args=[commissioner.organisation.slug])
    response = client.get(url, {"_export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Provider" and {r[0] for r in rows[1:]} == {"Alpha Trust", "Beta Council"}
    assert rows[0][1] == "ODS code" and {(r[0], r[1]) for r in rows[1:]} == {
        ("Alpha Trust", "RA1"),
        ("Beta Council", ""),
    }
    assert "ODS code" not in client.get(url).text.split('id="portfolio"')[1]  # the exports carry it, not the page
    assert "Red" in rows[1]
    assert [r.record["provider"] for r in client.get(url, {"q": "beta"}).context["table"].rows] == ["Beta Council"]


def test_provider_sees_its_own_position(client, provider):
    lead = MembershipFactory(organisation=provider, role=Role.IMPLEMENTATION_LEAD)
    client.force_login(lead.user)
    page = client.get(reverse("evaluation:sc8_own", args=[provider.slug]))
    assert page.status_code == 200 and len(page.context["indicators"]) == 8
    assert "Your commissioners see these measures about you" in page.text
    frontline = MembershipFactory(organisation=provider, role=Role.FRONTLINE)
    client.force_login(frontline.user)
    assert client.get(reverse("evaluation:sc8_own", args=[provider.slug])).status_code == 403


def test_portfolio_query_count_does_not_grow_with_providers(client, commissioner, django_assert_max_num_queries):
    for _ in range(3):
        ContractFactory(commissioner=commissioner.organisation, provider=OrganisationFactory(), status="accepted")
    client.force_login(commissioner.user)
    url = reverse("evaluation:sc8", args=[commissioner.organisation.slug])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(12):
        ContractFactory(commissioner=commissioner.organisation, provider=OrganisationFactory(), status="accepted")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_m2_a_commissioner_cannot_work_out_a_count_under_5(client):
    """Security review M2: '250.0 per 1,000 of 12 staff' gave back the 3 behind '<5'; '1 of 1 trained' was raw."""
    contract = ContractFactory(status="accepted")
    provider = contract.provider
    for _ in range(11):  # 12 staff on the roster: 11 of them not frontline, and one frontline (trained, below)
        StaffMemberFactory(organisation=provider, frontline=False)
    DailyConversationCountFactory(organisation=provider, day=TODAY, count=3)
    TrainingRecordFactory(
        resource__organisation=provider, membership=None, staff_member=StaffMemberFactory(organisation=provider)
    )
    commissioner = MembershipFactory(organisation=contract.commissioner, role=Role.COMMISSIONER)
    client.force_login(commissioner.user)
    page = client.get(reverse("evaluation:sc8_provider", args=[contract.commissioner.slug, provider.pk])).text
    assert "250.0" not in page and "of 12 staff" not in page and "1 of 1" not in page
    assert "Fewer than 5 conversations" in page and "Counts under 5 are not shown" in page
    outside = sc8.readings([provider], {provider.pk: sc8.DEFAULT_THRESHOLDS}, TODAY)[provider.pk]
    assert outside["activity"].value == "<5" and outside["trained"].value == "Not shown"
    own = sc8.readings([provider], {provider.pk: sc8.DEFAULT_THRESHOLDS}, TODAY, outside=False)[provider.pk]
    assert own["activity"].value == "250.0" and own["trained"].value == "100%"  # the provider sees its own figures


def test_every_sc8_surface_calls_the_rows_this_services_own_measures(client, commissioner, provider):
    """The contract asks for a plan and sets no indicators (domain review E3, E4): no surface may say otherwise."""
    ContractFactory(commissioner=commissioner.organisation, provider=provider, status="accepted")
    lead = MembershipFactory(organisation=provider, role=Role.IMPLEMENTATION_LEAD)
    icb = commissioner.organisation.slug
    client.force_login(commissioner.user)
    surfaces = {
        "portfolio": client.get(reverse("evaluation:sc8", args=[icb])).text,
        "drill-down": client.get(reverse("evaluation:sc8_provider", args=[icb, provider.pk])).text,
        "commissioner home": client.get(reverse("organisations:home", args=[icb])).text,
        "portfolio export": client.get(reverse("evaluation:sc8", args=[icb]), {"_export": "csv"}).content.decode(),
        "portfolio PDF": render_html(
            EvaluationReportFactory(organisation=commissioner.organisation, kind="sc8_portfolio")
        ),
        "board PDF": render_html(EvaluationReportFactory(organisation=provider)),
    }
    client.force_login(lead.user)
    surfaces["own page"] = client.get(reverse("evaluation:sc8_own", args=[provider.slug])).text
    surfaces["provider home"] = client.get(reverse("organisations:home", args=[provider.slug])).text
    for name, text in surfaces.items():
        assert "Standard Contract indicators" not in text and "SC8 compliance" not in text, name
        assert "this service's own" in text.replace("&#x27;", "'").replace("&#39;", "'").lower(), name
    for name in ("portfolio", "drill-down", "own page", "portfolio PDF", "board PDF"):
        text = surfaces[name].replace("&quot;", '"')
        assert "The NHS Standard Contract requires providers to develop and maintain an organisational plan" in text
        assert "Making Every Contact Count (MECC): practical resources" in text, name
    assert "{" not in surfaces["portfolio"].split('id="sc8-rules"')[1].split("</details>")[0]


def test_the_provider_page_leads_with_weekly_spc_and_never_shows_a_week_under_five(client, commissioner, provider):
    ContractFactory(commissioner=commissioner.organisation, provider=provider, status="accepted")
    this_monday = TODAY - datetime.timedelta(days=TODAY.weekday())
    for week in range(1, 21):
        DailyConversationCountFactory(organisation=provider, day=this_monday - datetime.timedelta(weeks=week), count=50)
    client.force_login(commissioner.user)
    url = reverse("evaluation:sc8_provider", args=[commissioner.organisation.slug, provider.pk])
    page = client.get(url).text
    assert page.index('id="weekly-spc"') < page.index("Summary: this service's measures")
    assert page.split('id="weekly-spc"')[1].split("</figure>")[0].count('stroke-dasharray="6 4"') == 2
    set_daily_count(provider, this_monday - datetime.timedelta(weeks=7), 2)
    page = client.get(url).text
    assert "Not drawn: at least one of the 20 complete weeks has fewer than 5" in page
    assert "<svg" not in page.split('id="weekly-spc"')[1].split("</p>")[0]


def test_quarters_are_named_as_boards_name_them(client, commissioner, provider):
    ContractFactory(commissioner=commissioner.organisation, provider=provider, status="accepted")
    client.force_login(commissioner.user)
    page = client.get(reverse("evaluation:sc8_provider", args=[commissioner.organisation.slug, provider.pk]))
    current = periods.quarter_of(TODAY).label.split(" (")[0]
    assert page.context["quarter_headings"][-1] == f"{current} (so far)"
    assert f">{current} (so far)</th>" in page.text and "From " not in page.context["quarter_headings"][0]
    client.force_login(MembershipFactory(organisation=provider, role=Role.ORG_ADMIN).user)
    own = client.get(reverse("evaluation:sc8_own", args=[provider.slug])).text
    assert "This service's measures today</caption>" in own


def test_every_rule_the_sc8_pages_print_shows_the_contracts_figures_never_a_placeholder(client):
    """Walkthrough: the commissioner's page printed "{trained_amber_gap}", "{trained_target}%", "{activity_target}"."""
    contract = ContractFactory(status="accepted", thresholds={"trained_target": 75, "activity_target": 3000})
    commissioner = MembershipFactory(organisation=contract.commissioner, role=Role.COMMISSIONER)
    client.force_login(commissioner.user)
    pages = [
        client.get(reverse("evaluation:sc8", args=[contract.commissioner.slug])).text,
        client.get(reverse("evaluation:sc8_provider", args=[contract.commissioner.slug, contract.provider.pk])).text,
    ]
    client.force_login(MembershipFactory(organisation=contract.provider, role=Role.ORG_ADMIN).user)
    pages.append(client.get(reverse("evaluation:sc8_own", args=[contract.provider.slug])).text)
    for page in pages:
        assert not re.search(r"\{[a-z_]+\}", page), re.search(r".{60}\{[a-z_]+\}.{20}", page)
    assert "Target: 75%." in pages[0] and "at or above 3000" in pages[0]  # this contract's own targets, filled in
    assert "Target: 60%." in pages[0]  # and the defaults'


def test_conversations_per_1000_staff_count_the_roster_before_the_stated_headcount(provider):
    """Issue 21: the per-staff rate's denominator is the staff roster (in post on the day); the stated headcount only
    where nobody is on the roster; neither: no staff figure, never a rate."""
    DailyConversationCountFactory(organisation=provider, day=TODAY, count=30)
    assert reading(provider, "activity").value == "30.0"  # 30 per 1,000 of the stated 1,000
    for _ in range(20):
        StaffMemberFactory(organisation=provider, frontline=False)
    StaffMemberFactory(organisation=provider, left_on=TODAY - datetime.timedelta(days=1))  # left: not counted
    own = sc8.readings([provider], {provider.pk: sc8.DEFAULT_THRESHOLDS}, TODAY, outside=False)[provider.pk]
    assert own["activity"].value == "1500.0" and "of 20 staff (staff roster)" in own["activity"].evidence
    assert reading(OrganisationFactory(staff_headcount=None), "activity").value == "No staff figure"
