"""The four-phase checklist: content against the domain file, every organisation's copy, progress, overdue,
contingency, board approval, history and evidence files."""

import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment
from common.uploads import safe_download_name
from evaluation.models import EvaluationReport
from implementation import content, selectors, services
from implementation.models import ChecklistItem, EvidenceFile
from implementation.suggestions import suggestions
from organisations.roles import ROLES_BY_CAPABILITY, Capability, Role
from tests.assessment.factories import AssessmentFactory, rated_assessment
from tests.evaluation.factories import EvaluationReportFactory
from tests.implementation.factories import ObjectiveFactory
from tests.organisations.factories import MembershipFactory, OrganisationFactory
from training.models import TrainingResource, TrainingSession

pytestmark = pytest.mark.django_db

REGISTER = Path(__file__).resolve().parents[2] / "docs" / "sources.md"  # the project's own source register
TODAY = timezone.localdate()


def domain_rows():
    section = REGISTER.read_text(encoding="utf-8").split("## 8.")[1].split("## Known differences")[0]
    rows, phase = [], 0
    for line in section.splitlines():
        if line.startswith("### Phase"):
            phase = int(re.search(r"Phase (\d)", line).group(1))
        elif line.startswith("| ") and not line.startswith("| Action") and phase:
            cols = [c.strip() for c in line.strip().strip("|").split("|")]
            rows.append((phase, cols[0].replace(" (contingency)", ""), cols[1].replace("**", ""), cols[2]))
    return rows


def test_template_matches_the_source_register():
    rows = domain_rows()
    assert len(rows) == 19 and [sum(1 for r in rows if r[0] == n) for n in (1, 2, 3, 4)] == [5, 3, 6, 5]
    assert [(a.phase, a.title, a.tools, a.success) for a in content.ACTIONS] == rows
    assert all(a.approach for a in content.ACTIONS)


def test_every_new_organisation_gets_its_checklist_once():
    organisation = OrganisationFactory()
    assert ChecklistItem.objects.for_organisation(organisation).count() == 19
    assert services.create_checklist(organisation) == 0
    assert ChecklistItem.objects.for_organisation(organisation).count() == 19


@pytest.fixture
def lead(make_member):
    return make_member(Role.IMPLEMENTATION_LEAD)


def item(organisation, code):
    return ChecklistItem.objects.for_organisation(organisation).get(code=code)


def set_status(member, code, status, **changes):
    return services.update_item(item(member.organisation, code), changed_by=member.user, status=status, **changes)


def test_progress_per_phase_overall_and_current_phase(lead):
    organisation = lead.organisation
    for code in ("make_case", "obtain_support", "identify_resources", "identify_champions"):
        set_status(lead, code, "achieved")
    set_status(lead, "smart_objectives", "not_applicable", not_applicable_reason="Set by the ICB")
    view = selectors.overview(organisation)
    # The contingency action is hidden while the board has not declined: 18 actions shown.
    assert [(p.done, p.total) for p in view["phases"]] == [(4, 4), (1, 3), (0, 6), (0, 5)]
    assert (view["done"], view["total"], view["percent"]) == (5, 18, 28)
    assert view["current_phase"].number == 2


def test_overdue_items_are_open_items_past_their_target(lead):
    yesterday = TODAY - datetime.timedelta(days=1)
    set_status(lead, "make_case", "in_progress", target_date=yesterday)
    set_status(lead, "identify_resources", "achieved", target_date=yesterday)
    set_status(lead, "identify_teams", "not_started", target_date=TODAY)
    overdue = selectors.overview(lead.organisation)["overdue"]
    assert [i.code for i in overdue] == ["make_case"]


def test_plan_approved_needs_the_board_item_achieved_with_evidence(lead):
    organisation = lead.organisation
    set_status(lead, "obtain_support", "achieved")
    assert not selectors.plan_status([organisation.pk])[organisation.pk].approved
    set_status(lead, "obtain_support", "achieved", evidence="Board minutes 12 March; lead: L. Lead")
    assert selectors.plan_status([organisation.pk])[organisation.pk].approved


