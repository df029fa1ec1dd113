"""The A-D profile, weighted scores only over verified weights, publishing a scoring sheet; draft, complete and
read-only; compare, trend and versions."""

import io
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from assessment import scoring, services
from assessment.models import Assessment, ScoringScheme
from assessment.publishing import publish_weights, read_sheet
from organisations.roles import Role
from tests.assessment.factories import rated_assessment
from tests.organisations.factories import TeamFactory

pytestmark = pytest.mark.django_db

D = Decimal
BASELINE = "cbcdcbbcbc"  # worked example 1
REPEAT = "babbbaabab"  # worked example 2


@pytest.fixture
def lead(make_member):
    return make_member(Role.IMPLEMENTATION_LEAD)


def test_the_result_is_the_level_profile_per_factor_and_domain(lead):
    result = scoring.score(rated_assessment(lead, BASELINE))  # c b c d c b b c b c
    assert [f.letter for f in result.factors] == list(BASELINE.upper())
    assert result.counts == {"A": 0, "B": 4, "C": 5, "D": 1} and result.strong == 4
    assert [(d.code, d.counts) for d in result.domains] == [
        ("process", {"A": 0, "B": 1, "C": 2, "D": 1}),
        ("staff", {"A": 0, "B": 2, "C": 2, "D": 0}),
        ("organisation", {"A": 0, "B": 1, "C": 1, "D": 0}),
    ]
    # Ranked by level, never by weights: D first (monitoring), then the C factors by number.
    assert [f.factor.number for f in result.lowest] == [4, 1, 3]


def test_no_weighted_score_where_a_weight_it_needs_is_not_known(lead):
    assert scoring.score(rated_assessment(lead, BASELINE)).weighted is None  # b, c, d weights are not known
    all_a = scoring.score(rated_assessment(lead, "aaaaaaaaaa"))
    # Level A is verified for 8 factors; clinical leaders (8) and fit with goals (9) have no known weight.
    assert [f.factor.number for f in all_a.weighted.covered] == [1, 2, 3, 4, 5, 6, 7, 10]
    assert (all_a.weighted.total, all_a.weighted.maximum, all_a.weighted.complete) == (D("78.0"), D("78.0"), False)
    assert scoring.complete_total(all_a) is None
    assert all_a.lowest == []


def sheet(rows):
    return io.StringIO("factor,level,weight,source\n" + "".join(f"{row}\n" for row in rows))


MADE_UP_SHEET = [
    f"{number},{level},{weight},Made-up scoring sheet for tests: page {number}"
    for number in range(1, 11)
    for level, weight in zip("abcd", (D(number + 5), D(number + 2), D(number), D(0)), strict=True)
]


def test_a_published_scoring_sheet_gives_a_weighted_score_to_new_assessments_only(client, lead):
    old = rated_assessment(lead, BASELINE)
    scheme = publish_weights(read_sheet(sheet(MADE_UP_SHEET)), "2027.1", "Official sheet")
    assert ScoringScheme.current() == scheme and scheme.notes == "Official sheet"
    new = rated_assessment(lead, BASELINE)
    result = scoring.score(new)
    # By hand: c=n, b=n+2, d=0 -> 1 + 4 + 3 + 0 + 5 + 8 + 9 + 8 + 11 + 10 = 59; maxima n+5 -> 55 + 50 = 105.
    assert (result.weighted.total, result.weighted.maximum, result.weighted.complete) == (D("59"), D("105"), True)
    assert result.weighted.sources == [f"Made-up scoring sheet for tests: page {n}" for n in range(1, 11)]
    new.refresh_from_db()
    assert new.total == D("59")
    old.refresh_from_db()
    assert old.scheme.version == "2026.2" and old.total is None and scoring.score(old).weighted is None

    client.force_login(lead.user)
    page = client.get(reverse("assessment:results", args=[lead.organisation.slug, new.pk])).text
    assert 'id="weighted-score"><strong>59</strong> out of 105, covering all 10 factors' in page
    page = client.get(reverse("assessment:results", args=[lead.organisation.slug, old.pk])).text
    assert 'id="weighted-score"' not in page and 'id="no-weighted-score"' in page


