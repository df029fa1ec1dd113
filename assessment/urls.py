"""Organisational Assessment Tool URLs, under /o/<org_slug>/assessments/."""

from django.urls import path

from assessment import views

app_name = "assessment"

urlpatterns = [
    path("assessments/", views.assessment_list, name="list"),
    path("assessments/new/", views.assessment_start, name="start"),
    path("assessments/compare/", views.assessment_compare, name="compare"),
    path("assessments/<int:pk>/", views.assessment_detail, name="detail"),
    path("assessments/<int:pk>/rate/<slug:domain>/", views.assessment_domain, name="domain"),
    path("assessments/<int:pk>/check/", views.assessment_check, name="check"),
    path("assessments/<int:pk>/complete/", views.assessment_complete, name="complete"),
    path("assessments/<int:pk>/results/", views.assessment_results, name="results"),
]
