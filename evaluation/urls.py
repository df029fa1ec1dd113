"""Summary, SC8 and report URLs, mounted under /o/<org_slug>/ by mecc/urls.py."""

from django.urls import path

from evaluation.views import reports, sc8, summary

app_name = "evaluation"

urlpatterns = [
    path("conversations/summary/", summary.conversation_summary, name="summary"),
    path("sc8/", sc8.portfolio, name="sc8"),
    path("sc8/providers/<int:provider_pk>/", sc8.provider_detail, name="sc8_provider"),
    path("sc8/contracts/<int:pk>/thresholds/", sc8.contract_thresholds, name="sc8_thresholds"),
    path("sc8/mine/", sc8.own_position, name="sc8_own"),
    path("sc8/reports/", reports.sc8_report_request, name="sc8_report_request"),
    path("sc8/reports/<int:pk>/", reports.sc8_report_detail, name="sc8_report_detail"),
    path("sc8/reports/<int:pk>/retry/", reports.sc8_report_retry, name="sc8_report_retry"),
    path("sc8/reports/<int:pk>/download/", reports.sc8_report_download, name="sc8_report_download"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/schedule/", reports.report_schedule, name="report_schedule"),
    path("reports/<int:pk>/", reports.report_detail, name="report_detail"),
    path("reports/<int:pk>/retry/", reports.report_retry, name="report_retry"),
    path("reports/<int:pk>/download/", reports.report_download, name="report_download"),
]
