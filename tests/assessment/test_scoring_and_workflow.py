"""Scores against hand-computed worked examples; draft, complete and read-only; compare, trend and versions."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessment import scoring, services
from assessment.models import Assessment, FactorLevel, ScoringScheme
from assessment.publishing import copy_scheme
from organisations.roles import Role
from tests.assessment.factories import rated_assessment, verified_scheme
from tests.organisations.factories import TeamFactory

pytestmark = pytest.mark.django_db

D = Decimal
BASELINE = "cbcdcbbcbc"  # worked example 1
REPEAT = "babbbaabab"  # worked example 2


@pytest.fixture
def lead(make_member):
    return make_member(Role.IMPLEMENTATION_LEAD)


def test_worked_example_one_below_the_threshold(lead):
    # By hand, level weights a / b = 2a/3 / c = a/3 / d = 0 rounded to 0.1:
    # 2.8 + 6.1 + 2.3 + 0 + 3.8 + 7.3 + 10.0 + 4.7 + 5.9 + 3.2 = 46.1
    result = scoring.score(rated_assessment(lead, BASELINE))
    assert result.total == D("46.1") and result.maximum == D("100.9")
    assert [(d.code, d.score, d.maximum) for d in result.domains] == [
        ("process", D("11.2"), D("31.1")),
        ("staff", D("25.8"), D("51.4")),
        ("organisation", D("9.1"), D("18.4")),
    ]
    assert not result.hopeful
    # Room to improve: clinical leaders 9.3, training 7.6, monitoring 6.5.
    assert [f.factor.number for f in result.most_room] == [8, 5, 4]
    assert result.uses_provisional


def test_worked_example_two_at_or_above_the_threshold(lead):
    # 5.7 + 9.1 + 4.7 + 4.3 + 7.6 + 11 + 15 + 9.3 + 8.9 + 6.3 = 81.9
    result = scoring.score(rated_assessment(lead, REPEAT))
    assert result.total == D("81.9") and result.hopeful


def test_extremes_and_the_threshold_boundary(lead):
    assert scoring.score(rated_assessment(lead, "aaaaaaaaaa")).total == D("100.9")
    assert scoring.score(rated_assessment(lead, "dddddddddd")).total == D("0")
    ScoringScheme.objects.update(threshold=D("46.1"))
    assert scoring.score(rated_assessment(lead, BASELINE)).hopeful  # exactly at the threshold counts


def test_provisional_flag_follows_the_weights_actually_used(lead):
    verified_scheme()
    all_a = scoring.score(rated_assessment(lead, "aaaaaaaaaa"))
    assert not all_a.uses_provisional

    FactorLevel.objects.filter(factor__scheme__version="verified-test", factor__number=2, level="b").update(
        weight_provenance="provisional"
    )
    partly = scoring.score(rated_assessment(lead, "abaaaaaaaa"))
    assert partly.uses_provisional and partly.factor(2).provisional and not partly.factor(1).provisional


def test_results_page_says_plainly_when_weights_are_provisional(client, lead):
    assessment = rated_assessment(lead, BASELINE)
    client.force_login(lead.user)
    page = client.get(reverse("assessment:results", args=[lead.organisation.slug, assessment.pk])).text
    assert 'id="provisional-warning"' in page and "not as an official score" in page
    assert 'id="total-score">46.1<' in page and "provisional threshold of 55" in page
    assert "Clinical leaders" in page.split('id="most-room"')[1].split("</ol>")[0]
    assert page.count("<svg") >= 2
    verified_scheme()
    verified = rated_assessment(lead, BASELINE)
    page = client.get(reverse("assessment:results", args=[lead.organisation.slug, verified.pk])).text
    assert 'id="provisional-warning"' not in page


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


def test_compare_shows_the_change_per_factor_and_in_total(client, lead):
    first, second = rated_assessment(lead, BASELINE), rated_assessment(lead, REPEAT)
    client.force_login(lead.user)
    url = reverse("assessment:compare", args=[lead.organisation.slug])
    response = client.get(url, {"first": first.pk, "second": second.pk})
    rows = response.context["comparison"]["rows"]
    assert [row["change"] for row in rows] == [
        D("2.9"), D("3.0"), D("2.4"), D("4.3"), D("3.8"), D("3.7"), D("5.0"), D("4.6"), D("3.0"), D("3.1"),
    ]  # fmt: skip
    assert 'id="total-change"' in response.text and "+35.8" in response.text
    assert "Choose two different" in client.get(url, {"first": first.pk, "second": first.pk}).text


def test_history_table_and_trend_of_the_total(client, lead):
    rated_assessment(lead, BASELINE)
    rated_assessment(lead, REPEAT)
    rated_assessment(lead, "----------", complete=False)
    client.force_login(lead.user)
    response = client.get(reverse("assessment:list", args=[lead.organisation.slug]))
    assert len(response.context["table"].rows) == 3
    assert [a.total for a in response.context["trend_rows"]] == [D("46.1"), D("81.9")]
    assert "Total score of organisation-wide assessments over time" in response.text


def test_a_corrected_scheme_applies_to_new_assessments_only(lead):

    old = rated_assessment(lead, BASELINE)
    corrected = copy_scheme(old.scheme, "2026.2")
    FactorLevel.objects.filter(factor__scheme=corrected, factor__number=8, level="c").update(weight=D("6.0"))
    corrected.is_current = True
    corrected.save()
    new = rated_assessment(lead, BASELINE)
    assert new.scheme == corrected and scoring.score(new).total == D("47.4")
    old.refresh_from_db()
    assert old.scheme.version == "2026.1" and scoring.score(old).total == D("46.1") == old.total


def test_frontline_staff_cannot_see_assessments(client, make_member):
    member = make_member(Role.FRONTLINE)
    client.force_login(member.user)
    assert client.get(reverse("assessment:list", args=[member.organisation.slug])).status_code == 403
    home = client.get(reverse("organisations:home", args=[member.organisation.slug])).text
    assert reverse("assessment:list", args=[member.organisation.slug]) not in home
