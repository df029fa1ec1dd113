from django.apps import AppConfig
from django.db.models import Q

from organisations.tenancy import TenantData


class ContactsConfig(AppConfig):
    name = "contacts"
    verbose_name = "Contact log and signposting directory"
    tenant_data = TenantData(scopes={"Conversation_services": lambda org: Q(conversation__organisation=org)})
