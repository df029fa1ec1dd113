"""The Content Security Policy, enforced by a real browser: pages with charts, forms and scripts raise no
violation, and the policy does block inline code (the listener sees a planted inline style refused)."""

import pytest
from django.utils import timezone

from contacts.services import record_conversation
from organisations.roles import Role
from tests.browser.conftest import sign_in
from tests.organisations.factories import PASSWORD, MembershipFactory, OrganisationFactory

LISTEN = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline") + " " + event.sourceFile);
});
"""


# The frontend's script asks for its Frutiger web font from assets.nhs.uk; the policy refuses any request off this
# site, which is what we want (no third-party requests; the page is styled in Arial by static/css/mecc.css).
NHS_FONTS = "font-src https://assets.nhs.uk/fonts/"


def unexpected(violations):
    return [v for v in violations if not v.startswith(NHS_FONTS)]


@pytest.fixture
def lead(transactional_db):
    trust = OrganisationFactory(name="Northgate Hospitals NHS Trust", slug="northgate", staff_headcount=900)
    lead = MembershipFactory(organisation=trust, role=Role.IMPLEMENTATION_LEAD)
    for topic in ("smoking", "alcohol", "smoking"):
        record_conversation(
            organisation=trust,
            recorded_by=lead.user,
            data={"occurred_on": timezone.localdate(), "contact_type": "service_user", "raised_by": "staff",
                  "intervention_level": "brief", "topics": [topic], "outcomes": ["information"]},
        )  # fmt: skip
    return lead


def test_pages_raise_no_violation_and_inline_code_is_blocked(new_page, live_server, lead):
    page = new_page(bypass_csp=False)
    page.add_init_script(LISTEN)
    sign_in(page, live_server, lead.user.email, PASSWORD)
    paths = ["/o/northgate/", "/o/northgate/conversations/new/", "/o/northgate/conversations/summary/",
             "/o/northgate/assessments/", "/o/northgate/implementation/", "/o/northgate/reports/",
             "/o/northgate/sc8/mine/"]  # fmt: skip
    for path in paths:
        page.goto(live_server.url + path)
        page.wait_for_load_state("load")
        assert unexpected(page.evaluate("window.cspViolations")) == [], path
        if path.endswith("summary/"):
            assert page.locator("svg.app-chart").count() >= 1  # the charts drew, without inline styles
    page.evaluate("document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">planted</p>')")
    page.wait_for_timeout(200)
    assert any(v.startswith("style-src") for v in unexpected(page.evaluate("window.cspViolations")))
