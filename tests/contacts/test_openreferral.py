"""Issue 20: the signposting directory as an Open Referral UK feed (validated against the UK profile's JSON schema
kept in the repository) and the import of such a feed, which round-trips a feed this service produced."""

import datetime
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker

from contacts import content, openreferral
from contacts.models import Service
from organisations.models import Organisation
from organisations.roles import Role
from tests.contacts.factories import ServiceFactory
from tests.organisations.factories import ContractFactory, MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db
SCHEMAS = Path(__file__).resolve().parents[2] / "contacts" / "openreferral_schema"


def validator(name: str) -> Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return Draft202012Validator(schema, format_checker=FormatChecker())


def assert_valid(name: str, document: dict) -> None:
    errors = sorted(validator(name).iter_errors(document), key=lambda e: list(e.path))
    assert not errors, [f"{list(e.path)}: {e.message}" for e in errors]


@pytest.fixture
def trust():
    organisation = OrganisationFactory(name="Northgate Hospitals NHS Trust", slug="northgate", ods_code="RX1",
                                       publishes_directory=True)  # fmt: skip
    ServiceFactory(organisation=organisation, name="Stop smoking service", shared=True, phone="0300 123 4567",
                   website="https://example.org/stop", opening_times="Mon to Fri, 9am to 5pm",
                   area_served="Northgate", topics=content.to_mask(content.TOPICS, ["smoking"]),
                   determinants=content.to_mask(content.DETERMINANTS, ["housing"]),
                   open_days=content.to_mask(content.WEEKDAYS, ["MO", "TU", "WE", "TH", "FR"]),
                   opens_at=datetime.time(9), closes_at=datetime.time(17, 30), address="1 High Street",
                   town="Northgate", postcode="NG1 1AA")  # fmt: skip
    ServiceFactory(organisation=organisation, name="Walking group", shared=True,
                   topics=content.to_mask(content.TOPICS, ["activity"]))  # fmt: skip
    ServiceFactory(organisation=organisation, name="Ward-only leaflet rack", shared=False)  # not shared: never out
    ServiceFactory(organisation=organisation, name="Closed clinic", shared=True, is_active=False)
    return organisation


def services_page(client, slug, **params):
    return client.get(reverse("openreferral_services", args=[slug]), params)


def test_the_feed_publishes_shared_active_entries_and_validates_against_the_schema(client, trust):
    root = client.get(reverse("openreferral_root", args=[trust.slug]))
    assert root.json()["version"] == "3.0" and root["Access-Control-Allow-Origin"] == "*"
    page = services_page(client, trust.slug).json()
    assert [s["name"] for s in page["contents"]] == ["Stop smoking service", "Walking group"]
    assert (page["total_items"], page["total_pages"], page["first_page"], page["last_page"]) == (2, 1, True, True)
    for item in page["contents"]:
        assert_valid("service_list", item)
        full = client.get(reverse("openreferral_service", args=[trust.slug, item["id"]])).json()
        assert_valid("service", full)
    stop = client.get(reverse("openreferral_service", args=[trust.slug, page["contents"][0]["id"]])).json()
    assert stop["schedules"][0]["description"] == "Mon to Fri, 9am to 5pm"
    assert (stop["schedules"][0]["byday"], stop["schedules"][0]["opens_at"]) == ("MO,TU,WE,TH,FR", "09:00:00")
    address = stop["service_at_locations"][0]["location"]["addresses"][0]
    assert (address["address_1"], address["postal_code"]) == ("1 High Street", "NG1 1AA")
    assert stop["contacts"][0]["phones"][0]["number"] == "0300 123 4567"
    assert {a["taxonomy_term"]["name"] for a in stop["attributes"]} == {"Smoking", "Housing"}
    assert stop["organization"]["organization_identifiers"][0]["identifier"] == "RX1"


def test_paging_search_and_taxonomy_filters(client, trust):
    first = services_page(client, trust.slug, per_page=1).json()
    assert (first["total_pages"], first["size"], first["last_page"]) == (2, 1, False)
    second = services_page(client, trust.slug, per_page=1, page=2).json()
    assert second["contents"][0]["name"] == "Walking group" and second["last_page"]
    assert [s["name"] for s in services_page(client, trust.slug, search="walk").json()["contents"]] == ["Walking group"]
    smoking = openreferral.term_id("smoking")
    found = services_page(client, trust.slug, taxonomy_term_id=smoking).json()["contents"]
    assert [s["name"] for s in found] == ["Stop smoking service"]
    assert services_page(client, trust.slug, taxonomy_id="other").json()["empty"]
    assert services_page(client, trust.slug, per_page=0).status_code == 400
    assert services_page(client, trust.slug, page="x").status_code == 400


def test_no_feed_until_the_organisation_publishes_and_nothing_unshared_is_found(client, trust):
    quiet = OrganisationFactory(slug="quiet")
    ServiceFactory(organisation=quiet, shared=True)
    assert client.get(reverse("openreferral_root", args=["quiet"])).status_code == 404
    assert services_page(client, "quiet").status_code == 404
    hidden = Service.objects.get(name="Ward-only leaflet rack")
    made_id = openreferral.service_id(hidden)
    assert client.get(reverse("openreferral_service", args=[trust.slug, made_id])).status_code == 404


