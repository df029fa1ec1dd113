from django.apps import AppConfig
from django.db.models import Q

from organisations.tenancy import TenantData


class EvaluationConfig(AppConfig):
    name = "evaluation"
    tenant_data = TenantData(scopes={"SC8Snapshot": lambda org: Q(commissioner=org) | Q(provider=org)})

    def ready(self):
        # Registers the reports as evidence of the checklist's "produce evaluation report" action; models can be
        # imported only once the registry is ready.
        from evaluation import home, reports  # noqa: F401, PLC0415 - home registers its panels
