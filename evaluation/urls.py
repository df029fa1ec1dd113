"""Contact log and directory URLs, all under /o/<org_slug>/ and through organisation_view."""

from django.urls import path

from evaluation.views import conversations, directory, imports, reports, sc8

app_name = "evaluation"

urlpatterns = [
    path("o/<slug:org_slug>/conversations/new/", conversations.log_conversation, name="log"),
    path("o/<slug:org_slug>/conversations/mine/", conversations.my_conversations, name="mine"),
    path("o/<slug:org_slug>/conversations/", conversations.conversation_list, name="conversations"),
    path("o/<slug:org_slug>/conversations/summary/", conversations.conversation_summary, name="summary"),
    path("o/<slug:org_slug>/conversations/<int:pk>/edit/", conversations.conversation_edit, name="conversation_edit"),
    path(
        "o/<slug:org_slug>/conversations/<int:pk>/delete/",
        conversations.conversation_delete,
        name="conversation_delete",
    ),
    path(
        "o/<slug:org_slug>/conversations/<int:pk>/history/",
        conversations.conversation_history,
        name="conversation_history",
    ),
    path("o/<slug:org_slug>/conversations/import/", imports.import_start, name="import"),
    path("o/<slug:org_slug>/conversations/import/template.csv", imports.import_template, name="import_template"),
    path("o/<slug:org_slug>/conversations/import/<int:pk>/", imports.import_detail, name="import_detail"),
    path("o/<slug:org_slug>/services/", directory.service_list, name="services"),
    path("o/<slug:org_slug>/services/new/", directory.service_create, name="service_create"),
    path("o/<slug:org_slug>/services/<int:pk>/", directory.service_edit, name="service_edit"),
    path("o/<slug:org_slug>/sc8/", sc8.portfolio, name="sc8"),
    path("o/<slug:org_slug>/sc8/providers/<int:provider_pk>/", sc8.provider_detail, name="sc8_provider"),
    path("o/<slug:org_slug>/sc8/contracts/<int:pk>/thresholds/", sc8.contract_thresholds, name="sc8_thresholds"),
    path("o/<slug:org_slug>/sc8/mine/", sc8.own_position, name="sc8_own"),
    path("o/<slug:org_slug>/sc8/reports/", reports.sc8_report_request, name="sc8_report_request"),
    path("o/<slug:org_slug>/sc8/reports/<int:pk>/", reports.sc8_report_detail, name="sc8_report_detail"),
    path("o/<slug:org_slug>/sc8/reports/<int:pk>/retry/", reports.sc8_report_retry, name="sc8_report_retry"),
    path("o/<slug:org_slug>/sc8/reports/<int:pk>/download/", reports.sc8_report_download, name="sc8_report_download"),
    path("o/<slug:org_slug>/reports/", reports.report_list, name="reports"),
    path("o/<slug:org_slug>/reports/schedule/", reports.report_schedule, name="report_schedule"),
    path("o/<slug:org_slug>/reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("o/<slug:org_slug>/reports/<int:pk>/retry/", reports.report_retry, name="report_retry"),
    path("o/<slug:org_slug>/reports/<int:pk>/download/", reports.report_download, name="report_download"),
]
