from django.apps import AppConfig
from django.db.models import Q

from organisations.tenancy import TenantData


class AssessmentConfig(AppConfig):
    name = "assessment"
    verbose_name = "Organisational assessment"
    tenant_data = TenantData(
        scopes={"FactorRating": lambda org: Q(assessment__organisation=org)},
        not_organisation_data=frozenset({"ScoringScheme", "SchemeFactor", "FactorLevel"}),  # the published scheme
        delete_first=("Assessment",),  # an assessment protects its team
    )
