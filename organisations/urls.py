"""Organisation URLs. Everything under /o/<org_slug>/ passes through organisations.access.organisation_view."""

from django.urls import path

from organisations.views import audit, contracts, data, home, invitations, members

app_name = "organisations"

urlpatterns = [
    path("organisations/", home.switch, name="switch"),
    path("o/<slug:org_slug>/", home.home, name="home"),
    path("o/<slug:org_slug>/members/", members.member_list, name="members"),
    path("o/<slug:org_slug>/export/", data.data_export, name="data_export"),
    path("o/<slug:org_slug>/audit/", audit.audit_trail, name="audit_trail"),
    path("o/<slug:org_slug>/members/<int:pk>/", members.member_edit, name="member_edit"),
    path("o/<slug:org_slug>/members/<int:pk>/active/", members.member_set_active, name="member_set_active"),
    path("o/<slug:org_slug>/teams/", members.team_list, name="teams"),
    path("o/<slug:org_slug>/teams/<int:pk>/", members.team_edit, name="team_edit"),
    path("o/<slug:org_slug>/invitations/", invitations.invitation_list, name="invitations"),
    path("o/<slug:org_slug>/invitations/<int:pk>/resend/", invitations.invitation_resend, name="invitation_resend"),
    path("o/<slug:org_slug>/invitations/<int:pk>/revoke/", invitations.invitation_revoke, name="invitation_revoke"),
    path("o/<slug:org_slug>/contracts/", contracts.contract_list, name="contracts"),
    path("o/<slug:org_slug>/contracts/<int:pk>/respond/", contracts.contract_respond, name="contract_respond"),
    path("o/<slug:org_slug>/contracts/<int:pk>/withdraw/", contracts.contract_withdraw, name="contract_withdraw"),
    path("o/<slug:org_slug>/providers/", contracts.provider_portfolio, name="providers"),
]
