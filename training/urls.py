"""Training URLs, under /o/<org_slug>/training/."""

from django.urls import path

from training import skills_views, views

app_name = "training"

prefix = "training/"
urlpatterns = [
    path(prefix, views.resource_list, name="resources"),
    path(prefix + "resources/<int:pk>/", views.resource_detail, name="resource"),
    path(prefix + "evaluations/<int:pk>/", views.evaluation_edit, name="evaluation"),
    path(prefix + "evaluations/<int:pk>/results/", views.evaluation_results, name="evaluation_results"),
    path(prefix + "sessions/", views.session_list, name="sessions"),
    path(prefix + "sessions/<int:pk>/", views.session_detail, name="session"),
    path(prefix + "sessions/<int:pk>/survey/<slug:stage>/", views.survey, name="survey"),
    path(prefix + "sessions/<int:pk>/cards/", views.survey_cards, name="survey_cards"),
    path(prefix + "evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path(prefix + "records/", views.records, name="records"),
    path(prefix + "coverage/", views.coverage, name="coverage"),
    path(prefix + "skills/", skills_views.own_skills, name="skills"),
    path(prefix + "skills/profile/", skills_views.skills_profile, name="skills_profile"),
]