def test_a_commissioners_feed_holds_its_consenting_providers_that_publish(client, trust):
    icb = OrganisationFactory(kind=Organisation.Kind.ICB, slug="icb", publishes_directory=True)
    ContractFactory(commissioner=icb, provider=trust, status="accepted")
    silent = OrganisationFactory()
    ServiceFactory(organisation=silent, name="Not published", shared=True)
    ContractFactory(commissioner=icb, provider=silent, status="accepted")
    names = [s["name"] for s in services_page(client, "icb").json()["contents"]]
    assert names == ["Stop smoking service", "Walking group"]


def test_a_feed_this_service_produced_imports_back_without_duplicates(client, trust):
    page = services_page(client, trust.slug).json()
    feed = [client.get(reverse("openreferral_service", args=[trust.slug, s["id"]])).json() for s in page["contents"]]
    council = OrganisationFactory(name="Midshire Council", slug="council")
    lead = MembershipFactory(organisation=council, role=Role.IMPLEMENTATION_LEAD)
    client.force_login(lead.user)
    url = reverse("contacts:directory_feed", args=[council.slug])

    def upload(document, origin="northgate feed"):
        file = SimpleUploadedFile("feed.json", json.dumps(document).encode(), content_type="application/json")
        return client.post(url, {"import": "1", "file": file, "origin": origin}).context["outcome"]

    outcome = upload(feed)
    assert (outcome.added, outcome.updated, outcome.rejected) == (2, 0, [])
    imported = Service.objects.get(organisation=council, name="Stop smoking service")
    assert imported.origin == "northgate feed" and imported.external_id == feed[0]["id"]
    assert imported.phone == "0300 123 4567" and imported.opening_times == "Mon to Fri, 9am to 5pm"
    assert set(imported.topic_codes) == {"smoking"} and set(imported.determinant_codes) == {"housing"}
    assert imported.open_day_codes == ["MO", "TU", "WE", "TH", "FR"] and imported.closes_at == datetime.time(17, 30)
    assert (imported.address, imported.town, imported.postcode) == ("1 High Street", "Northgate", "NG1 1AA")
    assert (upload(feed).unchanged, Service.objects.filter(organisation=council).count()) == (2, 2)

    feed[1]["description"] = "Now on Saturdays too"
    feed.append({"id": "x-1", "status": "open"})
    outcome = upload({"contents": feed})
    assert (outcome.added, outcome.updated, outcome.unchanged) == (0, 1, 1)
    assert "name: missing" in outcome.rejected[0]["errors"] and "status" in outcome.rejected[0]["errors"][1]
    assert Service.objects.get(organisation=council, name="Walking group").description == "Now on Saturdays too"

    clash = upload(feed[:1], origin="another feed")  # the same name from elsewhere is not a second entry
    assert clash.added == 0 and "already in the directory" in clash.rejected[0]["errors"][0]
    bad = client.post(url, {"import": "1", "file": SimpleUploadedFile("x.json", b"not json")})
    assert "The file is not JSON" in bad.text and "nhsuk-error-summary" in bad.text


def test_publishing_is_the_directory_managers_choice(client, trust):
    council = OrganisationFactory(slug="council")
    lead = MembershipFactory(organisation=council, role=Role.IMPLEMENTATION_LEAD)
    client.force_login(lead.user)
    url = reverse("contacts:directory_feed", args=[council.slug])
    assert client.post(url, {"save_publishing": "1", "publish": "on"}).status_code == 302
    assert Organisation.objects.get(pk=council.pk).publishes_directory
    assert client.get(reverse("openreferral_root", args=["council"])).status_code == 200
    client.post(url, {"save_publishing": "1"})  # unticked: the feed is withdrawn
    assert client.get(reverse("openreferral_root", args=["council"])).status_code == 404
    frontline = MembershipFactory(organisation=council, role=Role.FRONTLINE)
    client.force_login(frontline.user)
    assert client.post(url, {"save_publishing": "1", "publish": "on"}).status_code == 403


def test_the_directory_form_takes_regular_hours_and_a_place(client, trust):
    lead = MembershipFactory(organisation=trust, role=Role.IMPLEMENTATION_LEAD)
    client.force_login(lead.user)
    url = reverse("contacts:service_create", args=[trust.slug])
    data = {"name": "Debt advice", "topic_codes": ["mental_wellbeing"], "access": "self", "is_active": "on",
            "open_day_codes": ["TU", "TH"], "opens_at": "10:00", "closes_at": "", "postcode": "ng2 2bb"}  # fmt: skip
    page = client.post(url, data).text
    assert "nhsuk-error-summary" in page and "or none" in page
    page = client.post(url, {**data, "closes_at": "09:00"}).text
    assert "The closing time must be after the opening time" in page
    assert client.post(url, {**data, "closes_at": "16:00"}).status_code == 302
    saved = Service.objects.get(name="Debt advice")
    assert saved.open_day_codes == ["TU", "TH"] and saved.postcode == "NG2 2BB"