def test_declined_board_shows_contingency_steps_until_support_is_obtained(client, lead):
    organisation = lead.organisation
    assert not selectors.contingency_active(organisation)
    set_status(lead, "obtain_support", "in_progress", board_decision="declined", board_decision_on=TODAY)
    assert selectors.contingency_active(organisation)
    client.force_login(lead.user)
    page = client.get(reverse("implementation:checklist", args=[organisation.slug])).text
    assert "Organisational support not obtained" in page and "The board declined support" in page
    contingency = item(organisation, content.CONTINGENCY)
    detail = client.get(reverse("implementation:item", args=[organisation.slug, contingency.pk])).text
    assert all(step in detail for step in content.CONTINGENCY_STEPS)
    set_status(lead, "obtain_support", "achieved", board_decision="approved")
    assert not selectors.contingency_active(organisation)
    assert (
        "Organisational support not obtained"
        not in client.get(reverse("implementation:checklist", args=[organisation.slug])).text
    )


def test_updating_through_the_page_records_history_and_achieved_by(client, lead):
    target = item(lead.organisation, "make_case")
    client.force_login(lead.user)
    url = reverse("implementation:item", args=[lead.organisation.slug, target.pk])
    response = client.post(url, {"status": "not_applicable", "not_applicable_reason": ""})
    assert "Say why this action does not apply" in response.text
    target.refresh_from_db()
    assert target.status == "not_started"
    client.post(url, {"status": "in_progress", "owner": lead.user.pk, "target_date": "2026-12-01"})
    client.post(url, {"status": "achieved", "owner": lead.user.pk, "evidence": "Case presented"})
    target.refresh_from_db()
    assert target.achieved_on == TODAY and target.achieved_by == lead.user
    history = [c.summary for c in target.changes.order_by("changed_at", "pk")]
    assert "Status: Not started → In progress" in history[0] and "Target date: none → 2026-12-01" in history[0]
    assert "Status: In progress → Achieved" in history[1]
    assert "Case presented" in client.get(url).text


def test_owner_must_be_an_active_member_of_this_organisation(client, lead):
    target = item(lead.organisation, "make_case")
    outsider = MembershipFactory().user
    client.force_login(lead.user)
    url = reverse("implementation:item", args=[lead.organisation.slug, target.pk])
    response = client.post(url, {"status": "in_progress", "owner": outsider.pk})
    assert "There is a problem" in response.text
    target.refresh_from_db()
    assert target.owner is None


def test_local_actions_can_be_added(client, lead):
    client.force_login(lead.user)
    url = reverse("implementation:checklist", args=[lead.organisation.slug])
    assert "Enter the action" in client.post(url, {"phase": 2, "title": ""}).text
    client.post(url, {"phase": 2, "title": "Agree MECC with the staff side", "success": "Unions support it"})
    local = ChecklistItem.objects.for_organisation(lead.organisation).get(code="")
    assert local.phase == 2 and local.is_local
    assert selectors.phase_progress(lead.organisation)[1].total == 4


def pdf():
    return SimpleUploadedFile("board minutes.pdf", b"%PDF-1.7\n" + b"x" * 100, "application/pdf")


def docx():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return SimpleUploadedFile("plan.docx", buffer.getvalue(), "application/octet-stream")


