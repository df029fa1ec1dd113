"""Browser tests: Playwright for Python driving Debian's Chromium (never a downloaded browser), with axe-core
from npm injected into every page checked."""

import json
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import need_service
from tests.organisations.factories import PASSWORD

# Playwright's sync API runs an event loop in this thread; the Django ORM calls the tests make are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        need_service("Debian's Chromium is not installed at /usr/bin/chromium (make test installs it)")
    if not AXE.exists():
        need_service("axe-core is not installed in node_modules (make test installs it)")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(chromium):
    """new_page(viewport=DESKTOP, javascript=True) -> a page in a fresh browser context."""
    contexts = []

    def make(viewport=DESKTOP, javascript=True, bypass_csp=True):
        # axe-core is injected as a script tag, which the Content Security Policy would block; the policy itself is
        # checked by check_pages (the raw HTML and header) and by test_csp.py (a browser that enforces it).
        context = chromium.new_context(viewport=viewport, java_script_enabled=javascript, bypass_csp=bypass_csp)
        context.set_default_timeout(15000)
        contexts.append(context)
        page = context.new_page()
        page.mecc_javascript = javascript
        return page

    yield make
    for context in contexts:
        context.close()


def assert_accessible(page):
    """Run axe-core on the page as it is now; any violation fails with its rule, impact and elements."""
    scripted = getattr(page, "mecc_javascript", True)
    results = _axe(page) if scripted else _axe_without_javascript(page)
    violations = [
        {"rule": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results["violations"]
    ]
    assert violations == [], f"axe found violations on {page.url}:\n" + json.dumps(violations, indent=2)


def _axe(page):
    page.add_script_tag(path=str(AXE))
    return page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")


def _axe_without_javascript(page):
    """axe needs script, so check the page's no-JavaScript markup, scripts removed, in a scripted twin."""
    origin = re.match(r"https?://[^/]+", page.url).group(0)
    html = re.sub(r"<script\b.*?</script>", "", page.content(), flags=re.S)
    html = html.replace("<head>", f'<head><base href="{origin}/">', 1)
    context = page.context.browser.new_context(viewport=page.viewport_size)
    try:
        twin = context.new_page()
        twin.set_content(html, wait_until="load")
        return _axe(twin)
    finally:
        context.close()


def assert_fits_phone(page, name):
    """At 360px nothing may scroll sideways; keep a screenshot for people to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-360px.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= 360, f"{page.url} is {scroll_width}px wide at a 360px viewport"


def sign_in(page, live_server, email, password):
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


def submit(page, button_name):
    """Press a form's button and wait for the page that answers it (no JavaScript needed)."""
    with page.expect_navigation():
        page.get_by_role("button", name=button_name).click()


INLINE_STYLE = re.compile(r"<style[\s>]|\sstyle\s*=", re.I)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.I)


def assert_no_inline_code(response, path):
    """The page as served: a strict Content Security Policy header and no inline style, script or handler."""
    policy = response.headers.get("content-security-policy", "")
    assert "script-src 'self'" in policy and "style-src 'self'" in policy, f"{path}: CSP header {policy!r}"
    assert "unsafe-inline" not in policy
    html = response.text()
    for pattern in (INLINE_STYLE, INLINE_SCRIPT, EVENT_HANDLER):
        found = pattern.search(html)
        assert found is None, f"{path} has inline code: {html[max(found.start() - 80, 0) : found.end() + 80]!r}"


def check_pages(new_page, live_server, email, paths, screenshot_prefix):
    """Sign in as `email` and open each path at desktop width and at 360px: a main landmark, every field
    labelled, zero axe violations, and at 360px nothing scrolling sideways (with a screenshot kept)."""
    for viewport in (DESKTOP, PHONE):
        page = new_page(viewport=viewport)
        sign_in(page, live_server, email, PASSWORD)
        for path in paths:
            response = page.goto(live_server.url + path)
            assert_no_inline_code(response, path)
            assert page.locator("#maincontent").count() == 1, f"{path} has no main content"
            assert "[invalid name]" not in page.content(), f"{path} has a field without a label"
            assert_accessible(page)
            if viewport is PHONE:
                slug = re.sub(r"[^a-z0-9]+", "-", path.split("?")[0].lower()).strip("-") or "start"
                assert_fits_phone(page, f"{screenshot_prefix}-{slug}")
