"""Organisation URLs. Everything under /o/<org_slug>/ passes through organisations.access.organisation_view."""

from django.urls import path

from organisations.views import api_tokens, audit, contracts, data, home, invitations, members, notifications, roster

app_name = "organisations"

urlpatterns = [
    path("", home.home, name="home"),
    path("members/", members.member_list, name="members"),
    path("export/", data.data_export, name="data_export"),
    path("downloads/<int:pk>/", data.export_detail, name="export_detail"),
    path("downloads/<int:pk>/file/", data.export_download, name="export_download"),
    path("audit/", audit.audit_trail, name="audit_trail"),
    path("notifications/", notifications.notification_list, name="notifications"),
    path("members/<int:pk>/", members.member_edit, name="member_edit"),
    path("members/<int:pk>/active/", members.member_set_active, name="member_set_active"),
    path("teams/", members.team_list, name="teams"),
    path("roster/", roster.roster_list, name="roster"),
    path("roster/new/", roster.roster_add, name="roster_add"),
    path("roster/<int:pk>/", roster.roster_edit, name="roster_edit"),
    path("roster/import/", roster.roster_import, name="roster_import"),
    path("roster/template.csv", roster.roster_template, name="roster_template"),
    path("teams/<int:pk>/", members.team_edit, name="team_edit"),
    path("invitations/", invitations.invitation_list, name="invitations"),
    path("invitations/<int:pk>/resend/", invitations.invitation_resend, name="invitation_resend"),
    path("invitations/<int:pk>/revoke/", invitations.invitation_revoke, name="invitation_revoke"),
    path("contracts/", contracts.contract_list, name="contracts"),
    path("contracts/<int:pk>/respond/", contracts.contract_respond, name="contract_respond"),
    path("contracts/<int:pk>/withdraw/", contracts.contract_withdraw, name="contract_withdraw"),
    path("providers/", contracts.provider_portfolio, name="providers"),
    path("api-tokens/", api_tokens.token_list, name="api_tokens"),
    path("api-tokens/<int:pk>/revoke/", api_tokens.token_revoke, name="api_token_revoke"),
]