@pytest.mark.parametrize(
    ("upload", "kind"),
    [
        (pdf, "application/pdf"),
        (docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (lambda: SimpleUploadedFile("photo.png", b"\x89PNG\r\n\x1a\n" + bytes(50), "image/png"), "image/png"),
    ],
    ids=["pdf", "docx", "png"],
)
def test_evidence_files_are_typed_by_content_and_downloadable_by_members(client, lead, upload, kind):
    target = item(lead.organisation, "obtain_support")
    client.force_login(lead.user)
    response = client.post(reverse("implementation:item_upload", args=[lead.organisation.slug, target.pk]),
                           {"file": upload()})  # fmt: skip
    assert response.status_code == 302
    evidence = EvidenceFile.objects.get()
    assert evidence.content_type == kind and "/" not in evidence.original_name
    assert evidence.file.name.startswith(f"evidence/{lead.organisation.pk}/") and "." not in evidence.file.name
    board = MembershipFactory(organisation=lead.organisation, role=Role.BOARD_MEMBER)
    client.force_login(board.user)
    download = client.get(reverse("implementation:evidence", args=[lead.organisation.slug, evidence.pk]))
    assert download.status_code == 200 and download["Content-Type"] == kind
    assert download["X-Content-Type-Options"] == "nosniff" and "attachment" in download["Content-Disposition"]
    assert "Evidence file added" in target.changes.first().summary


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("minutes.pdf", b"MZ\x90\x00 this is a program", "Upload a PDF"),
        ("notes.txt", b"plain text", "Upload a PDF"),
        ("fake.docx", b"PK\x03\x04 not really a zip", "damaged"),
        ("empty.pdf", b"", "empty"),
        ("huge.pdf", b"%PDF-" + bytes(10 * 1024 * 1024), "10 MB or smaller"),
    ],
    ids=["exe-named-pdf", "text", "broken-zip", "empty", "too-big"],
)
def test_bad_evidence_files_are_refused_with_a_reason(client, lead, name, data, message):
    target = item(lead.organisation, "obtain_support")
    client.force_login(lead.user)
    response = client.post(
        reverse("implementation:item_upload", args=[lead.organisation.slug, target.pk]),
        {"file": SimpleUploadedFile(name, data)},
    )
    assert response.status_code == 400 and message in response.text and "There is a problem" in response.text
    assert not EvidenceFile.objects.exists()


def test_download_name_cannot_carry_a_path_or_header_tricks():

    assert safe_download_name('../../etc/passwd"\r\nX: y') == "passwdX: y"
    assert safe_download_name("C:\\Users\\me\\minutes.pdf") == "minutes.pdf"
    assert safe_download_name("...") == "evidence"


def test_staff_training_action_links_to_training_sessions(lead):
    resource = TrainingResource.objects.create(organisation=lead.organisation, name="MECC workshop",
                                               delivery="face_to_face", intervention_level="brief",
                                               competence_level="skilled")  # fmt: skip
    session = TrainingSession.objects.create(organisation=lead.organisation, resource=resource, date=TODAY)
    links = selectors.linked_records(item(lead.organisation, "staff_training"))
    assert links == [{"label": str(session), "url": f"/o/{lead.organisation.slug}/training/sessions/{session.pk}/"}]


def test_evaluation_report_and_assessment_actions_link_to_their_records(client, lead):

    organisation = lead.organisation
    client.force_login(lead.user)
    report_item = item(organisation, "evaluation_report")
    page = client.get(reverse("implementation:item", args=[organisation.slug, report_item.pk])).text
    assert "Records that evidence this action" in page and "None yet." in page

    ready = EvaluationReportFactory(organisation=organisation, status=EvaluationReport.Status.READY)
    EvaluationReportFactory(organisation=organisation, status=EvaluationReport.Status.FAILED)  # not evidence
    EvaluationReportFactory(status=EvaluationReport.Status.READY)  # another organisation's
    assert selectors.linked_records(report_item) == [
        {"label": str(ready), "url": reverse("evaluation:report_detail", args=[organisation.slug, ready.pk])}
    ]
    page = client.get(reverse("implementation:item", args=[organisation.slug, report_item.pk])).text
    assert f'href="{reverse("evaluation:report_detail", args=[organisation.slug, ready.pk])}"' in page
    # A team manager cannot open reports: the report is named, never linked to a 403 (walkthrough 13).
    manager = MembershipFactory(organisation=organisation, role=Role.TEAM_MANAGER)
    client.force_login(manager.user)
    page = client.get(reverse("implementation:item", args=[organisation.slug, report_item.pk])).text
    assert str(ready) in page and "/reports/" not in page.split("Records that evidence this action")[1]
    client.force_login(lead.user)

    assessment = AssessmentFactory(organisation=organisation, status=Assessment.Status.COMPLETE)
    AssessmentFactory()  # another organisation's
    repeat = next(a.code for a in content.ACTIONS if a.link == "assessment")
    assert selectors.linked_records(item(organisation, repeat)) == [
        {"label": str(assessment), "url": reverse("assessment:detail", args=[organisation.slug, assessment.pk])}
    ]