def test_a_sheet_with_bad_rows_publishes_nothing_and_names_each_line(lead):
    rows = ["1,a,10,Sheet p1", "11,a,3,Sheet", "2,e,3,Sheet", "3,a,-1,Sheet", "4,a,2.55,Sheet", "5,a,3,", "1,a,9,Sheet"]
    with pytest.raises(ValidationError) as error:
        read_sheet(sheet(rows))
    assert error.value.messages == [
        "Line 3: factor must be a number from 1 to 10.",
        "Line 4: level must be a, b, c or d.",
        "Line 5: weight must be a number from 0 with at most one decimal place.",
        "Line 6: weight must be a number from 0 with at most one decimal place.",
        "Line 7: source must cite where the weight comes from.",
        "Line 8: this factor and level appear twice.",
    ]
    with pytest.raises(ValidationError, match="missing: source"):
        read_sheet(io.StringIO("factor,level,weight\n1,a,3\n"))
    assert ScoringScheme.objects.count() == 1


def test_the_management_command_publishes_a_sheet_or_explains_why_not(tmp_path, lead):
    path = tmp_path / "sheet.csv"
    path.write_text("factor,level,weight,source\n" + "\n".join(MADE_UP_SHEET) + "\n", encoding="utf-8")
    out = io.StringIO()
    call_command("publish_scoring_scheme", str(path), "--scheme-version", "2027.1", stdout=out)
    assert "Published Scoring scheme 2027.1 with 40 verified weights" in out.getvalue()
    with pytest.raises(CommandError, match="Version 2027.1 already exists"):
        call_command("publish_scoring_scheme", str(path), "--scheme-version", "2027.1")
    path.write_text("factor,level,weight,source\n8,a,x,Sheet\n", encoding="utf-8")
    with pytest.raises(CommandError, match="Nothing was published.\nLine 2: weight must be"):
        call_command("publish_scoring_scheme", str(path), "--scheme-version", "2027.2")


def test_results_page_leads_with_the_profile_and_says_what_the_tool_is_for(client, lead):
    assessment = rated_assessment(lead, BASELINE)
    client.force_login(lead.user)
    page = client.get(reverse("assessment:results", args=[lead.organisation.slug, assessment.pk])).text
    assert 'id="profile-summary">0 factors at A, 4 factors at B, 5 factors at C, 1 factor at D.' in page
    assert "assess your current position as a health promoting organisation" in page
    assert "4. Monitoring progress</strong> (level D)" in page.split('id="lowest"')[1].split("</ol>")[0]
    for invented in ("100.9", "threshold", "hopeful", "may not last", "most room", "out of a possible"):
        assert invented not in page.lower(), invented
    chart = page.split('<svg class="app-chart"')[1].split("</svg>")[0]
    assert "style=" not in chart and chart.count("<rect") == 10


def test_start_rate_in_drafts_and_complete_through_the_pages(client, lead):
    client.force_login(lead.user)
    slug = lead.organisation.slug
    response = client.post(reverse("assessment:start", args=[slug]), {"scope": "organisation", "participants": ""})
    assert "Enter who took part" in response.text
    response = client.post(reverse("assessment:start", args=[slug]), {"scope": "organisation", "participants": "Board"})
    assessment = Assessment.objects.get()
    assert response["Location"] == reverse("assessment:domain", args=[slug, assessment.pk, "process"])
    process = {"factor_1": "a", "factor_2": "b", "evidence_1": "Staff survey 2026", "continue": "1"}
    response = client.post(reverse("assessment:domain", args=[slug, assessment.pk, "process"]), process)
    assert response["Location"] == reverse("assessment:domain", args=[slug, assessment.pk, "staff"])
    detail = client.get(reverse("assessment:detail", args=[slug, assessment.pk])).text
    assert "2 of 10 factors rated" in detail and "2 of 4 rated" in detail

    response = client.post(reverse("assessment:complete", args=[slug, assessment.pk]), follow=True)
    page = response.text
    assert "There is a problem" in page and "Rate factor 3: Adaptability" in page
    assert f"{reverse('assessment:domain', args=[slug, assessment.pk, 'process'])}#id_factor_3_0" in page
    assert "Rate factor 1:" not in page
    assessment.refresh_from_db()
    assert assessment.status == "draft" and assessment.ratings.get(factor__number=1).evidence == "Staff survey 2026"


