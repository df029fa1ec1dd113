"""The resource library: the toolkit's tools and national resources in their sources' words, the organisation's
own files (checked like evidence) and links, and who may add or remove them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from implementation import content
from implementation.models import LibraryFile, LibraryItem
from organisations.roles import Role

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n% our prompt card\n"


def test_the_library_lists_the_toolkit_tools_and_national_resources_with_their_sources_words(client, make_member):
    member = make_member(Role.FRONTLINE)
    client.force_login(member.user)
    page = client.get(reverse("implementation:library", args=[member.organisation.slug])).text
    for entry in content.LIBRARY:
        assert entry.title in page
    assert "The health benefit cards offer information on specific lifestyle areas." in page
    assert f'href="{content.GOV_UK_PRACTICAL_RESOURCES}"' in page
    assert "Add a resource" not in page  # frontline staff read; leads, admins and trainers add


def test_a_lead_adds_a_file_as_the_organisations_prompt_card_and_a_link(client, make_member):
    lead = make_member(Role.IMPLEMENTATION_LEAD)
    slug = lead.organisation.slug
    client.force_login(lead.user)
    url = reverse("implementation:library", args=[slug])
    card = SimpleUploadedFile("card.pdf", PDF, content_type="application/pdf")
    client.post(url, {"title": "Our prompt card", "entry": "prompt_card", "upload": card})
    client.post(url, {"title": "Local campaign", "link": "https://www.example.org/campaign"})
    item = LibraryItem.objects.get(title="Our prompt card")
    assert item.file.content_type == "application/pdf" and item.entry == "prompt_card"
    page = client.get(url).text
    prompt_card_row = page.split("Prompt Card and Health Benefit Cards")[1].split("</li>")[0]
    assert "Our prompt card" in prompt_card_row and 'id="own-resources"' in page and "Local campaign" in page
    download = client.get(reverse("implementation:library_download", args=[slug, item.pk]))
    assert b"".join(download.streaming_content) == PDF and download["X-Content-Type-Options"] == "nosniff"
    client.post(reverse("implementation:library_remove", args=[slug, item.pk]))
    assert not LibraryItem.objects.filter(pk=item.pk).exists() and not LibraryFile.objects.exists()


@pytest.mark.parametrize(
    ("data", "upload", "message"),
    [
        ({"title": ""}, None, "Enter a title"),
        ({"title": "Nothing"}, None, "Upload a file or give a link"),
        (
            {"title": "Both", "link": "https://www.example.org"},
            ("a.pdf", PDF),
            "Upload a file or give a link, not both",
        ),
        ({"title": "Script"}, ("card.pdf", b"<script>alert(1)</script>"), "Upload a PDF, a Word, Excel"),
        ({"title": "Bad link", "link": "javascript:alert(1)"}, None, "Enter a web address"),
    ],
)
def test_bad_input_gets_a_clear_error_and_saves_nothing(client, make_member, data, upload, message):
    lead = make_member(Role.IMPLEMENTATION_LEAD)
    client.force_login(lead.user)
    if upload:
        data = data | {"upload": SimpleUploadedFile(upload[0], upload[1])}
    response = client.post(reverse("implementation:library", args=[lead.organisation.slug]), data)
    assert response.status_code == 400 and "There is a problem" in response.text
    assert message in response.text
    assert not LibraryItem.objects.exists()