def test_the_checklist_names_its_source_and_links_phase_one_to_a_baseline_assessment(client, lead, make_member):
    client.force_login(lead.user)
    url = reverse("implementation:checklist", args=[lead.organisation.slug])
    page = client.get(url).text
    source = page.split('id="checklist-source"')[1].split("</p>")[0]
    assert "East Midlands Health Trainer Hub" in source and "national PHE and HEE MECC implementation guide" in source
    baseline = page.split('id="baseline-assessment"')[1].split("</p>")[0]
    assert "no organisation-wide assessment has been completed yet" in baseline
    assert reverse("assessment:list", args=[lead.organisation.slug]) in baseline
    assert page.index('id="baseline-assessment"') < page.index('id="phase-2"')
    rated_assessment(lead, "aaaaaaaaaa")
    assert "the latest organisation-wide assessment was completed" in client.get(url).text
    # A role that may read the checklist but not assessments is never offered a link that would refuse it.
    assert Role.TRAINER in ROLES_BY_CAPABILITY[Capability.VIEW_CHECKLIST]
    assert Role.TRAINER not in ROLES_BY_CAPABILITY[Capability.VIEW_ASSESSMENT]
    viewer = make_member(Role.TRAINER)
    client.force_login(viewer.user)
    page = client.get(reverse("implementation:checklist", args=[viewer.organisation.slug])).text
    assert reverse("assessment:list", args=[viewer.organisation.slug]) not in page.split('id="baseline-assessment"')[1]


def test_the_guide_wording_is_used_where_the_app_quotes_it():
    titles = {a.code: a.title for a in content.ACTIONS}
    assert titles["engage_teams"] == "Engaging and empowering teams and individuals"
    approaches = {a.code: a.approach for a in content.ACTIONS}
    assert "review communication opportunities with individuals" in approaches["engage_teams"]
    assert "continuously review process and procedures" in approaches["systems_processes"]
    assert dict(content.PRIORITY_CRITERIA)["current_work"] == "Current work undertaken"


def test_roll_out_page_labels_the_one_to_five_scoring_as_this_services_own(client, lead):
    client.force_login(lead.user)
    page = client.get(reverse("implementation:rollout", args=[lead.organisation.slug])).text
    assert "current work undertaken" in page.split('id="criteria"')[1].split("</p>")[0]
    assert "this service's own method" in page.split('id="scoring-is-ours"')[1].split("</p>")[0]
    assert "guide's criteria, each scored 1 to 5" not in page


def test_the_guides_example_objectives_prefill_the_form(client, lead):
    client.force_login(lead.user)
    url = reverse("implementation:objectives", args=[lead.organisation.slug])
    page = client.get(url).text
    examples = page.split('id="example-objectives"')[1].split("</details>")[0]
    assert examples.count("<li>") == 16 and "Strategies to support staff health and wellbeing are in place" in examples
    form = client.get(url, {"example": "long-2"}).context["form"]
    assert form.initial == {
        "term": "long",
        "statement": "Strategies to support staff health and wellbeing are in place",
        "area": "staff_wellbeing",
    }
    for nonsense in ("long-9", "long-x", "nope", ""):
        assert client.get(url, {"example": nonsense}).context["form"].initial == {}


def test_the_objective_form_preselects_nothing(client, lead):
    client.force_login(lead.user)
    page = client.get(reverse("implementation:objectives", args=[lead.organisation.slug])).text
    form = page.split('id="add-objective"')[1].split("</form>")[0]
    radios = re.findall(r'<input[^>]*type="radio"[^>]*>', form)
    assert len(radios) == 3 + 4 + 5  # term, part of the programme, measure: real answers only
    assert not [radio for radio in radios if "checked" in radio or 'value=""' in radio]


