"""Property-based tests (hypothesis): random and hostile values thrown at every form of every organisation page,
and at both CSV importers. Never a server error; a rejected submission saves nothing and says why."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts import imports
from contacts.models import Conversation, ConversationImport
from organisations.tenancy import project_apps
from tests.organisations.test_isolation import ORGANISATION_URLS, World, _url
from training import services
from training.models import TrainingRecord

pytestmark = pytest.mark.django_db
NASTY = [
    "", " ", "0", "-1", "99999999999999999999999", "1e309", "NaN", "None", "true", "<script>alert(1)</script>",
    "' OR 1=1 --", "\x00", "../../etc/passwd", "=HYPERLINK(\"http://x\")", "+1", "@SUM(1)", "2026-02-30",
    "31/02/2026", "00/00/0000", "9999-12-31", "\u202e\u200b", "😀" * 40, "a" * 5000, "%s%s%n", "{{ 7*7 }}",
]  # fmt: skip
VALUES = st.one_of(st.sampled_from(NASTY), st.text(max_size=200), st.integers().map(str))
FIELD = re.compile(r'<(?:input|select|textarea)\b[^>]*\bname="([^"]+)"[^>]*>', re.I)
SKIP = {"csrfmiddlewaretoken"}
FORM_PAGES = sorted(
    name
    for name, spec in ORGANISATION_URLS.items()
    if not spec.post_only and not name.endswith(("download", "evidence"))
)
EXAMPLES = settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)


def row_counts() -> dict:
    return {model._meta.label: model.objects.count() for config in project_apps() for model in config.get_models()}


@pytest.fixture
def world(db):
    return World()


@pytest.mark.parametrize("name", FORM_PAGES)
@EXAMPLES
@given(data=st.data())
def test_hostile_values_in_every_form(client, world, name, data):
    spec = ORGANISATION_URLS[name]
    client.force_login(world.admin.user)
    url = _url(name, world.home.slug, world.pk(world.home, spec.objects))
    page = client.get(url)
    assert page.status_code < 500
    fields = sorted(set(FIELD.findall(page.content.decode())) - SKIP) if page.status_code == 200 else []
    if not fields:
        return  # no form on this page
    payload = {field: data.draw(st.one_of(VALUES, st.lists(VALUES, max_size=3)), label=field) for field in fields}
    before = row_counts()
    response = client.post(url, payload)
    assert response.status_code < 500, payload
    if response.status_code == 200:
        assert row_counts() == before, f"{name} saved something from a rejected submission: {payload!r}"
        if "nhsuk-error-summary" not in response.content.decode():
            return
        assert "There is a problem" in response.content.decode()


CSV_CELLS = st.one_of(st.sampled_from(NASTY), st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=40))


@EXAMPLES
@given(
    header=st.lists(st.sampled_from(["date", "topics", "outcomes", "team", "services", "note", "setting", "x"]),
                    min_size=1, max_size=6),
    rows=st.lists(st.lists(CSV_CELLS, min_size=1, max_size=6), max_size=8),
)  # fmt: skip
def test_hostile_conversation_csv(world, header, rows):

    text = "\n".join([",".join(header)] + [",".join(f'"{c.replace(chr(34), "")}"' for c in row) for row in rows])
    job = ConversationImport.objects.create(
        organisation=world.home, uploaded_by=world.admin.user, file=ContentFile(text.encode("utf-8", "replace"),
        name="hostile.csv"), original_name="hostile.csv", sha256="-",
    )  # fmt: skip
    before = Conversation.objects.count()
    job = imports.run_import(job)
    assert job.status in ("done", "rejected", "failed")
    if job.status != "done":
        assert Conversation.objects.count() == before and (job.message or job.rejected)


@EXAMPLES
@given(raw=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(lambda t: t.encode("utf-8", "replace"))))
def test_hostile_training_csv(world, raw):

    before = TrainingRecord.objects.count()
    try:
        result = services.import_records(world.home, raw)
    except ValidationError as refusal:  # the whole file refused, with the reason shown on the page
        assert refusal.messages and TrainingRecord.objects.count() == before
        return
    assert TrainingRecord.objects.count() - before == result["added"]  # rejected rows save nothing
    assert all(row["errors"] for row in result["rejected"])


def test_the_form_pages_do_have_forms(client, world):
    """Guards the test above against passing by finding nothing to fill in."""
    client.force_login(world.admin.user)
    with_forms = []
    for name in FORM_PAGES:
        spec = ORGANISATION_URLS[name]
        page = client.get(_url(name, world.home.slug, world.pk(world.home, spec.objects)))
        if page.status_code == 200 and set(FIELD.findall(page.content.decode())) - SKIP:
            with_forms.append(name)
    for expected in ("contacts:log", "contacts:service_create", "evaluation:reports", "organisations:invitations",
                     "assessment:start", "training:resources", "implementation:item"):  # fmt: skip
        assert expected in with_forms, expected
    assert len(with_forms) >= 20, with_forms
