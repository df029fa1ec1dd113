from django.apps import AppConfig
from django.db.models import Q

from organisations.tenancy import TenantData


class TrainingConfig(AppConfig):
    name = "training"
    tenant_data = TenantData(
        scopes={
            "TrainingSession_attendees": lambda org: Q(trainingsession__organisation=org),
            "TrainingSession_roster_attendees": lambda org: Q(trainingsession__organisation=org),
        },
        not_organisation_data=frozenset({"QualityChecklist"}),  # the published checklist versions
        delete_first=("TrainingRecord", "TrainingSession"),  # a session protects its resource
    )

    def ready(self):
        # Models can be imported only once the registry is ready, so the signal wiring is imported here.
        from training import coverage  # noqa: PLC0415

        coverage.connect()  # cached coverage counts follow every training record, membership, roster and team change
