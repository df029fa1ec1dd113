"""collectstatic copies what pages use: the site's own files, the admin's, and from the NHS.UK frontend package only
its compiled stylesheet and script and its images (not its 15 MB of Sass, sources and maps)."""

from pathlib import Path

from django.core.management import call_command


def test_collectstatic_takes_only_the_frontend_files_pages_use(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    call_command("collectstatic", "--no-input", verbosity=0)
    nhsuk = {str(path.relative_to(tmp_path / "nhsuk")) for path in (tmp_path / "nhsuk").rglob("*") if path.is_file()}
    assert {"nhsuk-frontend.min.css", "nhsuk-frontend.min.js", "assets/images/favicon.svg"} <= nhsuk
    assert all(name.startswith(("assets/", "nhsuk-frontend.min.")) for name in nhsuk), nhsuk
    assert (tmp_path / "admin" / "css" / "base.css").exists() and (tmp_path / "css" / "mecc.css").exists()
    total = sum(path.stat().st_size for path in Path(tmp_path).rglob("*") if path.is_file())
    assert total < 5 * 1024 * 1024


def test_the_service_worker_is_served_from_the_root_and_keeps_only_the_blank_log_form(client):
    response = client.get("/sw.js")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/javascript")
    assert response["Cache-Control"] == "no-cache"
    source = response.content.decode()
    assert r"/^\/o\/[^/]+\/conversations\/new\/$/" in source  # the one page it stores
    assert 'request.method !== "GET"' in source  # never a POST: the page keeps those itself
