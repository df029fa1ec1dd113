from django.apps import AppConfig
from django.db.models import Q

from organisations.tenancy import TenantData


class OrganisationsConfig(AppConfig):
    name = "organisations"
    tenant_data = TenantData(
        scopes={
            "Organisation": lambda org: Q(pk=org.pk),
            "User": lambda org: Q(memberships__organisation=org),
            "CommissioningContract": lambda org: Q(commissioner=org) | Q(provider=org),
            "EmailChoices": lambda org: Q(user__memberships__organisation=org),
        },
        # Django's permission tables, and the national ODS reference list
        not_organisation_data=frozenset({"User_groups", "User_user_permissions", "OdsOrganisation"}),
        secret_fields={"User": frozenset({"password"}), "ApiToken": frozenset({"key_hash"})},
    )

    def ready(self):
        # Models can be imported only once the registry is ready, so the sign-in receivers load here.
        from organisations import signals  # noqa: PLC0415

        signals.connect()
