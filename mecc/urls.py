"""Top-level URLs: accounts (django-allauth), the Django admin for platform staff, and each app's URLs.

Every organisation's pages live under one prefix, /o/<org_slug>/, written here once; each view behind it passes
through organisations.access.organisation_view.
"""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from contacts.views import openreferral as openreferral_views
from evaluation.api import api
from mecc.views import health, ready, service_worker
from organisations import mfa_enrolment
from organisations.views import home, invitations
from training import views as training_views

organisation_urls = [
    path("", include("organisations.urls")),
    path("", include("contacts.urls")),
    path("", include("assessment.urls")),
    path("", include("implementation.urls")),
    path("", include("training.urls")),
    path("", include("evaluation.urls")),
]

urlpatterns = [
    path("", home.start, name="home"),
    path("organisations/", home.switch, name="switch_organisation"),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("survey/<str:code>/<slug:stage>/", training_views.survey_by_card, name="survey_card"),
    # Open Referral UK: an organisation's published directory, open to anyone, read-only (contacts/openreferral.py)
    path("openreferral/<slug:slug>/", openreferral_views.feed_root, name="openreferral_root"),
    path("openreferral/<slug:slug>/services", openreferral_views.feed_services, name="openreferral_services"),
    path(
        "openreferral/<slug:slug>/services/<str:service_id>",
        openreferral_views.feed_service,
        name="openreferral_service",
    ),  # fmt: skip
    path("api/v1/", api.urls),  # the analysts' read-only API; its OpenAPI description at /api/v1/openapi.json
    path("health/", health, name="health"),
    path("sw.js", service_worker, name="service_worker"),
    path("ready/", ready, name="ready"),
    path("accessibility/", TemplateView.as_view(template_name="accessibility.html"), name="accessibility"),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("accounts/2fa/confirm-email/", mfa_enrolment.email_code, name="mfa_enrolment_email"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("o/<slug:org_slug>/", include(organisation_urls)),
]

handler403 = "mecc.views.permission_denied"
handler404 = "mecc.views.page_not_found"
handler429 = "mecc.views.too_many_requests"  # allauth's rate limits and invitation acceptance answer with it
