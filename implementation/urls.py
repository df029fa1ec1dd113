"""Implementation URLs, under /o/<org_slug>/implementation/."""

from django.urls import path

from implementation import library_views, views

app_name = "implementation"

prefix = "implementation/"
urlpatterns = [
    path(prefix, views.checklist, name="checklist"),
    path(prefix + "programme/", views.programme, name="programme"),
    path(prefix + "library/", library_views.library, name="library"),
    path(prefix + "library/<int:pk>/file/", library_views.library_download, name="library_download"),
    path(prefix + "library/<int:pk>/remove/", library_views.library_remove, name="library_remove"),
    path(prefix + "items/<int:pk>/", views.item_detail, name="item"),
    path(prefix + "items/<int:pk>/files/", views.item_upload, name="item_upload"),
    path(prefix + "items/<int:pk>/accept/", views.item_accept, name="item_accept"),
    path(prefix + "evidence/<int:pk>/", views.evidence_download, name="evidence"),
    path(prefix + "objectives/", views.objective_list, name="objectives"),
    path(prefix + "objectives/<int:pk>/", views.objective_edit, name="objective_edit"),
    path(prefix + "objectives/<int:pk>/sign-off/", views.objective_sign_off, name="objective_sign_off"),
    path(prefix + "rollout/", views.rollout, name="rollout"),
    path(prefix + "rollout/teams/<int:team_pk>/", views.team_priority, name="team_priority"),
    path(prefix + "rollout/teams/<int:team_pk>/plan/", views.team_plan, name="team_plan"),
    path(prefix + "rollout/teams/<int:team_pk>/plan/sign-off/", views.team_plan_sign_off, name="team_plan_sign_off"),
]
