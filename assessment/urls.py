"""Organisational Assessment Tool URLs, under /o/<org_slug>/assessments/."""

from django.urls import path

from assessment import views

app_name = "assessment"

urlpatterns = [
    path("o/<slug:org_slug>/assessments/", views.assessment_list, name="list"),
    path("o/<slug:org_slug>/assessments/new/", views.assessment_start, name="start"),
    path("o/<slug:org_slug>/assessments/compare/", views.assessment_compare, name="compare"),
    path("o/<slug:org_slug>/assessments/<int:pk>/", views.assessment_detail, name="detail"),
    path("o/<slug:org_slug>/assessments/<int:pk>/rate/<slug:domain>/", views.assessment_domain, name="domain"),
    path("o/<slug:org_slug>/assessments/<int:pk>/complete/", views.assessment_complete, name="complete"),
    path("o/<slug:org_slug>/assessments/<int:pk>/results/", views.assessment_results, name="results"),
]