def test_objective_figures_print_as_people_write_them(client, lead):
    ObjectiveFactory(organisation=lead.organisation, owner=lead.user, target=2000, measure="manual", manual_value=2495)
    client.force_login(lead.user)
    page = client.get(reverse("implementation:objectives", args=[lead.organisation.slug])).text
    assert "target 2000<" in page and "2495 of 2000<" in page and "2000.0" not in page


def test_the_data_is_offered_as_a_suggestion_and_changes_nothing_until_accepted(client, lead):
    slug = lead.organisation.slug
    for _ in range(3):
        ObjectiveFactory(organisation=lead.organisation, owner=lead.user)
    item = ChecklistItem.objects.get(organisation=lead.organisation, code="smart_objectives")
    client.force_login(lead.user)
    checklist = client.get(reverse("implementation:checklist", args=[slug])).text
    assert "The data shows: 3 objectives set, 0 signed off by a board member." in checklist
    item.refresh_from_db()
    assert item.status == "not_started"  # shown, never applied silently
    page = client.get(reverse("implementation:item", args=[slug, item.pk])).text
    assert 'id="data-shows"' in page and "Mark as achieved" in page
    client.post(reverse("implementation:item_accept", args=[slug, item.pk]))
    item.refresh_from_db()
    assert item.status == "achieved" and item.achieved_by == lead.user
    assert item.evidence.endswith("From the data: 3 objectives set, 0 signed off by a board member.")
    assert "The data shows" not in client.get(reverse("implementation:item", args=[slug, item.pk])).text
    nothing = ChecklistItem.objects.get(organisation=lead.organisation, code="evaluation_report")
    client.post(reverse("implementation:item_accept", args=[slug, nothing.pk]))
    nothing.refresh_from_db()
    assert nothing.status == "not_started"  # no data, no change


def test_reports_produced_are_suggested_for_the_evaluation_report_action(lead):
    EvaluationReportFactory(organisation=lead.organisation, status="ready", finished_at=timezone.now())
    item = ChecklistItem.objects.get(organisation=lead.organisation, code="evaluation_report")
    assert suggestions(lead.organisation, [item]) == {item.pk: "1 evaluation report produced"}


def test_one_save_keeps_the_edits_and_the_file_together(client, lead):
    """Walkthrough bug 2: uploading a file first lost the status, owner, date and evidence typed above it."""
    target = item(lead.organisation, "obtain_support")
    client.force_login(lead.user)
    url = reverse("implementation:item", args=[lead.organisation.slug, target.pk])
    edits = {"status": "in_progress", "owner": lead.user.pk, "target_date": "2026-12-01", "evidence": "Paper drafted"}
    response = client.post(url, {**edits, "file": pdf()})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.status, target.evidence, target.owner) == ("in_progress", "Paper drafted", lead.user)
    assert EvidenceFile.objects.get().item == target
    page = client.get(url).text
    assert "board minutes.pdf" in page and page.count('enctype="multipart/form-data"') == 1


def test_a_refused_file_keeps_the_edits_on_the_page_and_saves_neither(client, lead):
    target = item(lead.organisation, "obtain_support")
    client.force_login(lead.user)
    url = reverse("implementation:item", args=[lead.organisation.slug, target.pk])
    bad = SimpleUploadedFile("minutes.pdf", b"MZ\x90\x00 this is a program")
    response = client.post(url, {"status": "in_progress", "evidence": "Met the chief nurse", "file": bad})
    assert response.status_code == 200 and "There is a problem" in response.text and "Upload a PDF" in response.text
    assert "Met the chief nurse" in response.text and "Your other changes above are kept" in response.text
    assert response.context["form"]["status"].value() == "in_progress"
    target.refresh_from_db()
    assert target.status == "not_started" and target.evidence == "" and not EvidenceFile.objects.exists()
