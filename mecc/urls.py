"""Top-level URLs: accounts (django-allauth), the Django admin for platform staff, and each app's URLs."""

from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from mecc.views import health
from organisations.views import home, invitations

urlpatterns = [
    path("", home.start, name="home"),
    path("invitations/<str:token>/", invitations.invitation_accept, name="invitation_accept"),
    path("health/", health, name="health"),
    path("accessibility/", TemplateView.as_view(template_name="accessibility.html"), name="accessibility"),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
    path("", include("organisations.urls")),
    path("", include("evaluation.urls")),
    path("", include("assessment.urls")),
    path("", include("implementation.urls")),
    path("", include("training.urls")),
]

handler403 = "mecc.views.permission_denied"
handler404 = "mecc.views.page_not_found"
handler429 = "mecc.views.too_many_requests"  # allauth's rate limits and invitation acceptance answer with it