def test_a_completed_assessment_is_read_only(client, lead):
    assessment = rated_assessment(lead, BASELINE)
    client.force_login(lead.user)
    url = reverse("assessment:domain", args=[lead.organisation.slug, assessment.pk, "process"])
    assert client.get(url)["Location"].endswith("/results/")
    client.post(url, {"factor_1": "d"})
    assert assessment.ratings.get(factor__number=1).level.level == "c"
    with pytest.raises(ValidationError):
        services.save_ratings(assessment, {})
    with pytest.raises(ValidationError):
        services.complete_assessment(assessment, lead.user)


def test_team_scope_needs_a_team_of_this_organisation(client, lead):
    client.force_login(lead.user)
    url = reverse("assessment:start", args=[lead.organisation.slug])
    assert "Select the team" in client.post(url, {"scope": "team", "participants": "x"}).text
    foreign = TeamFactory()
    response = client.post(url, {"scope": "team", "team": foreign.pk, "participants": "x"})
    assert "Select a valid choice" in response.text
    own = TeamFactory(organisation=lead.organisation)
    client.post(url, {"scope": "team", "team": own.pk, "participants": "x"})
    assert Assessment.objects.get().team == own


def test_compare_shows_the_change_of_level_per_factor_and_the_profiles(client, lead):
    first, second = rated_assessment(lead, BASELINE), rated_assessment(lead, REPEAT)
    client.force_login(lead.user)
    url = reverse("assessment:compare", args=[lead.organisation.slug])
    response = client.get(url, {"first": first.pk, "second": second.pk})
    rows = response.context["comparison"]["rows"]
    assert [row["change"] for row in rows] == [1, 1, 1, 2, 1, 1, 1, 1, 1, 1]
    assert "up 2 levels" in response.text and 'id="profile-change"' in response.text
    assert "Choose two different" in client.get(url, {"first": first.pk, "second": first.pk}).text
    form = client.get(url).context["form"]  # before choosing: the two latest, earlier first (walkthrough 23)
    assert (form["first"].value(), form["second"].value()) == (first.pk, second.pk)


def test_history_table_and_levels_over_time(client, lead):
    rated_assessment(lead, BASELINE)
    rated_assessment(lead, REPEAT)
    rated_assessment(lead, "----------", complete=False)
    client.force_login(lead.user)
    response = client.get(reverse("assessment:list", args=[lead.organisation.slug]))
    assert len(response.context["table"].rows) == 3
    assert [row["result"].strong for row in response.context["trend_rows"]] == [4, 10]
    assert "Is readiness improving? Factors rated A or B in each organisation-wide assessment" in response.text
    assert "how likely" not in response.text


def test_frontline_staff_cannot_see_assessments(client, make_member):
    member = make_member(Role.FRONTLINE)
    client.force_login(member.user)
    assert client.get(reverse("assessment:list", args=[member.organisation.slug])).status_code == 403
    home = client.get(reverse("organisations:home", args=[member.organisation.slug])).text
    assert reverse("assessment:list", args=[member.organisation.slug]) not in home


def test_check_your_answers_comes_before_the_step_that_cannot_be_undone(client, lead):
    slug = lead.organisation.slug
    client.force_login(lead.user)
    draft = rated_assessment(lead, "ab--------", complete=False)
    check = reverse("assessment:check", args=[slug, draft.pk])
    assert client.get(check)["Location"].endswith("?incomplete=1")  # unrated factors: rate them first
    ready = rated_assessment(lead, "abcdabcdab", complete=False)
    detail = client.get(reverse("assessment:detail", args=[slug, ready.pk])).text
    assert reverse("assessment:check", args=[slug, ready.pk]) in detail and "Complete assessment" not in detail
    page = client.get(reverse("assessment:check", args=[slug, ready.pk])).text
    assert page.count("Change<span") == 10 and "Completing cannot be undone" in page
    assert f"{reverse('assessment:domain', args=[slug, ready.pk, 'staff'])}#id_factor_7_0" in page
    assert "evidence for 4" in page
    client.post(reverse("assessment:complete", args=[slug, ready.pk]))
    ready.refresh_from_db()
    assert ready.is_complete
    assert client.get(reverse("assessment:check", args=[slug, ready.pk]))["Location"].endswith("/results/")
