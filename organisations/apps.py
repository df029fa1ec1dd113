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
        },
        not_organisation_data=frozenset({"User_groups", "User_user_permissions"}),  # Django's permission tables
        secret_fields={"User": frozenset({"password"})},
    )
